"""Shared helpers of the sklearn-mtb benchmark scripts (not a test module).

Import this module BEFORE numpy in a benchmark script: it pins the BLAS / OpenMP thread
pools to one thread through the environment (threadpoolctl is used as well, but some
libraries read the environment only when they load).
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # run from a checkout without installing
    sys.path.append(ROOT)

warnings.filterwarnings("ignore", category=ConvergenceWarning)

# The two nets of the paper's 1D domains: inputs-hidden-outputs.
NETS = {
    "alvinn": (32, 16, 9),   # 1D-ALVINN: 32 pixels, 16 hidden, 9 tasks
    "doors": (60, 120, 10),  # 1D-DOORS: 60 pixels, 120 hidden, 10 tasks
}
# Learning rate per net, the same for every model.  0.01 makes online (batch 1) training
# of the 60-120-10 net diverge for both sklearn_mtb and MLPRegressor on the teacher data.
NET_LEARNING_RATE = {"alvinn": 0.01, "doors": 0.005}

LEARNING_RATE = 0.01
MOMENTUM = 0.9


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

def teacher_data(n_samples, n_features, n_tasks, dtype=np.float64, seed=0, n_hidden=8,
                 noise=0.1):
    """Random inputs and targets from a fixed random tanh net (plus a little noise).

    Targets are standardised per column, so a learning rate of 0.01 is sensible for every
    model and a fit has something to learn (its R^2 can be reported).
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    W1 = rng.standard_normal((n_features, n_hidden)) / np.sqrt(n_features)
    b1 = rng.standard_normal(n_hidden) * 0.5
    W2 = rng.standard_normal((n_hidden, n_tasks)) / np.sqrt(n_hidden)
    Y = np.tanh(X @ W1 + b1) @ W2
    Y += noise * Y.std() * rng.standard_normal(Y.shape)
    Y = (Y - Y.mean(axis=0)) / Y.std(axis=0)
    return np.ascontiguousarray(X, dtype=dtype), np.ascontiguousarray(Y, dtype=dtype)


def r2(Y, P):
    Y = np.asarray(Y, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64).reshape(Y.shape)
    return float(1 - ((Y - P) ** 2).sum() / ((Y - Y.mean(axis=0)) ** 2).sum())


# ---------------------------------------------------------------------------------------
# Models: each maker returns fit(X, Y) -> fitted object, and predict(obj, X)
# ---------------------------------------------------------------------------------------

def mtb_model(hidden, batch_size, epochs, lr=LEARNING_RATE, **extra):
    from sklearn_mtb import MultiTaskBackpropRegressor
    params = dict(solver="sgd", batch_size=batch_size, learning_rate_init=lr,
                  momentum=MOMENTUM, max_iter=epochs, validation_fraction=0.0,
                  n_iter_no_change=10**9, random_state=0)
    params.update(extra)
    return MultiTaskBackpropRegressor((hidden,), **params)


def mtb_fit(hidden, batch_size, epochs, seed=0, lr=LEARNING_RATE, **extra):
    def fit(X, Y, **fit_params):
        model = mtb_model(hidden, batch_size, epochs, lr=lr, random_state=seed, **extra)
        return model.fit(X, Y, **fit_params)
    return fit


def sklearn_fit(hidden, batch_size, epochs, seed=0, lr=LEARNING_RATE):
    from sklearn.neural_network import MLPRegressor

    def fit(X, Y):
        model = MLPRegressor(
            hidden_layer_sizes=(hidden,), activation="logistic", solver="sgd",
            batch_size=batch_size, learning_rate="constant",
            learning_rate_init=lr, momentum=MOMENTUM, nesterovs_momentum=False,
            max_iter=epochs, tol=0.0, n_iter_no_change=10**9, early_stopping=False,
            shuffle=True, alpha=0.0, random_state=seed)
        return model.fit(X, Y)
    return fit


def torch_available():
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def torch_fit(hidden, batch_size, epochs, seed=0, lr=LEARNING_RATE):
    """PyTorch CPU written the way a user would: a Python loop over shuffled minibatches."""
    import torch
    from torch import nn

    def fit(X, Y):
        torch.manual_seed(seed)
        dtype = torch.float32 if X.dtype == np.float32 else torch.float64
        Xt = torch.from_numpy(X)
        Yt = torch.from_numpy(Y)
        model = nn.Sequential(nn.Linear(X.shape[1], hidden), nn.Sigmoid(),
                              nn.Linear(hidden, Y.shape[1])).to(dtype)
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=MOMENTUM)
        loss_fn = nn.MSELoss()
        n = X.shape[0]
        for _ in range(epochs):
            perm = torch.randperm(n)
            for start in range(0, n, batch_size):
                idx = perm[start:start + batch_size]
                opt.zero_grad()
                loss = loss_fn(model(Xt[idx]), Yt[idx])
                loss.backward()
                opt.step()
        return model
    return fit


