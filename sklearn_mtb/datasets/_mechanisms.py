"""Small problems that isolate the mechanisms of multitask backprop (paper section 2)."""

import itertools

import numpy as np
from scipy.special import expit
from sklearn.utils import check_random_state

from sklearn_mtb.datasets._base import (
    _check_bool,
    _check_int,
    _check_real,
    _import_pandas,
    _make_frame,
)

_REFERENCES = """
    References
    ----------
    .. [1] R. Caruana, "Learning Many Related Tasks at the Same Time With
       Backpropagation", Advances in Neural Information Processing Systems 7
       (NIPS 1994), pp. 657-664, 1995.
    .. [2] R. Caruana, "Multitask Learning", Machine Learning 28:41-75, 1997.
"""


def make_statistical_amplification(
    n_samples=2600,
    *,
    n_tasks=4,
    n_features=8,
    noise=0.2,
    random_state=None,
    return_info=False,
):
    """Generate tasks that share one feature but carry independent noise.

    Statistical data amplification [1]_: tasks T and T' both compute a
    feature F of the inputs, and their training signals carry independent
    noise. A net that learns both can average F through the noise, so it
    learns F as if it had more data. Here every task is F plus its own noise,
    the paper's "simplest case", T = T'.

    Parameters
    ----------
    n_samples : int, default=2600
        Number of rows. The default is 100 training + 500 halt + 2000 test.

    n_tasks : int, default=4
        Number of tasks, the main one included (K + 1 in the notes below).
        1 gives the single-task problem.

    n_features : int, default=8
        Number of inputs, at least 4 (F uses the first four).

    noise : float, default=0.2
        Standard deviation of the independent Gaussian noise of each task.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict with the noise-free feature.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), dtype float64
        Inputs drawn from U(0, 1).

    y : pandas.DataFrame of shape (n_samples, n_tasks)
        Columns "task_0" (the main task), "task_1", ..., float64.

    info : dict
        Only when ``return_info=True``. "F": the noise-free feature, of shape
        (n_samples,), against which the main task's predictions should be
        scored; "relevant_features": array([0, 1, 2, 3]).

    Notes
    -----
    The mechanism is from the paper [1]_; the paper gives no problem, sizes
    or results for it, so every constant is a [design choice]
    (``domains.md`` section 2.3, M1): x ~ U(0, 1)^8;
    F = sigmoid(6 (x0 x1 - x2 x3)); task k is F + e_k with
    e_k ~ N(0, 0.2^2) independent across tasks and rows; K = 3 auxiliary
    tasks by default (the suggested sweep is K in {0, 1, 3, 7}); suggested
    split 100 training, 500 halt, 2000 test rows. Score the main task's
    predictions against ``info["F"]``: the error should fall as K grows.
    The targets are not clipped.
    {references}
    Examples
    --------
    >>> from sklearn_mtb.datasets import make_statistical_amplification
    >>> X, y, info = make_statistical_amplification(
    ...     n_samples=10, n_tasks=3, random_state=0, return_info=True)
    >>> list(y.columns)
    ['task_0', 'task_1', 'task_2']
    >>> info["F"].shape
    (10,)
    """
    caller = "make_statistical_amplification"
    n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    n_tasks = _check_int(n_tasks, "n_tasks", caller, min_value=1)
    n_features = _check_int(n_features, "n_features", caller, min_value=4)
    noise = _check_real(noise, "noise", caller, min_value=0.0)
    return_info = _check_bool(return_info, "return_info", caller)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)

    X = rng.uniform(0.0, 1.0, (n_samples, n_features))
    F = expit(6.0 * (X[:, 0] * X[:, 1] - X[:, 2] * X[:, 3]))
    columns = [f"task_{k}" for k in range(n_tasks)]
    eps = rng.normal(0.0, 1.0, (n_samples, n_tasks)) * noise
    y = _make_frame(pd, columns, {c: F + eps[:, k] for k, c in enumerate(columns)})
    if not return_info:
        return X, y
    return X, y, {"F": F, "relevant_features": np.arange(4)}


