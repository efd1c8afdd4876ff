"""Single-task versus multitask backprop, compared as in Caruana (1994), Tables 1 and 2.

The paper trains, for every task, single-task (STB) nets of several hidden-layer sizes and
one multitask (MTB) net that learns all tasks at once; every net sees exactly the same
training patterns, is early-stopped on the same "halt" set, and is scored by its RMSE on a
separate test set. :func:`compare_stb_mtb` does this once, with every net trained in
parallel by one :class:`~sklearn.model_selection.GridSearchCV`;
:func:`repeated_stb_mtb_comparison` repeats it over fresh data draws and weight
initialisations and :func:`summarize_stb_mtb` turns the runs into the paper's table.

How the grid search is used
---------------------------
``GridSearchCV`` is used as a joblib-parallel runner over explicit candidates (one per
task and STB size, plus the MTB net), never to refit on more data:

- its ``X`` and ``y`` are the training rows followed by the test rows, and its ``cv`` is
  a single split whose training part is exactly the training rows and whose test part is
  exactly the test rows, so every net is fit on the same training patterns and scored on
  the test set;
- the halt set goes to every fit as the estimators' ``X_val`` / ``y_val`` fit parameters.
  Without metadata routing, ``GridSearchCV`` passes a fit parameter unchanged when its
  length differs from that of its ``X``, and slices it by the training indices when the
  lengths agree; so when the halt set happens to have as many rows as training and test
  together, one padding row that belongs to neither part is appended to ``X``;
- ``refit=False``: nothing is retrained on training plus halt rows.
"""

import numbers
import sys
import time
import warnings
from collections.abc import Mapping

import joblib
import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.model_selection import GridSearchCV
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_consistent_length

__all__ = [
    "compare_stb_mtb",
    "percent_improvement",
    "repeated_stb_mtb_comparison",
    "summarize_stb_mtb",
]

_MAX_SEED = np.iinfo(np.int32).max


