"""Tests for sklearn_mtb.plotting: what the displays draw, checked on the axes."""

import subprocess
import sys
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LinearRegression

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from sklearn_mtb.plotting import ComparisonDisplay, TaskCurvesDisplay  # noqa: E402

TASKS = ["steering", "lanes", "road center"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def curves():
    """Curves of 3 tasks over 40 epochs, each with its minimum at a different epoch."""
    rng = np.random.RandomState(0)
    epochs = np.arange(1, 41)[:, None]
    train = 1.0 / epochs + rng.uniform(0, 0.01, size=(40, 3))
    minima = np.array([12, 25, 7])
    valid = 0.2 + 0.001 * (epochs - minima) ** 2 + rng.uniform(0, 1e-4, size=(40, 3))
    best = valid.argmin(axis=0) + 1
    assert_array_equal(best, minima)
    return train, valid, best


def _legend_texts(legend):
    return [text.get_text() for text in legend.get_texts()]


def _display(curves, **kwargs):
    train, valid, best = curves
    params = dict(
        train_curves=train,
        validation_curves=valid,
        best_epochs=best,
        task_names=TASKS,
        main_tasks=["steering"],
    )
    params.update(kwargs)
    return TaskCurvesDisplay(**params)


def test_task_curves_lines_hold_the_curves(curves):
    train, valid, best = curves
    display = _display(curves).plot()
    ax = display.ax_
    assert display.figure_ is ax.figure
    # Per task: a validation line, a training line and a snapshot marker.
    assert len(ax.get_lines()) == 3 * len(TASKS)
    assert list(display.lines_) == TASKS
    epochs = np.arange(1, train.shape[0] + 1)
    for t, name in enumerate(TASKS):
        lines = display.lines_[name]
        assert_array_equal(lines["validation"].get_xdata(), epochs)
        assert_allclose(lines["validation"].get_ydata(), valid[:, t])
        assert_allclose(lines["train"].get_ydata(), train[:, t])
        assert lines["validation"].get_linestyle() == "-"
        assert lines["train"].get_linestyle() == "--"
        assert lines["validation"].get_color() == lines["train"].get_color()
        assert lines["snapshot"].get_color() == lines["validation"].get_color()
    colors = {display.lines_[name]["validation"].get_color() for name in TASKS}
    assert len(colors) == len(TASKS)
    # The main task is drawn thicker than the auxiliary ones.
    main_width = display.lines_["steering"]["validation"].get_linewidth()
    assert main_width > display.lines_["lanes"]["validation"].get_linewidth()


def test_task_curves_markers_at_best_epochs(curves):
    train, valid, best = curves
    display = _display(curves).plot()
    for t, name in enumerate(TASKS):
        marker = display.lines_[name]["snapshot"]
        assert marker.get_marker() == "o"
        assert_array_equal(marker.get_xdata(), [best[t]])
        # best_epochs is 1-based: the marker sits on the curve's minimum.
        assert_allclose(marker.get_ydata(), [valid[:, t].min()])
        assert_allclose(marker.get_ydata(), [valid[best[t] - 1, t]])


def test_task_curves_labels_and_legend(curves):
    display = _display(curves, estimator_name="MultiTaskBackpropRegressor").plot()
    ax = display.ax_
    assert ax.get_xlabel() == "Epoch"
    assert ax.get_ylabel() == "Error (solid: validation, dashed: training)"
    assert ax.get_title() == "MultiTaskBackpropRegressor"
    assert _legend_texts(display.legend_) == [
        "steering (main)",
        "lanes",
        "road center",
        "validation",
        "training",
        "snapshot epoch",
    ]
    assert display.lines_["lanes"]["validation"].get_label() == "lanes (validation)"


def test_task_curves_without_legend_or_title(curves):
    display = _display(curves).plot(legend=False)
    assert display.legend_ is None
    assert display.ax_.get_legend() is None
    assert display.ax_.get_title() == ""


def test_task_curves_validation_only(curves):
    display = _display(curves).plot(curves="validation")
    assert len(display.ax_.get_lines()) == 2 * len(TASKS)
    assert all("train" not in lines for lines in display.lines_.values())
    assert display.ax_.get_ylabel() == "Validation error"
    assert "training" not in _legend_texts(display.legend_)


def test_task_curves_without_validation_curves(curves):
    train, _, best = curves
    display = _display(curves, validation_curves=None).plot()
    assert display.ax_.get_ylabel() == "Training loss"
    for t, name in enumerate(TASKS):
        lines = display.lines_[name]
        assert set(lines) == {"train", "snapshot"}
        # With no validation curve, the snapshot is marked on the training curve.
        assert_allclose(lines["snapshot"].get_ydata(), [train[best[t] - 1, t]])
    with pytest.raises(ValueError, match="needs validation_curves"):
        _display(curves, validation_curves=None).plot(curves="validation")


def test_task_curves_without_best_epochs(curves):
    display = _display(curves, best_epochs=None).plot()
    assert len(display.ax_.get_lines()) == 2 * len(TASKS)
    assert "snapshot epoch" not in _legend_texts(display.legend_)


@pytest.mark.parametrize("tasks", [["road center", "steering"], [2, 0], [-1, "steering"]])
def test_task_curves_subset_of_tasks(curves, tasks):
    train, valid, best = curves
    display = _display(curves).plot(tasks=tasks)
    assert list(display.lines_) == ["road center", "steering"]
    assert len(display.ax_.get_lines()) == 6
    assert_allclose(display.lines_["road center"]["validation"].get_ydata(), valid[:, 2])
    assert _legend_texts(display.legend_)[:2] == ["road center", "steering (main)"]


def test_task_curves_single_task_by_name(curves):
    display = _display(curves).plot(tasks="lanes")
    assert list(display.lines_) == ["lanes"]


def test_task_curves_unknown_task(curves):
    with pytest.raises(ValueError, match="Unknown task 'speed'"):
        _display(curves).plot(tasks=["speed"])
    with pytest.raises(ValueError, match="Unknown task 7"):
        _display(curves).plot(tasks=[7])
    with pytest.raises(ValueError, match="same task twice"):
        _display(curves).plot(tasks=["lanes", 1])


def test_task_curves_subplots(curves):
    train, valid, best = curves
    display = _display(curves).plot(subplots=True, n_cols=2)
    assert display.axes_.shape == (2, 2)
    assert display.ax_ is display.axes_
    panels = display.axes_.ravel()
    for t, name in enumerate(TASKS):
        lines = panels[t].get_lines()
        assert len(lines) == 3
        assert_allclose(lines[0].get_ydata(), valid[:, t])
        assert display.lines_[name]["validation"].axes is panels[t]
    assert [panels[t].get_title() for t in range(3)] == [
        "steering (main)",
        "lanes",
        "road center",
    ]
    assert not panels[3].axison
    # Bottom panel of each column gets the x label, first column the y label.
    assert panels[0].get_xlabel() == ""
    assert panels[1].get_xlabel() == "Epoch"
    assert panels[2].get_xlabel() == "Epoch"
    assert panels[1].get_ylabel() == ""
    assert panels[2].get_ylabel() != ""
    assert _legend_texts(display.legend_) == ["validation", "training", "snapshot epoch"]


def test_task_curves_subplots_on_given_axes(curves):
    fig, axes = plt.subplots(1, 3)
    display = _display(curves).plot(ax=axes, subplots=True)
    assert display.figure_ is fig
    assert display.axes_.shape == (1, 3)
    for a in axes:
        assert len(a.get_lines()) == 3
    _, too_few = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="at least one Axes per task"):
        _display(curves).plot(ax=too_few, subplots=True)
    with pytest.raises(ValueError, match="single Axes unless subplots=True"):
        _display(curves).plot(ax=axes)


