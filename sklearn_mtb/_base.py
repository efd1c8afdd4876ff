"""Shared machinery of the multitask backprop estimators: validation, training loop policy,
per-task snapshots and prediction from them."""

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import TransformerTags, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import (
    _check_sample_weight,
    check_is_fitted,
    validate_data,
)

from sklearn_mtb import _core
from sklearn_mtb._tasks import TargetTable, TaskSpec, _plain, missing_mask

_ACTIVATIONS = {
    "logistic": _core.ACT_LOGISTIC,
    "tanh": _core.ACT_TANH,
    "relu": _core.ACT_RELU,
}
_SOLVERS = {"sgd": _core.SOLVER_SGD, "adam": _core.SOLVER_ADAM}


def _link(raw, head_kind):
    """Apply a head's link function to its raw output scores."""
    if head_kind == _core.HEAD_SQUARED:
        return raw[:, 0]
    if head_kind == _core.HEAD_BINARY:
        p = np.empty_like(raw[:, 0])
        z = raw[:, 0]
        pos = z >= 0
        p[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        p[~pos] = ez / (1.0 + ez)
        return np.column_stack([1 - p, p])
    shifted = raw - raw.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


class BaseMultiTaskBackprop(BaseEstimator):
    """Base class of the multitask backprop estimators; do not use it directly."""

    _parameter_constraints = {
        "hidden_layer_sizes": ["array-like", Interval(numbers.Integral, 1, None, closed="left")],
        "activation": [StrOptions(set(_ACTIVATIONS))],
        "main_tasks": "no_validation",
        "aux_tasks": [StrOptions({"rest"}), "array-like"],
        "task_types": [dict, None],
        "task_weights": [dict, "array-like", None],
        "snapshots": [StrOptions({"per_task", "joint"}), None],
        "solver": [StrOptions(set(_SOLVERS))],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "learning_rate_init": [Interval(numbers.Real, 0, None, closed="neither")],
        "momentum": [Interval(numbers.Real, 0, 1, closed="left")],
        "beta_1": [Interval(numbers.Real, 0, 1, closed="left")],
        "beta_2": [Interval(numbers.Real, 0, 1, closed="left")],
        "epsilon": [Interval(numbers.Real, 0, None, closed="neither")],
        "alpha": [Interval(numbers.Real, 0, None, closed="left")],
        "max_iter": [Interval(numbers.Integral, 1, None, closed="left")],
        "validation_fraction": [Interval(numbers.Real, 0, 1, closed="left")],
        "n_iter_no_change": [Interval(numbers.Integral, 1, None, closed="left")],
        "tol": [Interval(numbers.Real, 0, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "warm_start": ["boolean"],
    }

    # The subclasses share this signature; they differ in ``_estimator_kind``.
    def __init__(
        self,
        hidden_layer_sizes=(16,),
        *,
        activation="logistic",
        main_tasks=None,
        aux_tasks="rest",
        task_types=None,
        task_weights=None,
        snapshots="per_task",
        solver="sgd",
        batch_size=1,
        learning_rate_init=0.01,
        momentum=0.9,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        alpha=0.0,
        max_iter=200,
        validation_fraction=0.1,
        n_iter_no_change=20,
        tol=1e-4,
        shuffle=True,
        random_state=None,
        verbose=False,
        warm_start=False,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.main_tasks = main_tasks
        self.aux_tasks = aux_tasks
        self.task_types = task_types
        self.task_weights = task_weights
        self.snapshots = snapshots
        self.solver = solver
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.momentum = momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.alpha = alpha
        self.max_iter = max_iter
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.shuffle = shuffle
        self.random_state = random_state
        self.verbose = verbose
        self.warm_start = warm_start

    # ------------------------------------------------------------------ tags
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.target_tags.multi_output = True
        tags.non_deterministic = False
        # transform() gives the shared hidden representation, in X's float dtype.
        tags.transformer_tags = TransformerTags(preserves_dtype=["float64", "float32"])
        return tags

    # ------------------------------------------------------------ validation
    def _hidden_sizes(self):
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral):
            sizes = [sizes]
        sizes = list(sizes)
        for s in sizes:
            if not isinstance(s, numbers.Integral) or isinstance(s, bool) or s < 1:
                raise ValueError(
                    f"hidden_layer_sizes must hold positive integers, one per hidden layer; "
                    f"got {self.hidden_layer_sizes!r}."
                )
        return [int(s) for s in sizes]

    def _resolve_task_weights(self, spec):
        n = spec.n_tasks
        tw = self.task_weights
        if tw is None:
            weights = np.ones(n)
        elif isinstance(tw, dict):
            weights = np.ones(n)
            columns = _LabelsOnly(spec, all_columns=True)
            for key, value in tw.items():
                column = columns.index_of(key, "task_weights")
                value = _as_weight(value, key)
                if column in spec.columns:  # columns that are not tasks are ignored
                    weights[spec.columns.index(column)] = value
        else:
            weights = np.asarray(tw, dtype=np.float64)
            if weights.ndim != 1 or weights.shape[0] != n:
                raise ValueError(
                    f"task_weights has shape {np.shape(tw)} but there are {n} tasks "
                    f"{[_plain(x) for x in spec.labels]}; give one weight per task in that "
                    f"order, or a dict {{task: weight}}."
                )
            for key, value in zip(spec.labels, weights):
                _as_weight(value, key)
        if not np.any(weights > 0):
            raise ValueError("task_weights are all zero: at least one task must learn.")
        return weights

    # ----------------------------------------------------------------- fit
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None):
        """Train the multitask net on the main and auxiliary target columns of ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs.
        y : array-like of shape (n_samples,) or (n_samples, n_columns), or DataFrame
            Target columns: the main tasks and the auxiliary tasks (see ``main_tasks`` and
            ``aux_tasks``). NaN (or None) in a cell marks a missing target, which adds no
            error and no gradient.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights of the training rows.
        X_val : array-like of shape (n_val, n_features), default=None
            Validation inputs. When given they replace the internal split of
            ``validation_fraction``.
        y_val : array-like or DataFrame, default=None
            Validation targets holding every task column, under the same labels (DataFrame)
            or in the same columns as ``y``.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        return self._fit(X, y, sample_weight, X_val, y_val)

    def _fit(self, X, y, sample_weight, X_val, y_val):
        name = type(self).__name__
        if y is None:
            raise ValueError(
                f"{name} requires y to be passed, but the target y is None."
            )
        warm = self.warm_start and hasattr(self, "_params")
        X = validate_data(
            self, X, reset=not warm, dtype=(np.float64, np.float32), order="C",
            ensure_min_samples=1,
        )
        dtype = X.dtype
        table = TargetTable(y)
        if table.n_samples != X.shape[0]:
            raise ValueError(
                f"X has {X.shape[0]} rows but y has {table.n_samples}; give one target row "
                f"per input row."
            )
        spec = TaskSpec(table, self.main_tasks, self.aux_tasks, self.task_types,
                        self._estimator_kind, name)
        Y = spec.encode(table, dtype)
        for t in range(spec.n_tasks):
            if np.all(np.isnan(Y[:, t])):
                what = "main" if t < spec.n_main else "auxiliary"
                raise ValueError(
                    f"The {what} task {spec.labels[t]!r} has no target values (all "
                    f"missing); drop it or give it some targets."
                )
        weights = self._resolve_task_weights(spec)
        if sample_weight is None:
            sw = np.ones(X.shape[0], dtype=dtype)
        else:
            sw = _check_sample_weight(sample_weight, X, dtype=dtype,
                                      ensure_non_negative=True)
            sw = np.ascontiguousarray(sw, dtype=dtype)
        if not np.any(sw > 0):
            raise ValueError("sample_weight is zero everywhere; give some rows weight.")

        rng = check_random_state(self.random_state)
        Xt, Yt, swt, Xv, Yv, swv = self._split(X, Y, sw, spec, X_val, y_val, rng, dtype)

        hidden = self._hidden_sizes()
        sizes = np.asarray([X.shape[1]] + hidden + [spec.n_outputs], dtype=np.intc)
        if warm and not self._same_structure(sizes, spec):
            warm = False
        if not warm:
            self._init_state(sizes, spec, dtype, rng)
        else:
            self._params = self._params.astype(dtype, copy=False)

        # Per-task normalisation of the sample weights (see the header of _core.pyx).
        present = ~np.isnan(Yt)
        c = np.array([
            swt[present[:, t]].mean() if present[:, t].any() else 0.0
            for t in range(spec.n_tasks)
        ])
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(c > 0, weights / c, 0.0).astype(dtype)
        mean_sw = float(swt.mean()) if swt.size else 1.0
        alpha = float(self.alpha) / mean_sw if mean_sw > 0 else 0.0

        self.tasks_ = _label_array(spec.labels)
        self.main_tasks_ = self.tasks_[: spec.n_main]
        self.aux_tasks_ = self.tasks_[spec.n_main:]
        self.task_types_ = np.asarray(spec.kinds, dtype=object)
        self.task_weights_ = weights
        self._spec = spec
        self._train_loop(Xt, Yt, swt, Xv, Yv, swv, sizes, spec, scale, alpha)
        return self

    def _split(self, X, Y, sw, spec, X_val, y_val, rng, dtype):
        if (X_val is None) != (y_val is None):
            raise ValueError("Give both X_val and y_val, or neither.")
        if X_val is not None:
            Xv = validate_data(self, X_val, reset=False, dtype=dtype, order="C")
            table = TargetTable(y_val)
            if table.n_samples != Xv.shape[0]:
                raise ValueError(
                    f"X_val has {Xv.shape[0]} rows but y_val has {table.n_samples}."
                )
            Yv = spec.encode(table, dtype, where="validation targets y_val")
            return X, Y, sw, Xv, Yv, np.ones(Xv.shape[0], dtype=dtype)
        n = X.shape[0]
        n_val = int(np.ceil(self.validation_fraction * n))
        if self.validation_fraction == 0 or n - n_val < 1 or n_val < 1:
            return X, Y, sw, None, None, None
        perm = rng.permutation(n)
        val, train = np.sort(perm[:n_val]), np.sort(perm[n_val:])
        for t in range(spec.n_tasks):
            if np.all(np.isnan(Y[train, t])):
                raise ValueError(
                    f"After setting aside validation_fraction={self.validation_fraction} "
                    f"of the rows, task {spec.labels[t]!r} has no training targets left; "
                    f"lower validation_fraction or pass X_val and y_val."
                )
        return (
            np.ascontiguousarray(X[train]), np.ascontiguousarray(Y[train]),
            np.ascontiguousarray(sw[train]), np.ascontiguousarray(X[val]),
            np.ascontiguousarray(Y[val]), np.ascontiguousarray(sw[val]),
        )

    def _same_structure(self, sizes, spec):
        return (
            np.array_equal(self._sizes, sizes)
            and list(self._spec.labels) == list(spec.labels)
            and list(self._spec.kinds) == list(spec.kinds)
        )

    def _init_state(self, sizes, spec, dtype, rng):
        params = np.empty(_core.n_params(sizes), dtype=dtype)
        factor = 2.0 if self.activation == "logistic" else 6.0
        pos = 0
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            bound = np.sqrt(factor / (fan_in + fan_out))
            n = (fan_in + 1) * fan_out
            params[pos:pos + n] = rng.uniform(-bound, bound, n)
            pos += n
        self._sizes = sizes
        self._params = params
        self._state_1 = np.zeros_like(params)
        self._state_2 = np.zeros_like(params) if self.solver == "adam" else params[:0].copy()
        self._step = np.zeros(1, dtype=np.longlong)
        seed = int(rng.randint(1, np.iinfo(np.int32).max)) * 2654435761 + 1
        self._rng_state = np.array([seed % (2**64) or 1], dtype=np.ulonglong)
        self._snapshot_params = np.tile(params, (spec.n_tasks, 1))
        self.snapshot_epochs_ = np.zeros(spec.n_tasks, dtype=np.intp)
        self.n_iter_ = 0
        self.loss_curve_ = []
        self._train_curves = []
        self._validation_curves = []
        self._best = np.full(spec.n_tasks, np.inf)
        self._best_monitor = np.inf
        self._no_improvement = 0

    def _train_loop(self, Xt, Yt, swt, Xv, Yv, swv, sizes, spec, scale, alpha):
        if self.solver == "adam" and self._state_2.shape[0] != self._params.shape[0]:
            self._state_2 = np.zeros_like(self._params)
        act = _ACTIVATIONS[self.activation]
        solver = _SOLVERS[self.solver]
        has_val = Xv is not None
        mode = self.snapshots if has_val else None
        n_tasks = spec.n_tasks
        # Curves are written in place by the compiled calls, one row per epoch.
        capacity = min(self.max_iter, 256)
        train_rows = np.zeros((capacity, n_tasks))
        val_rows = np.full((capacity, n_tasks), np.nan)
        task_wsum = np.zeros(n_tasks)
        best = self._best
        snapshot_params = self._snapshot_params
        params = self._params
        per_task = mode == "per_task"
        n_main = spec.n_main
        tol = self.tol
        self._no_improvement = 0
        converged = False
        n_new = 0
        for i in range(self.max_iter):
            if i == capacity:
                capacity = min(2 * capacity, self.max_iter)
                train_rows = np.concatenate([train_rows, np.zeros_like(train_rows)])
                val_rows = np.concatenate([val_rows, np.full_like(val_rows, np.nan)])
            status, objective = _core.train_epoch(
                params, Xt, Yt, swt, sizes, act, spec.head_kind, spec.head_start,
                spec.head_width, scale, solver, self.learning_rate_init, self.momentum,
                self.beta_1, self.beta_2, self.epsilon, alpha, self._state_1,
                self._state_2, self._step, self.batch_size, bool(self.shuffle),
                self._rng_state, train_rows[i], task_wsum,
            )
            if status != 0:
                epoch = self.n_iter_ + 1
                self._forget_fit()
                raise ValueError(
                    f"Training diverged in epoch {epoch}: the loss or the "
                    f"weights became non-finite. Lower learning_rate_init (now "
                    f"{self.learning_rate_init}), scale the inputs and regression targets, "
                    f"or lower the task_weights."
                )
            n_new = i + 1
            self.n_iter_ += 1
            epoch = self.n_iter_
            self.loss_curve_.append(float(objective))
            if has_val:
                err = val_rows[i]
                _core.evaluate(params, Xv, Yv, swv, sizes, act, spec.head_kind,
                               spec.head_start, spec.head_width, err)
                # NaN (a task without validation targets) compares False: never better.
                better = err < best
                if per_task:
                    improved = bool((err < best - tol).any())
                    snapshot_params[better] = params  # the improved tasks' rows
                    self.snapshot_epochs_[better] = epoch
                else:
                    main_err = err[:n_main]
                    main_err = main_err[main_err == main_err]  # drop NaN
                    monitor = main_err.mean() if main_err.size else np.nan
                    improved = monitor < self._best_monitor - tol
                    if monitor < self._best_monitor:
                        self._best_monitor = monitor
                        if mode == "joint":
                            snapshot_params[:] = params
                            self.snapshot_epochs_[:] = epoch
                np.copyto(best, err, where=better)
            else:
                improved = objective < self._best_monitor - tol
                self._best_monitor = min(self._best_monitor, objective)
            if self.verbose:
                self._print_epoch(epoch, objective, val_rows[i] if has_val else None,
                                  spec)
            self._no_improvement = 0 if improved else self._no_improvement + 1
            if self._no_improvement >= self.n_iter_no_change:
                converged = True
                break
        self._train_curves.append(train_rows[:n_new])
        if has_val:
            self._validation_curves.append(val_rows[:n_new])

        # Tasks never snapshotted (no validation, snapshots=None, or no validation
        # targets for that task) are predicted from the last epoch.
        if mode is None:
            last = np.ones(n_tasks, dtype=bool)
        else:
            last = self.snapshot_epochs_ == 0
        snapshot_params[last] = params
        self.snapshot_epochs_[last] = self.n_iter_
        self._finish_attributes(sizes, has_val)
        if not converged:
            warnings.warn(
                f"{type(self).__name__} reached max_iter={self.max_iter} epochs while a "
                f"monitored task was still improving; raise max_iter to train longer.",
                ConvergenceWarning,
            )

    def _forget_fit(self):
        """Drop every fitted attribute, so a diverged net can never be used to predict."""
        for name in list(vars(self)):
            if name.endswith("_") or name.startswith("_") and not name.startswith("__"):
                if name not in self.get_params():
                    delattr(self, name)

    def _finish_attributes(self, sizes, has_val):
        n_tasks = len(self.tasks_)
        self.train_curves_ = np.concatenate(self._train_curves).reshape(-1, n_tasks)
        vc = (np.concatenate(self._validation_curves).reshape(-1, n_tasks)
              if self._validation_curves else np.empty((0, n_tasks)))
        if has_val and vc.shape[0] == self.train_curves_.shape[0]:
            self.validation_curves_ = vc
            filled = np.where(np.isnan(vc), np.inf, vc)
            self.best_epochs_ = np.argmin(filled, axis=0) + 1
        else:
            self.validation_curves_ = None
            self.best_epochs_ = None
        self.coefs_, self.intercepts_ = _unflatten(self._params, sizes)
        self.n_layers_ = len(sizes)
        self.n_outputs_ = int(sizes[-1])
        self.out_activation_ = "multitask"

    def _print_epoch(self, epoch, objective, err, spec):
        line = f"Epoch {epoch}, loss = {objective:.6f}"
        if err is not None:
            parts = ", ".join(
                f"{_plain(spec.labels[t])}={err[t]:.5f}" for t in range(spec.n_main)
            )
            line += f", validation error of main tasks: {parts}"
        print(line)

    # ------------------------------------------------------------ predict
    def _check_predict_X(self, X):
        check_is_fitted(self, "_params")
        return validate_data(self, X, reset=False, dtype=self._params.dtype, order="C")

    def _task_indices(self, tasks):
        if tasks is None:
            return list(range(len(self.tasks_)))
        spec = self._spec
        if isinstance(tasks, (str, numbers.Integral)) or not hasattr(tasks, "__iter__"):
            tasks = [tasks]
        labels = _LabelsOnly(spec)
        return [spec.position(labels.index_of(k, "tasks"), k, "tasks") for k in tasks]

    def _raw_outputs(self, X, tasks):
        """Per task, the head's linked output: values (regression) or probabilities."""
        spec = self._spec
        act = _ACTIVATIONS[self.activation]
        L = len(self._sizes) - 1
        results = {}
        by_epoch = {}
        for t in tasks:
            by_epoch.setdefault(int(self.snapshot_epochs_[t]), []).append(t)
        for group in by_epoch.values():
            params = self._snapshot_params[group[0]]
            raw = _core.forward(params, X, self._sizes, act, L)
            for t in group:
                s, w = spec.head_start[t], spec.head_width[t]
                results[t] = _link(raw[:, s:s + w], spec.head_kind[t])
        return results

    def _decode(self, t, output):
        classes = self._spec.classes[t]
        if classes is None:
            return output
        return classes[np.argmax(output, axis=1)]

    def predict_tasks(self, X, tasks=None):
        """Predict any tasks, each from its own snapshot.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.
        tasks : label, int or list of them, default=None
            Tasks to predict, by label or position; None predicts every task in ``tasks_``
            order.

        Returns
        -------
        predictions : ndarray of shape (n_samples, n_requested) or DataFrame
            Values for regression tasks and class labels for classification tasks; a
            DataFrame with the task labels as columns when ``y`` was a DataFrame (indexed
            like ``X`` when ``X`` is a DataFrame).
        """
        index = getattr(X, "index", None) if hasattr(X, "columns") else None
        X = self._check_predict_X(X)
        idx = self._task_indices(tasks)
        out = self._raw_outputs(X, idx)
        columns = [self._decode(t, out[t]) for t in idx]
        if self._spec.is_frame:
            import pandas as pd

            return pd.DataFrame(
                {self._spec.labels[t]: col for t, col in zip(idx, columns)},
                columns=[self._spec.labels[t] for t in idx],
                index=index,
            )
        if all(np.asarray(c).dtype.kind in "fiub" for c in columns):
            return np.column_stack(columns) if columns else np.empty((X.shape[0], 0))
        result = np.empty((X.shape[0], len(columns)), dtype=object)
        for k, col in enumerate(columns):
            result[:, k] = col
        return result

    def _predict_main(self, X):
        X = self._check_predict_X(X)
        spec = self._spec
        main = list(range(spec.n_main))
        out = self._raw_outputs(X, main)
        columns = [self._decode(t, out[t]) for t in main]
        if spec.squeeze:
            return columns[0]
        if all(np.asarray(c).dtype == np.asarray(columns[0]).dtype for c in columns):
            return np.column_stack(columns)
        result = np.empty((X.shape[0], len(columns)), dtype=object)
        for k, col in enumerate(columns):
            result[:, k] = col
        return result

    def transform(self, X):
        """Shared hidden representation: the last hidden layer's activations.

        The weights used are those that predict the first main task (its snapshot).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        hidden : ndarray of shape (n_samples, hidden_layer_sizes[-1])
            Activations of the last hidden layer.
        """
        X = self._check_predict_X(X)
        act = _ACTIVATIONS[self.activation]
        return _core.forward(self._snapshot_params[0], X, self._sizes, act,
                             len(self._sizes) - 2)

    def fit_transform(self, X, y, **fit_params):
        """Fit the net, then return the shared hidden representation of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs.
        y : array-like or DataFrame
            Target columns, as in :meth:`fit`.
        **fit_params : dict
            Further arguments of :meth:`fit` (``sample_weight``, ``X_val``, ``y_val``).

        Returns
        -------
        hidden : ndarray of shape (n_samples, hidden_layer_sizes[-1])
            Activations of the last hidden layer, as :meth:`transform` gives them.
        """
        return self.fit(X, y, **fit_params).transform(X)

    def _score_main(self, X, y, sample_weight, metric):
        """Mean over the main tasks of ``metric(t, truth, output, sw)`` on present rows."""
        X = self._check_predict_X(X)
        columns = self._main_targets(y, X.shape[0])
        out = self._raw_outputs(X, range(self._spec.n_main))
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        scores = []
        for t, col in enumerate(columns):
            keep = ~missing_mask(col)
            scores.append(metric(t, np.asarray(col)[keep], out[t][keep],
                                 None if sw is None else sw[keep]))
        return float(np.mean(scores))

    def _main_targets(self, y, n_samples):
        """Main-task target columns of a y that holds all tasks or only the main ones."""
        spec = self._spec
        table = TargetTable(y)
        if table.n_samples != n_samples:
            raise ValueError(f"X has {n_samples} rows but y has {table.n_samples}.")
        main = list(range(spec.n_main))
        if table.is_frame and spec.is_frame:
            cols = spec.locate(table, "y passed to score", main)
        elif len(table.labels) == spec.n_y_columns:
            cols = [spec.columns[t] for t in main]
        elif len(table.labels) == spec.n_main:
            cols = list(range(spec.n_main))
        else:
            raise ValueError(
                f"y passed to score has {len(table.labels)} column(s); give all "
                f"{spec.n_y_columns} target columns of fit or just the {spec.n_main} main "
                f"task column(s)."
            )
        return [table.columns[j] for j in cols]


class _LabelsOnly:
    """Key lookup over the task labels of a fitted spec (or over all columns of y)."""

    def __init__(self, spec, all_columns=False):
        self._spec = spec
        self._all = all_columns

    def index_of(self, key, what):
        spec = self._spec
        if spec.is_frame:
            pairs = (enumerate(spec.y_labels) if self._all
                     else zip(spec.columns, spec.labels))
            for column, lab in pairs:
                try:
                    if bool(lab == key):
                        return column
                except (TypeError, ValueError):
                    pass
        if (
            isinstance(key, numbers.Integral)
            and not isinstance(key, bool)
            and 0 <= key < spec.n_y_columns
        ):
            return int(key)
        known = spec.y_labels if self._all else spec.labels
        raise ValueError(
            f"Unknown task {_plain(key)!r} in {what}. The "
            f"{'target columns' if self._all else 'tasks'} are "
            f"{[_plain(x) for x in known]}."
        )


def _as_weight(value, key):
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"task_weights[{_plain(key)!r}] = {value!r} is not a number.") from None
    if not np.isfinite(value) or value < 0:
        raise ValueError(
            f"task_weights[{_plain(key)!r}] = {value!r}; task weights must be finite and "
            f"non-negative."
        )
    return value


def _label_array(labels):
    arr = np.empty(len(labels), dtype=object)
    arr[:] = labels
    if all(isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in labels):
        return arr.astype(np.intp)
    return arr


def _unflatten(params, sizes):
    coefs, intercepts = [], []
    pos = 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        coefs.append(params[pos:pos + fan_in * fan_out].reshape(fan_in, fan_out).copy())
        pos += fan_in * fan_out
        intercepts.append(params[pos:pos + fan_out].copy())
        pos += fan_out
    return coefs, intercepts
