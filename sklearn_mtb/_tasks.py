"""Task bookkeeping: which target columns are tasks, of which kind, and how they are encoded.

Everything here is policy in Python; the arithmetic lives in ``_core.pyx``.  A *task* is one
target column.  Regression tasks are encoded as floats, classification tasks as the index of
their class in ``classes`` (stored as a float so one matrix holds every task); a missing
target is NaN either way.
"""

import numbers

import numpy as np
from sklearn.utils.multiclass import type_of_target

from sklearn_mtb import _core

REGRESSION = "regression"
CLASSIFICATION = "classification"
TASK_KINDS = (REGRESSION, CLASSIFICATION)


def _is_frame(obj):
    return hasattr(obj, "columns") and hasattr(obj, "iloc")


def _is_series(obj):
    return hasattr(obj, "iloc") and hasattr(obj, "name") and not hasattr(obj, "columns")


def _label_repr(labels):
    return "[" + ", ".join(repr(_plain(lab)) for lab in labels) + "]"


def _plain(label):
    """Turn numpy scalars into Python ones so messages and dict keys read naturally."""
    return label.item() if isinstance(label, np.generic) else label


class TargetTable:
    """The columns of a target ``y`` with their labels, as given by the user.

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_columns), or DataFrame
        The targets.  Nothing is copied or modified.
    """

    def __init__(self, y):
        self.is_frame = _is_frame(y)
        if self.is_frame:
            self.labels = [_plain(c) for c in y.columns]
            self.columns = [y.iloc[:, j].to_numpy() for j in range(y.shape[1])]
            self.ndim = 2
        elif _is_series(y):
            self.labels = [0 if y.name is None else _plain(y.name)]
            self.columns = [y.to_numpy()]
            self.ndim = 1
        else:
            arr = np.asarray(y)
            if arr.ndim == 0 or arr.ndim > 2:
                raise ValueError(
                    f"y must be 1-D or 2-D (one column per task); got an array of "
                    f"shape {arr.shape}."
                )
            self.ndim = arr.ndim
            if arr.ndim == 1:
                self.columns = [arr]
            else:
                self.columns = [arr[:, j] for j in range(arr.shape[1])]
            self.labels = list(range(len(self.columns)))
        self.n_samples = len(self.columns[0]) if self.columns else 0
        if not self.columns:
            raise ValueError("y has no columns: give at least one target column.")

    def index_of(self, key, what):
        """Position of the column named by ``key`` (a label, or else an integer position)."""
        for j, lab in enumerate(self.labels):
            try:
                same = bool(lab == key)
            except (TypeError, ValueError):
                same = False
            if same:
                return j
        if (
            isinstance(key, numbers.Integral)
            and not isinstance(key, bool)
            and 0 <= key < len(self.labels)
        ):
            return int(key)
        raise ValueError(
            f"Unknown task {_plain(key)!r} in {what}. The target columns are "
            f"{_label_repr(self.labels)}"
            + ("" if self.is_frame else " (integer positions)")
            + "."
        )


def missing_mask(column):
    """Boolean mask of missing cells: NaN, None and pandas' NA/NaT."""
    column = np.asarray(column)
    if column.dtype.kind in "fc":
        return np.isnan(column)
    if column.dtype.kind in "iub":
        return np.zeros(column.shape, dtype=bool)
    if column.dtype.kind == "M" or column.dtype.kind == "m":
        return np.isnat(column)
    mask = np.zeros(column.shape, dtype=bool)
    for i, value in enumerate(column):
        if value is None:
            mask[i] = True
            continue
        try:
            mask[i] = bool(value != value)  # NaN, and pandas.NA raises or is NA
        except (TypeError, ValueError):
            mask[i] = True
    return mask


def default_kind(column):
    """Kind of an auxiliary task from its column's dtype: float -> regression, else classes."""
    dtype = np.asarray(column).dtype
    if dtype.kind in "fc":
        return REGRESSION
    if dtype.kind == "O":
        present = np.asarray(column)[~missing_mask(column)]
        if present.size and all(
            isinstance(v, (numbers.Real,)) and not isinstance(v, (bool, np.bool_, int, np.integer))
            for v in present
        ):
            return REGRESSION
    return CLASSIFICATION