def test_task_curves_draws_on_given_ax_and_log_scale(curves):
    fig, ax = plt.subplots()
    display = _display(curves).plot(ax=ax, yscale="log")
    assert display.ax_ is ax
    assert display.figure_ is fig
    assert ax.get_yscale() == "log"


def test_task_curves_keyword_styles(curves):
    display = _display(curves).plot(
        line_kw={"alpha": 0.5}, marker_kw={"marker": "*", "markersize": 12}
    )
    lines = display.lines_["lanes"]
    assert lines["validation"].get_alpha() == 0.5
    assert lines["snapshot"].get_marker() == "*"
    assert lines["snapshot"].get_markersize() == 12


def test_task_curves_default_task_names(curves):
    display = _display(curves, task_names=None, main_tasks=None).plot()
    assert list(display.lines_) == ["task 0", "task 1", "task 2"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"validation_curves": np.zeros((39, 3))}, "must match"),
        ({"best_epochs": [0, 3, 4]}, r"1-based epochs and must lie in \[1, 40\]"),
        ({"best_epochs": [41, 3, 4]}, r"must lie in \[1, 40\]"),
        ({"best_epochs": [1, 2]}, "one entry per task"),
        ({"best_epochs": [1.5, 2, 3]}, "integer epochs"),
        ({"task_names": ["a", "b"]}, "2 names for 3 tasks"),
        ({"main_tasks": ["speed"]}, "not in task_names"),
        ({"train_curves": np.zeros((2, 3, 4))}, "shape \\(n_iter, n_tasks\\)"),
    ],
)
def test_task_curves_invalid_inputs(curves, params, message):
    with pytest.raises(ValueError, match=message):
        _display(curves, **params).plot()