def predict(obj, X):
    if hasattr(obj, "predict"):
        return obj.predict(X)
    import torch
    with torch.no_grad():
        return obj(torch.from_numpy(X)).numpy()


def set_torch_threads(n):
    if torch_available():
        import torch
        torch.set_num_threads(n)


# ---------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------

def time_fit(fit, X, Y, repeats, warmup=True):
    """Median wall time of ``repeats`` fits (seconds) and the last fitted object."""
    if warmup:
        fit(X[: min(len(X), 256)], Y[: min(len(Y), 256)])
    times = []
    obj = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        obj = fit(X, Y)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), obj


def time_concurrent(fit, X, Y, repeats, n_threads=2):
    """Run ``n_threads`` independent fits at once in Python threads, ``repeats`` times.

    Returns the median wall time (seconds) and the median parallelism, the summed CPU time
    of the fitting threads over the wall time: about 1 when they ran one after the other
    (GIL held, or one free core), about n_threads when they really ran in parallel.
    """
    def work(_):
        c0 = time.thread_time()
        fit(X, Y)
        return time.thread_time() - c0

    times, par = [], []
    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        list(pool.map(lambda _: fit(X[:256], Y[:256]), range(n_threads)))  # warm-up
        for _ in range(repeats):
            t0 = time.perf_counter()
            cpu = sum(pool.map(work, range(n_threads)))
            wall = time.perf_counter() - t0
            times.append(wall)
            par.append(cpu / wall)
    return statistics.median(times), statistics.median(par)


def single_thread():
    """Context manager: every BLAS / OpenMP pool at one thread (torch as well)."""
    set_torch_threads(1)
    return threadpool_limits(limits=1)


# ---------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------

def fmt_rate(x):
    if x is None or x != x:
        return "-"
    return f"{x:,.0f}"


def fmt_ratio(x):
    if x is None or x != x:
        return "-"
    return f"{x:.1f}x" if x < 100 else f"{x:.0f}x"


def markdown_table(header, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(header)]
    lines = ["| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c).rjust(w) for c, w in zip(r, widths)) + " |")
    return "\n".join(lines)


def verdict(name, value, target, higher_is_better=True, unit="x"):
    ok = value >= target if higher_is_better else value <= target
    op = ">=" if higher_is_better else "<="
    line = f"{'PASS' if ok else 'MISS'}  {name}: {value:.2f}{unit} (target {op} {target}{unit})"
    print(line)
    return ok


def _cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown CPU"
    fields = {}
    for line in out.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields.setdefault(k.strip(), v.strip())
    model = fields.get("Model name", "unknown CPU")
    extra = []
    if "Model" in fields and "CPU family" in fields:
        extra.append(f"family {fields['CPU family']} model {fields['Model']}")
    if "Hypervisor vendor" in fields:
        extra.append(f"{fields['Hypervisor vendor']} guest")
    return f"{model} ({', '.join(extra)})" if extra else model


def machine_description():
    import scipy
    import sklearn
    lines = [
        f"CPU: {_cpu_model()}, {os.cpu_count()} logical CPUs",
        f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"scikit-learn {sklearn.__version__}",
    ]
    if torch_available():
        import torch
        lines[-1] += f", torch {torch.__version__}"
    else:
        lines[-1] += ", torch not installed"
    blas = [f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture', '?')})"
            for i in threadpool_info() if i.get("user_api") == "blas"]
    if blas:
        lines.append("BLAS: " + "; ".join(sorted(set(blas))))
    try:
        from sklearn_mtb import _core
        lines.append(f"sklearn_mtb core: {os.path.relpath(_core.__file__, ROOT)}")
    except ImportError:
        lines.append("sklearn_mtb core: not built")
    if os.environ.get("OPENBLAS_CORETYPE"):
        lines.append(f"OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']}")
    return "\n".join(lines)


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def wait_for_quiet(max_wait, threshold=0.5):
    """Wait up to ``max_wait`` seconds for the 1-minute load average to drop below
    ``threshold`` (other jobs on a 2-core machine distort every timing, two threads most)."""
    t0 = time.time()
    while load_average() >= threshold and time.time() - t0 < max_wait:
        time.sleep(5)
    return load_average()


def print_load(where):
    load = load_average()
    note = "" if load < 0.5 else "  (other processes are running: timings are noisy)"
    print(f"Load average (1 min) {where}: {load:.2f}{note}")


def print_header(title, argv=None):
    print(f"# {title}")
    print()
    print("Command: `python " + " ".join([os.path.relpath(sys.argv[0], ROOT)]
                                         + list(sys.argv[1:] if argv is None else argv))
          + "`")
    print()
    for line in machine_description().splitlines():
        print(f"- {line}")
    print()
    print_load("at start")
    print()