def percent_improvement(stb_error, mtb_error):
    """Percent by which MTB's error is lower than STB's, as in Caruana (1994).

    The paper's Tables 1 and 2 report ``100 * (STB - MTB) / MTB``: how much worse STB
    generalizes than MTB, relative to MTB's error, so that positive numbers mean MTB is
    better (e.g. steering, best STB .069 and MTB .058, gives +19.0%). The journal version
    (Caruana, 1997) divides by the STB error instead; multiply by ``MTB / STB`` to
    convert.

    Parameters
    ----------
    stb_error : float or array-like
        Error of single-task backprop (the best or the mean STB net).
    mtb_error : float or array-like
        Error of multitask backprop, broadcastable against ``stb_error``.

    Returns
    -------
    change : float or ndarray
        ``100 * (stb_error - mtb_error) / mtb_error``; NaN where ``mtb_error`` is 0 or
        NaN.

    Examples
    --------
    >>> from sklearn_mtb.model_selection import percent_improvement
    >>> round(percent_improvement(0.069, 0.058), 1)
    19.0
    """
    stb = np.asarray(stb_error, dtype=float)
    mtb = np.asarray(mtb_error, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(mtb != 0, 100.0 * (stb - mtb) / mtb, np.nan)
    return float(change) if change.ndim == 0 else change


# --------------------------------------------------------------------------- helpers
def _size_label(size):
    """'16HU' for 16 or (16,), '32x32HU' for two hidden layers of 32."""
    sizes = _check_hidden_size(size, "hidden size")
    return "x".join(str(s) for s in sizes) + "HU"


def _check_hidden_size(size, what):
    if isinstance(size, numbers.Integral) and not isinstance(size, (bool, np.bool_)):
        sizes = (int(size),)
    elif isinstance(size, (tuple, list)) and len(size) > 0:
        sizes = tuple(size)
    else:
        raise ValueError(
            f"{what} must be a positive int or a non-empty tuple of positive ints (one "
            f"per hidden layer); got {size!r}."
        )
    for s in sizes:
        if (
            not isinstance(s, numbers.Integral)
            or isinstance(s, (bool, np.bool_))
            or s < 1
        ):
            raise ValueError(
                f"{what} must be a positive int or a non-empty tuple of positive ints "
                f"(one per hidden layer); got {size!r}."
            )
    return tuple(int(s) for s in sizes)


def _check_stb_sizes(stb_hidden_sizes):
    if isinstance(stb_hidden_sizes, (numbers.Integral, str)) or not hasattr(
        stb_hidden_sizes, "__iter__"
    ):
        raise ValueError(
            "stb_hidden_sizes must be a list of hidden sizes, e.g. (2, 4, 8, 16); got "
            f"{stb_hidden_sizes!r}."
        )
    sizes = [
        _check_hidden_size(s, "each entry of stb_hidden_sizes") for s in stb_hidden_sizes
    ]
    if not sizes:
        raise ValueError("stb_hidden_sizes is empty: give at least one STB hidden size.")
    if len(set(sizes)) != len(sizes):
        raise ValueError(f"stb_hidden_sizes has repeated sizes: {list(stb_hidden_sizes)!r}.")
    return sizes


def _as_frame(y, what, columns=None):
    """y as a float DataFrame; a 2-D array gets integer column labels 0..k-1."""
    import pandas as pd

    if hasattr(y, "columns") and hasattr(y, "iloc"):
        frame = y.reset_index(drop=True)
    else:
        arr = np.asarray(y)
        if arr.ndim != 2:
            raise ValueError(
                f"{what} must be 2-D (one column per task) or a DataFrame; got shape "
                f"{arr.shape}. Comparing STB with MTB needs at least two tasks."
            )
        frame = pd.DataFrame(arr)
    if frame.shape[1] < 2:
        raise ValueError(
            f"{what} has {frame.shape[1]} column(s); comparing single-task with multitask "
            "backprop needs at least two task columns."
        )
    if columns is not None and list(frame.columns) != list(columns):
        raise ValueError(
            f"{what} has columns {list(frame.columns)!r}, but y_train has "
            f"{list(columns)!r}; every set must hold the same task columns in the same "
            "order."
        )
    try:
        frame = frame.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{what} must hold numeric targets: every task is scored by its RMSE, as in "
            "the paper, so code classification tasks as numbers (e.g. door type as "
            f"0/1). Converting to float failed: {exc}"
        ) from exc
    return frame


def _n_rows(X):
    return X.shape[0] if hasattr(X, "shape") else len(X)


def _concat_rows(parts):
    if all(hasattr(p, "iloc") for p in parts):
        import pandas as pd

        return pd.concat(parts, ignore_index=True)
    return np.concatenate([np.asarray(p) for p in parts], axis=0)


def _resolve_tasks(tasks, columns):
    columns = list(columns)
    if tasks is None:
        return columns
    if isinstance(tasks, (str, numbers.Integral)) or not hasattr(tasks, "__iter__"):
        tasks = [tasks]
    tasks = list(tasks)
    if not tasks:
        raise ValueError("tasks is empty: name at least one task to compare.")
    resolved = []
    for task in tasks:
        if task in columns:
            resolved.append(task)
        else:
            raise ValueError(
                f"Unknown task {task!r} in tasks; the target columns are {columns!r}."
            )
    if len(set(resolved)) != len(resolved):
        raise ValueError(f"tasks has repeated entries: {tasks!r}.")
    return resolved


def _default_estimator():
    from sklearn_mtb import MultiTaskBackpropRegressor

    return MultiTaskBackpropRegressor()