def test_task_curves_invalid_curves_option(curves):
    with pytest.raises(ValueError, match="curves must be"):
        _display(curves).plot(curves="test")


class _FittedLike(BaseEstimator):
    """Stands in for a fitted multitask net: it only carries the fitted attributes."""

    def __init__(self, curves=None):
        self.curves = curves

    def fit(self, X=None, y=None):
        train, valid, best = self.curves
        self.tasks_ = np.array(TASKS, dtype=object)
        self.main_tasks_ = ["steering"]
        self.train_curves_ = train
        self.validation_curves_ = valid
        self.best_epochs_ = best
        self.n_iter_ = train.shape[0]
        return self


def test_from_estimator_reads_fitted_attributes(curves):
    train, valid, best = curves
    est = _FittedLike(curves).fit()
    display = TaskCurvesDisplay.from_estimator(est)
    assert isinstance(display, TaskCurvesDisplay)
    assert display.task_names == TASKS
    assert display.main_tasks == ["steering"]
    assert display.ax_.get_title() == "_FittedLike"
    for t, name in enumerate(TASKS):
        assert_allclose(display.lines_[name]["validation"].get_ydata(), valid[:, t])
        assert_allclose(display.lines_[name]["train"].get_ydata(), train[:, t])
        assert_array_equal(display.lines_[name]["snapshot"].get_xdata(), [best[t]])
    assert _legend_texts(display.legend_)[0] == "steering (main)"


def test_from_estimator_options(curves):
    est = _FittedLike(curves).fit()
    display = TaskCurvesDisplay.from_estimator(
        est, tasks=["lanes", 0], name="MTB 16HU", curves="validation"
    )
    assert list(display.lines_) == ["lanes", "steering"]
    assert display.ax_.get_title() == "MTB 16HU"
    assert len(display.ax_.get_lines()) == 4
    display = TaskCurvesDisplay.from_estimator(est, subplots=True)
    assert display.axes_.size >= len(TASKS)


def test_from_estimator_not_fitted(curves):
    with pytest.raises(NotFittedError):
        TaskCurvesDisplay.from_estimator(_FittedLike(curves))


def test_from_estimator_needs_multitask_attributes():
    est = LinearRegression().fit(np.arange(6.0).reshape(3, 2), [0.0, 1.0, 2.0])
    with pytest.raises(TypeError, match="no attribute train_curves_, tasks_"):
        TaskCurvesDisplay.from_estimator(est)


def _mtb_estimator(name):
    sklearn_mtb = pytest.importorskip("sklearn_mtb")
    if not hasattr(sklearn_mtb, name):
        pytest.skip(f"sklearn_mtb.{name} is not available yet")
    return getattr(sklearn_mtb, name)


