"""Synthetic 1D-DOORS: green and blue 30-pixel stripes of doorways and ten tasks."""

import numpy as np
from scipy.ndimage import gaussian_filter1d
from sklearn.utils import check_random_state

from sklearn_mtb.datasets._base import (
    _check_bool,
    _check_int,
    _check_real,
    _import_pandas,
    _make_frame,
)

DOORS_TASKS = (
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
)

_SCENE_WIDTH = 150  # high-resolution pixels, as the paper's original images
_N_STRIPE = 30  # pixels per colour stripe after smoothing and subsampling
_SUPERSAMPLE = 8  # sub-pixels per high-resolution pixel for area sampling

# Scene constants [design choices]; see the Notes of make_1d_doors.
_WALL_RANGE = (0.35, 0.65)
_JAMB_RANGE = (0.1, 0.9)
_DOOR_RANGE = (0.1, 0.35)
_MIN_DIFF = 0.15
_KNOB_WIDTH = (6.0, 9.0)
_KNOB_BRIGHT = (0.9, 1.0)
_KNOB_DARK = (0.0, 0.15)
_P_KNOB_DARK = 0.0
_KNOB_MIN_DIFF = 0.35
_SHADOW = 0.1
_SEAM_WIDTH = (4.0, 6.0)
_ILLUM_A = (0.9, 1.05)
_ILLUM_B = (-0.05, 0.05)
_SIGMA = 2.5
_CENTER_JITTER = 15.0
#: Double doors have a handle on each leaf (the second mirrors the labelled knob
#: about the seam).
_DOUBLE_TWO_KNOBS = True


def _draw_colours(rng, n, low, high):
    """Draw n (green, blue) colours uniformly from [low, high]^2."""
    return rng.uniform(low, high, (n, 2))


