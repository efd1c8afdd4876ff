"""The Cython core against a plain NumPy implementation of the same maths and against
central finite differences of the loss."""

import threading
import time

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sklearn_mtb import _core

ACTIVATIONS = {
    _core.ACT_LOGISTIC: lambda z: 1 / (1 + np.exp(-z)),
    _core.ACT_TANH: np.tanh,
    _core.ACT_RELU: lambda z: np.maximum(z, 0),
}
DERIVATIVES = {  # in terms of the activation a
    _core.ACT_LOGISTIC: lambda a: a * (1 - a),
    _core.ACT_TANH: lambda a: 1 - a * a,
    _core.ACT_RELU: lambda a: (a > 0).astype(a.dtype),
}


def unflatten(params, sizes):
    layers, pos = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = params[pos:pos + n_in * n_out].reshape(n_in, n_out)
        pos += n_in * n_out
        b = params[pos:pos + n_out]
        pos += n_out
        layers.append((W, b))
    return layers


def reference_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, alpha):
    """Objective and gradient of one batch, written directly from the header's formula."""
    params = params.astype(np.float64)
    layers = unflatten(params, sizes)
    acts = [X.astype(np.float64)]
    for i, (W, b) in enumerate(layers):
        z = acts[-1] @ W + b
        acts.append(ACTIVATIONS[act](z) if i < len(layers) - 1 else z)
    out = acts[-1]
    dout = np.zeros_like(out)
    objective = 0.0
    for t, (kind, start, width) in enumerate(heads):
        y = Y[:, t].astype(np.float64)
        present = ~np.isnan(y)
        n_t = present.sum()
        if n_t == 0:
            continue
        z = out[present, start:start + width]
        s = sw[present].astype(np.float64)
        yp = y[present]
        if kind == _core.HEAD_SQUARED:
            loss = 0.5 * (z[:, 0] - yp) ** 2
            g = (z[:, 0] - yp)[:, None]
        elif kind == _core.HEAD_BINARY:
            p = 1 / (1 + np.exp(-z[:, 0]))
            loss = -(yp * np.log(p) + (1 - yp) * np.log(1 - p))
            g = (p - yp)[:, None]
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            p = e / e.sum(axis=1, keepdims=True)
            onehot = np.eye(width)[yp.astype(int)]
            loss = -np.log((p * onehot).sum(axis=1))
            g = p - onehot
        scale = task_scale[t] / n_t
        objective += scale * np.sum(s * loss)
        dout[np.flatnonzero(present), start:start + width] = scale * s[:, None] * g
    grads = []
    delta = dout
    for i in range(len(layers) - 1, -1, -1):
        W, b = layers[i]
        gW = acts[i].T @ delta + alpha / len(X) * W
        gb = delta.sum(axis=0)
        grads.append((gW, gb))
        if i > 0:
            delta = (delta @ W.T) * DERIVATIVES[act](acts[i])
    flat = np.concatenate([np.concatenate([gW.ravel(), gb]) for gW, gb in grads[::-1]])
    for W, _ in layers:
        objective += 0.5 * alpha / len(X) * np.sum(W ** 2)
    return objective, flat


def make_problem(dtype, act=_core.ACT_TANH, seed=0, n=13, hidden=(5, 4)):
    """Three regression tasks, a binary task and a 3-class task, some targets missing."""
    rng = np.random.RandomState(seed)
    n_features = 6
    heads = [(_core.HEAD_SQUARED, 0, 1), (_core.HEAD_SQUARED, 1, 1),
             (_core.HEAD_BINARY, 2, 1), (_core.HEAD_SOFTMAX, 3, 3),
             (_core.HEAD_SQUARED, 6, 1)]
    sizes = np.array([n_features, *hidden, 7], dtype=np.intc)
    X = rng.normal(size=(n, n_features)).astype(dtype)
    Y = np.column_stack([
        rng.normal(size=n), rng.normal(size=n), rng.randint(0, 2, n),
        rng.randint(0, 3, n), rng.normal(size=n),
    ]).astype(dtype)
    Y[rng.rand(n, 5) < 0.25] = np.nan
    Y[0, :] = [0.5, np.nan, 1, 2, np.nan]  # every task keeps some targets
    sw = rng.uniform(0.5, 2.0, n).astype(dtype)
    params = rng.uniform(-0.7, 0.7, _core.n_params(sizes)).astype(dtype)
    task_scale = np.array([1.0, 0.5, 2.0, 1.5, 0.0], dtype=dtype)
    return params, X, Y, sw, sizes, act, heads, task_scale


