"""MultiTaskBackpropClassifier and mixed task heads."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_mtb import MultiTaskBackpropClassifier, MultiTaskBackpropRegressor

FAST = dict(hidden_layer_sizes=(8,), max_iter=40, random_state=0)


def fit_quiet(est, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit(*args, **kwargs)


@pytest.fixture
def mixed():
    """Door-like frame: a binary string main task, a 3-class task, positions as floats."""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(400, 6))
    width = X[:, 0] + 0.5 * X[:, 1]
    y = pd.DataFrame({
        "door_type": np.where(width > 0, "double", "single"),
        "colour": pd.Categorical(np.select([X[:, 2] < -0.3, X[:, 2] < 0.3],
                                           ["red", "green"], "blue")),
        "knob": 0.5 + 0.3 * X[:, 3],
        "width": width,
        "is_open": X[:, 4] > 0,
    })
    return X, y


def test_kinds_follow_dtypes_and_overrides(mixed):
    X, y = mixed
    clf = fit_quiet(MultiTaskBackpropClassifier(main_tasks="door_type", **FAST), X, y)
    assert list(clf.tasks_) == ["door_type", "colour", "knob", "width", "is_open"]
    assert list(clf.task_types_) == ["classification", "classification", "regression",
                                     "regression", "classification"]
    # door type: 1 sigmoid output; colour: 3 softmax outputs; 2 linear; is_open: 1
    assert clf.n_outputs_ == 1 + 3 + 1 + 1 + 1
    assert_array_equal(clf.classes_, ["double", "single"])
    pred = clf.predict(X)
    assert pred.shape == (400,) and set(pred) <= {"double", "single"}
    proba = clf.predict_proba(X)
    assert proba.shape == (400, 2)
    assert_allclose(proba.sum(axis=1), 1)
    assert_array_equal(clf.classes_[np.argmax(proba, axis=1)], pred)
    tasks = clf.predict_tasks(X)
    assert set(tasks["colour"]) <= {"red", "green", "blue"}
    assert tasks["knob"].dtype.kind == "f"
    assert tasks["is_open"].dtype == bool
    over = fit_quiet(MultiTaskBackpropClassifier(
        main_tasks="door_type", task_types={"width": "classification", "is_open":
                                            "regression"}, **FAST), X,
        y.assign(width=(y["width"] > 0).astype(float)))
    assert list(over.task_types_)[3:] == ["classification", "regression"]


def test_regressor_mixes_in_classification_aux(mixed):
    X, y = mixed
    reg = fit_quiet(MultiTaskBackpropRegressor(main_tasks="knob", **FAST), X, y)
    assert reg.task_types_[0] == "regression"
    assert reg.predict(X).dtype.kind == "f"
    assert not hasattr(reg, "predict_proba")
    with pytest.raises(AttributeError):
        reg.predict_proba(X)
    # a 0.0/1.0 float column, like the paper's "1 or 2 lanes", stays regression
    reg01 = fit_quiet(MultiTaskBackpropRegressor(main_tasks="knob", **FAST), X,
                      y.assign(lanes=(y["width"] > 0).astype(float)))
    assert reg01.task_types_[list(reg01.tasks_).index("lanes")] == "regression"


def test_validation_log_loss_and_snapshots(mixed):
    X, y = mixed
    clf = fit_quiet(MultiTaskBackpropClassifier(main_tasks="door_type", max_iter=30,
                                                n_iter_no_change=30, random_state=0),
                    X[:300], y.iloc[:300], X_val=X[300:], y_val=y.iloc[300:])
    t = 0
    proba = clf.predict_proba(X[300:])
    truth = (y["door_type"].iloc[300:] == "single").to_numpy()
    log_loss = -np.mean(np.log(np.where(truth, proba[:, 1], proba[:, 0])))
    best = clf.best_epochs_[t]
    assert_allclose(log_loss, clf.validation_curves_[best - 1, t], rtol=1e-8)
    colour = list(clf.tasks_).index("colour")
    assert np.all(clf.validation_curves_[:, colour] > 0)


def test_several_main_tasks_and_score(mixed):
    X, y = mixed
    clf = fit_quiet(MultiTaskBackpropClassifier(main_tasks=["door_type", "colour"], **FAST),
                    X, y)
    assert isinstance(clf.classes_, list) and len(clf.classes_) == 2
    assert_array_equal(clf.classes_[1], ["blue", "green", "red"])
    proba = clf.predict_proba(X)
    assert isinstance(proba, list) and [p.shape for p in proba] == [(400, 2), (400, 3)]
    pred = clf.predict(X)
    assert pred.shape == (400, 2)
    expected = np.mean([(pred[:, 0] == y["door_type"]).mean(),
                        (pred[:, 1] == y["colour"]).mean()])
    assert_allclose(clf.score(X, y), expected)
    assert_allclose(clf.score(X, y[["door_type", "colour"]]), expected)
    assert clf.score(X, y) > 0.7


def test_label_types(mixed):
    X, y = mixed
    for labels in (y["door_type"] == "single", (y["door_type"] == "single").astype(int) + 3,
                   y["door_type"].astype("category")):
        clf = fit_quiet(MultiTaskBackpropClassifier(**FAST), X, labels.to_numpy()
                        if not isinstance(labels.dtype, pd.CategoricalDtype) else labels)
        assert set(clf.predict(X)) <= set(np.unique(labels))
        assert clf.score(X, labels) > 0.8


def test_missing_labels_are_masked(mixed):
    X, y = mixed
    y = y.astype({"colour": object, "is_open": object})
    y.loc[y.index[::3], "colour"] = None
    y.loc[y.index[1::3], "is_open"] = pd.NA
    y["door_type"] = y["door_type"].astype(object)
    y.loc[y.index[::5], "door_type"] = np.nan
    y_orig = y.copy()
    clf = fit_quiet(MultiTaskBackpropClassifier(main_tasks="door_type", **FAST), X, y)
    assert_array_equal(clf.classes_, ["double", "single"])
    assert np.all(np.isfinite(clf.validation_curves_))
    pd.testing.assert_frame_equal(y, y_orig)
    # score leaves out the rows whose main label is missing
    keep = y["door_type"].notna().to_numpy()
    expected = (clf.predict(X)[keep] == y["door_type"][keep]).mean()
    assert_allclose(clf.score(X, y), expected)


def test_class_absent_from_validation_split():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(120, 3))
    y = np.where(X[:, 0] > 0, "a", "b").astype(object)
    y[0] = "rare"  # one row of a third class: not in validation, or not in training
    clf = fit_quiet(MultiTaskBackpropClassifier(validation_fraction=0.2, **FAST), X, y)
    assert_array_equal(clf.classes_, ["a", "b", "rare"])
    assert np.all(np.isfinite(clf.validation_curves_))
    X_val, y_val = X[100:], y[100:]
    clf2 = fit_quiet(MultiTaskBackpropClassifier(**FAST), X[:100], y[:100], X_val=X_val,
                     y_val=y_val)
    assert clf2.predict_proba(X_val).shape == (20, 3)
    with pytest.raises(ValueError, match="not seen in training: \\['new'\\]"):
        MultiTaskBackpropClassifier(**FAST).fit(X[:100], y[:100], X_val=X_val[:2],
                                                y_val=np.array(["a", "new"], dtype=object))


def _aux_problem(n, seed):
    rng = np.random.RandomState(seed)
    X = rng.uniform(-1, 1, size=(n, 10))
    feature = X[:, 0] * X[:, 1] + X[:, 2] * X[:, 3]
    return X, np.column_stack([(feature > 0).astype(int), feature])


def test_regression_aux_task_helps_main_classification():
    # The main label is the sign of a product feature that the aux target gives exactly;
    # learning the aux task teaches the hidden layer the feature.
    X_test, y_test = _aux_problem(2000, 99)
    acc = {}
    for aux in ([], [1]):
        scores = []
        for seed in range(6):
            X, y = _aux_problem(200, seed)
            clf = fit_quiet(MultiTaskBackpropClassifier(
                (16,), main_tasks=0, aux_tasks=aux, task_types={1: "regression"},
                learning_rate_init=0.05, max_iter=300, n_iter_no_change=50,
                validation_fraction=0.25, random_state=seed), X, y)
            scores.append(clf.score(X_test, y_test))
        acc[len(aux)] = np.mean(scores)
    assert acc[1] > acc[0] + 0.03, acc


def test_pipeline_grid_search_clone_pickle(mixed):
    X, y = mixed
    labels = y["door_type"].to_numpy()
    for scoring in (None, "accuracy"):
        grid = GridSearchCV(MultiTaskBackpropClassifier(max_iter=20, random_state=0),
                            {"hidden_layer_sizes": [(2,), (8,)]}, cv=2, n_jobs=2,
                            scoring=scoring)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            grid.fit(X, labels)
        assert np.all(grid.cv_results_["mean_test_score"] > 0.6)
    pipe = fit_quiet(make_pipeline(StandardScaler(), MultiTaskBackpropClassifier(
        main_tasks="door_type", **FAST)), X, y)
    assert pipe.score(X, y) > 0.8
    clf = pipe[-1]
    again = pickle.loads(pickle.dumps(pipe))
    assert_array_equal(again.predict(X), pipe.predict(X))
    twin = fit_quiet(clone(clf), StandardScaler().fit_transform(X), y)
    assert_array_equal(twin.predict_proba(StandardScaler().fit_transform(X)),
                       clf.predict_proba(pipe[0].transform(X)))


def test_bad_input(mixed):
    X, y = mixed
    with pytest.raises(ValueError, match="main classification task 'door_type' has only "
                                         "one class"):
        MultiTaskBackpropClassifier(main_tasks="door_type", **FAST).fit(
            X, y.assign(door_type="single"))
    with pytest.raises(ValueError, match="auxiliary classification task 'colour' has no labels at all"):
        MultiTaskBackpropClassifier(main_tasks="door_type", **FAST).fit(
            X, y.assign(colour=pd.Series([None] * 400, dtype=object)))
    with pytest.raises(ValueError, match="Unknown task 'ghost' in task_types"):
        MultiTaskBackpropClassifier(main_tasks="door_type", task_types={"ghost":
                                                                        "regression"},
                                    **FAST).fit(X, y)
    with pytest.raises(ValueError, match="'ranking' is not a task kind"):
        MultiTaskBackpropClassifier(main_tasks="door_type", task_types={"knob": "ranking"},
                                    **FAST).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no cast warning on the way
        with pytest.raises(ValueError, match="Task 0 has infinite class labels"):
            MultiTaskBackpropClassifier(**FAST).fit(X, np.r_[np.inf, np.zeros(399)])
    with pytest.raises(ValueError, match="Unknown label type: 'continuous'"):
        MultiTaskBackpropClassifier(main_tasks="knob", **FAST).fit(X, y)
    with pytest.raises(ValueError, match="not numbers"):
        MultiTaskBackpropRegressor(main_tasks="knob", task_types={"colour": "regression"},
                                   **FAST).fit(X, y)
    with pytest.raises(AttributeError, match="not fitted"):
        MultiTaskBackpropClassifier().classes_