def _check_estimator(estimator):
    if estimator is None:
        return _default_estimator()
    if isinstance(estimator, type):
        raise TypeError(
            f"estimator must be an estimator instance, not the class {estimator.__name__}; "
            f"pass {estimator.__name__}(...)."
        )
    params = estimator.get_params(deep=False) if hasattr(estimator, "get_params") else {}
    missing = {"main_tasks", "aux_tasks", "hidden_layer_sizes", "random_state"} - set(params)
    if missing or not hasattr(estimator, "predict_tasks"):
        raise TypeError(
            "estimator must be a multitask backprop estimator such as "
            "MultiTaskBackpropRegressor (with main_tasks, aux_tasks, hidden_layer_sizes, "
            f"random_state and predict_tasks); got {estimator!r}."
        )
    if is_classifier(estimator):
        raise TypeError(
            "estimator must be a regressor: every task is scored by its test RMSE, as in "
            "the paper (which scored door type by the RMSE of a 0/1 output). Use "
            "MultiTaskBackpropRegressor with classification tasks coded as 0/1."
        )
    return clone(estimator)


class _TaskRMSE:
    """Scorer: minus the test RMSE of one task, NaN for a net that does not learn it.

    The task is predicted from its own snapshot (``predict_tasks``); missing (NaN) test
    targets are left out.
    """

    def __init__(self, task):
        self.task = task

    def __call__(self, estimator, X, y):
        if not any(_same_label(self.task, t) for t in estimator.tasks_):
            return np.nan
        pred = estimator.predict_tasks(X, [self.task])
        pred = np.asarray(pred.iloc[:, 0] if hasattr(pred, "iloc") else pred[:, 0], float)
        truth = np.asarray(y[self.task], dtype=float)
        keep = ~np.isnan(truth)
        if not keep.any():
            return np.nan
        return -float(np.sqrt(np.mean((pred[keep] - truth[keep]) ** 2)))


def _same_label(a, b):
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


