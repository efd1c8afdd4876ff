"""Cost of per-task validation monitoring and snapshots, as a % of epoch time.

A 1D-ALVINN-sized net (32 inputs, 16 hidden, 9 tasks), 1000 training rows and 1000
validation rows (passed as ``X_val``/``y_val``).  Three settings, fitted for the same number
of epochs with early stopping disabled (``n_iter_no_change`` huge):

- off:        no validation set; the epoch is the compiled training pass plus Python's
              per-epoch bookkeeping;
- eval:       ``snapshots=None``: every task is evaluated on the validation set each epoch;
- per_task:   the default: evaluation plus a copy of the weights for each task that improved.

The cost is (time per epoch of the setting - time per epoch with validation off) / time per
epoch with validation off.  Settings are timed interleaved, round by round; medians.
The compiled evaluation alone (``_core.evaluate``) is timed too, to split the cost into the
evaluation and the Python around it.

Examples::

    python benchmarks/bench_validation.py
    python benchmarks/bench_validation.py --quick
"""

import _common  # noqa: F401  (sets the thread environment before numpy loads)

import argparse
import statistics
import time

import numpy as np

from _common import (markdown_table, mtb_fit, print_header, print_load, single_thread,
                     teacher_data, verdict, wait_for_quiet)

TARGET_PCT = 10.0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n-train", type=int, default=1000)
    p.add_argument("--n-val", type=int, default=1000)
    p.add_argument("--n-tasks", type=int, default=9)
    p.add_argument("--hidden", type=int, default=16)
    p.add_argument("--n-features", type=int, default=32)
    p.add_argument("--batch-sizes", nargs="+", type=int, default=[1, 32])
    p.add_argument("--dtypes", nargs="+", default=["float64", "float32"],
                   choices=["float64", "float32"])
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS")
    p.add_argument("--quick", action="store_true", help="float64, 40 epochs, 3 repeats")
    args = p.parse_args()
    if args.quick:
        args.dtypes = ["float64"]
        args.epochs = 40
        args.repeats = 3
    return args


def time_evaluate(model, Xv, Yv, repeats=200):
    """Seconds per call of the compiled per-task evaluation on the validation set."""
    from sklearn_mtb import _core
    from sklearn_mtb._base import _ACTIVATIONS
    spec = model._spec
    sw = np.ones(Xv.shape[0], dtype=Xv.dtype)
    err = np.zeros(spec.n_tasks)
    Yv = np.ascontiguousarray(Yv, dtype=Xv.dtype)
    call = (model._params, Xv, Yv, sw, model._sizes, _ACTIVATIONS[model.activation],
            spec.head_kind, spec.head_start, spec.head_width, err)
    _core.evaluate(*call)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(repeats):
            _core.evaluate(*call)
        times.append((time.perf_counter() - t0) / repeats)
    return statistics.median(times)


def main():
    args = parse_args()
    if args.wait_idle:
        wait_for_quiet(args.wait_idle)
    print_header("Cost of per-task validation monitoring and snapshots")
    print(f"{args.n_features}-{args.hidden}-{args.n_tasks} net, {args.n_train} training rows, "
          f"{args.n_val} validation rows, {args.epochs} epochs per fit, medians of "
          f"{args.repeats} interleaved rounds, single thread.\n")
    rows = []
    worst = {}
    with single_thread():
        for dtype in args.dtypes:
            X, Y = teacher_data(args.n_train + args.n_val, args.n_features, args.n_tasks,
                                np.dtype(dtype))
            Xt, Yt = X[: args.n_train], Y[: args.n_train]
            Xv, Yv = X[args.n_train:], Y[args.n_train:]
            for batch in args.batch_sizes:
                settings = {
                    "off": (mtb_fit(args.hidden, batch, args.epochs), {}),
                    "eval": (mtb_fit(args.hidden, batch, args.epochs, snapshots=None),
                             dict(X_val=Xv, y_val=Yv)),
                    "per_task": (mtb_fit(args.hidden, batch, args.epochs,
                                         snapshots="per_task"), dict(X_val=Xv, y_val=Yv)),
                }
                per_epoch = {k: [] for k in settings}
                models = {}
                for name, (fit, kw) in settings.items():  # warm-up
                    fit(Xt[:100], Yt[:100], **kw)
                for _ in range(args.repeats):
                    for name, (fit, kw) in settings.items():
                        t0 = time.perf_counter()
                        models[name] = fit(Xt, Yt, **kw)
                        per_epoch[name].append((time.perf_counter() - t0)
                                               / models[name].n_iter_)
                med = {k: statistics.median(v) for k, v in per_epoch.items()}
                t_eval = time_evaluate(models["eval"], Xv, Yv)
                n_copies = int(np.sum(np.diff(
                    np.minimum.accumulate(models["per_task"].validation_curves_, axis=0),
                    axis=0) < 0)) + args.n_tasks
                off = med["off"]
                pct_eval = 100 * (med["eval"] - off) / off
                pct_snap = 100 * (med["per_task"] - off) / off
                worst[(dtype, batch)] = pct_snap
                rows.append([dtype, batch, f"{1e6 * off:,.0f}", f"{1e6 * med['eval']:,.0f}",
                             f"{pct_eval:+.1f}%", f"{1e6 * med['per_task']:,.0f}",
                             f"{pct_snap:+.1f}%", f"{1e6 * t_eval:,.0f}",
                             f"{100 * t_eval / off:.1f}%",
                             f"{n_copies / args.epochs:.1f}"])
                print("  ...", " ".join(map(str, rows[-1])), flush=True)
    print()
    print(markdown_table(
        ["dtype", "batch", "off us/epoch", "eval us/epoch", "eval cost",
         "per_task us/epoch", "eval+snapshots cost", "_core.evaluate us",
         "evaluate / epoch", "snapshot copies/epoch"], rows))
    print()
    print("'evaluate / epoch' = the compiled evaluation alone as a % of the epoch with "
          "validation off; the rest of 'eval cost' is Python per-epoch bookkeeping.\n")
    print_load("at end")
    print()
    print("## Targets\n")
    ok = [verdict(f"validation + per-task snapshots, {args.n_tasks} tasks, {dtype}, "
                  f"batch {batch}", pct, TARGET_PCT, higher_is_better=False, unit="%")
          for (dtype, batch), pct in worst.items()]
    print(f"\n{sum(ok)} of {len(ok)} targets met.")


if __name__ == "__main__":
    main()