def make_1d_doors(
    n_samples=800, *, p_double=0.5, noise=0.02, random_state=None, return_info=False
):
    """Generate a synthetic stand-in for the 1D-DOORS object-recognition problem.

    The paper's 1D-DOORS domain [1]_ used real images of doorways taken with
    a robot-mounted colour camera. Those images are not public, so this
    generator draws synthetic doorways from a hand-written scene model and
    renders them the way the paper describes its inputs: one horizontal
    stripe at doorknob height from the green channel and one from the blue
    channel, each Gaussian-smoothed from 150 pixels down to 30. It is a
    synthetic stand-in, not the paper's data, and results on it are not
    comparable number for number with the paper's Table 2.

    Parameters
    ----------
    n_samples : int, default=800
        Number of door images. The default is the 200 training + 100 halt
        (early-stopping) + 500 test rows of the project's first
        specification; ``python -m sklearn_mtb.experiments doors`` draws
        1000 (400 training rows, at which the single-task errors reach the
        paper's levels).

    p_double : float, default=0.5
        Probability that a doorway holds a double door.

    noise : float, default=0.02
        Standard deviation of the Gaussian noise added both to the
        high-resolution scene (per pixel, before smoothing) and to the 30
        output pixels of each stripe.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict of hidden scene variables.

    Returns
    -------
    X : ndarray of shape (n_samples, 60), dtype float64
        Columns 0-29: the green stripe; columns 30-59: the blue stripe; both
        left to right, values in [0, 1].

    y : pandas.DataFrame of shape (n_samples, 10)
        The ten tasks in the paper's order. The main tasks are
        "knob_location" (column 0) and "door_type" (column 5). All locations
        are divided by the scene width 150, jamb widths by 15, so every
        target lies in [0, 1]: "knob_location", "doorway_center",
        "left_jamb_location" (center of the left jamb), "left_jamb_width",
        "left_door_edge", "door_type" (int64: 0 = single, 1 = double),
        "doorway_width", "right_jamb_location", "right_jamb_width",
        "right_door_edge". All columns are float64 except "door_type".

    info : dict
        Only when ``return_info=True``. Keys: "obliqueness" (the k below),
        "illumination" (array (n_samples, 2) of a and b), "knob_dark"
        (bool), "knob_width" (high-resolution pixels), "colours" (dict of
        (n_samples, 2) arrays "wall", "jamb", "door", "knob").

    Notes
    -----
    Facts from the paper [1]_, [2]_: two horizontal stripes, green then
    blue, at doorknob height; 30 pixels each, Gaussian-smoothed from a
    150-pixel-wide image; the camera was not kept parallel to the hallway,
    and distance and illumination varied; the ten tasks and their order;
    the main tasks are doorknob location and door type (single or double);
    the suggested nets are 60-{6,24,96}-1 (STB) and 60-120-10 (MTB).
    Everything else is a [design choice], following the project's
    generator specification (``domains.md`` section 2.2). Scenes are built
    in high-resolution pixel coordinates x in [0, 150):

    * Door type: double with probability ``p_double`` = 0.5. Doorway width
      Wd ~ U(45, 80) for single and U(80, 120) for double doors; this folds
      in the variation of distance.
    * Obliqueness k ~ U(-0.3, 0.3); base jamb width j0 ~ U(4, 9); left jamb
      width j0 (1 - k), right jamb width j0 (1 + k). Doorway center
      xc ~ U(max(Wd/2 + 12, 75 - 15), min(150 - Wd/2 - 12, 75 + 15)): the
      robot photographs a door it has stopped in front of, so the doorway
      center lies within 15 pixels of the image center (changed; the
      specification's range was U(Wd/2 + 12, 150 - Wd/2 - 12)). The jambs
      lie just outside the doorway [xc - Wd/2, xc + Wd/2].
    * Door leaves are inset from the jambs by gaps U(0, 3) on each side;
      the gaps are in shadow (0.1 x the door colour; was 0.3). A double
      door has a dark seam (0.1 x the door colour) of width U(4, 6) at xc
      (was U(1, 2), which the smoothing all but erased).
    * Knob: width U(6, 9) (was U(3, 5)). On a single door it sits on a
      random latch side, U(0.08, 0.15) x Wd inside the door edge; on a
      double door at xc +/- U(0.03, 0.08) x Wd (random side). It is a
      bright metallic knob, U(0.9, 1.0) in both channels (was U(0.8, 1.0),
      or dark U(0, 0.15) with probability 0.3; now never dark), redrawn
      until it differs from the door by >= 0.35 in at least one channel
      (was 0.1). A double door has a handle on each leaf: a second,
      identical knob mirrored about the seam (was one knob). The labelled
      knob (knob_location) stays the one on the randomly drawn side.
    * Colours (green, blue): wall ~ U(0.35, 0.65)^2 (painted hallway wall;
      was U(0.1, 0.9)^2), door ~ U(0.1, 0.35)^2 (dark wood; was
      U(0.1, 0.9)^2), jamb ~ U(0.1, 0.9)^2. The jamb is redrawn until it
      differs from both the wall and the door by >= 0.15 in at least one
      channel (was: jamb from wall, then door from jamb, by >= 0.1).
    * Rendering: area sampling with 8 sub-pixels per high-resolution pixel.
      Illumination multiplies the scene by a + b (x/150 - 0.5) with
      a ~ U(0.9, 1.05), b ~ U(-0.05, 0.05) (was U(0.6, 1.2) and
      U(-0.2, 0.2)). N(0, ``noise**2``) per high-resolution pixel,
      ``noise`` = 0.02; Gaussian smoothing with sigma = 2.5 pixels (mode
      "reflect"); every 5th pixel (x = 2, 7, ..., 147, the block centers)
      is kept; N(0, ``noise**2``) again; clipping to [0, 1].
    * door_type is an integer column so that a classifier (and the
      project's estimators, which read an integer column as a
      classification task) sees two classes. A regressor given it as a
      main task treats it as the values 0 and 1, scored by RMSE as in the
      paper's Table 2.

    Calibration, measured with an MLPRegressor proxy (logistic hidden
    layer, adam with batch size 10, early stopping on a 100-row halt set,
    200 training and 500 test rows), command:
    ``python -m sklearn_mtb.datasets._calibrate doors --seeds 3``. With the
    project specification's constants (before the changes marked "was"
    above; mean of 3 seeds):

    ============== ======= ======= ======= ======= ====================
    task             6 HU   24 HU   96 HU   ridge  paper STB (6/24/96)
    ============== ======= ======= ======= ======= ====================
    knob_location    .149    .151    .150    .147   .085 .082 .081
    door_type        .492    .460    .447    .507   .129 .086 .096
    ============== ======= ======= ======= ======= ====================

    The target standard deviations were about .15 (knob_location) and .50
    (door_type): the proxy learnt almost nothing. The changes above make
    the cues stronger (a larger, brighter knob on a darker door, a visible
    seam, milder illumination, a door centred in view); they do not put
    any target into the inputs. In a quick check with 24 hidden units
    (2 seeds), an intermediate variant (same knob, seam and illumination,
    sigma 1.5, wall U(0.55, 0.9), door U(0.15, 0.5), no centring) reached
    .134 on knob_location and .325 on door_type, so it was still far from
    the paper; the centring and the darker door were added after it. This
    stand-in is still NOT at the paper's error levels. The current
    constants, same command but ``--seeds 1`` (one seed only, for lack of
    time):

    ============== ======= ======= ======= ======= ====================
    task             6 HU   24 HU   96 HU   ridge  paper STB (6/24/96)
    ============== ======= ======= ======= ======= ====================
    knob_location    .103    .106    .105    .101   .085 .082 .081
    door_type        .245    .256    .256    .258   .129 .086 .096
    ============== ======= ======= ======= ======= ====================

    knob_location is now close to the paper's level (partly because the
    centring narrows its spread: standard deviation .123, was about .15);
    door_type is still about twice the
    paper's error, and ridge regression matches the nets, so the nets
    barely use nonlinear cues.

    The second handle on double doors was then added and measured with
    this package's own nets, ``python -m sklearn_mtb.experiments doors
    --seeds 2 --n-jobs 1`` (200 training, 100 halt, 500 test rows; seeds
    0 and 1):

    ============== ============================ ============================ =====
    task           one knob: STB 6/24/96, MTB   two knobs: STB 6/24/96, MTB  paper
    ============== ============================ ============================ =====
    knob_location  .107 .106 .105, .109         .110 .109 .108, .109         .081
    door_type      .198 .169 .161, .167         .141 .134 .134, .119         .086
    ============== ============================ ============================ =====

    (paper: best STB.) The second handle lowers the best STB door-type
    error from .161 to .134, in the paper's STB range (.086-.129) though
    at its top, and costs about .003 on knob_location (the mirrored knob
    is a distractor on double doors), so it was kept.

    References
    ----------
    .. [1] R. Caruana, "Learning Many Related Tasks at the Same Time With
       Backpropagation", Advances in Neural Information Processing Systems 7
       (NIPS 1994), pp. 657-664, 1995.
    .. [2] R. Caruana, "Multitask Learning", Machine Learning 28:41-75, 1997.

    Examples
    --------
    >>> from sklearn_mtb.datasets import make_1d_doors
    >>> X, y = make_1d_doors(n_samples=50, random_state=0)
    >>> X.shape, y.shape
    ((50, 60), (50, 10))
    >>> y["door_type"].dtype.kind
    'i'
    >>> sorted(y["door_type"].unique().tolist())
    [0, 1]
    """
    caller = "make_1d_doors"
    n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    p_double = _check_real(p_double, "p_double", caller, min_value=0.0, max_value=1.0)
    noise = _check_real(noise, "noise", caller, min_value=0.0)
    return_info = _check_bool(return_info, "return_info", caller)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)
    n = n_samples

    double = rng.random_sample(n) < p_double
    width = np.where(double, rng.uniform(80, 120, n), rng.uniform(45, 80, n))
    oblique = rng.uniform(-0.3, 0.3, n)
    j0 = rng.uniform(4, 9, n)
    jamb_l = j0 * (1 - oblique)
    jamb_r = j0 * (1 + oblique)
    lo, hi = width / 2 + 12, _SCENE_WIDTH - width / 2 - 12
    if _CENTER_JITTER is not None:
        mid = _SCENE_WIDTH / 2
        lo, hi = np.maximum(lo, mid - _CENTER_JITTER), np.minimum(hi, mid + _CENTER_JITTER)
    xc = rng.uniform(lo, hi)
    inner_l = xc - width / 2
    inner_r = xc + width / 2
    door_l = inner_l + rng.uniform(0, 3, n)
    door_r = inner_r - rng.uniform(0, 3, n)
    seam_w = np.where(double, rng.uniform(*_SEAM_WIDTH, n), 0.0)

    knob_w = rng.uniform(*_KNOB_WIDTH, n)
    latch_left = rng.random_sample(n) < 0.5
    single_off = rng.uniform(0.08, 0.15, n) * width
    double_off = rng.uniform(0.03, 0.08, n) * width
    knob_single = np.where(latch_left, door_l + single_off, door_r - single_off)
    knob_double = np.where(latch_left, xc - double_off, xc + double_off)
    knob_x = np.where(double, knob_double, knob_single)

    wall = _draw_colours(rng, n, *_WALL_RANGE)
    door = _draw_colours(rng, n, *_DOOR_RANGE)
    jamb = _draw_colours(rng, n, *_JAMB_RANGE)
    # The jamb range is wide, so a jamb distinct from both always exists.
    bad = np.ones(n, dtype=bool)
    while bad.any():
        jamb[bad] = rng.uniform(*_JAMB_RANGE, (int(bad.sum()), 2))
        bad = (np.max(np.abs(jamb - wall), axis=1) < _MIN_DIFF) | (
            np.max(np.abs(jamb - door), axis=1) < _MIN_DIFF
        )
    knob_dark = rng.random_sample(n) < _P_KNOB_DARK
    knob = np.where(
        knob_dark[:, None],
        _draw_colours(rng, n, *_KNOB_DARK),
        _draw_colours(rng, n, *_KNOB_BRIGHT),
    )
    bad = np.max(np.abs(knob - door), axis=1) < _KNOB_MIN_DIFF
    while bad.any():
        m = int(bad.sum())
        knob[bad] = np.where(
            knob_dark[bad][:, None],
            rng.uniform(*_KNOB_DARK, (m, 2)),
            rng.uniform(*_KNOB_BRIGHT, (m, 2)),
        )
        bad = np.max(np.abs(knob - door), axis=1) < _KNOB_MIN_DIFF
    shadow = _SHADOW * door
    illum_a = rng.uniform(*_ILLUM_A, n)
    illum_b = rng.uniform(*_ILLUM_B, n)

    # Painter's algorithm on a sub-pixel grid, then average to area-sample.
    n_sub = _SCENE_WIDTH * _SUPERSAMPLE
    xs = (np.arange(n_sub) + 0.5) / _SUPERSAMPLE
    scene = np.empty((n, n_sub, 2))
    scene[:] = wall[:, None, :]

    def paint(lo, hi, colour):
        inside = (xs[None, :] >= lo[:, None]) & (xs[None, :] < hi[:, None])
        scene[inside] = np.broadcast_to(colour[:, None, :], scene.shape)[inside]

    paint(inner_l - jamb_l, inner_l, jamb)
    paint(inner_r, inner_r + jamb_r, jamb)
    paint(inner_l, inner_r, shadow)
    paint(door_l, door_r, door)
    paint(xc - seam_w / 2, xc + seam_w / 2, shadow)
    paint(knob_x - knob_w / 2, knob_x + knob_w / 2, knob)
    if _DOUBLE_TWO_KNOBS:
        # The second handle of a double door, mirrored about the seam; single doors
        # get an empty interval.
        twin = np.where(double, 2 * xc - knob_x, -_SCENE_WIDTH)
        paint(twin - knob_w / 2, twin + knob_w / 2, knob)

    hires = scene.reshape(n, _SCENE_WIDTH, _SUPERSAMPLE, 2).mean(axis=2)
    x_pix = np.arange(_SCENE_WIDTH) + 0.5
    light = illum_a[:, None] + illum_b[:, None] * (x_pix[None, :] / _SCENE_WIDTH - 0.5)
    hires = hires * light[:, :, None]
    hires = hires + rng.normal(0.0, 1.0, hires.shape) * noise
    smooth = gaussian_filter1d(hires, _SIGMA, axis=1, mode="reflect")
    step = _SCENE_WIDTH // _N_STRIPE
    stripes = smooth[:, step // 2 :: step, :]
    stripes = stripes + rng.normal(0.0, 1.0, stripes.shape) * noise
    stripes = np.clip(stripes, 0.0, 1.0)
    X = np.concatenate([stripes[:, :, 0], stripes[:, :, 1]], axis=1)

    data = {
        "knob_location": knob_x / _SCENE_WIDTH,
        "doorway_center": xc / _SCENE_WIDTH,
        "left_jamb_location": (inner_l - jamb_l / 2) / _SCENE_WIDTH,
        "left_jamb_width": jamb_l / 15,
        "left_door_edge": door_l / _SCENE_WIDTH,
        "door_type": double.astype(np.int64),
        "doorway_width": width / _SCENE_WIDTH,
        "right_jamb_location": (inner_r + jamb_r / 2) / _SCENE_WIDTH,
        "right_jamb_width": jamb_r / 15,
        "right_door_edge": door_r / _SCENE_WIDTH,
    }
    y = _make_frame(pd, DOORS_TASKS, data)
    if not return_info:
        return X, y
    info = {
        "obliqueness": oblique,
        "illumination": np.column_stack([illum_a, illum_b]),
        "knob_dark": knob_dark,
        "knob_width": knob_w,
        "colours": {"wall": wall, "jamb": jamb, "door": door, "knob": knob},
    }
    return X, y, info