# ------------------------------------------------------------------- one comparison
def compare_stb_mtb(
    X_train,
    y_train,
    X_val,
    y_val,
    X_test,
    y_test,
    *,
    tasks=None,
    stb_hidden_sizes=(2, 4, 8, 16),
    mtb_hidden_size=16,
    mtb_aux_tasks="rest",
    estimator=None,
    mtb_params=None,
    random_state=None,
    n_jobs=None,
    pre_dispatch="2*n_jobs",
    verbose=0,
    return_search=False,
):
    """Test RMSE of single-task and multitask backprop nets trained on the same data.

    For every task in ``tasks`` and every size in ``stb_hidden_sizes`` one single-task
    (STB) net is trained (``main_tasks=task``, ``aux_tasks=[]``), and one multitask
    (MTB) net with ``mtb_hidden_size`` hidden units learns the compared tasks as main
    tasks and ``mtb_aux_tasks`` as auxiliary tasks, as in Caruana (1994), Tables 1 and
    2. All nets are fit on exactly the rows of ``X_train``, are early-stopped on the same
    halt set ``(X_val, y_val)`` (each task at its own best halt epoch), are never refit,
    and are scored by the RMSE of each task on ``(X_test, y_test)``. The nets train in
    parallel through one :class:`~sklearn.model_selection.GridSearchCV` (see the module
    docstring for how it is set up).

    Parameters
    ----------
    X_train : array-like or DataFrame of shape (n_train, n_features)
        Training inputs, shared by every net.
    y_train : DataFrame or array-like of shape (n_train, n_columns)
        Training targets, one column per task (at least two). NaN marks a missing
        target. Every column is learnt and scored as a regression output, so code
        classification tasks as numbers (0/1), as the paper did for door type.
    X_val : array-like or DataFrame of shape (n_val, n_features)
        Halt-set inputs, used only for early stopping.
    y_val : DataFrame or array-like of shape (n_val, n_columns)
        Halt-set targets, with the columns of ``y_train``.
    X_test : array-like or DataFrame of shape (n_test, n_features)
        Test inputs, used only for scoring.
    y_test : DataFrame or array-like of shape (n_test, n_columns)
        Test targets, with the columns of ``y_train``.
    tasks : label, list of labels or None, default=None
        The tasks to compare (the table's rows): column labels of the DataFrames, or
        integer positions for arrays. None compares every column.
    stb_hidden_sizes : sequence of int or of tuple of int, default=(2, 4, 8, 16)
        Hidden-layer sizes of the STB nets; a tuple gives several hidden layers.
    mtb_hidden_size : int or tuple of int, default=16
        Hidden-layer size of the MTB net (the paper did not tune it).
    mtb_aux_tasks : "rest" or list, default="rest"
        Auxiliary tasks of the MTB net: "rest" uses every column that is not in
        ``tasks``; a list names them; ``[]`` trains the compared tasks together
        without further auxiliary tasks.
    estimator : MultiTaskBackpropRegressor or None, default=None
        Template net whose other parameters (learning rate, epochs, ...) every net
        uses; ``main_tasks``, ``aux_tasks``, ``hidden_layer_sizes`` and
        ``random_state`` are set per net. None uses ``MultiTaskBackpropRegressor()``.
    mtb_params : dict or None, default=None
        Parameters set on the MTB net only, e.g. ``{"task_weights": {...}}`` or a
        different ``learning_rate_init``.
    random_state : int, RandomState instance or None, default=None
        Draws one independent seed per net (the weight initialisation and shuffling).
    n_jobs : int or None, default=None
        Number of nets trained in parallel (joblib); -1 uses every core. Under
        ``joblib.parallel_backend("dask")`` the nets run on a Dask cluster.
    pre_dispatch : int or str, default="2*n_jobs"
        Passed to ``GridSearchCV``.
    verbose : int, default=0
        Passed to ``GridSearchCV`` (progress of the individual fits).
    return_search : bool, default=False
        Also return the fitted ``GridSearchCV``, whose ``cv_results_["params"]`` lists
        each net's parameters.

    Returns
    -------
    errors : pandas.DataFrame of shape (n_compared_tasks, n_stb_sizes + 1)
        Test RMSE; one row per task (index named "task"), one column per STB size
        (``"STB 2HU"``, ...) and a last column for the MTB net (``"MTB 16HU"``).
    search : GridSearchCV
        Only when ``return_search=True``.

    See Also
    --------
    repeated_stb_mtb_comparison : Repeat over seeds and summarize as in the paper.

    References
    ----------
    .. [1] R. Caruana, "Learning Many Related Tasks at the Same Time With
       Backpropagation", Advances in Neural Information Processing Systems 7 (1994).

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from sklearn_mtb import MultiTaskBackpropRegressor
    >>> from sklearn_mtb.model_selection import compare_stb_mtb
    >>> rng = np.random.RandomState(0)
    >>> X = rng.uniform(size=(300, 4))
    >>> f = X[:, 0] * X[:, 1]
    >>> y = pd.DataFrame({"main": np.sin(3 * f), "hint": f})
    >>> errors = compare_stb_mtb(
    ...     X[:100], y[:100], X[100:200], y[100:200], X[200:], y[200:],
    ...     tasks="main", stb_hidden_sizes=(2, 4), mtb_hidden_size=4,
    ...     estimator=MultiTaskBackpropRegressor(max_iter=20), random_state=0)
    >>> list(errors.columns)
    ['STB 2HU', 'STB 4HU', 'MTB 4HU']
    """
    import pandas as pd

    y_train = _as_frame(y_train, "y_train")
    columns = list(y_train.columns)
    y_val = _as_frame(y_val, "y_val", columns)
    y_test = _as_frame(y_test, "y_test", columns)
    for X, y, what in ((X_train, y_train, "train"), (X_val, y_val, "val"),
                       (X_test, y_test, "test")):
        if _n_rows(X) != len(y):
            raise ValueError(
                f"X_{what} has {_n_rows(X)} rows but y_{what} has {len(y)}; give one "
                "target row per input row."
            )
        if len(y) == 0:
            raise ValueError(f"X_{what} is empty.")
    check_consistent_length(X_train, y_train)
    tasks = _resolve_tasks(tasks, columns)
    stb_sizes = _check_stb_sizes(stb_hidden_sizes)
    mtb_size = _check_hidden_size(mtb_hidden_size, "mtb_hidden_size")
    if not (isinstance(mtb_aux_tasks, str) and mtb_aux_tasks == "rest"):
        if isinstance(mtb_aux_tasks, str) or not hasattr(mtb_aux_tasks, "__iter__"):
            raise ValueError(
                f"mtb_aux_tasks must be 'rest' or a list of task columns; got "
                f"{mtb_aux_tasks!r}."
            )
        mtb_aux_tasks = list(mtb_aux_tasks)
        unknown = [t for t in mtb_aux_tasks if t not in columns]
        if unknown:
            raise ValueError(
                f"Unknown task(s) {unknown!r} in mtb_aux_tasks; the target columns are "
                f"{columns!r}."
            )
        overlap = [t for t in mtb_aux_tasks if t in tasks]
        if overlap:
            raise ValueError(
                f"mtb_aux_tasks {overlap!r} are compared tasks, which the MTB net already "
                "learns as main tasks."
            )
    if mtb_params is not None and not isinstance(mtb_params, Mapping):
        raise ValueError(f"mtb_params must be a dict or None; got {mtb_params!r}.")
    mtb_params = dict(mtb_params or {})
    reserved = {"main_tasks", "aux_tasks", "hidden_layer_sizes"} & set(mtb_params)
    if reserved:
        raise ValueError(
            f"mtb_params cannot set {sorted(reserved)}; use tasks, mtb_aux_tasks and "
            "mtb_hidden_size."
        )
    base = _check_estimator(estimator)
    unknown = set(mtb_params) - set(base.get_params(deep=False))
    if unknown:
        raise ValueError(
            f"mtb_params has unknown parameter(s) {sorted(unknown)} for "
            f"{type(base).__name__}."
        )
    rng = check_random_state(random_state)

    stb_labels = [f"STB {_size_label(s)}" for s in stb_sizes]
    mtb_label = f"MTB {_size_label(mtb_size)}"
    candidates = []  # (task or None for MTB, column label, params)
    for task in tasks:
        for size, label in zip(stb_sizes, stb_labels):
            candidates.append((task, label, {
                "main_tasks": [task],
                "aux_tasks": [[]],
                "hidden_layer_sizes": [size],
                "random_state": [int(rng.randint(_MAX_SEED))],
            }))
    mtb_grid = {
        "main_tasks": [list(tasks)],
        "aux_tasks": [mtb_aux_tasks],
        "hidden_layer_sizes": [mtb_size],
        "random_state": [int(rng.randint(_MAX_SEED))],
    }
    mtb_grid.update({key: [value] for key, value in mtb_params.items()})
    candidates.append((None, mtb_label, mtb_grid))

    # Training rows, then test rows; the halt set goes to every fit unsliced.
    n_train, n_test, n_val = len(y_train), len(y_test), len(y_val)
    X_parts, y_parts = [X_train, X_test], [y_train, y_test]
    if n_val == n_train + n_test:
        X_parts.append(X_train.iloc[:1] if hasattr(X_train, "iloc") else
                       np.asarray(X_train)[:1])
        y_parts.append(y_train.iloc[:1])
    X_all = _concat_rows(X_parts)
    y_all = pd.concat(y_parts, ignore_index=True)
    cv = [(np.arange(n_train), np.arange(n_train, n_train + n_test))]
    scoring = {str(k): _TaskRMSE(task) for k, task in enumerate(tasks)}

    search = GridSearchCV(
        base,
        [grid for _, _, grid in candidates],
        scoring=scoring,
        cv=cv,
        refit=False,
        n_jobs=n_jobs,
        pre_dispatch=pre_dispatch,
        verbose=verbose,
        error_score="raise",
    )
    import sklearn

    with warnings.catch_warnings():
        # STB nets are not scored on the other tasks (NaN by design).
        warnings.filterwarnings(
            "ignore", message="One or more of the test scores are non-finite",
            category=UserWarning,
        )
        # The compiled core releases the GIL for whole epochs, so threads run the nets in
        # parallel without the cost of starting processes and copying data to them. This
        # is a soft preference: a backend the caller chose (e.g. dask) still applies.
        with sklearn.config_context(enable_metadata_routing=False), \
                joblib.parallel_config(prefer="threads"):
            search.fit(X_all, y_all, X_val=X_val, y_val=y_val)

    results = search.cv_results_
    errors = pd.DataFrame(
        np.nan, index=pd.Index(tasks, name="task"), columns=stb_labels + [mtb_label]
    )
    for i, (task, label, _) in enumerate(candidates):
        for k, row_task in enumerate(tasks):
            if task is None or task == row_task:
                errors.loc[row_task, label] = -results[f"split0_test_{k}"][i]
    if return_search:
        return errors, search
    return errors


