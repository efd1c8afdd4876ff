"""Tests of sklearn_mtb.model_selection: the STB-vs-MTB comparison and its summary."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy.stats import ttest_rel
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropClassifier, MultiTaskBackpropRegressor
from sklearn_mtb.model_selection import (
    compare_stb_mtb,
    percent_improvement,
    repeated_stb_mtb_comparison,
    summarize_stb_mtb,
)

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


def _problem(seed=0, n_train=40, n_val=30, n_test=50):
    rng = np.random.RandomState(seed)
    n = n_train + n_val + n_test
    X = rng.uniform(size=(n, 3))
    f = X[:, 0] * X[:, 1]
    y = pd.DataFrame({
        "main": np.sin(3 * f) + 0.05 * rng.normal(size=n),
        "hint": f,
        "other": X[:, 2] ** 2,
    })
    a, b = n_train, n_train + n_val
    return X[:a], y.iloc[:a], X[a:b], y.iloc[a:b], X[b:], y.iloc[b:]


def _small(**params):
    settings = dict(max_iter=8, n_iter_no_change=8, learning_rate_init=0.05)
    settings.update(params)
    return MultiTaskBackpropRegressor(**settings)


FITS = []


class _RecordingRegressor(MultiTaskBackpropRegressor):
    """Records what every fit receives (the search runs in this process with n_jobs=1)."""

    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None):
        FITS.append({
            "main_tasks": self.main_tasks,
            "aux_tasks": self.aux_tasks,
            "hidden_layer_sizes": self.hidden_layer_sizes,
            "random_state": self.random_state,
            "X": np.array(X, copy=True),
            "y": y.copy(),
            "X_val": np.array(X_val, copy=True),
            "y_val": y_val.copy(),
        })
        return super().fit(X, y, sample_weight=sample_weight, X_val=X_val, y_val=y_val)


def test_layout_and_values():
    data = _problem()
    errors = compare_stb_mtb(*data, stb_hidden_sizes=(2, 3), mtb_hidden_size=4,
                             estimator=_small(), random_state=0)
    assert list(errors.index) == ["main", "hint", "other"]
    assert errors.index.name == "task"
    assert list(errors.columns) == ["STB 2HU", "STB 3HU", "MTB 4HU"]
    assert np.all(np.isfinite(errors.to_numpy()))
    assert np.all(errors.to_numpy() > 0)


def test_tasks_subset_and_multilayer_labels():
    data = _problem()
    errors = compare_stb_mtb(*data, tasks="main", stb_hidden_sizes=[2, (3, 2)],
                             mtb_hidden_size=(4, 4), estimator=_small(), random_state=0)
    assert list(errors.index) == ["main"]
    assert list(errors.columns) == ["STB 2HU", "STB 3x2HU", "MTB 4x4HU"]


@pytest.mark.parametrize("n_val", [30, 90])  # 90 = n_train + n_test: the padding path
def test_every_net_sees_the_same_training_rows_and_halt_set(n_val):
    X_tr, y_tr, X_val, y_val, X_te, y_te = _problem(n_val=n_val)
    FITS.clear()
    errors, search = compare_stb_mtb(
        X_tr, y_tr, X_val, y_val, X_te, y_te, tasks=["main", "hint"],
        stb_hidden_sizes=(2, 3), mtb_hidden_size=4,
        estimator=_RecordingRegressor(max_iter=3, n_iter_no_change=3),
        random_state=0, n_jobs=None, return_search=True,
    )
    assert len(FITS) == 2 * 2 + 1
    assert search.refit is False
    stb = [f for f in FITS if f["aux_tasks"] == []]
    mtb = [f for f in FITS if f["aux_tasks"] == "rest"]
    assert len(stb) == 4 and len(mtb) == 1
    assert sorted((f["main_tasks"], f["hidden_layer_sizes"]) for f in stb) == [
        ("hint", (2,)), ("hint", (3,)), ("main", (2,)), ("main", (3,))]
    assert mtb[0]["main_tasks"] == ["main", "hint"]
    assert mtb[0]["hidden_layer_sizes"] == (4,)
    for fit in FITS:
        # exactly the training rows (no halt or test rows), and the whole halt set
        assert_allclose(fit["X"], X_tr)
        assert_allclose(fit["y"].to_numpy(), y_tr.to_numpy())
        assert_allclose(fit["X_val"], X_val)
        assert_allclose(fit["y_val"].to_numpy(), y_val.to_numpy())
    # every net has its own seed
    assert len({f["random_state"] for f in FITS}) == len(FITS)


def test_errors_are_test_rmse_of_each_nets_own_snapshots():
    X_tr, y_tr, X_val, y_val, X_te, y_te = _problem()
    y_te = y_te.copy()
    y_te.iloc[:7, 1] = np.nan  # missing test targets are left out
    errors, search = compare_stb_mtb(
        X_tr, y_tr, X_val, y_val, X_te, y_te, stb_hidden_sizes=(2,), mtb_hidden_size=4,
        estimator=_small(), random_state=1, return_search=True,
    )
    params = search.cv_results_["params"]
    assert len(params) == 3 * 1 + 1
    for p in params:
        net = _small().set_params(**p).fit(X_tr, y_tr, X_val=X_val, y_val=y_val)
        pred = net.predict_tasks(X_te)
        for task in net.tasks_:
            truth = y_te[task].to_numpy()
            keep = ~np.isnan(truth)
            rmse = np.sqrt(np.mean((pred[task].to_numpy()[keep] - truth[keep]) ** 2))
            column = "MTB 4HU" if p["aux_tasks"] == "rest" else "STB 2HU"
            assert errors.loc[task, column] == pytest.approx(rmse, rel=1e-10)
        if p["aux_tasks"] == []:
            assert list(net.tasks_) == [p["main_tasks"]]
        else:
            assert list(net.tasks_) == ["main", "hint", "other"]


def test_arrays_integer_targets_and_mtb_params():
    X_tr, y_tr, X_val, y_val, X_te, y_te = _problem()
    to_array = [y.to_numpy() for y in (y_tr, y_val, y_te)]
    errors = compare_stb_mtb(X_tr, to_array[0], X_val, to_array[1], X_te, to_array[2],
                             tasks=[0], stb_hidden_sizes=(2,), mtb_hidden_size=3,
                             mtb_aux_tasks=[1], mtb_params={"task_weights": [1.0, 0.5]},
                             estimator=_small(), random_state=0)
    assert list(errors.index) == [0]
    assert list(errors.columns) == ["STB 2HU", "MTB 3HU"]
    # an integer 0/1 column is learnt and scored as a regression output
    y_int = [y.assign(other=(y["other"] > 0.3).astype(int)) for y in (y_tr, y_val, y_te)]
    errors = compare_stb_mtb(X_tr, y_int[0], X_val, y_int[1], X_te, y_int[2],
                             tasks="other", stb_hidden_sizes=(2,), mtb_hidden_size=3,
                             estimator=_small(), random_state=0)
    assert 0 < errors.loc["other", "STB 2HU"] < 1


def test_reproducible_with_random_state():
    data = _problem()
    kw = dict(tasks="main", stb_hidden_sizes=(2,), mtb_hidden_size=3, estimator=_small())
    a = compare_stb_mtb(*data, random_state=3, **kw)
    b = compare_stb_mtb(*data, random_state=3, n_jobs=2, **kw)
    c = compare_stb_mtb(*data, random_state=4, **kw)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a.to_numpy(), c.to_numpy())


def test_percent_improvement_reproduces_the_papers_table_1():
    from sklearn_mtb.experiments import PAPER_TABLE_1

    runs = pd.DataFrame.from_dict(
        {task: row[:5] for task, row in PAPER_TABLE_1.items()}, orient="index",
        columns=["STB 2HU", "STB 4HU", "STB 8HU", "STB 16HU", "MTB 16HU"])
    table = summarize_stb_mtb(runs)
    for task, row in PAPER_TABLE_1.items():
        assert table.loc[task, "% change best STB"] == pytest.approx(row[5], abs=0.051)
        assert table.loc[task, "% change mean STB"] == pytest.approx(row[6], abs=0.051)
    assert table.loc["steering", "best STB"] == "STB 4HU"
    assert table.loc["lanes", "best STB"] == "STB 16HU"
    assert np.isnan(table["p-value"]).all()  # one run: no test
    assert (table["n_runs"] == 1).all()
    assert percent_improvement(0.05, 0.1) == pytest.approx(-50.0)
    assert np.isnan(percent_improvement(0.1, 0.0))
    assert_allclose(percent_improvement([0.2, 0.3], 0.1), [100.0, 200.0])


def test_summary_means_stds_and_paired_test():
    rng = np.random.RandomState(0)
    runs = {}
    for seed in range(6):
        stb = np.array([[0.30, 0.20], [0.10, 0.12]]) + 0.01 * rng.normal(size=(2, 2))
        mtb = np.array([0.15, 0.13]) + 0.01 * rng.normal(size=2)
        runs[seed] = pd.DataFrame(
            np.column_stack([stb, mtb]), index=pd.Index(["t1", "t2"], name="task"),
            columns=["STB 2HU", "STB 4HU", "MTB 8HU"])
    table = summarize_stb_mtb(runs)
    stacked = np.stack([r.to_numpy() for r in runs.values()])
    assert list(table.columns[:3]) == ["STB 2HU", "STB 4HU", "MTB 8HU"]
    assert_allclose(table[["STB 2HU", "STB 4HU", "MTB 8HU"]].to_numpy(),
                    stacked.mean(axis=0))
    assert_allclose(table[["STB 2HU std", "STB 4HU std", "MTB 8HU std"]].to_numpy(),
                    stacked.std(axis=0, ddof=1))
    assert list(table["best STB"]) == ["STB 4HU", "STB 2HU"]
    best = stacked[:, [0, 1], [1, 0]]
    assert_allclose(table["% change best STB"],
                    100 * (best.mean(0) - stacked[:, :, 2].mean(0)) / stacked[:, :, 2].mean(0))
    mean_stb = stacked[:, :, :2].mean(axis=(0, 2))
    assert_allclose(table["% change mean STB"],
                    100 * (mean_stb - stacked[:, :, 2].mean(0)) / stacked[:, :, 2].mean(0))
    for i in range(2):
        expected = ttest_rel(stacked[:, i, 2], best[:, i]).pvalue
        assert table["p-value"].iloc[i] == pytest.approx(expected)
    assert table.loc["t1", "p-value"] < 0.01  # MTB clearly better on t1
    assert table.loc["t1", "% change best STB"] > 0
    assert table.loc["t2", "% change best STB"] < 0  # and worse on t2
    assert (table["n_runs"] == 6).all()
    # a list of runs gives the same table
    pd.testing.assert_frame_equal(table, summarize_stb_mtb(list(runs.values())))


def test_summary_reads_into_comparison_display():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from sklearn_mtb.plotting import ComparisonDisplay

    runs = [pd.DataFrame([[0.2, 0.1, 0.12]], index=["t"],
                         columns=["STB 2HU", "STB 4HU", "MTB 4HU"]) + 0.01 * k
            for k in range(3)]
    table = summarize_stb_mtb(runs)
    nets = [c for c in table.columns if c.startswith(("STB", "MTB"))]
    display = ComparisonDisplay.from_results(table[nets])
    assert set(display.bars_) == {"STB 2HU", "STB 4HU", "MTB 4HU"}
    assert set(display.errorbars_) == {"STB 2HU", "STB 4HU", "MTB 4HU"}


def test_repeated_comparison_draws_new_data_per_seed(capsys):
    seen = []

    def make_data(seed):
        seen.append(seed)
        return _problem(seed=seed)

    table, runs = repeated_stb_mtb_comparison(
        make_data, seeds=[3, 5], tasks=["main", "hint"], stb_hidden_sizes=(2, 3),
        mtb_hidden_size=4, estimator=_small(), verbose=1, return_runs=True)
    assert seen == [3, 5]
    assert list(runs) == [3, 5]
    assert not np.allclose(runs[3].to_numpy(), runs[5].to_numpy())
    assert list(table.index) == ["main", "hint"]
    assert list(table.columns) == [
        "STB 2HU", "STB 3HU", "MTB 4HU", "% change best STB", "% change mean STB",
        "best STB", "p-value", "n_runs", "STB 2HU std", "STB 3HU std", "MTB 4HU std"]
    assert (table["n_runs"] == 2).all()
    assert np.isfinite(table["p-value"]).all()
    pd.testing.assert_frame_equal(table, summarize_stb_mtb(runs))
    err = capsys.readouterr().err
    assert "[seed 3] 1/2" in err and "[seed 5] 2/2" in err
    # an int gives seeds 0..n-1, and the same seed gives the same run
    again = repeated_stb_mtb_comparison(
        make_data, seeds=1, tasks=["main", "hint"], stb_hidden_sizes=(2, 3),
        mtb_hidden_size=4, estimator=_small())
    assert seen[-1] == 0
    assert again["n_runs"].iloc[0] == 1


def test_convergence_warnings_are_not_swallowed():
    with pytest.warns(ConvergenceWarning):
        compare_stb_mtb(*_problem(), tasks="main", stb_hidden_sizes=(2,),
                        mtb_hidden_size=3, estimator=_small(max_iter=2), random_state=0)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"tasks": "nope"}, ValueError, "Unknown task 'nope'"),
    ({"tasks": []}, ValueError, "tasks is empty"),
    ({"tasks": ["main", "main"]}, ValueError, "repeated"),
    ({"stb_hidden_sizes": ()}, ValueError, "stb_hidden_sizes is empty"),
    ({"stb_hidden_sizes": 4}, ValueError, "list of hidden sizes"),
    ({"stb_hidden_sizes": (2, 0)}, ValueError, "positive int"),
    ({"stb_hidden_sizes": (2, 2)}, ValueError, "repeated sizes"),
    ({"mtb_hidden_size": -1}, ValueError, "mtb_hidden_size must be a positive int"),
    ({"mtb_aux_tasks": "all"}, ValueError, "mtb_aux_tasks must be 'rest'"),
    ({"mtb_aux_tasks": ["zzz"]}, ValueError, "Unknown task"),
    ({"tasks": "main", "mtb_aux_tasks": ["main"]}, ValueError, "already learns"),
    ({"mtb_params": {"main_tasks": 0}}, ValueError, "cannot set"),
    ({"mtb_params": {"not_a_param": 1}}, ValueError, "unknown parameter"),
    ({"mtb_params": [1]}, ValueError, "must be a dict"),
    ({"estimator": MultiTaskBackpropClassifier()}, TypeError, "must be a regressor"),
    ({"estimator": MultiTaskBackpropRegressor}, TypeError, "not the class"),
    ({"estimator": object()}, TypeError, "multitask backprop estimator"),
])
def test_argument_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        compare_stb_mtb(*_problem(), **kwargs)


def test_data_errors():
    X_tr, y_tr, X_val, y_val, X_te, y_te = _problem()
    with pytest.raises(ValueError, match="at least two"):
        compare_stb_mtb(X_tr, y_tr["main"].to_numpy(), X_val, y_val, X_te, y_te)
    with pytest.raises(ValueError, match="at least two task columns"):
        compare_stb_mtb(X_tr, y_tr[["main"]], X_val, y_val[["main"]], X_te, y_te[["main"]])
    with pytest.raises(ValueError, match="same task columns"):
        compare_stb_mtb(X_tr, y_tr, X_val, y_val[["hint", "main", "other"]], X_te, y_te)
    with pytest.raises(ValueError, match="X_test has 49 rows but y_test has 50"):
        compare_stb_mtb(X_tr, y_tr, X_val, y_val, X_te[1:], y_te)
    with pytest.raises(ValueError, match="numeric targets"):
        compare_stb_mtb(X_tr, y_tr.assign(main="a"), X_val, y_val.assign(main="a"),
                        X_te, y_te.assign(main="a"))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"make_data": 3}, TypeError, "make_data must be a callable"),
    ({"seeds": 0}, ValueError, "positive int"),
    ({"seeds": []}, ValueError, "seeds is empty"),
    ({"seeds": [1, 1]}, ValueError, "repeated"),
    ({"seeds": [1.5]}, ValueError, "non-negative ints"),
    ({"make_data": lambda seed: (1, 2)}, ValueError, "must return"),
    ({"verbose": "yes"}, ValueError, "verbose must be an int"),
])
def test_repeated_argument_errors(kwargs, error, match):
    params = {"make_data": _problem, "seeds": 1, "estimator": _small(),
              "stb_hidden_sizes": (2,)}
    params.update(kwargs)
    make_data = params.pop("make_data")
    with pytest.raises(error, match=match):
        repeated_stb_mtb_comparison(make_data, **params)


def test_summary_errors():
    run = pd.DataFrame([[0.1, 0.2]], index=["t"], columns=["STB 2HU", "MTB 4HU"])
    with pytest.raises(ValueError, match="runs is empty"):
        summarize_stb_mtb([])
    with pytest.raises(ValueError, match="different layout"):
        summarize_stb_mtb([run, run.rename(columns={"STB 2HU": "STB 3HU"})])
    with pytest.raises(ValueError, match="exactly one 'MTB"):
        summarize_stb_mtb(run.rename(columns={"MTB 4HU": "other"}))
    with pytest.raises(ValueError, match="must be a DataFrame"):
        summarize_stb_mtb([run.to_numpy()])