def _mtb_regressor():
    return _mtb_estimator("MultiTaskBackpropRegressor")


def test_from_estimator_with_fitted_regressor():
    pd = pytest.importorskip("pandas")
    MultiTaskBackpropRegressor = _mtb_regressor()
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(120, 4))
    feature = np.tanh(X[:, 0] + X[:, 1])
    y = pd.DataFrame(
        {
            "main": feature + 0.05 * rng.randn(120),
            "aux1": feature - X[:, 2] + 0.05 * rng.randn(120),
            "aux2": X[:, 3] ** 2,
        }
    )
    est = MultiTaskBackpropRegressor(
        hidden_layer_sizes=(8,),
        main_tasks="main",
        max_iter=30,
        n_iter_no_change=30,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y)

    with pytest.raises(NotFittedError):
        TaskCurvesDisplay.from_estimator(MultiTaskBackpropRegressor())

    display = TaskCurvesDisplay.from_estimator(est)
    names = [str(task) for task in est.tasks_]
    assert list(display.lines_) == names
    ax = display.ax_
    n_markers = len(names) if est.best_epochs_ is not None else 0
    n_curves = 2 if est.validation_curves_ is not None else 1
    assert len(ax.get_lines()) == n_curves * len(names) + n_markers
    assert _legend_texts(display.legend_)[: len(names)] == [
        f"{name} (main)" if name == "main" else name for name in names
    ]
    for t, name in enumerate(names):
        lines = display.lines_[name]
        assert_allclose(lines["train"].get_ydata(), est.train_curves_[:, t])
        assert len(lines["train"].get_xdata()) == est.n_iter_
        if est.validation_curves_ is not None:
            assert_allclose(lines["validation"].get_ydata(), est.validation_curves_[:, t])
            epoch = est.best_epochs_[t]
            assert_array_equal(lines["snapshot"].get_xdata(), [epoch])
            assert_allclose(
                lines["snapshot"].get_ydata(), [est.validation_curves_[epoch - 1, t]]
            )


def test_from_estimator_with_fitted_classifier_and_integer_tasks():
    MultiTaskBackpropClassifier = _mtb_estimator("MultiTaskBackpropClassifier")
    rng = np.random.RandomState(0)
    X = rng.randn(150, 3)
    y = np.column_stack([(X[:, 0] > 0).astype(int), X[:, 0] + X[:, 1]])
    est = MultiTaskBackpropClassifier((4,), main_tasks=0, max_iter=15, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y)
    # Integer task labels are looked up as labels, and named by their str().
    display = TaskCurvesDisplay.from_estimator(est, tasks=[1])
    assert list(display.lines_) == ["1"]
    assert_allclose(display.lines_["1"]["train"].get_ydata(), est.train_curves_[:, 1])
    display = TaskCurvesDisplay.from_estimator(est)
    assert _legend_texts(display.legend_)[:2] == ["0 (main)", "1"]


# ComparisonDisplay ----------------------------------------------------------

TABLE1_TASKS = ["1 or 2 Lanes", "Left Edge", "Steering"]
TABLE1_STB = np.array(
    [
        [0.201, 0.209, 0.207, 0.178],
        [0.069, 0.071, 0.073, 0.073],
        [0.093, 0.069, 0.087, 0.072],
    ]
)
TABLE1_MTB = np.array([0.156, 0.062, 0.058])
STB_LABELS = ["STB 2HU", "STB 4HU", "STB 8HU", "STB 16HU"]


def _bar_heights(container):
    return np.array([patch.get_height() for patch in container.patches])


def _bar_centers(container):
    return np.array([p.get_x() + p.get_width() / 2 for p in container.patches])


def _errorbar_half_lengths(errorbar):
    segments = errorbar.lines[2][0].get_segments()
    return np.array([(seg[1][1] - seg[0][1]) / 2 for seg in segments])