def encode_regression(column, label, dtype):
    """Float targets with NaN for missing cells."""
    mask = missing_mask(column)
    values = np.full(len(column), np.nan, dtype=np.float64)
    present = np.asarray(column)[~mask]
    try:
        values[~mask] = np.asarray(present, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"Task {label!r} is a regression task but its values are not numbers "
            f"(for example {present[0]!r}). Give numeric targets, or make it a "
            f"classification task with task_types={{{label!r}: 'classification'}}."
        ) from None
    if not np.all(np.isfinite(values[~mask])):
        raise ValueError(
            f"Task {label!r} has infinite target values; use finite numbers, or NaN for "
            f"a missing target."
        )
    return values.astype(dtype, copy=False)


def fit_classes(column, label, is_main, estimator_name):
    """Sorted class labels of a classification task (missing cells excluded)."""
    mask = missing_mask(column)
    present = np.asarray(column)[~mask]
    if present.dtype.kind == "f" and not np.all(np.isfinite(present)):
        raise ValueError(
            f"Task {label!r} has infinite class labels; use finite labels, or NaN for a "
            f"missing label."
        )
    if is_main and present.size:
        kind = type_of_target(present, input_name="y")
        if kind not in ("binary", "multiclass"):
            raise ValueError(
                f"Unknown label type: {kind!r} for task {label!r}. {estimator_name} "
                f"predicts class labels; use MultiTaskBackpropRegressor for continuous "
                f"targets."
            )
    try:
        classes = np.unique(present)
    except TypeError:
        raise ValueError(
            f"Task {label!r} mixes label types that cannot be sorted (for example "
            f"strings and numbers); use labels of one type."
        ) from None
    if classes.size < 2:
        what = "main" if is_main else "auxiliary"
        found = (
            "no labels at all" if classes.size == 0
            else f"only one class ({_plain(classes[0])!r})"
        )
        raise ValueError(
            f"The {what} classification task {label!r} has {found} in the training "
            f"data; a classifier needs at least two classes per task. Drop the task or "
            f"give it more varied labels."
        )
    return classes


def encode_classes(column, classes, label, dtype, where="training data"):
    """Class indices (as floats) with NaN for missing cells."""
    mask = missing_mask(column)
    present = np.asarray(column)[~mask]
    codes = np.full(len(column), np.nan, dtype=np.float64)
    if present.size:
        try:
            pos = np.searchsorted(classes, present)
        except TypeError:
            raise ValueError(
                f"Task {label!r} in the {where} has labels of another type than the "
                f"classes seen in training, {list(classes)!r}."
            ) from None
        pos = np.clip(pos, 0, len(classes) - 1)
        unknown = classes[pos] != present
        if np.any(unknown):
            raise ValueError(
                f"Task {label!r} in the {where} has labels that were not seen in "
                f"training: {sorted(set(present[unknown].tolist()))!r}; the known classes "
                f"are {list(classes)!r}."
            )
        codes[~mask] = pos
    return codes.astype(dtype, copy=False)