def make_regression_problem(dtype, seed, n, hidden, n_tasks, missing, sw_range, bound):
    """Linear heads only, task t on output t (the core's fast path), 5 inputs, a share
    ``missing`` of the targets missing."""
    rng = np.random.RandomState(seed)
    sizes = np.array([5, hidden, n_tasks], dtype=np.intc)
    X = rng.normal(size=(n, 5)).astype(dtype)
    Y = rng.normal(size=(n, n_tasks)).astype(dtype)
    Y[rng.rand(n, n_tasks) < missing] = np.nan
    sw = rng.uniform(*sw_range, n).astype(dtype)
    params = rng.uniform(-bound, bound, _core.n_params(sizes)).astype(dtype)
    return params, X, Y, sw, sizes


def core_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, alpha):
    kind, start, width = (np.array(c, dtype=np.intc) for c in zip(*heads))
    return _core.loss_and_gradient(params, X, Y, sw, sizes, act, kind, start, width,
                                   task_scale, alpha)


@pytest.fixture(params=["loops", "blas"])
def product_path(request):
    """Run a test once with plain-loop products and once with BLAS products."""
    previous = _core.set_blas_min_work(10**12 if request.param == "loops" else 1)
    previous_rows = _core.set_blas_min_rows(1)
    yield request.param
    _core.set_blas_min_work(previous)
    _core.set_blas_min_rows(previous_rows)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_gradient_matches_numpy_reference(dtype, act, alpha, product_path):
    problem = make_problem(dtype, act)
    obj, grad, _ = core_loss_grad(*problem, alpha)
    ref_obj, ref_grad = reference_loss_grad(*problem, alpha)
    rtol = 1e-10 if dtype == np.float64 else 2e-4
    assert grad.dtype == dtype
    assert_allclose(obj, ref_obj, rtol=rtol)
    assert_allclose(grad, ref_grad, rtol=rtol, atol=rtol * np.abs(ref_grad).max())


@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
def test_gradient_matches_finite_differences(act):
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64, act, seed=1)
    alpha = 0.1
    _, grad, _ = core_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, alpha)
    eps = 1e-6
    numeric = np.empty_like(params)
    for k in range(params.size):
        up, down = params.copy(), params.copy()
        up[k] += eps
        down[k] -= eps
        f_up = core_loss_grad(up, X, Y, sw, sizes, act, heads, task_scale, alpha)[0]
        f_down = core_loss_grad(down, X, Y, sw, sizes, act, heads, task_scale, alpha)[0]
        numeric[k] = (f_up - f_down) / (2 * eps)
    # relu has kinks; away from them the match is as tight as for smooth units
    assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)


def test_missing_targets_add_no_gradient():
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64)
    _, grad, _ = core_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, 0.0)
    # Changing the inputs of a row whose targets are all missing changes nothing.
    Y2 = Y.copy()
    Y2[3, :] = np.nan
    X2 = X.copy()
    X2[3] += 10.0
    _, g_a, _ = core_loss_grad(params, X, Y2, sw, sizes, act, heads, task_scale, 0.0)
    _, g_b, _ = core_loss_grad(params, X2, Y2, sw, sizes, act, heads, task_scale, 0.0)
    assert_allclose(g_a, g_b, rtol=1e-12)
    assert not np.allclose(grad, g_a)


def test_task_weights_scale_their_head_only():
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64)
    ones = np.ones_like(task_scale)
    twice = ones.copy()
    twice[1] = 2.0
    _, g1, _ = core_loss_grad(params, X, Y, sw, sizes, act, heads, ones, 0.0)
    _, g2, _ = core_loss_grad(params, X, Y, sw, sizes, act, heads, twice, 0.0)
    layers1 = unflatten(g1, sizes)
    layers2 = unflatten(g2, sizes)
    W1, W2 = layers1[-1][0], layers2[-1][0]
    assert_allclose(W2[:, 1], 2 * W1[:, 1])
    assert_allclose(np.delete(W2, 1, axis=1), np.delete(W1, 1, axis=1))


