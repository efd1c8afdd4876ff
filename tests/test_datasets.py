"""Tests of sklearn_mtb.datasets: the synthetic multitask generators."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import Ridge

from sklearn_mtb.datasets import (
    make_1d_alvinn,
    make_1d_doors,
    make_attribute_selection,
    make_blocking_amplification,
    make_eavesdropping,
    make_representation_bias,
    make_statistical_amplification,
    shuffle_aux_tasks,
)

ALVINN_COLUMNS = [
    "steering",
    "lanes",
    "left_edge",
    "road_center",
    "edge_grey",
    "line_center",
    "right_edge",
    "road_grey",
    "line_grey",
]
DOORS_COLUMNS = [
    "knob_location",
    "doorway_center",
    "left_jamb_location",
    "left_jamb_width",
    "left_door_edge",
    "door_type",
    "doorway_width",
    "right_jamb_location",
    "right_jamb_width",
    "right_door_edge",
]

# (generator, small kwargs, expected X shape, expected columns)
GENERATORS = [
    (make_1d_alvinn, {"n_samples": 30}, (30, 32), ALVINN_COLUMNS),
    (make_1d_doors, {"n_samples": 30}, (30, 60), DOORS_COLUMNS),
    (
        make_statistical_amplification,
        {"n_samples": 30},
        (30, 8),
        ["task_0", "task_1", "task_2", "task_3"],
    ),
    (make_blocking_amplification, {}, (256, 8), ["a_or_f", "not_a_or_f"]),
    (
        make_attribute_selection,
        {"n_samples": 30},
        (30, 40),
        ["task_0", "task_1", "task_2", "task_3"],
    ),
    (make_eavesdropping, {"n_samples": 30}, (30, 6), ["main", "hint"]),
    (make_representation_bias, {"n_samples": 30}, (30, 16), ["task_ab", "task_ac"]),
]
GEN_IDS = [g[0].__name__ for g in GENERATORS]


@pytest.mark.parametrize("make, kwargs, x_shape, columns", GENERATORS, ids=GEN_IDS)
def test_shapes_dtypes_columns(make, kwargs, x_shape, columns):
    X, y = make(random_state=0, **kwargs)
    assert isinstance(X, np.ndarray)
    assert X.dtype == np.float64
    assert X.shape == x_shape
    assert isinstance(y, pd.DataFrame)
    assert list(y.columns) == columns
    assert len(y) == x_shape[0]
    assert np.isfinite(X).all()


@pytest.mark.parametrize("make, kwargs, x_shape, columns", GENERATORS, ids=GEN_IDS)
def test_deterministic_for_fixed_seed(make, kwargs, x_shape, columns):
    X1, y1 = make(random_state=3, **kwargs)
    X2, y2 = make(random_state=np.random.RandomState(3), **kwargs)
    X3, y3 = make(random_state=4, **kwargs)
    assert_array_equal(X1, X2)
    pd.testing.assert_frame_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("make, kwargs, x_shape, columns", GENERATORS, ids=GEN_IDS)
def test_return_info_adds_a_dict_and_keeps_the_data(make, kwargs, x_shape, columns):
    X, y = make(random_state=1, **kwargs)
    X_i, y_i, info = make(random_state=1, return_info=True, **kwargs)
    assert isinstance(info, dict) and info
    assert_array_equal(X, X_i)
    pd.testing.assert_frame_equal(y, y_i)


@pytest.mark.parametrize("make, kwargs, x_shape, columns", GENERATORS, ids=GEN_IDS)
@pytest.mark.parametrize("bad", [0, -3, 2.5, "10", True])
def test_bad_n_samples(make, kwargs, x_shape, columns, bad):
    with pytest.raises(ValueError, match="n_samples"):
        make(n_samples=bad, random_state=0)


@pytest.mark.parametrize("make, kwargs, x_shape, columns", GENERATORS, ids=GEN_IDS)
def test_bad_return_info(make, kwargs, x_shape, columns):
    with pytest.raises(ValueError, match="return_info"):
        make(random_state=0, return_info="yes", **kwargs)


# ----------------------------------------------------------------------------- ALVINN


def test_alvinn_values_in_unit_interval():
    X, y = make_1d_alvinn(n_samples=500, random_state=0, centerline_fill="road")
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert (y.to_numpy() >= 0.0).all() and (y.to_numpy() <= 1.0).all()
    assert (y.dtypes == np.float64).all()
    assert set(np.unique(y["lanes"])) == {0.0, 1.0}
    assert (y["left_edge"] < y["road_center"]).all()
    assert (y["road_center"] < y["right_edge"]).all()


def test_alvinn_centerline_nan_exactly_on_one_lane_roads():
    X, y, info = make_1d_alvinn(n_samples=400, random_state=0, return_info=True)
    one_lane = (y["lanes"] == 0.0).to_numpy()
    assert 0 < one_lane.sum() < len(y)
    assert_array_equal(one_lane, ~info["two_lanes"])
    for col in ("line_center", "line_grey"):
        assert_array_equal(y[col].isna().to_numpy(), one_lane)
    others = [c for c in ALVINN_COLUMNS if c not in ("line_center", "line_grey")]
    assert not y[others].isna().any().any()
    # On 2-lane roads the centerline lies between the edges.
    two = ~one_lane
    assert (y["line_center"][two] > y["left_edge"][two]).all()
    assert (y["line_center"][two] < y["right_edge"][two]).all()


def test_alvinn_centerline_fill_options():
    kw = {"n_samples": 200, "random_state": 5}
    X_m, y_m = make_1d_alvinn(centerline_fill="mask", **kw)
    X_r, y_r = make_1d_alvinn(centerline_fill="road", **kw)
    X_c, y_c = make_1d_alvinn(centerline_fill=0.25, **kw)
    assert_array_equal(X_m, X_r)  # the fill changes targets only
    assert_array_equal(X_m, X_c)
    one = (y_m["lanes"] == 0).to_numpy()
    assert_allclose(y_r["line_center"][one], y_r["road_center"][one])
    assert_allclose(y_r["line_grey"][one], y_r["road_grey"][one])
    assert (y_c.loc[one, ["line_center", "line_grey"]] == 0.25).all().all()
    for y in (y_r, y_c):
        assert not y.isna().any().any()
        assert_allclose(y.loc[~one, "line_center"], y_m.loc[~one, "line_center"])
        pd.testing.assert_frame_equal(
            y.drop(columns=["line_center", "line_grey"]),
            y_m.drop(columns=["line_center", "line_grey"]),
        )


@pytest.mark.parametrize("bad", ["zero", 1.5, -0.1, None, True])
def test_alvinn_bad_centerline_fill(bad):
    with pytest.raises(ValueError, match="centerline_fill"):
        make_1d_alvinn(n_samples=5, centerline_fill=bad)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"noise": -0.1}, "noise"),
        ({"curvature_sd": float("nan")}, "curvature_sd"),
        ({"blur": -1}, "blur"),
        ({"p_two_lanes": 1.2}, "p_two_lanes"),
        ({"offscreen": "no"}, "offscreen"),
    ],
)
def test_alvinn_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        make_1d_alvinn(n_samples=5, **kwargs)


def test_alvinn_steering_follows_lane_rule():
    # Without the curvature term, steering is the aim point: the road center on
    # 1-lane roads and the center of the right lane on 2-lane roads.
    _, y = make_1d_alvinn(n_samples=300, curvature_sd=0.0, random_state=2)
    one = (y["lanes"] == 0).to_numpy()
    assert_allclose(y["steering"][one], y["road_center"][one])
    aim = (y["line_center"][~one] + y["right_edge"][~one]) / 2
    assert_allclose(y["steering"][~one], aim)
    assert (y["steering"][~one] > y["road_center"][~one]).all()


def test_alvinn_noise_floor_is_the_curvature_term():
    _, y, info = make_1d_alvinn(n_samples=4000, random_state=0, return_info=True)
    floor = np.sqrt(np.mean((y["steering"] - info["steering_clean"]) ** 2))
    assert 0.035 < floor < 0.045
    _, y0, info0 = make_1d_alvinn(
        n_samples=200, curvature_sd=0.0, random_state=0, return_info=True
    )
    assert_allclose(y0["steering"], info0["steering_clean"])


def test_alvinn_pixels_render_the_scene():
    # Noise-free, unblurred pixels fully inside the road show the road grey, and
    # fully outside show the border grey.
    X, y, info = make_1d_alvinn(
        n_samples=50, noise=0.0, blur=0.0, random_state=1, return_info=True
    )
    pix_lo = np.arange(32) / 32
    for i in range(50):
        outside = (pix_lo + 1 / 32 <= y["left_edge"][i]) | (pix_lo >= y["right_edge"][i])
        assert_allclose(X[i, outside], y["edge_grey"][i])
        if y["lanes"][i] == 0:
            inside = (pix_lo >= y["left_edge"][i]) & (pix_lo + 1 / 32 <= y["right_edge"][i])
            assert_allclose(X[i, inside], y["road_grey"][i])
    assert_allclose(X, info["X_clean"])


def test_alvinn_offscreen_clips_edges():
    _, y = make_1d_alvinn(n_samples=500, offscreen=True, random_state=0)
    assert (y["left_edge"] == 0.0).any() or (y["right_edge"] == 1.0).any()
    assert y[["left_edge", "right_edge"]].min().min() >= 0.0
    assert y[["left_edge", "right_edge"]].max().max() <= 1.0


def _edge_features(X):
    """Pixels plus absolute neighbour differences: a cheap non-linear edge detector."""
    return np.hstack([X, np.abs(np.diff(X, axis=1))])


def test_alvinn_linear_baselines_band():
    # Calibration guard, not a paper number. With 200 training rows a ridge model
    # on the raw pixels is no better than the mean (locating edges of either
    # polarity is non-linear), a ridge model on edge features is clearly better
    # than the mean but stays well above the noise floor (0.04).
    X, y = make_1d_alvinn(n_samples=1200, random_state=0)
    t = y["steering"].to_numpy()
    spread = t[200:].std()
    raw = Ridge(alpha=0.1).fit(X[:200], t[:200]).predict(X[200:])
    assert np.sqrt(np.mean((raw - t[200:]) ** 2)) > 0.8 * spread
    F = _edge_features(X)
    edge = Ridge(alpha=0.1).fit(F[:200], t[:200]).predict(F[200:])
    rmse = np.sqrt(np.mean((edge - t[200:]) ** 2))
    assert 0.08 < rmse < 0.9 * spread


# ----------------------------------------------------------------------------- DOORS


def test_doors_values_and_types():
    X, y = make_1d_doors(n_samples=300, random_state=0)
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert y["door_type"].dtype == np.int64
    assert set(y["door_type"]) == {0, 1}
    floats = y.drop(columns="door_type")
    assert (floats.dtypes == np.float64).all()
    assert ((floats >= 0) & (floats <= 1)).all().all()
    # Geometry: jamb | door edge ... door edge | jamb, knob on the door.
    assert (y["left_jamb_location"] < y["left_door_edge"]).all()
    assert (y["left_door_edge"] < y["knob_location"]).all()
    assert (y["knob_location"] < y["right_door_edge"]).all()
    assert (y["right_door_edge"] < y["right_jamb_location"]).all()
    assert_allclose(
        y["doorway_center"], (y["left_door_edge"] + y["right_door_edge"]) / 2, atol=0.011
    )
    # Door type follows the doorway width (single narrower than 80 / 150).
    wide = y["doorway_width"] > 80 / 150
    assert_array_equal(wide.to_numpy(), y["door_type"].to_numpy() == 1)


def test_doors_green_and_blue_stripes_differ():
    X, _ = make_1d_doors(n_samples=50, random_state=0)
    assert not np.allclose(X[:, :30], X[:, 30:])


def test_doors_p_double_extremes():
    _, y0 = make_1d_doors(n_samples=40, p_double=0.0, random_state=0)
    _, y1 = make_1d_doors(n_samples=40, p_double=1.0, random_state=0)
    assert (y0["door_type"] == 0).all() and (y1["door_type"] == 1).all()


@pytest.mark.parametrize(
    "kwargs, name", [({"p_double": -0.5}, "p_double"), ({"noise": "big"}, "noise")]
)
def test_doors_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        make_1d_doors(n_samples=5, **kwargs)


def test_doors_geometry_is_visible():
    # The stripes carry the scene: edge features predict the doorway center far
    # better than the mean does.
    X, y = make_1d_doors(n_samples=800, random_state=0)
    t = y["doorway_center"].to_numpy()
    F = np.hstack([X, np.abs(np.diff(X[:, :30], axis=1)), np.abs(np.diff(X[:, 30:], axis=1))])
    pred = Ridge(alpha=0.1).fit(F[:300], t[:300]).predict(F[300:])
    assert np.sqrt(np.mean((pred - t[300:]) ** 2)) < 0.75 * t[300:].std()


# ------------------------------------------------------------------------ MECHANISMS


def test_statistical_amplification_structure():
    X, y, info = make_statistical_amplification(
        n_samples=3000, n_tasks=3, noise=0.2, random_state=0, return_info=True
    )
    F = info["F"]
    assert_allclose(F, 1 / (1 + np.exp(-6 * (X[:, 0] * X[:, 1] - X[:, 2] * X[:, 3]))))
    resid = y.to_numpy() - F[:, None]
    assert_allclose(resid.std(axis=0), 0.2, rtol=0.1)
    # Noise is independent across tasks.
    assert np.abs(np.corrcoef(resid.T)[np.triu_indices(3, 1)]).max() < 0.1
    _, y1 = make_statistical_amplification(n_samples=10, n_tasks=1, random_state=0)
    assert list(y1.columns) == ["task_0"]


def test_blocking_amplification_parity_and_logic():
    X, y, info = make_blocking_amplification(
        n_tasks=4, random_state=0, return_info=True
    )
    assert X.shape == (256, 8)
    assert len(np.unique(X, axis=0)) == 256  # every pattern exactly once
    assert (y.dtypes == np.int64).all()
    A = X[:, 0].astype(int)
    F = X[:, 1:6].sum(axis=1).astype(int) % 2
    assert_array_equal(info["A"], A)
    assert_array_equal(info["F"], F)
    assert_array_equal(y["a_or_f"], A | F)
    assert_array_equal(y["not_a_or_f"], (1 - A) | F)
    assert_array_equal(y["a_and_f"], A & F)
    assert_array_equal(y["not_a_and_f"], (1 - A) & F)
    # Blocking: a_or_f is constant 1 where A = 1, not_a_or_f where A = 0.
    assert (y["a_or_f"][A == 1] == 1).all() and (y["not_a_or_f"][A == 0] == 1).all()
    # The irrelevant bits (6, 7) do not change any task.
    assert_array_equal(info["irrelevant_features"], [6, 7])


def test_blocking_amplification_sampled_and_unshuffled():
    X, y = make_blocking_amplification(
        n_samples=50, n_parity_bits=3, n_irrelevant_bits=0, random_state=0
    )
    assert X.shape == (50, 4)
    F = X[:, 1:].sum(axis=1).astype(int) % 2
    assert_array_equal(y["a_or_f"], X[:, 0].astype(int) | F)
    X2, _ = make_blocking_amplification(n_parity_bits=2, n_irrelevant_bits=0, shuffle=False)
    assert_array_equal(X2[:3], [[0, 0, 0], [0, 0, 1], [0, 1, 0]])


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"n_tasks": 5}, "n_tasks"),
        ({"n_parity_bits": 0}, "n_parity_bits"),
        ({"n_irrelevant_bits": -1}, "n_irrelevant_bits"),
        ({"n_parity_bits": 25}, "n_samples"),
        ({"shuffle": 1}, "shuffle"),
    ],
)
def test_blocking_amplification_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        make_blocking_amplification(**kwargs)


def test_attribute_selection_relevant_inputs():
    X, y, info = make_attribute_selection(
        n_samples=2000, noise=0.0, random_state=0, return_info=True
    )
    assert_array_equal(info["relevant_features"], [0, 1, 2, 3])
    assert_allclose(info["F"], X[:, 0] + X[:, 1] - X[:, 2] - X[:, 3])
    assert set(np.abs(info["slopes"])) <= {1.5, 3.0}
    assert ((info["offsets"] >= -1) & (info["offsets"] <= 1)).all()
    # Each task is a monotone function of F only: changing an irrelevant input
    # changes nothing, and the targets are explained by F.
    for k, col in enumerate(y.columns):
        logit = np.log(y[col] / (1 - y[col]))
        assert_allclose(logit, info["slopes"][k] * info["F"] + info["offsets"][k])
    corr = [abs(np.corrcoef(X[:, j], y["task_0"])[0, 1]) for j in range(40)]
    assert min(corr[:4]) > 0.25
    assert max(corr[4:]) < 0.1


def test_attribute_selection_bad_n_relevant():
    with pytest.raises(ValueError, match="n_relevant"):
        make_attribute_selection(n_samples=5, n_features=3, n_relevant=4)


def test_eavesdropping_structure():
    X, y, info = make_eavesdropping(n_samples=500, noise=0.0, random_state=0, return_info=True)
    F = X[:, :3].mean(axis=1)
    assert_allclose(y["hint"], F)
    assert_allclose(y["main"], 0.5 + 0.45 * np.sin(4 * np.pi * F))
    _, y_n = make_eavesdropping(n_samples=500, hint_noise=0.05, random_state=0)
    assert not np.allclose(y_n["hint"], F)


def test_representation_bias_train_rows():
    X, y, info = make_representation_bias(
        n_samples=401, noise=0.0, random_state=0, return_info=True
    )
    assert X.shape == (401, 16)
    labelled = y.notna().to_numpy()
    assert_array_equal(labelled.sum(axis=1), 1)  # exactly one task per row
    assert labelled[:, 0].sum() == 201 and labelled[:, 1].sum() == 200
    cues = info["cues"]
    ab, ac = labelled[:, 0], labelled[:, 1]
    assert_array_equal(cues[ab, 0], cues[ab, 1])  # T rows: A = B
    assert_array_equal(cues[ac, 0], cues[ac, 2])  # T' rows: A = C
    assert_array_equal(y["task_ab"][ab], cues[ab, 0])
    assert_array_equal(y["task_ac"][ac], cues[ac, 0])
    # The unused cue is random, not tied to the target.
    assert 0.3 < np.mean(cues[ab, 2] == cues[ab, 0]) < 0.7
    assert 0.3 < np.mean(cues[ac, 1] == cues[ac, 0]) < 0.7
    # Noise-free inputs equal amplitude * sign.
    assert_allclose(X[:, :4], (2 * cues[:, [0]] - 1) * np.ones((1, 4)))
    assert_array_equal(info["labelled_for"][ab], "task_ab")


def test_representation_bias_probe_and_amplitudes():
    X, y, info = make_representation_bias(
        n_samples=300, kind="probe", amplitudes=(1, 2, 1), noise=0.0,
        random_state=0, return_info=True,
    )
    assert list(y.columns) == ["cue_a", "cue_b", "cue_c"]
    assert_array_equal(y.to_numpy(), info["cues"])
    assert_allclose(np.abs(X[:, 4:8]), 2.0)
    assert_allclose(X[:, 12:], 0.0)
    # Probe cues are independent: A and B disagree on a fair share of rows.
    assert 0.3 < np.mean(y["cue_a"] == y["cue_b"]) < 0.7


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"kind": "test"}, "kind"),
        ({"amplitudes": (1, 1)}, "amplitudes"),
        ({"amplitudes": (1, -1, 1)}, "amplitudes"),
        ({"n_cue_features": 0}, "n_cue_features"),
    ],
)
def test_representation_bias_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        make_representation_bias(n_samples=10, **kwargs)


# -------------------------------------------------------------------------- SHUFFLE


def test_shuffle_aux_tasks_dataframe():
    _, y = make_1d_alvinn(n_samples=200, random_state=0)
    before = y.copy()
    y_s = shuffle_aux_tasks(y, "steering", random_state=0)
    pd.testing.assert_frame_equal(y, before)  # input untouched
    assert y_s is not y
    assert list(y_s.columns) == list(y.columns)
    assert_array_equal(y_s.index, y.index)
    assert_array_equal(y_s["steering"], y["steering"])
    aux = [c for c in y.columns if c != "steering"]
    # Every aux column is a permutation of itself, all by the same permutation.
    for c in aux:
        assert_allclose(np.sort(y_s[c].dropna()), np.sort(y[c].dropna()))
    assert not np.allclose(y_s["road_center"], y["road_center"])
    assert_array_equal(y_s["line_center"].isna(), y_s["lanes"] == 0)
    # Deterministic.
    pd.testing.assert_frame_equal(y_s, shuffle_aux_tasks(y, ["steering"], random_state=0))


def test_shuffle_aux_tasks_several_main_and_positions():
    _, y = make_1d_doors(n_samples=100, random_state=0)
    y_s = shuffle_aux_tasks(y, ["knob_location", "door_type"], random_state=1)
    assert_array_equal(y_s["knob_location"], y["knob_location"])
    assert_array_equal(y_s["door_type"], y["door_type"])
    assert y_s["door_type"].dtype == np.int64
    assert not np.allclose(y_s["doorway_width"], y["doorway_width"])
    arr = y.to_numpy()
    arr_before = arr.copy()
    arr_s = shuffle_aux_tasks(arr, [0, 5], random_state=1)
    assert_array_equal(arr, arr_before)
    assert_array_equal(arr_s[:, [0, 5]], arr[:, [0, 5]])
    assert_allclose(arr_s, y_s.to_numpy())


@pytest.mark.parametrize("main", ["nope", 12, None, ["steering", "steering"]])
def test_shuffle_aux_tasks_bad_main(main):
    _, y = make_1d_alvinn(n_samples=10, random_state=0)
    with pytest.raises(ValueError, match="main_tasks"):
        shuffle_aux_tasks(y, main)


def test_alvinn_line_grey_is_bright_paint():
    # Painted centerlines come from a narrow bright band, independent of the road,
    # so line_grey is nearly constant (the paper's flat Line Greylevel row).
    _, y = make_1d_alvinn(n_samples=2000, random_state=0)
    line = y["line_grey"].dropna()
    assert line.between(0.8, 1.0).all()
    assert 0.05 < line.std() < 0.065
    two = y["lanes"] == 1
    assert abs(np.corrcoef(line, y.loc[two, "road_grey"])[0, 1]) < 0.1