_BLOCKING_TASKS = ("a_or_f", "not_a_or_f", "a_and_f", "not_a_and_f")


def make_blocking_amplification(
    n_samples=None,
    *,
    n_parity_bits=5,
    n_irrelevant_bits=2,
    n_tasks=2,
    shuffle=True,
    random_state=None,
    return_info=False,
):
    """Generate Boolean tasks that see a shared parity feature on disjoint rows.

    Blocking data amplification [1]_: T = A OR F and T' = NOT(A) OR F share
    the feature F. T says something about F only when A = 0 (when A = 1 it
    is 1 whatever F is), and T' only when A = 1. A net that learns both sees
    F on every row. F is the parity of some input bits, "a hard but
    learnable function".

    Parameters
    ----------
    n_samples : int or None, default=None
        None enumerates every one of the 2 ** n_bits input patterns once
        (n_bits = 1 + n_parity_bits + n_irrelevant_bits, at most 20). An int
        draws that many patterns uniformly at random, with repetition.

    n_parity_bits : int, default=5
        Number of bits whose parity is F.

    n_irrelevant_bits : int, default=2
        Number of bits that no task uses.

    n_tasks : int, default=2
        How many of the tasks "a_or_f", "not_a_or_f", "a_and_f",
        "not_a_and_f" to return, in that order (1 to 4).

    shuffle : bool, default=True
        Whether to shuffle the rows. Without shuffling an enumeration comes
        in binary counting order, bit 0 the most significant.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict with the hidden bits.

    Returns
    -------
    X : ndarray of shape (n_samples, n_bits), dtype float64
        The bits as 0.0 / 1.0: column 0 is A, columns 1 .. n_parity_bits are
        the parity bits, the rest are irrelevant.

    y : pandas.DataFrame of shape (n_samples, n_tasks)
        Integer (int64) 0 / 1 columns, a subset of "a_or_f" (main),
        "not_a_or_f", "a_and_f", "not_a_and_f". Integer columns are read as
        classification tasks by the project's estimators; a regressor treats
        them as the values 0 and 1.

    info : dict
        Only when ``return_info=True``. "A" and "F" (int64 arrays of
        shape (n_samples,)), "parity_features" (column indices of the parity
        bits), "irrelevant_features".

    Notes
    -----
    The tasks T = A OR F and T' = NOT(A) OR F with F a parity are from the
    paper [1]_; the paper gives no sizes. [Design choices] (``domains.md``
    section 2.3, M2): A = bit 0, F = parity of bits 1..5, bits 6 and 7
    irrelevant, i.e. 8 bits as in Caruana's recalled (unverified) thesis
    example, which also used "a_and_f" and "not_a_and_f"; the default
    enumerates all 256 patterns, to be split e.g. 128 training / 128 test
    (or 96 / 32 halt / 128). Note that "a_or_f" carries information about F
    only on rows with A = 0, and "not_a_or_f" only on rows with A = 1.
    {references}
    Examples
    --------
    >>> from sklearn_mtb.datasets import make_blocking_amplification
    >>> X, y = make_blocking_amplification(random_state=0)
    >>> X.shape, list(y.columns)
    ((256, 8), ['a_or_f', 'not_a_or_f'])
    """
    caller = "make_blocking_amplification"
    n_parity_bits = _check_int(n_parity_bits, "n_parity_bits", caller, min_value=1)
    n_irrelevant_bits = _check_int(
        n_irrelevant_bits, "n_irrelevant_bits", caller, min_value=0
    )
    n_tasks = _check_int(n_tasks, "n_tasks", caller, min_value=1, max_value=4)
    shuffle = _check_bool(shuffle, "shuffle", caller)
    return_info = _check_bool(return_info, "return_info", caller)
    n_bits = 1 + n_parity_bits + n_irrelevant_bits
    if n_samples is None:
        if n_bits > 20:
            raise ValueError(
                f"{caller}: enumerating all patterns (`n_samples=None`) needs at most "
                f"20 bits, got 1 + n_parity_bits + n_irrelevant_bits = {n_bits}; "
                "pass an integer `n_samples` to sample patterns instead."
            )
    else:
        n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)

    if n_samples is None:
        bits = np.array(list(itertools.product((0, 1), repeat=n_bits)), dtype=np.int64)
    else:
        bits = rng.randint(0, 2, (n_samples, n_bits)).astype(np.int64)
    if shuffle:
        bits = bits[rng.permutation(len(bits))]
    A = bits[:, 0]
    F = bits[:, 1 : 1 + n_parity_bits].sum(axis=1) % 2
    tasks = {
        "a_or_f": A | F,
        "not_a_or_f": (1 - A) | F,
        "a_and_f": A & F,
        "not_a_and_f": (1 - A) & F,
    }
    y = _make_frame(pd, _BLOCKING_TASKS[:n_tasks], tasks)
    X = bits.astype(np.float64)
    if not return_info:
        return X, y
    info = {
        "A": A,
        "F": F,
        "parity_features": np.arange(1, 1 + n_parity_bits),
        "irrelevant_features": np.arange(1 + n_parity_bits, n_bits),
    }
    return X, y, info


