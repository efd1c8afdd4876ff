"""The public estimators: MultiTaskBackpropRegressor and MultiTaskBackpropClassifier."""

import numpy as np
from sklearn.base import ClassifierMixin, RegressorMixin
from sklearn.metrics import accuracy_score, r2_score

from sklearn_mtb._base import BaseMultiTaskBackprop
from sklearn_mtb._tasks import CLASSIFICATION, REGRESSION

_SHARED_PARAMETERS = """
    hidden_layer_sizes : int or tuple of int, default=(16,)
        Units of each hidden layer. The hidden layers are shared by every task; each task
        has its own output head on top of the last one.

    activation : {"logistic", "tanh", "relu"}, default="logistic"
        Activation of the hidden units. The paper used logistic units.

    main_tasks : label, int, list of them, or None, default=None
        The target columns that ``predict`` and ``score`` are about. Column labels of a
        DataFrame ``y`` or integer positions. None makes every column a main task. A single
        label or position makes ``predict`` return a 1-D array; a list returns 2-D
        (n_samples, n_main).

    aux_tasks : "rest" or list, default="rest"
        The auxiliary target columns, learnt on the same hidden layer to help the main
        tasks and needed at training time only. "rest" takes every column that is not a
        main task; a list names them; ``[]`` gives single-task backprop (STB) on the same
        ``y``. Columns that are neither main nor auxiliary are ignored.

    task_types : dict or None, default=None
        ``{task: "regression" | "classification"}`` for auxiliary tasks whose kind should
        not follow their column's dtype (float columns are regression, bool, integer,
        string and categorical columns are classification).

    task_weights : dict, array-like of shape (n_tasks,) or None, default=None
        Multipliers of each task's error signal, i.e. per-output learning rates. None
        weights every task 1. A dict ``{task: weight}`` leaves unnamed tasks at 1; an
        array follows the order of ``tasks_`` (main tasks first, then auxiliary tasks in
        column order). Weights must be finite and non-negative; a weight of 0 makes a
        task monitored but not learnt.

    snapshots : {"per_task", "joint"} or None, default="per_task"
        "per_task" predicts each task from the epoch at which its own validation error
        was lowest (the paper's advice). "joint" keeps one snapshot, at the lowest mean
        main-task validation error. None predicts from the weights of the last epoch.
        Snapshots need validation data (``validation_fraction > 0`` or ``X_val``);
        without it every task is predicted from the last epoch.

    solver : {"sgd", "adam"}, default="sgd"
        "sgd" is backprop with momentum, as in the paper; "adam" is Adam.

    batch_size : int, default=1
        Rows per weight update. 1 is online backprop, as in the paper.

    learning_rate_init : float, default=0.01
        Step size of the weight updates.

    momentum : float, default=0.9
        Momentum of "sgd" (the velocity is ``momentum * v - learning_rate * gradient``).

    beta_1 : float, default=0.9
        Decay of Adam's first-moment estimate.

    beta_2 : float, default=0.999
        Decay of Adam's second-moment estimate.

    epsilon : float, default=1e-8
        Adam's numerical-stability constant.

    alpha : float, default=0.0
        L2 penalty on the weights (not the biases). The paper used none: early stopping
        on the validation set is its regularizer.

    max_iter : int, default=200
        Maximum number of epochs. A ConvergenceWarning is issued when it is reached while
        a monitored task is still improving.

    validation_fraction : float, default=0.1
        Fraction of the training rows set aside (at random) as the validation ("halt")
        set that drives snapshots and stopping. Ignored when ``X_val`` is passed to
        ``fit``. 0 disables validation.

    n_iter_no_change : int, default=20
        Training stops when no monitored task has improved its validation error by more
        than ``tol`` for this many epochs. With ``snapshots="per_task"`` every task is
        monitored, so training goes on until all of them have stopped improving; with
        "joint" or None the mean main-task error is monitored. Without validation data
        the total training loss is monitored.

    tol : float, default=1e-4
        Minimum decrease of a monitored error that counts as an improvement.

    shuffle : bool, default=True
        Whether to shuffle the training rows every epoch.

    random_state : int, RandomState instance or None, default=None
        Seeds the weight initialisation, the validation split and the shuffling (which
        runs in compiled code with its own generator, seeded from this). Pass an int for
        reproducible fits.

    verbose : bool or int, default=False
        Print one line per epoch: the training loss and the main tasks' validation
        errors.

    warm_start : bool, default=False
        Continue from the weights, optimizer state and snapshots of the previous fit
        (when the tasks and layer sizes are the same) instead of starting afresh.
"""

