"""Wall time of the full 1D-ALVINN STB-vs-MTB comparison (36 STB nets + the MTB net).

One seed: ``make_1d_alvinn`` rows (training, 500 halt, 2000 test, in that order), every
one of the 9 tasks compared, STB hidden sizes (2, 4, 8, 16) -> 36 single-task nets, plus
one 16-hidden-unit multitask net, through
``sklearn_mtb.model_selection.compare_stb_mtb(..., n_jobs=2)``.  Target: under 30 s.
Two settings are timed (``--settings``): "defaults", the default
``MultiTaskBackpropRegressor()`` (200 epochs at most) on 200 training rows, and
"experiment", one seed of ``python -m sklearn_mtb.experiments alvinn``: 800 training rows
and ``sklearn_mtb.experiments.default_estimator()`` (up to 3000 epochs, patience 200).

Needs ``sklearn_mtb.model_selection.compare_stb_mtb`` and
``sklearn_mtb.datasets.make_1d_alvinn``; prints a skip message and exits 0 without them.

Examples::

    python benchmarks/bench_comparison.py
    python benchmarks/bench_comparison.py --n-jobs 1 2 --repeats 3
    python benchmarks/bench_comparison.py --quick      # STB sizes (2, 16), 3 tasks
"""

import _common  # noqa: F401  (sets the thread environment before numpy loads)

import argparse
import contextlib
import statistics
import time

import joblib

from _common import print_header, print_load, verdict, wait_for_quiet

TARGET_S = 30.0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n-jobs", nargs="+", type=int, default=[2])
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--settings", nargs="+", default=["defaults", "experiment"],
                   choices=["defaults", "experiment"])
    p.add_argument("--n-train", type=int, default=None,
                   help="training rows (default: 200 with 'defaults', 800 with 'experiment')")
    p.add_argument("--n-halt", type=int, default=500)
    p.add_argument("--n-test", type=int, default=2000)
    p.add_argument("--stb-sizes", nargs="+", type=int, default=[2, 4, 8, 16])
    p.add_argument("--mtb-size", type=int, default=16)
    p.add_argument("--n-tasks", type=int, default=None,
                   help="compare only the first N tasks (default: all)")
    p.add_argument("--backend", default=None, choices=["loky", "threading"],
                   help="joblib backend around the comparison (default: joblib's, loky)")
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS")
    p.add_argument("--quick", action="store_true",
                   help="STB sizes (2, 16) and the first 3 tasks (no target verdict)")
    args = p.parse_args()
    if args.quick:
        args.stb_sizes = [2, 16]
        args.n_tasks = 3
    return args


def main():
    args = parse_args()
    try:
        from sklearn_mtb.datasets import make_1d_alvinn
        from sklearn_mtb.model_selection import compare_stb_mtb
    except ImportError as exc:
        print(f"SKIP: the STB-vs-MTB comparison needs sklearn_mtb.model_selection."
              f"compare_stb_mtb and sklearn_mtb.datasets.make_1d_alvinn ({exc}).")
        return
    if args.wait_idle:
        wait_for_quiet(args.wait_idle)
    print_header("Full 1D-ALVINN STB-vs-MTB comparison")
    for settings in args.settings:
        time_settings(args, settings, make_1d_alvinn, compare_stb_mtb)
    print_load("at end")


def time_settings(args, settings, make_1d_alvinn, compare_stb_mtb):
    from sklearn_mtb.experiments import default_estimator

    if settings == "experiment":
        n_train = args.n_train or 800
        estimator, described = default_estimator(), "the experiment's net settings"
    else:
        n_train = args.n_train or 200
        estimator, described = None, "default MultiTaskBackpropRegressor settings"
    n = n_train + args.n_halt + args.n_test
    X, y = make_1d_alvinn(n, random_state=args.seed)
    a, b = n_train, n_train + args.n_halt
    tasks = list(y.columns) if args.n_tasks is None else list(y.columns[: args.n_tasks])
    n_nets = len(tasks) * len(args.stb_sizes) + 1
    print(f"### Settings '{settings}'\n")
    print(f"make_1d_alvinn({n}, random_state={args.seed}): {n_train} train / "
          f"{args.n_halt} halt / {args.n_test} test rows; {len(tasks)} tasks x STB sizes "
          f"{tuple(args.stb_sizes)} + MTB {args.mtb_size}HU = {n_nets} nets; "
          f"{described}.\n")
    full = args.n_tasks is None and len(args.stb_sizes) == 4
    results = {}
    errors = None
    for n_jobs in args.n_jobs:
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            with (joblib.parallel_config(backend=args.backend) if args.backend
                  else contextlib.nullcontext()):
                errors = compare_stb_mtb(
                    X[:a], y[:a], X[a:b], y[a:b], X[b:], y[b:], tasks=tasks,
                    stb_hidden_sizes=tuple(args.stb_sizes), mtb_hidden_size=args.mtb_size,
                    estimator=estimator, random_state=args.seed, n_jobs=n_jobs)
            times.append(time.perf_counter() - t0)
        results[n_jobs] = statistics.median(times)
        print(f"n_jobs={n_jobs} (backend {args.backend or 'default'}): "
              f"{results[n_jobs]:.1f} s (median of {args.repeats}; "
              f"runs: {', '.join(f'{t:.1f}' for t in times)})", flush=True)
    print()
    if errors is not None:
        print("Test RMSE of the last run:\n")
        print(errors.round(4).to_string())
        print()
    if full and 2 in results:
        verdict(f"full 1D-ALVINN comparison, settings '{settings}', n_jobs=2", results[2],
                TARGET_S, higher_is_better=False, unit=" s")
        print()


if __name__ == "__main__":
    main()