# ------------------------------------------------------------------ summary and seeds
def _check_runs(runs):
    import pandas as pd

    if isinstance(runs, Mapping):
        items = list(runs.items())
    elif isinstance(runs, pd.DataFrame):
        items = [(0, runs)]
    else:
        items = list(enumerate(runs))
    if not items:
        raise ValueError("runs is empty: give at least one comparison.")
    first = items[0][1]
    for key, run in items:
        if not isinstance(run, pd.DataFrame):
            raise ValueError(
                f"Each run must be a DataFrame from compare_stb_mtb; run {key!r} is a "
                f"{type(run).__name__}."
            )
        if list(run.columns) != list(first.columns) or list(run.index) != list(
            first.index
        ):
            raise ValueError(
                f"Run {key!r} has a different layout (tasks or nets) than the first run."
            )
    stb = [c for c in first.columns if str(c).startswith("STB")]
    mtb = [c for c in first.columns if str(c).startswith("MTB")]
    if not stb or len(mtb) != 1:
        raise ValueError(
            "Each run needs one or more 'STB ...' columns and exactly one 'MTB ...' "
            f"column; got {list(first.columns)!r}."
        )
    return [key for key, _ in items], np.stack(
        [run[stb + mtb].to_numpy(dtype=float) for _, run in items]
    ), first.index, stb, mtb[0]