def test_comparison_bars_hold_the_errors():
    stb_std = np.full_like(TABLE1_STB, 0.004) * np.arange(1, 5)
    mtb_std = np.array([0.01, 0.002, 0.005])
    display = ComparisonDisplay(
        task_names=TABLE1_TASKS,
        stb_errors=TABLE1_STB,
        mtb_errors=TABLE1_MTB,
        stb_std=stb_std,
        mtb_std=mtb_std,
        stb_labels=STB_LABELS,
        mtb_labels="MTB 16HU",
    ).plot()
    ax = display.ax_
    assert display.figure_ is ax.figure
    assert list(display.bars_) == STB_LABELS + ["MTB 16HU"]
    assert len(ax.patches) == 5 * len(TABLE1_TASKS)
    for j, label in enumerate(STB_LABELS):
        assert_allclose(_bar_heights(display.bars_[label]), TABLE1_STB[:, j])
        assert_allclose(_errorbar_half_lengths(display.errorbars_[label]), stb_std[:, j])
    assert_allclose(_bar_heights(display.bars_["MTB 16HU"]), TABLE1_MTB)
    assert_allclose(_errorbar_half_lengths(display.errorbars_["MTB 16HU"]), mtb_std)
    # Bars of one task sit side by side around the task's tick, STB first, MTB last.
    centers = np.array([_bar_centers(display.bars_[label]) for label in display.bars_])
    assert np.all(np.diff(centers, axis=0) > 0)
    assert_allclose(centers.mean(axis=0), ax.get_xticks(), atol=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == TABLE1_TASKS
    assert ax.get_xlabel() == "Task"
    assert ax.get_ylabel() == "Test RMSE"
    assert _legend_texts(display.legend_) == STB_LABELS + ["MTB 16HU"]


def test_comparison_without_std_and_default_labels():
    display = ComparisonDisplay(
        task_names=TABLE1_TASKS,
        stb_errors=TABLE1_STB[:, :2],
        mtb_errors=TABLE1_MTB,
        error_name="log-loss",
    ).plot(legend=False)
    assert list(display.bars_) == ["STB 1", "STB 2", "MTB"]
    assert display.errorbars_ == {}
    assert display.legend_ is None
    assert display.ax_.get_ylabel() == "Test log-loss"


def test_comparison_several_mtb_nets_and_given_ax():
    fig, ax = plt.subplots()
    mtb = np.column_stack([TABLE1_MTB, TABLE1_MTB + 0.01])
    display = ComparisonDisplay(
        task_names=TABLE1_TASKS,
        stb_errors=TABLE1_STB,
        mtb_errors=mtb,
        stb_labels=STB_LABELS,
        mtb_labels=["MTB per-task", "MTB joint"],
    ).plot(ax=ax, bar_kw={"alpha": 0.7})
    assert display.ax_ is ax
    assert_allclose(_bar_heights(display.bars_["MTB joint"]), mtb[:, 1])
    assert display.bars_["MTB joint"].patches[0].get_alpha() == 0.7
    assert len(ax.patches) == 6 * len(TABLE1_TASKS)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"stb_errors": TABLE1_STB[:2]}, "stb_errors must have one row per task"),
        ({"mtb_errors": TABLE1_MTB[:2]}, "mtb_errors must have one row per task"),
        ({"stb_std": np.zeros((3, 2))}, "stb_std has shape"),
        ({"stb_labels": ["a"]}, "1 labels for 4 STB"),
        ({"mtb_labels": ["a", "b"]}, "2 labels for 1 MTB"),
    ],
)
def test_comparison_invalid_inputs(params, message):
    kwargs = dict(task_names=TABLE1_TASKS, stb_errors=TABLE1_STB, mtb_errors=TABLE1_MTB)
    kwargs.update(params)
    with pytest.raises(ValueError, match=message):
        ComparisonDisplay(**kwargs).plot()