def make_attribute_selection(
    n_samples=2560,
    *,
    n_tasks=4,
    n_features=40,
    n_relevant=4,
    noise=0.1,
    random_state=None,
    return_info=False,
):
    """Generate tasks that share a feature of a few inputs among many.

    Attribute selection [1]_: F depends on only a few of many inputs. With
    little data or much noise, a net learning one task that uses F finds it
    hard to tell the relevant inputs from the irrelevant ones; several tasks
    that share F give it better signals for F and so a better selection.

    Parameters
    ----------
    n_samples : int, default=2560
        Number of rows. The default is 60 training + 500 halt + 2000 test.

    n_tasks : int, default=4
        Number of tasks, the main one included.

    n_features : int, default=40
        Number of inputs.

    n_relevant : int, default=4
        Number of relevant inputs (the first ``n_relevant`` columns), at
        least 1 and at most ``n_features``.

    noise : float, default=0.1
        Standard deviation of the independent Gaussian noise of each task.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict with the hidden structure.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), dtype float64
        Inputs drawn from U(-1, 1).

    y : pandas.DataFrame of shape (n_samples, n_tasks)
        Columns "task_0" (the main task), "task_1", ..., float64.

    info : dict
        Only when ``return_info=True``. "F": the shared feature;
        "relevant_features": array of the relevant column indices;
        "feature_weights": the +1/-1 weights of F on them; "slopes" and
        "offsets": each task's a_k and b_k; "y_clean": DataFrame of the
        noise-free targets.

    Notes
    -----
    The mechanism is from the paper [1]_, which suggests detecting it by
    comparing input weights from relevant and irrelevant inputs; all
    constants are [design choices] (``domains.md`` section 2.3, M3):
    x ~ U(-1, 1)^40; F = x0 + x1 - x2 - x3 (in general +1 on the first
    ceil(n_relevant / 2) relevant inputs and -1 on the rest); task k is
    sigmoid(a_k F + b_k) + N(0, 0.1^2) with a_k drawn from {-3, -1.5, 1.5, 3}
    and b_k ~ U(-1, 1) for every task, from ``random_state``; K = 3
    auxiliary tasks; suggested split 60 training, 500 halt, 2000 test rows.
    A measure of selection is the mean absolute input-to-hidden weight from
    relevant inputs divided by that from irrelevant inputs. The targets are
    not clipped.
    {references}
    Examples
    --------
    >>> from sklearn_mtb.datasets import make_attribute_selection
    >>> X, y, info = make_attribute_selection(n_samples=60, random_state=0,
    ...                                       return_info=True)
    >>> X.shape, y.shape
    ((60, 40), (60, 4))
    >>> info["relevant_features"]
    array([0, 1, 2, 3])
    """
    caller = "make_attribute_selection"
    n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    n_tasks = _check_int(n_tasks, "n_tasks", caller, min_value=1)
    n_features = _check_int(n_features, "n_features", caller, min_value=1)
    n_relevant = _check_int(
        n_relevant, "n_relevant", caller, min_value=1, max_value=n_features
    )
    noise = _check_real(noise, "noise", caller, min_value=0.0)
    return_info = _check_bool(return_info, "return_info", caller)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)

    X = rng.uniform(-1.0, 1.0, (n_samples, n_features))
    n_plus = (n_relevant + 1) // 2
    weights = np.r_[np.ones(n_plus), -np.ones(n_relevant - n_plus)]
    F = X[:, :n_relevant] @ weights
    slopes = rng.choice(np.array([-3.0, -1.5, 1.5, 3.0]), n_tasks)
    offsets = rng.uniform(-1.0, 1.0, n_tasks)
    clean = expit(F[:, None] * slopes[None, :] + offsets[None, :])
    noisy = clean + rng.normal(0.0, 1.0, clean.shape) * noise
    columns = [f"task_{k}" for k in range(n_tasks)]
    y = _make_frame(pd, columns, {c: noisy[:, k] for k, c in enumerate(columns)})
    if not return_info:
        return X, y
    info = {
        "F": F,
        "relevant_features": np.arange(n_relevant),
        "feature_weights": weights,
        "slopes": slopes,
        "offsets": offsets,
        "y_clean": _make_frame(pd, columns, {c: clean[:, k] for k, c in enumerate(columns)}),
    }
    return X, y, info