def _epoch(params, X, Y, sw, sizes, act, heads, task_scale, *, solver, batch_size,
           shuffle=False, seed=12345, lr=0.05, momentum=0.0, alpha=0.0, state=None):
    kind, start, width = (np.array(c, dtype=np.intc) for c in zip(*heads))
    s1 = np.zeros_like(params) if state is None else state[0]
    s2 = np.zeros_like(params) if state is None else state[1]
    step = np.zeros(1, dtype=np.longlong) if state is None else state[2]
    rng = np.array([seed], dtype=np.ulonglong)
    loss = np.zeros(len(heads))
    wsum = np.zeros(len(heads))
    status, obj = _core.train_epoch(
        params, X, Y, sw, sizes, act, kind, start, width, task_scale, solver, lr,
        momentum, 0.9, 0.999, 1e-8, alpha, s1, s2, step, batch_size, shuffle, rng, loss,
        wsum,
    )
    return status, obj, (s1, s2, step), loss


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("batch_size, alpha", [(4, 0.2), (1, 0.2), (1, 0.0), (4, 0.0)])
def test_sgd_epoch_is_gradient_steps_with_momentum(dtype, product_path, batch_size, alpha):
    # Online steps without a penalty take the fused path of the core.
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(dtype)
    lr, mom = 0.05, 0.9
    expected = params.astype(np.float64)
    velocity = np.zeros_like(expected)
    for start in range(0, len(X), batch_size):  # unshuffled batches
        rows = slice(start, start + batch_size)
        _, g = reference_loss_grad(expected, X[rows], Y[rows], sw[rows], sizes, act,
                                   heads, task_scale, alpha)
        velocity = mom * velocity - lr * g
        expected = expected + velocity
    got = params.copy()
    status, _, _, _ = _epoch(got, X, Y, sw, sizes, act, heads, task_scale,
                             solver=_core.SOLVER_SGD, batch_size=batch_size, lr=lr,
                             momentum=mom, alpha=alpha)
    assert status == 0
    assert_allclose(got, expected, rtol=1e-9 if dtype == np.float64 else 2e-4,
                    atol=1e-9 if dtype == np.float64 else 2e-5)


def test_adam_steps_match_reference():
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64)
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    expected = params.copy()
    m = np.zeros_like(expected)
    v = np.zeros_like(expected)
    for t, start in enumerate(range(0, len(X), 5), start=1):
        rows = slice(start, start + 5)
        _, g = reference_loss_grad(expected, X[rows], Y[rows], sw[rows], sizes, act,
                                   heads, task_scale, 0.0)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        lr_t = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        expected = expected - lr_t * m / (np.sqrt(v) + eps)
    got = params.copy()
    status, _, state, _ = _epoch(got, X, Y, sw, sizes, act, heads, task_scale,
                                 solver=_core.SOLVER_ADAM, batch_size=5, lr=lr)
    assert status == 0
    assert state[2][0] == 3
    assert_allclose(got, expected, rtol=1e-9, atol=1e-12)


def test_online_epoch_large_batch_uses_blas_path_consistently():
    # A batch big enough for the BLAS path must give the same gradient as small loops.
    rng = np.random.RandomState(3)
    sizes = np.array([40, 64, 3], dtype=np.intc)
    X = rng.normal(size=(300, 40))
    Y = rng.normal(size=(300, 3))
    Y[rng.rand(300, 3) < 0.1] = np.nan
    sw = np.ones(300)
    heads = [(_core.HEAD_SQUARED, t, 1) for t in range(3)]
    params = rng.uniform(-0.2, 0.2, _core.n_params(sizes))
    scale = np.ones(3)
    obj, grad, _ = core_loss_grad(params, X, Y, sw, sizes, _core.ACT_LOGISTIC, heads,
                                  scale, 0.0)
    ref_obj, ref_grad = reference_loss_grad(params, X, Y, sw, sizes, _core.ACT_LOGISTIC,
                                            heads, scale, 0.0)
    assert_allclose(obj, ref_obj, rtol=1e-10)
    assert_allclose(grad, ref_grad, rtol=1e-8, atol=1e-12)


def test_shuffle_is_deterministic_and_seeded():
    problem = make_problem(np.float64)
    results = []
    for seed in (7, 7, 8):
        params = problem[0].copy()
        _epoch(params, *problem[1:], solver=_core.SOLVER_SGD, batch_size=1, shuffle=True,
               seed=seed)
        results.append(params)
    assert_allclose(results[0], results[1], rtol=0, atol=0)
    assert not np.allclose(results[0], results[2])


def test_training_curves_are_per_task_mean_losses():
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64)
    _, _, task_loss = core_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, 0.0)
    got = params.copy()
    _, _, _, epoch_loss = _epoch(got, X, Y, sw, sizes, act, heads, task_scale,
                                 solver=_core.SOLVER_SGD, batch_size=len(X), lr=0.0)
    assert_allclose(epoch_loss, task_loss, rtol=1e-12)


