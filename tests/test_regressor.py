"""Behaviour of MultiTaskBackpropRegressor: tasks, snapshots, stopping, sklearn plumbing and
bad input."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_mtb import MultiTaskBackpropRegressor

FAST = dict(hidden_layer_sizes=(8,), max_iter=40, random_state=0)


@pytest.fixture
def frame_problem():
    """A main task that is a non-linear function of a feature, with the feature as a hint
    and a noise column, in a DataFrame with named tasks."""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(300, 5))
    feature = X[:, 0] * X[:, 1] + X[:, 2]
    y = pd.DataFrame({
        "main": np.sin(2 * feature) + 0.05 * rng.normal(size=300),
        "hint": feature,
        "noise": rng.normal(size=300),
    })
    return X, y


def fit_quiet(est, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit(*args, **kwargs)


def test_tasks_and_prediction_shapes(frame_problem):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", **FAST), X, y)
    assert list(reg.tasks_) == ["main", "hint", "noise"]
    assert list(reg.main_tasks_) == ["main"] and list(reg.aux_tasks_) == ["hint", "noise"]
    assert reg.predict(X).shape == (300,)
    assert reg.train_curves_.shape == (reg.n_iter_, 3)
    assert reg.validation_curves_.shape == (reg.n_iter_, 3)
    assert len(reg.loss_curve_) == reg.n_iter_
    assert [c.shape for c in reg.coefs_] == [(5, 8), (8, 3)]
    reg2 = fit_quiet(MultiTaskBackpropRegressor(main_tasks=["main", "noise"], **FAST), X, y)
    assert list(reg2.tasks_) == ["main", "noise", "hint"]
    assert reg2.predict(X).shape == (300, 2)
    tasks = reg2.predict_tasks(X)
    assert isinstance(tasks, pd.DataFrame)
    assert list(tasks.columns) == ["main", "noise", "hint"]
    assert_allclose(tasks[["main", "noise"]].to_numpy(), reg2.predict(X))


def test_positions_select_tasks_of_arrays(frame_problem):
    X, y = frame_problem
    Y = y.to_numpy()
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks=0, aux_tasks=[2], **FAST), X, Y)
    assert_array_equal(reg.tasks_, [0, 2])
    assert reg.coefs_[-1].shape == (8, 2)
    pred = reg.predict_tasks(X, tasks=[2])
    assert pred.shape == (300, 1)
    # score accepts all columns of y, or just the main one
    assert_allclose(reg.score(X, Y), reg.score(X, Y[:, 0]))


def test_stb_uses_only_the_main_task(frame_problem):
    X, y = frame_problem
    stb = fit_quiet(MultiTaskBackpropRegressor(main_tasks="hint", aux_tasks=[], **FAST), X, y)
    assert list(stb.tasks_) == ["hint"]
    assert stb.n_outputs_ == 1
    # the other columns may even be garbage: they are ignored
    y_bad = y.copy()
    y_bad["noise"] = "not a number"
    stb2 = fit_quiet(MultiTaskBackpropRegressor(main_tasks="hint", aux_tasks=[], **FAST),
                     X, y_bad)
    assert_allclose(stb.predict(X), stb2.predict(X))


def test_main_tasks_none_uses_every_column():
    rng = np.random.RandomState(1)
    X = rng.normal(size=(80, 3))
    y1 = X[:, 0]
    reg = fit_quiet(MultiTaskBackpropRegressor(**FAST), X, y1)
    assert reg.predict(X).shape == (80,)
    Y = np.column_stack([X[:, 0], X[:, 1]])
    reg = fit_quiet(MultiTaskBackpropRegressor(**FAST), X, Y)
    assert reg.predict(X).shape == (80, 2)
    assert len(reg.aux_tasks_) == 0


def test_per_task_snapshots_reproduce_validation_minimum(frame_problem):
    X, y = frame_problem
    X_val, y_val = X[200:], y.iloc[200:]
    reg = fit_quiet(
        MultiTaskBackpropRegressor((8,), main_tasks="main", max_iter=60,
                                   n_iter_no_change=60, learning_rate_init=0.05,
                                   random_state=0),
        X[:200], y.iloc[:200], X_val=X_val, y_val=y_val,
    )
    vc = reg.validation_curves_
    assert_array_equal(reg.best_epochs_, np.argmin(vc, axis=0) + 1)
    assert_array_equal(reg.snapshot_epochs_, reg.best_epochs_)
    pred = reg.predict_tasks(X_val)
    for t, task in enumerate(reg.tasks_):
        rmse = np.sqrt(np.mean((pred[task].to_numpy() - y_val[task].to_numpy()) ** 2))
        assert_allclose(rmse, vc[reg.best_epochs_[t] - 1, t], rtol=1e-10)
    # the noise task overtrains early; the others keep improving longer
    assert len(set(reg.best_epochs_)) > 1


def test_joint_and_no_snapshots(frame_problem):
    X, y = frame_problem
    common = dict(hidden_layer_sizes=(8,), main_tasks=["main", "hint"], max_iter=50,
                  n_iter_no_change=50, random_state=0)
    joint = fit_quiet(MultiTaskBackpropRegressor(snapshots="joint", **common), X, y)
    mean_main = joint.validation_curves_[:, :2].mean(axis=1)
    assert np.all(joint.snapshot_epochs_ == np.argmin(mean_main) + 1)
    last = fit_quiet(MultiTaskBackpropRegressor(snapshots=None, **common), X, y)
    assert np.all(last.snapshot_epochs_ == last.n_iter_)
    # without snapshots the prediction comes from coefs_ / intercepts_ of the last epoch
    hidden = 1 / (1 + np.exp(-(X @ last.coefs_[0] + last.intercepts_[0])))
    assert_allclose(last.predict(X), (hidden @ last.coefs_[1] + last.intercepts_[1])[:, :2],
                    rtol=1e-10)


def test_stops_when_no_task_improves(frame_problem):
    X, y = frame_problem
    reg = MultiTaskBackpropRegressor((8,), main_tasks="main", max_iter=500,
                                     n_iter_no_change=5, learning_rate_init=0.05,
                                     random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        reg.fit(X, y)
    assert reg.n_iter_ < 500
    # training stopped n_iter_no_change epochs after the last improvement of any task
    assert reg.n_iter_ - reg.best_epochs_.max() >= 5 - 1
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        MultiTaskBackpropRegressor(max_iter=3, random_state=0).fit(X, y)


def test_missing_targets_are_masked():
    rng = np.random.RandomState(2)
    X = rng.uniform(-1, 1, size=(200, 3))
    y = pd.DataFrame({"a": X[:, 0] + X[:, 1], "b": X[:, 0] - X[:, 2]})
    y.loc[y.index[::2], "b"] = np.nan
    y_orig = y.copy()
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="a", **FAST), X, y)
    assert np.all(np.isfinite(reg.validation_curves_))
    assert np.all(np.isfinite(reg.predict_tasks(X).to_numpy()))
    pd.testing.assert_frame_equal(y, y_orig)
    # a garbage value under a NaN-masked cell would change nothing: replace the masked
    # cells' inputs' target by NaN everywhere but keep X: same fit as dropping the column
    # values there.
    y2 = y.copy()
    y2.loc[y2.index[::2], "b"] = np.nan
    reg2 = fit_quiet(MultiTaskBackpropRegressor(main_tasks="a", **FAST), X, y2)
    assert_allclose(reg.predict(X), reg2.predict(X))


def test_dict_parameters_may_name_unused_columns(frame_problem):
    # so one task_weights / task_types dict serves every point of a grid over tasks
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(
        main_tasks="main", aux_tasks=["hint"], task_weights={"noise": 3.0},
        task_types={"noise": "classification"}, **FAST), X, y)
    assert_allclose(reg.task_weights_, [1, 1])
    assert list(reg.task_types_) == ["regression", "regression"]


def test_task_weights(frame_problem):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main",
                                               task_weights={"noise": 0.0}, **FAST), X, y)
    assert_allclose(reg.task_weights_, [1, 1, 0])
    # a task with zero weight is not learnt: its output weights stay at their start
    start = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", task_weights=[1, 1, 0],
                                                 hidden_layer_sizes=(8,), max_iter=1,
                                                 random_state=0), X, y)
    assert_allclose(reg.task_weights_, start.task_weights_)
    heavy = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main",
                                                 task_weights=np.array([1.0, 5.0, 1.0]),
                                                 **FAST), X, y)
    assert not np.allclose(heavy.predict(X), reg.predict(X))


def test_zero_weight_task_output_is_not_trained(frame_problem):
    X, y = frame_problem
    params = dict(hidden_layer_sizes=(8,), main_tasks="main", random_state=0,
                  task_weights={"noise": 0.0}, snapshots=None, momentum=0.0)
    a = fit_quiet(MultiTaskBackpropRegressor(max_iter=1, **params), X, y)
    b = fit_quiet(MultiTaskBackpropRegressor(max_iter=5, **params), X, y)
    # output weights of "noise" (column 2) are untouched; those of "main" moved
    rng_init = MultiTaskBackpropRegressor(**params)
    assert_allclose(a.coefs_[1][:, 2], b.coefs_[1][:, 2])
    assert not np.allclose(a.coefs_[1][:, 0], b.coefs_[1][:, 0])
    del rng_init


def test_sample_weight_zero_equals_dropping_rows_full_batch(frame_problem):
    X, y = frame_problem
    sw = np.ones(300)
    sw[::3] = 0
    params = dict(hidden_layer_sizes=(6,), batch_size=1000, validation_fraction=0.0,
                  max_iter=30, shuffle=False, random_state=0, main_tasks="main")
    a = fit_quiet(MultiTaskBackpropRegressor(**params), X, y, sample_weight=sw)
    keep = sw > 0
    b = fit_quiet(MultiTaskBackpropRegressor(**params), X[keep], y[keep])
    assert_allclose(a.predict(X), b.predict(X), rtol=1e-8)


def test_explicit_validation_set(frame_problem):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", **FAST), X[:200],
                    y.iloc[:200], X_val=X[200:], y_val=y.iloc[200:, ::-1])
    assert reg.validation_curves_.shape[1] == 3
    with pytest.raises(ValueError, match="lacks the task column.*'hint'"):
        MultiTaskBackpropRegressor(main_tasks="main", **FAST).fit(
            X[:200], y.iloc[:200], X_val=X[200:], y_val=y.iloc[200:][["main", "noise"]])
    with pytest.raises(ValueError, match="has 2 target column.*had 3"):
        MultiTaskBackpropRegressor(main_tasks=0, **FAST).fit(
            X[:200], y.to_numpy()[:200], X_val=X[200:], y_val=y.to_numpy()[200:, :2])
    with pytest.raises(ValueError, match="both X_val and y_val"):
        MultiTaskBackpropRegressor(**FAST).fit(X, y, X_val=X)


def test_no_validation_data_predicts_last_epoch(frame_problem):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", validation_fraction=0.0,
                                               **FAST), X, y)
    assert reg.validation_curves_ is None and reg.best_epochs_ is None
    assert np.all(reg.snapshot_epochs_ == reg.n_iter_)


def test_warm_start_continues(frame_problem):
    X, y = frame_problem
    reg = MultiTaskBackpropRegressor((8,), main_tasks="main", max_iter=5,
                                     n_iter_no_change=100, warm_start=True, random_state=0)
    fit_quiet(reg, X, y)
    first = reg.coefs_[0].copy()
    fit_quiet(reg, X, y)
    assert reg.n_iter_ == 10 and len(reg.loss_curve_) == 10
    assert reg.train_curves_.shape == (10, 3)
    assert not np.allclose(first, reg.coefs_[0])
    cold = fit_quiet(MultiTaskBackpropRegressor((8,), main_tasks="main", max_iter=10,
                                                n_iter_no_change=100, random_state=0), X, y)
    assert cold.n_iter_ == 10


def test_verbose_prints_one_line_per_epoch(frame_problem, capsys):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor((4,), main_tasks="main", max_iter=3,
                                               verbose=True, random_state=0), X, y)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == reg.n_iter_ == 3
    assert lines[0].startswith("Epoch 1, loss = ") and "main=" in lines[0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved(frame_problem, dtype):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", **FAST), X.astype(dtype), y)
    assert reg.coefs_[0].dtype == dtype
    assert reg.predict(X.astype(dtype)).dtype == dtype
    assert reg.transform(X.astype(dtype)).dtype == dtype


def test_float32_and_float64_fits_agree(frame_problem):
    X, y = frame_problem
    params = dict(main_tasks="main", hidden_layer_sizes=(8,), max_iter=5, random_state=0,
                  snapshots=None)
    a = fit_quiet(MultiTaskBackpropRegressor(**params), X.astype(np.float32), y)
    b = fit_quiet(MultiTaskBackpropRegressor(**params), X, y)
    assert_allclose(a.predict(X.astype(np.float32)), b.predict(X), atol=2e-3)


def test_transform_is_hidden_layer(frame_problem):
    X, y = frame_problem
    reg = fit_quiet(MultiTaskBackpropRegressor((6, 5), main_tasks="main", snapshots=None,
                                               max_iter=5, random_state=0), X, y)
    h = X
    for W, b in zip(reg.coefs_[:-1], reg.intercepts_[:-1]):
        h = 1 / (1 + np.exp(-(h @ W + b)))
    assert_allclose(reg.transform(X), h, rtol=1e-10)


def test_pipeline_clone_pickle_and_feature_names(frame_problem):
    X, y = frame_problem
    Xdf = pd.DataFrame(X, columns=[f"px{i}" for i in range(5)])
    reg = MultiTaskBackpropRegressor(main_tasks="main", **FAST)
    fit_quiet(reg, Xdf, y)
    assert list(reg.feature_names_in_) == list(Xdf.columns)
    again = pickle.loads(pickle.dumps(reg))
    assert_array_equal(again.predict(Xdf), reg.predict(Xdf))
    assert_array_equal(again.predict_tasks(Xdf).to_numpy(), reg.predict_tasks(Xdf).to_numpy())
    twin = fit_quiet(clone(reg), Xdf, y)
    assert_array_equal(twin.predict(Xdf), reg.predict(Xdf))
    pipe = make_pipeline(StandardScaler(), MultiTaskBackpropRegressor(main_tasks="main",
                                                                      **FAST))
    fit_quiet(pipe, X, y)
    assert pipe.score(X, y) > 0.5


def test_grid_search_over_tasks_and_sizes(frame_problem):
    X, y = frame_problem
    grid = GridSearchCV(
        MultiTaskBackpropRegressor(aux_tasks=[], max_iter=20, random_state=0),
        {"main_tasks": ["main", "hint"], "hidden_layer_sizes": [(2,), (8,)]},
        cv=2, n_jobs=2,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        grid.fit(X, y)
    assert len(grid.cv_results_["params"]) == 4
    assert np.all(np.isfinite(grid.cv_results_["mean_test_score"]))
    assert grid.best_estimator_.aux_tasks == []
    assert len(grid.best_estimator_.tasks_) == 1


def test_inputs_are_not_modified(frame_problem):
    X, y = frame_problem
    X32 = np.ascontiguousarray(X, dtype=np.float64)
    X_copy, y_copy = X32.copy(), y.copy()
    sw = np.ones(300)
    weights = {"noise": 0.5}
    fit_quiet(MultiTaskBackpropRegressor(main_tasks="main", task_weights=weights, **FAST),
              X32, y, sample_weight=sw)
    assert_array_equal(X32, X_copy)
    pd.testing.assert_frame_equal(y, y_copy)
    assert weights == {"noise": 0.5} and np.all(sw == 1)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    "params, match",
    [
        (dict(main_tasks="nope"), r"Unknown task 'nope' in main_tasks.*'main', 'hint'"),
        (dict(main_tasks="main", aux_tasks=["ghost"]), r"Unknown task 'ghost' in aux_tasks"),
        (dict(main_tasks="main", aux_tasks=["main"]), r"both in main_tasks and in aux_tasks"),
        (dict(main_tasks="main", task_weights={"ghost": 1}), r"Unknown task 'ghost'"),
        (dict(main_tasks="main", task_weights={"hint": -1}), r"finite and non-negative"),
        (dict(main_tasks="main", task_weights={"hint": np.inf}), r"finite and non-negative"),
        (dict(main_tasks="main", task_weights=[1, 2]), r"one weight per task"),
        (dict(main_tasks="main", task_weights=[0, 0, 0]), r"all zero"),
        (dict(main_tasks="main", task_types={"main": "classification"}),
         r"can only change auxiliary tasks"),
        (dict(main_tasks="main", task_types={"hint": "ranking"}), r"not a task kind"),
        (dict(main_tasks="main", task_types={"ghost": "regression"}), r"Unknown task"),
    ],
)
def test_bad_task_parameters(frame_problem, params, match):
    X, y = frame_problem
    with pytest.raises(ValueError, match=match):
        MultiTaskBackpropRegressor(**FAST | params).fit(X, y)


def test_bad_data(frame_problem):
    X, y = frame_problem
    reg = MultiTaskBackpropRegressor(main_tasks="main", **FAST)
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        reg.fit(X_nan, y)
    X_inf = X.copy()
    X_inf[0, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        reg.fit(X_inf, y)
    with pytest.raises(ValueError, match="X has 299 rows but y has 300"):
        reg.fit(X[:-1], y)
    y_empty = y.copy()
    y_empty["main"] = np.nan
    with pytest.raises(ValueError, match="main task 'main' has no target values"):
        reg.fit(X, y_empty)
    fit_quiet(reg, X, y)
    with pytest.raises(ValueError, match="X has 4 features.*expecting 5"):
        reg.predict(X[:, :4])
    with pytest.raises(ValueError, match="Unknown task 'ghost' in tasks"):
        reg.predict_tasks(X, tasks=["ghost"])
    with pytest.raises(ValueError, match="main task column"):
        reg.score(X, y.to_numpy()[:, :2])


def test_divergence_raises_with_advice(frame_problem):
    X, y = frame_problem
    reg = MultiTaskBackpropRegressor((8,), activation="relu", main_tasks="main",
                                     learning_rate_init=50.0, max_iter=50, random_state=0)
    with pytest.raises(ValueError, match="diverged.*Lower learning_rate_init"):
        reg.fit(X * 100, y * 100)
    # nothing of the diverged fit survives: the estimator is unfitted again
    with pytest.raises(NotFittedError):
        reg.predict(X)
    fit_quiet(reg.set_params(learning_rate_init=0.01, activation="logistic", max_iter=5),
              X, y)
    assert np.all(np.isfinite(reg.predict(X)))
