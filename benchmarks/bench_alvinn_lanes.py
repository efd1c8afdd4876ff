"""Negative transfer in 1D-ALVINN: what the 'lanes' task does to the other tasks of the MTB net.

In the 1D-ALVINN experiment (``python -m sklearn_mtb.experiments alvinn``) the 16-unit MTB
net is about twice as bad as the best STB net on road greylevel and 20% worse on edge
greylevel. This script traces that to one auxiliary task, ``lanes`` (one or two lanes, a
0/1 target learnt with squared error, as in the paper): for each seed it draws the
experiment's data (800 training, 500 halt and 2000 test scan lines), trains STB nets of 8
and 16 hidden units for a few tasks, and MTB nets of 16 hidden units on all nine tasks
that differ only in what they do with ``lanes``:

- kept as it is (the experiment's MTB net);
- dropped from the net;
- kept with task weight 0 (monitored, but its error signal is not backpropagated) or 0.1;
- replaced by a random permutation of itself within the training and the halt rows: the
  same 0/1 values and the same error size, but nothing in the inputs to learn it from.

Every net uses the experiment's training settings (``default_estimator``) and is
early-stopped per task on the halt set. The table gives test RMSE (mean and standard
deviation over seeds), and for each MTB net the % change against the best STB size of that
task (``100 (STB - MTB) / MTB``, positive = MTB better, as in the paper) with the paired
t-test p-value.

    python benchmarks/bench_alvinn_lanes.py --seeds 5
"""

import argparse
import time
import warnings

import numpy as np
from joblib import Parallel, delayed
from scipy.stats import ttest_rel
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb.datasets import make_1d_alvinn
from sklearn_mtb.experiments import default_estimator

N_TRAIN, N_HALT, N_TEST = 800, 500, 2000
SCORED = ["road_grey", "edge_grey", "steering"]
STB_SIZES = (8, 16)
MTB_VARIANTS = {
    "MTB, lanes as is": {},
    "MTB without lanes": {"drop": True},
    "MTB, lanes weight 0": {"weight": 0.0},
    "MTB, lanes weight 0.1": {"weight": 0.1},
    "MTB, lanes shuffled": {"shuffle": True},
}


def fit_and_score(seed, tasks, hidden, drop=False, weight=None, shuffle=False):
    """Test RMSE of the scored tasks that one net learns, each from its own snapshot."""
    warnings.simplefilter("ignore", ConvergenceWarning)
    X, y = make_1d_alvinn(N_TRAIN + N_HALT + N_TEST, random_state=seed)
    a, b = N_TRAIN, N_TRAIN + N_HALT
    y_train, y_halt = y.iloc[:a].copy(), y.iloc[a:b].copy()
    if shuffle:
        rng = np.random.RandomState(seed)
        y_train["lanes"] = rng.permutation(y_train["lanes"].to_numpy())
        y_halt["lanes"] = rng.permutation(y_halt["lanes"].to_numpy())
    tasks = [t for t in tasks if not (drop and t == "lanes")]
    net = default_estimator(
        hidden_layer_sizes=(hidden,), main_tasks=tasks, aux_tasks=[], random_state=seed,
        task_weights=None if weight is None else {"lanes": weight},
    )
    net.fit(X[:a], y_train, X_val=X[a:b], y_val=y_halt)
    scored = [t for t in SCORED if t in tasks]
    pred = net.predict_tasks(X[b:], tasks=scored)
    truth = y.iloc[b:]
    return {t: float(np.sqrt(np.nanmean((pred[t].to_numpy() - truth[t].to_numpy()) ** 2)))
            for t in scored}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--n-jobs", type=int, default=2)
    args = parser.parse_args()

    all_tasks = list(make_1d_alvinn(5, random_state=0)[1].columns)
    jobs = {}
    for seed in range(args.seeds):
        for task in SCORED:
            for h in STB_SIZES:
                jobs[(f"STB {h}HU", task, seed)] = (seed, [task], h, {})
        for name, how in MTB_VARIANTS.items():
            jobs[(name, None, seed)] = (seed, all_tasks, 16, how)
    start = time.perf_counter()
    results = Parallel(n_jobs=args.n_jobs, prefer="threads")(
        delayed(fit_and_score)(seed, tasks, h, **how) for seed, tasks, h, how in jobs.values()
    )
    elapsed = time.perf_counter() - start
    errors = {}  # (net, task) -> RMSE per seed
    for (name, task, seed), result in zip(jobs, results):
        for t, e in result.items():
            errors.setdefault((name, t), []).append(e)

    best_stb = {t: min((f"STB {h}HU" for h in STB_SIZES),
                       key=lambda n: np.mean(errors[(n, t)])) for t in SCORED}
    print(f"1D-ALVINN, {N_TRAIN} training / {N_HALT} halt / {N_TEST} test rows, "
          f"{args.seeds} seeds; test RMSE mean (sd); % = 100 (best STB - MTB) / MTB, "
          f"p = paired t-test against the best STB size; {elapsed:.0f} s")
    header = f"{'net':<24}" + "".join(f"{t:>34}" for t in SCORED)
    print(header)
    for name in [f"STB {h}HU" for h in STB_SIZES] + list(MTB_VARIANTS):
        cells = []
        for t in SCORED:
            e = errors.get((name, t))
            if e is None:
                cells.append(f"{'-':>34}")
                continue
            cell = f"{np.mean(e):.4f} ({np.std(e, ddof=1) if len(e) > 1 else 0:.4f})"
            if name.startswith("MTB"):
                ref = np.asarray(errors[(best_stb[t], t)])
                change = 100 * (ref.mean() - np.mean(e)) / np.mean(e)
                p = ttest_rel(e, ref).pvalue if len(e) > 1 else float("nan")
                shown = "p<.001" if p < 0.001 else f"p={p:.3f}"
                cell += f" {change:+6.1f}% {shown:<7}"
            cells.append(f"{cell:>34}")
        print(f"{name:<24}" + "".join(cells))


if __name__ == "__main__":
    main()