def test_divergence_is_reported():
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(np.float64)
    X = X * 1e3
    Y = np.where(np.isnan(Y), np.nan, Y * 1e3)
    Y[:, 2:4] = np.nan  # keep class codes valid: drop the classification tasks
    for _ in range(100):
        status, _, _, _ = _epoch(params, X, Y, sw, sizes, _core.ACT_TANH, heads,
                                 task_scale, solver=_core.SOLVER_SGD, batch_size=1,
                                 lr=10.0, momentum=0.9)
        if status:
            break
    assert status == _core.STATUS_NONFINITE


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_evaluate_and_forward(dtype, product_path):
    params, X, Y, sw, sizes, act, heads, task_scale = make_problem(dtype, n=600)
    kind, start, width = (np.array(c, dtype=np.intc) for c in zip(*heads))
    err = np.zeros(len(heads))
    _core.evaluate(params, X, Y, sw, sizes, act, kind, start, width, err)
    out = _core.forward(params, X, sizes, act, len(sizes) - 1)
    assert out.dtype == dtype and out.shape == (600, 7)
    layers = unflatten(params.astype(np.float64), sizes)
    a = X.astype(np.float64)
    for i, (W, b) in enumerate(layers):
        a = a @ W + b
        if i < len(layers) - 1:
            a = ACTIVATIONS[act](a)
    rtol = 1e-10 if dtype == np.float64 else 1e-4
    assert_allclose(out, a, rtol=rtol, atol=rtol)
    for t, (k, s0, w) in enumerate(heads):
        present = ~np.isnan(Y[:, t])
        s = sw[present].astype(np.float64)
        z = a[present, s0:s0 + w]
        y = Y[present, t].astype(np.float64)
        if k == _core.HEAD_SQUARED:
            expected = np.sqrt(np.sum(s * (z[:, 0] - y) ** 2) / s.sum())
        elif k == _core.HEAD_BINARY:
            p = 1 / (1 + np.exp(-z[:, 0]))
            expected = -np.sum(s * (y * np.log(p) + (1 - y) * np.log(1 - p))) / s.sum()
        else:
            lse = np.log(np.exp(z).sum(axis=1))
            expected = np.sum(s * (lse - z[np.arange(len(y)), y.astype(int)])) / s.sum()
        assert_allclose(err[t], expected, rtol=1e-9 if dtype == np.float64 else 1e-4)


def test_binary_head_is_stable_for_large_scores():
    sizes = np.array([1, 1], dtype=np.intc)
    params = np.array([1.0, 0.0])
    X = np.array([[800.0], [-800.0]])
    Y = np.array([[0.0], [1.0]])
    obj, grad, _ = core_loss_grad(params, X, Y, np.ones(2), sizes, _core.ACT_LOGISTIC,
                                  [(_core.HEAD_BINARY, 0, 1)], np.ones(1), 0.0)
    assert np.isfinite(obj) and np.all(np.isfinite(grad))
    assert_allclose(obj, 800.0)


def test_epoch_releases_the_gil():
    rng = np.random.RandomState(0)
    sizes = np.array([32, 64, 9], dtype=np.intc)
    X = rng.normal(size=(20000, 32))
    Y = rng.normal(size=(20000, 9))
    params = rng.uniform(-0.1, 0.1, _core.n_params(sizes))
    heads = [(_core.HEAD_SQUARED, t, 1) for t in range(9)]
    done = threading.Event()

    def work():
        for _ in range(3):
            _epoch(params, X, Y, np.ones(20000), sizes, _core.ACT_LOGISTIC, heads,
                   np.ones(9), solver=_core.SOLVER_SGD, batch_size=1, lr=1e-4)
        done.set()

    worker = threading.Thread(target=work)
    ticks = 0
    t0 = time.perf_counter()
    worker.start()
    time.sleep(0.01)
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    elapsed = time.perf_counter() - t0
    worker.join()
    # While the worker runs without the GIL this thread keeps looping; compiled code
    # that held the GIL for a whole epoch would leave it only a few turns between epochs.
    assert elapsed > 0.05
    assert ticks > 200


def test_vectorised_logistic_matches_numpy():
    z = np.concatenate([np.linspace(-800, 800, 20001),
                        np.random.RandomState(0).normal(scale=4, size=20000)])
    got = z.copy()
    _core.logistic(got)
    with np.errstate(over="ignore"):
        expected = 1 / (1 + np.exp(-z))
    assert_allclose(got, expected, rtol=1e-15, atol=1e-300)
    special = np.array([np.nan, np.inf, -np.inf, 0.0])
    _core.logistic(special)
    assert np.isnan(special[0]) and special[1] == 1.0 and special[3] == 0.5
    assert 0 <= special[2] < 1e-300