_SHARED_ATTRIBUTES = """
    tasks_ : ndarray of shape (n_tasks,)
        Labels of the tasks the net learns: main tasks first, then auxiliary tasks.
        Column labels for a DataFrame ``y``, integer positions otherwise. Every per-task
        array below follows this order.

    main_tasks_ : ndarray of shape (n_main,)
        Labels of the main tasks.

    aux_tasks_ : ndarray of shape (n_aux,)
        Labels of the auxiliary tasks.

    task_types_ : ndarray of shape (n_tasks,)
        "regression" or "classification" for each task.

    task_weights_ : ndarray of shape (n_tasks,)
        The error-signal multiplier of each task.

    coefs_ : list of ndarray
        Weight matrices of the last epoch; ``coefs_[i]`` has shape (units of layer i,
        units of layer i + 1). The output layer holds every task's head.

    intercepts_ : list of ndarray
        Bias vectors of the last epoch.

    n_iter_ : int
        Number of epochs trained.

    loss_curve_ : list of float
        Total training loss (the weighted sum of the task losses plus the penalty)
        averaged over each epoch's minibatches.

    train_curves_ : ndarray of shape (`n_iter_`, n_tasks)
        Each task's mean training loss per epoch (half squared error for regression,
        log-loss for classification).

    validation_curves_ : ndarray of shape (`n_iter_`, n_tasks) or None
        Each task's validation error per epoch: RMSE for regression tasks, log-loss for
        classification tasks. NaN for a task without validation targets. None when no
        validation data was used.

    best_epochs_ : ndarray of shape (n_tasks,) or None
        1-based epoch of each task's lowest validation error, so that
        ``validation_curves_[best_epochs_[t] - 1, t]`` is that task's minimum.

    snapshot_epochs_ : ndarray of shape (n_tasks,)
        1-based epoch whose weights predict each task. Equals ``best_epochs_`` with
        ``snapshots="per_task"``; the joint best epoch with "joint"; ``n_iter_`` with None.

    n_features_in_ : int
        Number of features seen during fit.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    n_layers_ : int
        Number of layers, input and output included.

    n_outputs_ : int
        Number of output units (one per regression or binary task, one per class of a
        multiclass task).

    out_activation_ : str
        "multitask": each task's head has its own link (identity, logistic or softmax).
"""


def _doc(template):
    return template.replace("%(parameters)s", _SHARED_PARAMETERS.strip("\n")).replace(
        "%(attributes)s", _SHARED_ATTRIBUTES.strip("\n")
    )


class MultiTaskBackpropRegressor(RegressorMixin, BaseMultiTaskBackprop):
    __doc__ = _doc(
        """Multitask backpropagation regressor (Caruana, 1994).

    One feed-forward net with shared hidden layers learns the main regression tasks
    together with related auxiliary tasks, so that their error gradients, summed at the
    hidden layer, act as inductive bias for each other. The auxiliary targets are needed
    at training time only. Each task has its own output head (linear with squared error
    for regression, sigmoid or softmax for classification auxiliary tasks), each task can
    be early-stopped on its own, and ``predict`` returns the main tasks, each from the
    snapshot of the epoch at which its validation error was lowest.

    The loss is the weighted sum over tasks of each task's mean loss over the rows where
    its target is present (NaN targets are missing and add no gradient), so adding a task
    does not dilute the learning rate of the others.

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
%(parameters)s

    Attributes
    ----------
%(attributes)s

    See Also
    --------
    MultiTaskBackpropClassifier : The same net with classification main tasks.
    sklearn.neural_network.MLPRegressor : Single net whose outputs share one early stop
        and whose loss averages over outputs.

    Notes
    -----
    The forward pass, backward pass and weight updates of a whole epoch, and the
    per-task validation errors, run in compiled code without the GIL, in float32 when
    ``X`` is float32 and in float64 otherwise.

    References
    ----------
    .. [1] R. Caruana, "Learning Many Related Tasks at the Same Time With
       Backpropagation", Advances in Neural Information Processing Systems 7 (1994).
    .. [2] R. Caruana, "Multitask Learning", Machine Learning 28, 41-75 (1997).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_mtb import MultiTaskBackpropRegressor
    >>> rng = np.random.RandomState(0)
    >>> X = rng.uniform(size=(200, 4))
    >>> feature = X[:, 0] * X[:, 1]
    >>> y = np.column_stack([np.sin(3 * feature), feature])  # main task, then a hint
    >>> reg = MultiTaskBackpropRegressor(
    ...     (8,), main_tasks=0, max_iter=30, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    >>> reg.tasks_
    array([0, 1])
    """
    )

    _estimator_kind = REGRESSION

    def predict(self, X):
        """Predict the main tasks, each from its own snapshot.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_main)
            1-D when ``main_tasks`` is a single task (or None with a 1-D ``y``).
        """
        return self._predict_main(X)

    def score(self, X, y, sample_weight=None):
        """Coefficient of determination R^2 of the main tasks, averaged over them.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.
        y : array-like or DataFrame
            Either every target column of ``fit`` or just the main-task columns. Missing
            (NaN) cells are left out of their task's score.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the rows.

        Returns
        -------
        score : float
            Mean R^2 over the main tasks.
        """
        return self._score_main(
            X, y, sample_weight,
            lambda t, truth, out, sw: r2_score(truth.astype(float), out, sample_weight=sw),
        )