def test_from_results_flat_columns():
    pd = pytest.importorskip("pandas")
    results = pd.DataFrame(TABLE1_STB, index=TABLE1_TASKS, columns=STB_LABELS)
    results["MTB 16HU"] = TABLE1_MTB
    results["MTB 16HU std"] = [0.01, 0.002, 0.005]
    results["STB 4HU std"] = [0.02, 0.003, 0.004]
    results["% Change Best STB"] = [14.1, 11.3, 19.0]
    display = ComparisonDisplay.from_results(results)
    assert display.task_names == TABLE1_TASKS
    assert list(display.bars_) == STB_LABELS + ["MTB 16HU"]
    for j, label in enumerate(STB_LABELS):
        assert_allclose(_bar_heights(display.bars_[label]), TABLE1_STB[:, j])
    assert_allclose(_bar_heights(display.bars_["MTB 16HU"]), TABLE1_MTB)
    assert_allclose(
        _errorbar_half_lengths(display.errorbars_["STB 4HU"]), [0.02, 0.003, 0.004]
    )
    assert_allclose(
        _errorbar_half_lengths(display.errorbars_["MTB 16HU"]), [0.01, 0.002, 0.005]
    )
    # An STB column without a std column gets no error bars (NaN lengths).
    assert np.all(np.isnan(display.stb_std[:, 0]))


def test_from_results_two_column_levels():
    pd = pytest.importorskip("pandas")
    columns = pd.MultiIndex.from_product([["STB 2HU", "MTB"], ["mean", "std"]])
    values = np.array(
        [[0.201, 0.01, 0.156, 0.02], [0.069, 0.003, 0.062, 0.001], [0.093, 0.02, 0.058, 0.004]]
    )
    results = pd.DataFrame(values, index=TABLE1_TASKS, columns=columns)
    display = ComparisonDisplay.from_results(results, error_name="RMSE")
    assert list(display.bars_) == ["STB 2HU", "MTB"]
    assert_allclose(_bar_heights(display.bars_["STB 2HU"]), values[:, 0])
    assert_allclose(_bar_heights(display.bars_["MTB"]), values[:, 2])
    assert_allclose(_errorbar_half_lengths(display.errorbars_["MTB"]), values[:, 3])

    bad = pd.DataFrame(
        values, index=TABLE1_TASKS,
        columns=pd.MultiIndex.from_product([["STB 2HU", "MTB"], ["mean", "sem"]]),
    )
    with pytest.raises(ValueError, match="'mean' or 'std'"):
        ComparisonDisplay.from_results(bad)


def test_from_results_needs_stb_and_mtb_columns():
    pd = pytest.importorskip("pandas")
    results = pd.DataFrame({"STB 2HU": [0.1, 0.2]}, index=["a", "b"])
    with pytest.raises(ValueError, match="starting with 'MTB'"):
        ComparisonDisplay.from_results(results)
    results = pd.DataFrame(
        {"STB 2HU": [0.1], "MTB": [0.05], "MTB 8HU std": [0.01]}, index=["a"]
    )
    with pytest.raises(ValueError, match="match no STB or MTB column"):
        ComparisonDisplay.from_results(results)


# matplotlib as an optional dependency ---------------------------------------


def test_module_import_does_not_import_matplotlib():
    code = (
        "import sys; import sklearn_mtb.plotting; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported eagerly'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "draw",
    [
        lambda: TaskCurvesDisplay(train_curves=np.ones((3, 1))).plot(),
        lambda: ComparisonDisplay(
            task_names=["a"], stb_errors=[[0.1]], mtb_errors=[0.05]
        ).plot(),
    ],
)
def test_missing_matplotlib_error_says_what_to_install(monkeypatch, draw):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install sklearn-mtb\[plot\]"):
        draw()


def test_from_results_ignores_text_columns():
    import pandas as pd

    from sklearn_mtb.plotting import ComparisonDisplay

    results = pd.DataFrame(
        {"STB 2HU": [0.2, 0.1], "MTB 16HU": [0.15, 0.08], "best STB": ["2HU", "2HU"],
         "% change": [25.0, 20.0]},
        index=["lanes", "steering"],
    )
    display = ComparisonDisplay.from_results(results)
    heights = sorted(round(p.get_height(), 3) for p in display.ax_.patches)
    assert heights == [0.08, 0.1, 0.15, 0.2]