def make_eavesdropping(
    n_samples=2600,
    *,
    n_features=6,
    noise=0.05,
    hint_noise=0.0,
    random_state=None,
    return_info=False,
):
    """Generate a main task that uses a feature in a complex way, and the feature.

    Eavesdropping [1]_: F is easy to learn from a task T that uses it
    simply and hard from a task T' that uses it in a complex way; a net
    learning both lets T' eavesdrop on the hidden units built for T. The
    simplest case, T = F, is Abu-Mostafa's catalytic hint; this generator
    returns that case.

    Parameters
    ----------
    n_samples : int, default=2600
        Number of rows. The default is 100 training + 500 halt + 2000 test.

    n_features : int, default=6
        Number of inputs, at least 3 (F uses the first three).

    noise : float, default=0.05
        Standard deviation of the Gaussian noise of the main task.

    hint_noise : float, default=0.0
        Standard deviation of the Gaussian noise of the hint. 0 gives the
        exact catalytic hint T = F.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict with the noise-free targets.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), dtype float64
        Inputs drawn from U(0, 1).

    y : pandas.DataFrame of shape (n_samples, 2)
        Columns "main" (the hard task, which uses F non-monotonically) and
        "hint" (F itself), float64.

    info : dict
        Only when ``return_info=True``. "F", "main_clean" (the main task
        without noise) and "relevant_features": array([0, 1, 2]).

    Notes
    -----
    The mechanism is from the paper [1]_; all constants are
    [design choices] (``domains.md`` section 2.3, M4): x ~ U(0, 1)^6;
    F = (x0 + x1 + x2) / 3; main = 0.5 + 0.45 sin(4 pi F) + N(0, 0.05^2);
    hint = F + N(0, ``hint_noise`` ** 2) with ``hint_noise`` = 0; suggested
    split 100 training, 500 halt, 2000 test rows; compare STB on "main"
    with MTB on "main" and "hint".
    {references}
    Examples
    --------
    >>> from sklearn_mtb.datasets import make_eavesdropping
    >>> X, y = make_eavesdropping(n_samples=5, random_state=0)
    >>> list(y.columns)
    ['main', 'hint']
    """
    caller = "make_eavesdropping"
    n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    n_features = _check_int(n_features, "n_features", caller, min_value=3)
    noise = _check_real(noise, "noise", caller, min_value=0.0)
    hint_noise = _check_real(hint_noise, "hint_noise", caller, min_value=0.0)
    return_info = _check_bool(return_info, "return_info", caller)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)

    X = rng.uniform(0.0, 1.0, (n_samples, n_features))
    F = X[:, :3].mean(axis=1)
    main_clean = 0.5 + 0.45 * np.sin(4.0 * np.pi * F)
    main = main_clean + rng.normal(0.0, 1.0, n_samples) * noise
    hint = F + rng.normal(0.0, 1.0, n_samples) * hint_noise
    y = _make_frame(pd, ("main", "hint"), {"main": main, "hint": hint})
    if not return_info:
        return X, y
    return X, y, {"F": F, "main_clean": main_clean, "relevant_features": np.arange(3)}