class TaskSpec:
    """The resolved tasks of a fit: order, kinds, classes and the head table of the core.

    Tasks are ordered main tasks first (in the order given), then auxiliary tasks in the
    order of their columns.
    """

    def __init__(self, table, main_tasks, aux_tasks, task_types, estimator_kind,
                 estimator_name):
        self.estimator_kind = estimator_kind
        n_cols = len(table.labels)
        if main_tasks is None:
            main_idx = list(range(n_cols))
            self.squeeze = table.ndim == 1
        elif isinstance(main_tasks, (list, tuple, np.ndarray)) or _is_series(main_tasks):
            main_idx = [table.index_of(k, "main_tasks") for k in list(main_tasks)]
            if not main_idx:
                raise ValueError("main_tasks is empty: name at least one main task.")
            self.squeeze = False
        else:
            main_idx = [table.index_of(main_tasks, "main_tasks")]
            self.squeeze = True
        if len(set(main_idx)) != len(main_idx):
            raise ValueError("main_tasks names the same task twice.")

        if isinstance(aux_tasks, str):
            if aux_tasks != "rest":
                raise ValueError(
                    f"aux_tasks must be 'rest', a list of tasks or []; got {aux_tasks!r}."
                )
            aux_idx = [j for j in range(n_cols) if j not in main_idx]
        else:
            aux_idx = [table.index_of(k, "aux_tasks") for k in list(aux_tasks)]
            both = sorted(set(aux_idx) & set(main_idx))
            if both:
                raise ValueError(
                    f"Task(s) {_label_repr([table.labels[j] for j in both])} are named both "
                    f"in main_tasks and in aux_tasks; a task is either main or auxiliary."
                )
            if len(set(aux_idx)) != len(aux_idx):
                raise ValueError("aux_tasks names the same task twice.")
            aux_idx = sorted(aux_idx)

        self.columns = main_idx + aux_idx
        self.n_main = len(main_idx)
        self.labels = [table.labels[j] for j in self.columns]
        self.is_frame = table.is_frame
        self.n_y_columns = n_cols

        kinds = [estimator_kind] * self.n_main + [
            default_kind(table.columns[j]) for j in aux_idx
        ]
        self.y_labels = list(table.labels)
        if task_types is not None:
            for key, kind in task_types.items():
                column = table.index_of(key, "task_types")
                if kind not in TASK_KINDS:
                    raise ValueError(
                        f"task_types[{_plain(key)!r}] = {kind!r} is not a task kind; use "
                        f"'regression' or 'classification'."
                    )
                if column in main_idx and kind != estimator_kind:
                    raise ValueError(
                        f"Task {_plain(key)!r} is a main task of {estimator_name}, so it is a "
                        f"{estimator_kind} task; task_types can only change auxiliary tasks."
                    )
                if column in self.columns:  # columns that are not tasks are ignored
                    kinds[self.columns.index(column)] = kind
        self.kinds = kinds

        self.classes = []
        for t, j in enumerate(self.columns):
            if kinds[t] == CLASSIFICATION:
                self.classes.append(
                    fit_classes(table.columns[j], self.labels[t], t < self.n_main,
                                estimator_name)
                )
            else:
                self.classes.append(None)

        head_kind, head_start, head_width = [], [], []
        start = 0
        for t in range(len(self.columns)):
            if self.classes[t] is None:
                kind, width = _core.HEAD_SQUARED, 1
            elif len(self.classes[t]) == 2:
                kind, width = _core.HEAD_BINARY, 1
            else:
                kind, width = _core.HEAD_SOFTMAX, len(self.classes[t])
            head_kind.append(kind)
            head_start.append(start)
            head_width.append(width)
            start += width
        self.head_kind = np.asarray(head_kind, dtype=np.intc)
        self.head_start = np.asarray(head_start, dtype=np.intc)
        self.head_width = np.asarray(head_width, dtype=np.intc)
        self.n_outputs = start

    @property
    def n_tasks(self):
        return len(self.columns)

    def position(self, column, key, what):
        """Index in task order of the y column ``column``; error if it is not a task."""
        try:
            return self.columns.index(column)
        except ValueError:
            raise ValueError(
                f"{what} names {_plain(key)!r}, which is neither a main nor an auxiliary "
                f"task. The tasks are {_label_repr(self.labels)}."
            ) from None

    def encode(self, table, dtype, where="training data", tasks=None):
        """Encoded target matrix (n_samples, n_tasks) of ``table``'s task columns.

        ``table`` must hold the task columns under the same labels (DataFrame) or the same
        number of columns as the training y (arrays).
        """
        tasks = range(self.n_tasks) if tasks is None else tasks
        cols = self.locate(table, where, tasks)
        Y = np.empty((table.n_samples, len(cols)), dtype=dtype)
        for k, (t, j) in enumerate(zip(tasks, cols)):
            column = table.columns[j]
            if self.classes[t] is None:
                Y[:, k] = encode_regression(column, self.labels[t], dtype)
            else:
                Y[:, k] = encode_classes(column, self.classes[t], self.labels[t], dtype,
                                         where)
        return Y

    def locate(self, table, where, tasks):
        """Columns of ``table`` that hold the given tasks."""
        if table.is_frame and self.is_frame:
            cols = []
            missing = []
            for t in tasks:
                try:
                    cols.append(table.labels.index(self.labels[t]))
                except ValueError:
                    missing.append(self.labels[t])
            if missing:
                raise ValueError(
                    f"The {where} lacks the task column(s) {_label_repr(missing)}; it has "
                    f"{_label_repr(table.labels)}."
                )
            return cols
        if len(table.labels) == self.n_y_columns:
            return [self.columns[t] for t in tasks]
        raise ValueError(
            f"The {where} has {len(table.labels)} target column(s) but the training y had "
            f"{self.n_y_columns}; give the same columns in the same order."
        )