def test_vectorised_float32_logistic_matches_numpy():
    z = np.concatenate([np.linspace(-100, 100, 20001),
                        np.random.RandomState(0).normal(scale=4, size=20000)])
    got = z.astype(np.float32)
    _core.logistic(got)
    assert got.dtype == np.float32
    with np.errstate(over="ignore"):
        expected = 1 / (1 + np.exp(-z.astype(np.float32).astype(np.float64)))
    # A few float32 rounding steps; outputs below float32's smallest normal (z < -87)
    # are clamped to about 1.7e-38 instead of underflowing.
    assert_allclose(got, expected, rtol=5e-7, atol=2e-38)
    special = np.array([np.nan, np.inf, -np.inf, 0.0], dtype=np.float32)
    _core.logistic(special)
    assert np.isnan(special[0]) and special[1] == 1.0 and special[3] == 0.5
    assert 0 <= special[2] < 1e-37


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_evaluate_regression_only_net(dtype):
    # A net whose heads are all linear takes evaluate's branch-free path: same RMSEs as
    # the general one, missing targets and sample weights included, and NaN for a task
    # without any target.
    n_tasks = 6
    params, X, Y, sw, sizes = make_regression_problem(dtype, 5, 700, 8, n_tasks, 0.4,
                                                      (0.2, 3.0), 0.5)
    Y[:, 4] = np.nan
    kind = np.full(n_tasks, _core.HEAD_SQUARED, dtype=np.intc)
    start = np.arange(n_tasks, dtype=np.intc)
    width = np.ones(n_tasks, dtype=np.intc)
    err = np.zeros(n_tasks)
    _core.evaluate(params, X, Y, sw, sizes, _core.ACT_LOGISTIC, kind, start, width, err)
    out = _core.forward(params, X, sizes, _core.ACT_LOGISTIC, 2).astype(np.float64)
    for t in range(n_tasks):
        present = ~np.isnan(Y[:, t])
        if not present.any():
            assert np.isnan(err[t])
            continue
        s = sw[present].astype(np.float64)
        d = out[present, t] - Y[present, t].astype(np.float64)
        expected = np.sqrt(np.sum(s * d ** 2) / s.sum())
        assert_allclose(err[t], expected, rtol=1e-10 if dtype == np.float64 else 1e-5)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("batch_size", [1, 4])
def test_regression_only_net_matches_reference(dtype, batch_size):
    # Every head linear, task t on output t: the core's branch-free head pass. Its loss,
    # gradient and SGD steps must equal the reference, missing targets, sample weights
    # and task weights included.
    n, n_tasks = 14, 4
    params, X, Y, sw, sizes = make_regression_problem(dtype, 11, n, 6, n_tasks, 0.3,
                                                      (0.5, 2.0), 0.6)
    heads = [(_core.HEAD_SQUARED, t, 1) for t in range(n_tasks)]
    task_scale = np.array([1.0, 0.5, 2.0, 0.0], dtype=dtype)
    act = _core.ACT_LOGISTIC
    tol = dict(rtol=1e-9, atol=1e-10) if dtype == np.float64 else dict(rtol=2e-4, atol=2e-5)
    obj, grad, _ = core_loss_grad(params, X, Y, sw, sizes, act, heads, task_scale, 0.0)
    ref_obj, ref_grad = reference_loss_grad(params, X, Y, sw, sizes, act, heads,
                                            task_scale, 0.0)
    assert_allclose(obj, ref_obj, **tol)
    assert_allclose(grad, ref_grad, **tol)
    lr, mom = 0.05, 0.9
    expected = params.astype(np.float64)
    velocity = np.zeros_like(expected)
    for start in range(0, n, batch_size):
        rows = slice(start, start + batch_size)
        _, g = reference_loss_grad(expected, X[rows], Y[rows], sw[rows], sizes, act,
                                   heads, task_scale, 0.0)
        velocity = mom * velocity - lr * g
        expected = expected + velocity
    got = params.copy()
    status, _, _, loss = _epoch(got, X, Y, sw, sizes, act, heads, task_scale,
                                solver=_core.SOLVER_SGD, batch_size=batch_size, lr=lr,
                                momentum=mom)
    assert status == 0 and np.isfinite(loss).all()
    assert_allclose(got, expected, **tol)
