"""The paper's shuffle control: break the link between inputs and auxiliary targets."""

import numbers

import numpy as np
from sklearn.utils import check_random_state


def _resolve_columns(columns, main_tasks, caller):
    """Positions of ``main_tasks`` among ``columns`` (labels first, then positions)."""
    if main_tasks is None:
        raise ValueError(
            f"{caller}: `main_tasks` must be a column label, an integer position or a "
            "list of them, got None."
        )
    if isinstance(main_tasks, (str, numbers.Integral)) or np.ndim(main_tasks) == 0:
        main_tasks = [main_tasks]
    labels = list(columns)
    positions = []
    for task in main_tasks:
        if task in labels:
            positions.append(labels.index(task))
        elif isinstance(task, numbers.Integral) and not isinstance(task, (bool, np.bool_)):
            if not -len(labels) <= task < len(labels):
                raise ValueError(
                    f"{caller}: `main_tasks` position {task} is out of range for "
                    f"{len(labels)} target columns."
                )
            positions.append(int(task) % len(labels))
        else:
            raise ValueError(
                f"{caller}: `main_tasks` entry {task!r} is neither a column of `y` "
                f"({labels!r}) nor an integer position."
            )
    if len(set(positions)) != len(positions):
        raise ValueError(f"{caller}: `main_tasks` names a column twice: {main_tasks!r}.")
    return positions


def shuffle_aux_tasks(y, main_tasks, random_state=None):
    """Permute the auxiliary target columns across rows (the shuffle control).

    Caruana's control experiment for multitask backprop [1]_: keep the main
    tasks as they are and shuffle the auxiliary targets across the training
    cases, so they keep their distribution but lose their relation to the
    inputs. If multitask learning gains because the auxiliary tasks are
    related to the main task, the gain should vanish with shuffled targets;
    it did on all of the paper's problems.

    Parameters
    ----------
    y : pandas.DataFrame or array-like of shape (n_samples, n_tasks)
        Targets, one column per task. Not modified.

    main_tasks : label, int or list of them
        The main task columns, which are left in place: column labels of a
        DataFrame, or integer positions (for a DataFrame an integer is read
        as a label first, as a position only if no column has that label).

    random_state : int, RandomState instance or None, default=None
        Seed or generator for the permutation.

    Returns
    -------
    y_shuffled : pandas.DataFrame or ndarray of shape (n_samples, n_tasks)
        A new object of the same kind as ``y`` (a DataFrame keeps its index,
        columns and dtypes): the main columns unchanged and the rows of all
        auxiliary columns permuted together by one random permutation.

    Notes
    -----
    [Design choice] One permutation is applied to all auxiliary columns
    jointly, so the auxiliary tasks keep their relations to each other (and
    a pattern of missing values shared by columns, like the two centerline
    tasks of :func:`make_1d_alvinn`, stays shared); only their relation to
    the inputs and to the main tasks is broken. Apply it to the training
    rows only, as in the paper, and leave the halt and test rows alone.

    References
    ----------
    .. [1] R. Caruana, "Multitask Learning", Machine Learning 28:41-75, 1997,
       section 3.1.

    Examples
    --------
    >>> from sklearn_mtb.datasets import make_1d_alvinn, shuffle_aux_tasks
    >>> X, y = make_1d_alvinn(n_samples=50, random_state=0)
    >>> y_shuf = shuffle_aux_tasks(y, "steering", random_state=0)
    >>> bool((y_shuf["steering"] == y["steering"]).all())
    True
    >>> bool((y_shuf["road_center"] == y["road_center"]).all())
    False
    """
    caller = "shuffle_aux_tasks"
    rng = check_random_state(random_state)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - arrays still work without pandas
        pd = None
    if pd is not None and isinstance(y, pd.DataFrame):
        main = _resolve_columns(y.columns, main_tasks, caller)
        order = rng.permutation(len(y))
        out = y.copy()
        for j in range(y.shape[1]):
            if j not in main:
                out.iloc[:, j] = y.iloc[order, j].to_numpy()
        return out
    arr = np.asarray(y)
    if arr.ndim != 2:
        raise ValueError(
            f"{caller}: `y` must be a DataFrame or a 2-D array (n_samples, n_tasks), "
            f"got an array of shape {arr.shape}."
        )
    main = _resolve_columns(range(arr.shape[1]), main_tasks, caller)
    order = rng.permutation(arr.shape[0])
    out = arr.copy()
    aux = [j for j in range(arr.shape[1]) if j not in main]
    out[:, aux] = arr[order][:, aux]
    return out