def summarize_stb_mtb(runs):
    """Summarize repeated STB-vs-MTB comparisons in the layout of the paper's tables.

    Parameters
    ----------
    runs : DataFrame, list of DataFrame or dict {seed: DataFrame}
        Outputs of :func:`compare_stb_mtb`, one per run (seed), all with the same tasks
        and nets.

    Returns
    -------
    table : pandas.DataFrame
        One row per task. Columns, in order:

        - ``"STB <size>"``: mean test RMSE over runs of each STB size;
        - ``"MTB <size>"``: mean test RMSE of the MTB net;
        - ``"% change best STB"``: :func:`percent_improvement` of the STB size with the
          lowest mean error against MTB (positive: MTB is better);
        - ``"% change mean STB"``: the same against the mean over STB sizes;
        - ``"best STB"``: the column name of the best STB size;
        - ``"p-value"``: two-sided paired t-test (``scipy.stats.ttest_rel``) over runs
          between MTB and that best STB size; NaN with fewer than two runs or when
          the paired differences do not vary;
        - ``"n_runs"``: the number of runs;
        - ``"<net> std"``: standard deviation over runs (ddof=1) of every STB and the
          MTB column.

        The STB/MTB mean and ``std`` columns follow the flat layout that
        :meth:`sklearn_mtb.plotting.ComparisonDisplay.from_results` reads.

    Examples
    --------
    The paper's 1D-ALVINN steering row (Table 1), as one run:

    >>> import pandas as pd
    >>> from sklearn_mtb.model_selection import summarize_stb_mtb
    >>> run = pd.DataFrame(
    ...     {"STB 2HU": [.093], "STB 4HU": [.069], "STB 8HU": [.087],
    ...      "STB 16HU": [.072], "MTB 16HU": [.058]},
    ...     index=pd.Index(["steering"], name="task"))
    >>> table = summarize_stb_mtb(run)
    >>> changes = table.loc["steering", ["% change best STB", "% change mean STB"]]
    >>> [round(float(v), 1) for v in changes]
    [19.0, 38.4]
    >>> table.loc["steering", "best STB"]
    'STB 4HU'
    """
    import pandas as pd
    from scipy.stats import ttest_rel

    _, errors, index, stb, mtb = _check_runs(runs)
    n_runs = errors.shape[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(errors, axis=0)
        stds = (
            np.nanstd(errors, axis=0, ddof=1) if n_runs > 1
            else np.full(errors.shape[1:], np.nan)
        )
    stb_means, mtb_mean = means[:, :-1], means[:, -1]
    table = pd.DataFrame(means, index=index, columns=stb + [mtb])
    filled = np.where(np.isnan(stb_means), np.inf, stb_means)
    best = np.argmin(filled, axis=1)
    best_error = np.where(np.isfinite(filled.min(axis=1)),
                          filled[np.arange(len(best)), best], np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean_stb = np.nanmean(stb_means, axis=1)
    table["% change best STB"] = percent_improvement(best_error, mtb_mean)
    table["% change mean STB"] = percent_improvement(mean_stb, mtb_mean)
    table["best STB"] = [
        stb[j] if np.isfinite(e) else None for j, e in zip(best, best_error)
    ]
    p_values = np.full(len(index), np.nan)
    if n_runs > 1:
        for i, j in enumerate(best):
            a, b = errors[:, i, -1], errors[:, i, j]
            keep = ~(np.isnan(a) | np.isnan(b))
            diff = a[keep] - b[keep]
            scale = np.max(np.abs(diff)) if diff.size else 0.0
            if keep.sum() > 1 and np.ptp(diff) > 1e-12 * scale:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    p_values[i] = ttest_rel(a[keep], b[keep]).pvalue
    table["p-value"] = p_values
    table["n_runs"] = n_runs
    for k, name in enumerate(stb + [mtb]):
        table[f"{name} std"] = stds[:, k]
    return table


def _check_seeds(seeds):
    if isinstance(seeds, numbers.Integral) and not isinstance(seeds, (bool, np.bool_)):
        if seeds < 1:
            raise ValueError(f"seeds must be a positive int or a list of ints; got {seeds}.")
        return list(range(int(seeds)))
    if isinstance(seeds, str) or not hasattr(seeds, "__iter__"):
        raise ValueError(f"seeds must be a positive int or a list of ints; got {seeds!r}.")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed.")
    for s in seeds:
        if not isinstance(s, numbers.Integral) or isinstance(s, (bool, np.bool_)) or s < 0:
            raise ValueError(f"seeds must be non-negative ints; got {s!r}.")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds has repeated entries: {seeds!r}.")
    return [int(s) for s in seeds]


def repeated_stb_mtb_comparison(
    make_data,
    seeds=10,
    *,
    tasks=None,
    stb_hidden_sizes=(2, 4, 8, 16),
    mtb_hidden_size=16,
    mtb_aux_tasks="rest",
    estimator=None,
    mtb_params=None,
    n_jobs=None,
    verbose=0,
    return_runs=False,
):
    """Repeat :func:`compare_stb_mtb` over seeds and summarize as in the paper.

    Each seed draws a new data set (training, halt and test rows) from ``make_data`` and
    new initial weights for every net; the paper averaged 10 such runs.

    Parameters
    ----------
    make_data : callable
        ``make_data(seed)`` returns ``(X_train, y_train, X_val, y_val, X_test,
        y_test)`` for that seed.
    seeds : int or list of int, default=10
        The seeds, or their number (then ``0, 1, ..., seeds - 1``).
    tasks, stb_hidden_sizes, mtb_hidden_size, mtb_aux_tasks, estimator, mtb_params, \
n_jobs
        As in :func:`compare_stb_mtb`. The nets of seed ``s`` draw their own seeds from
        ``random_state=s``.
    verbose : int, default=0
        1 or more prints one line per finished seed to stderr (seed, time, MTB and best
        STB error of the first task); 2 or more also passes ``verbose - 1`` to
        ``GridSearchCV``.
    return_runs : bool, default=False
        Also return the per-seed errors.

    Returns
    -------
    table : pandas.DataFrame
        The summary of :func:`summarize_stb_mtb`: mean test RMSE per task and net, the
        percent changes, the paired t-test p-value and the spread over seeds.
    runs : dict {seed: DataFrame}
        Only when ``return_runs=True``: the output of :func:`compare_stb_mtb` for each
        seed.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from sklearn_mtb import MultiTaskBackpropRegressor
    >>> from sklearn_mtb.model_selection import repeated_stb_mtb_comparison
    >>> def make_data(seed):
    ...     rng = np.random.RandomState(seed)
    ...     X = rng.uniform(size=(300, 4))
    ...     f = X[:, 0] * X[:, 1]
    ...     y = pd.DataFrame({"main": np.sin(3 * f), "hint": f})
    ...     return X[:100], y[:100], X[100:200], y[100:200], X[200:], y[200:]
    >>> table = repeated_stb_mtb_comparison(
    ...     make_data, seeds=2, tasks="main", stb_hidden_sizes=(2, 4),
    ...     mtb_hidden_size=4, estimator=MultiTaskBackpropRegressor(max_iter=10))
    >>> list(table.columns[:5])
    ['STB 2HU', 'STB 4HU', 'MTB 4HU', '% change best STB', '% change mean STB']
    """
    if not callable(make_data):
        raise TypeError(
            "make_data must be a callable make_data(seed) -> (X_train, y_train, X_val, "
            f"y_val, X_test, y_test); got {make_data!r}."
        )
    seeds = _check_seeds(seeds)
    if isinstance(verbose, bool) or not isinstance(verbose, numbers.Integral):
        raise ValueError(f"verbose must be an int; got {verbose!r}.")
    runs = {}
    start = time.perf_counter()
    for i, seed in enumerate(seeds):
        tic = time.perf_counter()
        data = make_data(seed)
        if not isinstance(data, (tuple, list)) or len(data) != 6:
            raise ValueError(
                "make_data(seed) must return (X_train, y_train, X_val, y_val, X_test, "
                f"y_test); got {type(data).__name__}"
                + (f" of length {len(data)}" if hasattr(data, "__len__") else "")
                + "."
            )
        errors = compare_stb_mtb(
            *data,
            tasks=tasks,
            stb_hidden_sizes=stb_hidden_sizes,
            mtb_hidden_size=mtb_hidden_size,
            mtb_aux_tasks=mtb_aux_tasks,
            estimator=estimator,
            mtb_params=mtb_params,
            random_state=seed,
            n_jobs=n_jobs,
            verbose=max(0, verbose - 1),
        )
        runs[seed] = errors
        if verbose > 0:
            task = errors.index[0]
            row = errors.loc[task]
            stb_best = row[[c for c in errors.columns if str(c).startswith("STB")]].min()
            print(
                f"[seed {seed}] {i + 1}/{len(seeds)} done in "
                f"{time.perf_counter() - tic:.1f}s (total "
                f"{time.perf_counter() - start:.1f}s): {task}: best STB "
                f"{stb_best:.4f}, {errors.columns[-1]} {row.iloc[-1]:.4f}",
                file=sys.stderr,
                flush=True,
            )
    table = summarize_stb_mtb(runs)
    if return_runs:
        return table, runs
    return table