def make_representation_bias(
    n_samples=400,
    *,
    kind="train",
    amplitudes=(1.0, 1.0, 1.0),
    n_cue_features=4,
    n_noise_features=4,
    noise=0.3,
    shuffle=True,
    random_state=None,
    return_info=False,
):
    """Generate two tasks with one shared and one private way to be solved.

    Representation bias [1]_: task T can be solved from either of two
    representations (minima) A or B, and task T' from A or C. The paper
    found that a net learning both usually settles in the shared A; and
    that when T strongly prefers B, T' is pushed away from A into C (the
    "tide" at the hidden layer). Here A, B and C are groups of inputs that
    each encode a latent bit, and the rows give each task two equally valid
    cues.

    Parameters
    ----------
    n_samples : int, default=400
        Number of rows. With ``kind="train"`` the first half (rounded up)
        is labelled for "task_ab" and the rest for "task_ac", before
        shuffling.

    kind : {"train", "probe"}, default="train"
        "train": each row's cues agree as described in the notes and one of
        the two tasks is labelled. "probe": the cue bits of A, B and C are
        independent, so a fitted net's predictions reveal which cue each
        output follows; ``y`` then holds the cue bits instead of tasks.

    amplitudes : tuple of 3 floats, default=(1.0, 1.0, 1.0)
        Signal amplitude of the cue groups A, B and C (each > 0). A larger
        amplitude makes a cue easier to pick up; (1, 2, 1) is the paper's
        second experiment, where T strongly prefers B.

    n_cue_features : int, default=4
        Number of inputs per cue group.

    n_noise_features : int, default=4
        Number of pure-noise inputs appended after the cue groups.

    noise : float, default=0.3
        Standard deviation of the Gaussian noise on every input.

    shuffle : bool, default=True
        Whether to shuffle the rows.

    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    return_info : bool, default=False
        If True, also return a dict with the cue bits.

    Returns
    -------
    X : ndarray of shape (n_samples, 3 * n_cue_features + n_noise_features)
        Columns [A | B | C | noise], float64.

    y : pandas.DataFrame of shape (n_samples, 2) or (n_samples, 3)
        ``kind="train"``: columns "task_ab" (T, main) and "task_ac" (T'),
        float64 values 0.0 / 1.0 with NaN where a row is not labelled for
        that task (every row is labelled for exactly one task). The columns
        are float because they hold NaN; give ``task_types`` to the
        project's estimators to treat them as classification.
        ``kind="probe"``: columns "cue_a", "cue_b", "cue_c", the bit (0.0 /
        1.0) each cue group encodes.

    info : dict
        Only when ``return_info=True``. "cues": int64 array
        (n_samples, 3) of the bits (0 / 1) encoded by A, B and C;
        "labelled_for": array of "task_ab" / "task_ac" per row (None with
        ``kind="probe"``); "groups": dict of column indices of "a", "b",
        "c" and "noise".

    Notes
    -----
    The A/B/C minima and both experiments are from the paper [1]_, which
    gives no problem, sizes or results in numbers. [Design choices]
    (``domains.md`` section 2.3, M5): a latent bit z = +/-1 per row; cue
    group g has ``n_cue_features`` = 4 inputs equal to amp_g * z_g +
    N(0, 0.3^2); 4 pure-noise inputs N(0, 0.3^2). Rows labelled for
    "task_ab" have z_A = z_B = z and z_C random; rows labelled for
    "task_ac" have z_A = z_C = z and z_B random; the target is (z + 1) / 2
    and the other task's cell is NaN (a missing target). 200 rows per task;
    8 hidden units give capacity for separate minima; probe rows have z_A,
    z_B, z_C independent, and an output "follows" a cue when it agrees with
    it on more than 90% of probe rows. Experiment 1: ``amplitudes=(1, 1,
    1)``; experiment 2: ``amplitudes=(1, 2, 1)``; 50 restarts per condition.
    {references}
    Examples
    --------
    >>> from sklearn_mtb.datasets import make_representation_bias
    >>> X, y = make_representation_bias(random_state=0)
    >>> X.shape, list(y.columns)
    ((400, 16), ['task_ab', 'task_ac'])
    >>> int(y.notna().sum(axis=1).max())
    1
    """
    caller = "make_representation_bias"
    n_samples = _check_int(n_samples, "n_samples", caller, min_value=1)
    if not isinstance(kind, str) or kind not in ("train", "probe"):
        raise ValueError(f"{caller}: `kind` must be 'train' or 'probe', got {kind!r}.")
    try:
        amps = [float(a) for a in amplitudes]
    except (TypeError, ValueError):
        amps = []
    if len(amps) != 3 or not all(np.isfinite(a) and a > 0 for a in amps):
        raise ValueError(
            f"{caller}: `amplitudes` must be three finite positive numbers "
            f"(for cue groups A, B, C), got {amplitudes!r}."
        )
    n_cue_features = _check_int(n_cue_features, "n_cue_features", caller, min_value=1)
    n_noise_features = _check_int(
        n_noise_features, "n_noise_features", caller, min_value=0
    )
    noise = _check_real(noise, "noise", caller, min_value=0.0)
    shuffle = _check_bool(shuffle, "shuffle", caller)
    return_info = _check_bool(return_info, "return_info", caller)
    pd = _import_pandas(caller)
    rng = check_random_state(random_state)
    n = n_samples

    signs = rng.choice(np.array([-1, 1]), (n, 3))  # independent z_A, z_B, z_C
    labelled = None
    for_ab = np.arange(n) < (n + 1) // 2
    if kind == "train":
        z = signs[:, 0]
        signs[for_ab, 1] = z[for_ab]  # T rows: B agrees with A; C stays random
        signs[~for_ab, 2] = z[~for_ab]  # T' rows: C agrees with A; B stays random
    if shuffle:
        order = rng.permutation(n)
        signs, for_ab = signs[order], for_ab[order]
    cols = [
        amps[g] * signs[:, [g]] + rng.normal(0.0, 1.0, (n, n_cue_features)) * noise
        for g in range(3)
    ]
    cols.append(rng.normal(0.0, 1.0, (n, n_noise_features)) * noise)
    X = np.hstack(cols)
    cues = (signs + 1) // 2
    if kind == "train":
        target = cues[:, 0].astype(np.float64)
        task_ab = np.where(for_ab, target, np.nan)
        task_ac = np.where(for_ab, np.nan, target)
        y = _make_frame(pd, ("task_ab", "task_ac"), {"task_ab": task_ab, "task_ac": task_ac})
        labelled = np.where(for_ab, "task_ab", "task_ac").astype(object)
    else:
        y = _make_frame(
            pd,
            ("cue_a", "cue_b", "cue_c"),
            {f"cue_{g}": cues[:, i].astype(np.float64) for i, g in enumerate("abc")},
        )
    if not return_info:
        return X, y
    k = n_cue_features
    info = {
        "cues": cues.astype(np.int64),
        "labelled_for": labelled,
        "groups": {
            "a": np.arange(0, k),
            "b": np.arange(k, 2 * k),
            "c": np.arange(2 * k, 3 * k),
            "noise": np.arange(3 * k, 3 * k + n_noise_features),
        },
    }
    return X, y, info


for _func in (
    make_statistical_amplification,
    make_blocking_amplification,
    make_attribute_selection,
    make_eavesdropping,
    make_representation_bias,
):
    _func.__doc__ = _func.__doc__.replace("{references}", _REFERENCES)
del _func