class MultiTaskBackpropClassifier(ClassifierMixin, BaseMultiTaskBackprop):
    __doc__ = _doc(
        """Multitask backpropagation classifier (Caruana, 1994).

    One feed-forward net with shared hidden layers learns the main classification tasks
    together with related auxiliary tasks (classification or regression), so that their
    error gradients, summed at the hidden layer, act as inductive bias for each other.
    Main tasks are classification whatever their dtype: a sigmoid head with log-loss for
    two classes, a softmax head with cross-entropy for more. Auxiliary tasks follow their
    column's dtype (see ``task_types``). ``predict`` returns the original class labels of
    the main tasks, each from the snapshot at which its validation log-loss was lowest.

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
%(parameters)s

    Attributes
    ----------
    classes_ : ndarray or list of ndarray
        Class labels of the main task (an array), or of each main task (a list of arrays)
        when there are several.

%(attributes)s

    See Also
    --------
    MultiTaskBackpropRegressor : The same net with regression main tasks.
    sklearn.neural_network.MLPClassifier : Single-task multilayer perceptron.

    Notes
    -----
    Missing class labels (NaN, None or pandas.NA) are masked like missing regression
    targets. Classification validation curves hold the mean log-loss.

    References
    ----------
    .. [1] R. Caruana, "Learning Many Related Tasks at the Same Time With
       Backpropagation", Advances in Neural Information Processing Systems 7 (1994).
    .. [2] R. Caruana, "Multitask Learning", Machine Learning 28, 41-75 (1997).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_mtb import MultiTaskBackpropClassifier
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(300, 5))
    >>> score = X[:, 0] + X[:, 1]
    >>> y = np.column_stack([np.where(score > 0, "yes", "no"), score])
    >>> clf = MultiTaskBackpropClassifier(
    ...     (8,), main_tasks=0, task_types={1: "regression"}, max_iter=30,
    ...     random_state=0).fit(X, y)
    >>> clf.classes_
    array(['no', 'yes'], dtype='<U...')
    >>> clf.predict_proba(X[:2]).shape
    (2, 2)
    """
    )

    _estimator_kind = CLASSIFICATION

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = True
        return tags

    @property
    def classes_(self):
        """Class labels of the main task(s)."""
        spec = self._spec_or_raise()
        classes = spec.classes[: spec.n_main]
        return classes[0] if spec.squeeze else list(classes)

    def _spec_or_raise(self):
        if not hasattr(self, "_spec"):
            raise AttributeError(
                f"This {type(self).__name__} instance is not fitted yet; classes_ "
                f"exists after fit."
            )
        return self._spec

    def predict(self, X):
        """Predict the class labels of the main tasks, each from its own snapshot.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_main)
            Labels as given in ``y``; 1-D when ``main_tasks`` is a single task (or None
            with a 1-D ``y``).
        """
        return self._predict_main(X)

    def predict_proba(self, X):
        """Class probabilities of the main tasks, each from its own snapshot.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes) or list of such arrays
            One array when there is a single main task (columns follow ``classes_``),
            else a list with one array per main task.
        """
        X = self._check_predict_X(X)
        spec = self._spec
        out = self._raw_outputs(X, range(spec.n_main))
        probas = [out[t] for t in range(spec.n_main)]
        return probas[0] if spec.squeeze else probas

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes) or list of such arrays
            Log-probabilities, laid out as in :meth:`predict_proba`.
        """
        proba = self.predict_proba(X)
        with np.errstate(divide="ignore"):
            if isinstance(proba, list):
                return [np.log(p) for p in proba]
            return np.log(proba)

    def score(self, X, y, sample_weight=None):
        """Accuracy of the main tasks, averaged over them.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.
        y : array-like or DataFrame
            Either every target column of ``fit`` or just the main-task columns. Missing
            labels are left out of their task's accuracy.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the rows.

        Returns
        -------
        score : float
            Mean accuracy over the main tasks.
        """
        return self._score_main(
            X, y, sample_weight,
            lambda t, truth, out, sw: accuracy_score(truth, self._decode(t, out),
                                                     sample_weight=sw),
        )
