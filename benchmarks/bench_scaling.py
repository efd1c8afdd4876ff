"""How sklearn_mtb's fit time grows with n_samples, n_tasks and the hidden size.

Three tables, single thread, no validation, sgd with momentum, medians of ``--repeats`` fits:

- n_samples from 1e3 to 1e6 (32 inputs, 16 hidden, 9 tasks; fewer epochs for the big ones);
- n_tasks from 1 to 100 (32 inputs, 16 hidden, 5000 rows);
- hidden units from 2 to 512 (32 inputs, 9 tasks, 5000 rows).

Each row gives the seconds per epoch, microseconds per training sample and the cost per
sample relative to the first row, so the growth of cost is visible (linear in n_samples is
flat per sample; the per-sample cost should grow roughly with the number of weights).

Examples::

    python benchmarks/bench_scaling.py
    python benchmarks/bench_scaling.py --quick
    python benchmarks/bench_scaling.py --tables hidden --batch-sizes 1 32 256
"""

import _common  # noqa: F401  (sets the thread environment before numpy loads)

import argparse
import statistics
import time

import numpy as np

from _common import (markdown_table, mtb_fit, print_header, print_load, single_thread,
                     teacher_data, wait_for_quiet)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tables", nargs="+", default=["samples", "tasks", "hidden"],
                   choices=["samples", "tasks", "hidden"])
    p.add_argument("--batch-sizes", nargs="+", type=int, default=[1, 32])
    p.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    p.add_argument("--samples", nargs="+", type=int,
                   default=[1_000, 10_000, 100_000, 1_000_000])
    p.add_argument("--tasks", nargs="+", type=int, default=[1, 3, 9, 30, 100])
    p.add_argument("--hidden", nargs="+", type=int,
                   default=[2, 4, 8, 16, 32, 64, 128, 256, 512])
    p.add_argument("--n-samples", type=int, default=5000,
                   help="rows for the tasks and hidden tables")
    p.add_argument("--work", type=float, default=2e5,
                   help="about this many training samples (rows x epochs) per fit, at "
                        "least one epoch")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS")
    p.add_argument("--quick", action="store_true",
                   help="batch 32 only, up to 1e5 rows, 1 repeat, less work per fit")
    args = p.parse_args()
    if args.quick:
        args.batch_sizes = [32]
        args.samples = [s for s in args.samples if s <= 100_000]
        args.repeats = 1
        args.work = 5e4
    return args


def measure(n_samples, n_features, hidden, n_tasks, batch, args, cost_factor=1.0):
    epochs = int(max(1, min(50, args.work / cost_factor // n_samples)))
    X, Y = teacher_data(n_samples, n_features, n_tasks, np.dtype(args.dtype))
    fit = mtb_fit(hidden, batch, epochs, lr=0.005)
    fit(X[:256], Y[:256])
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        model = fit(X, Y)
        times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    return epochs, t / model.n_iter_, 1e6 * t / (model.n_iter_ * n_samples)


def table(title, key, values, make, args):
    print(f"## {title}\n")
    rows = []
    for batch in args.batch_sizes:
        first = None
        for v in values:
            n_samples, hidden, n_tasks, factor = make(v)
            epochs, per_epoch, per_sample = measure(n_samples, 32, hidden, n_tasks, batch,
                                                    args, factor)
            first = first or per_sample
            n_weights = (32 + 1) * hidden + (hidden + 1) * n_tasks
            rows.append([batch, f"{v:,}", n_weights, epochs, f"{per_epoch:.4f}",
                         f"{per_sample:.3f}", f"{1e6 / per_sample / 1e6:.2f}",
                         f"{per_sample / first:.2f}"])
            print("  ...", " ".join(map(str, rows[-1])), flush=True)
    print()
    print(markdown_table(["batch", key, "weights", "epochs", "s/epoch", "us/sample",
                          "M samples/s", "cost/sample vs first"], rows))
    print()


def main():
    args = parse_args()
    if args.wait_idle:
        wait_for_quiet(args.wait_idle)
    print_header("Scaling of fit time (sklearn_mtb, single thread)")
    print(f"{args.dtype}, sgd + momentum, no validation; medians of {args.repeats} fits; "
          f"about {args.work:,.0f} training samples per fit (at least one epoch).\n")
    with single_thread():
        if "samples" in args.tables:
            table("Against n_samples (32-16-9 net)", "n_samples", args.samples,
                  lambda n: (n, 16, 9, 1.0), args)
        if "tasks" in args.tables:
            table(f"Against n_tasks (32-16-T net, {args.n_samples} rows)", "n_tasks",
                  args.tasks, lambda t: (args.n_samples, 16, t, max(1.0, t / 9)), args)
        if "hidden" in args.tables:
            table(f"Against hidden units (32-H-9 net, {args.n_samples} rows)", "hidden",
                  args.hidden, lambda h: (args.n_samples, h, 9, max(1.0, h / 16)), args)
    print_load("at end")


if __name__ == "__main__":
    main()
