"""Fit throughput of sklearn_mtb against MLPRegressor and PyTorch, one and two threads.

For each net (1D-ALVINN 32-16-9, 1D-DOORS 60-120-10), batch size (1, 32, 256) and dtype
(float64, float32), fits sklearn_mtb's MultiTaskBackpropRegressor (sgd, momentum 0.9, no
validation, a fixed number of epochs), sklearn's MLPRegressor with the same architecture and
optimizer, and a plain PyTorch training loop (optional: skipped when torch is absent), and
reports training samples per second (rows x epochs / wall time of ``fit``) and the ratio of
ours to each peer.  The models are timed interleaved, round by round, so a load change on the
machine hits all of them alike; the ratio is the median of the per-round ratios.

Slow peers at batch size 1 train one epoch on the first ``--slow-rows`` rows only (they run
at a few thousand samples/s); rates per sample stay comparable.

"Two threads" runs two independent fits at once in two Python threads
(ThreadPoolExecutor) and reports the throughput of the pair over that of one fit; every BLAS
pool stays at one thread, so the only parallelism is the two Python threads.

Examples::

    python benchmarks/bench_throughput.py            # full tables, a few minutes
    python benchmarks/bench_throughput.py --quick    # ALVINN net, float64, fewer repeats
"""

import _common  # noqa: F401  (sets the thread environment before numpy loads)

import argparse
import statistics
import time

import numpy as np

from _common import (NETS, NET_LEARNING_RATE, fmt_rate, fmt_ratio, markdown_table, mtb_fit,
                     predict, print_header, print_load, wait_for_quiet, r2, single_thread, sklearn_fit, teacher_data,
                     time_concurrent, torch_available, torch_fit, verdict)

# Epochs per fit: (ours, peers) by batch size.  Chosen so one fit takes ~0.1-1 s here.
EPOCHS = {
    "alvinn": {1: (20, 1), 32: (20, 5), 256: (20, 10)},
    "doors": {1: (4, 1), 32: (8, 2), 256: (8, 4)},
}
TARGETS = {1: 100.0, 32: 8.0, 256: 1.5}   # ours / MLPRegressor, float64, single thread
TWO_THREAD_TARGET = 1.8


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nets", nargs="+", default=list(NETS), choices=list(NETS))
    p.add_argument("--batch-sizes", nargs="+", type=int, default=[1, 32, 256])
    p.add_argument("--dtypes", nargs="+", default=["float64", "float32"],
                   choices=["float64", "float32"])
    p.add_argument("--threads", nargs="+", type=int, default=[1, 2], choices=[1, 2],
                   help="1: single-thread table; 2: two concurrent fits vs one")
    p.add_argument("--n-samples", type=int, default=5000)
    p.add_argument("--slow-rows", type=int, default=2000,
                   help="rows the peers train on at batch size 1 (one epoch)")
    p.add_argument("--epoch-scale", type=float, default=1.0,
                   help="multiply every epoch count (more = steadier, slower)")
    p.add_argument("--repeats", type=int, default=5, help="rounds for sklearn_mtb")
    p.add_argument("--peer-repeats", type=int, default=3, help="rounds for the peers")
    p.add_argument("--no-sklearn", action="store_true", help="skip MLPRegressor")
    p.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                   help="first wait up to this long for the load average to fall below 0.5")
    p.add_argument("--quick", action="store_true",
                   help="ALVINN net, float64, 3/1 repeats (about a minute)")
    args = p.parse_args()
    if args.quick:
        args.nets = ["alvinn"]
        args.dtypes = ["float64"]
        args.repeats = 3
        args.peer_repeats = 1
    return args


def models_for(args, net, batch):
    n_in, hidden, n_out = NETS[net]
    ours_ep, peer_ep = EPOCHS[net].get(batch, EPOCHS[net][256])
    ours_ep = max(1, round(ours_ep * args.epoch_scale))
    peer_ep = max(1, round(peer_ep * args.epoch_scale))
    lr = NET_LEARNING_RATE[net]
    peer_rows = args.slow_rows if batch == 1 else args.n_samples
    if batch == 1:
        peer_ep = 1
    out = [("sklearn_mtb", mtb_fit(hidden, batch, ours_ep, lr=lr), ours_ep, args.n_samples)]
    if not args.no_sklearn:
        out.append(("MLPRegressor", sklearn_fit(hidden, batch, peer_ep, lr=lr), peer_ep,
                    peer_rows))
    if not args.no_torch and torch_available():
        out.append(("torch", torch_fit(hidden, batch, peer_ep, lr=lr), peer_ep, peer_rows))
    return out


def one_thread_rates(models, X, Y, args):
    """Interleaved rounds; returns {name: [rate per round]} and {name: R^2}."""
    rates = {name: [] for name, *_ in models}
    fitted = {}
    for name, fit, _, rows in models:  # warm-up (imports, first-call costs)
        fit(X[:256], Y[:256])
    for rnd in range(args.repeats):
        for name, fit, epochs, rows in models:
            if name != "sklearn_mtb" and rnd >= args.peer_repeats:
                continue
            Xs, Ys = X[:rows], Y[:rows]
            t0 = time.perf_counter()
            fitted[name] = fit(Xs, Ys)
            rates[name].append(rows * epochs / (time.perf_counter() - t0))
    scores = {name: r2(Y, predict(obj, X)) for name, obj in fitted.items()}
    return rates, scores


def main():
    args = parse_args()
    if args.wait_idle:
        wait_for_quiet(args.wait_idle)
    print_header("Fit throughput (training samples per second)")
    has_torch = torch_available()
    if not has_torch and not args.no_torch:
        print("PyTorch is not installed: the torch peer is skipped "
              "(pip install torch to measure it).\n")
    peers = [p for p, off in (("MLPRegressor", args.no_sklearn), ("torch", args.no_torch
                                                                  or not has_torch)) if not off]
    verdicts = []
    single = {}   # (net, dtype, batch) -> {name: median rate}
    if 1 in args.threads:
        print("## Single thread\n")
        print(f"{args.n_samples} rows; medians of {args.repeats} fits (sklearn_mtb) and "
              f"{args.peer_repeats} (peers), interleaved; peers at batch 1 train one epoch "
              f"of {args.slow_rows} rows. 'x' = sklearn_mtb rate / peer rate (median of "
              f"per-round ratios). R^2 = training fit of the last run.\n")
        header = ["net", "dtype", "batch", "epochs", "sklearn_mtb"]
        for p in peers:
            header += [p, f"vs {p}"]
        header += ["R^2 ours"] + [f"R^2 {p}" for p in peers]
        rows = []
        with single_thread():
            for net in args.nets:
                n_in, hidden, n_out = NETS[net]
                for dtype in args.dtypes:
                    X, Y = teacher_data(args.n_samples, n_in, n_out, np.dtype(dtype))
                    for batch in args.batch_sizes:
                        models = models_for(args, net, batch)
                        rates, scores = one_thread_rates(models, X, Y, args)
                        med = {k: statistics.median(v) for k, v in rates.items()}
                        single[(net, dtype, batch)] = med
                        ours = rates["sklearn_mtb"]
                        row = [net, dtype, batch, models[0][2], fmt_rate(med["sklearn_mtb"])]
                        for p in peers:
                            ratio = statistics.median(
                                o / q for o, q in zip(ours, rates[p]))
                            med[f"ratio {p}"] = ratio
                            row += [fmt_rate(med[p]), fmt_ratio(ratio)]
                        row += [f"{scores['sklearn_mtb']:.3f}"]
                        row += [f"{scores[p]:.3f}" for p in peers]
                        rows.append(row)
                        print("  ...", " ".join(map(str, row)), flush=True)
        print()
        print(markdown_table(header, rows))
        print()

    pair = {}
    if 2 in args.threads:
        print("## Two threads: two independent fits at once vs one fit\n")
        print(f"Throughput of two concurrent fits (ThreadPoolExecutor(2)) / throughput of "
              f"one fit, same settings as above; medians of {max(1, args.repeats - 2)} "
              f"(sklearn_mtb) / {args.peer_repeats} (peers) rounds. 'parallelism' = CPU "
              f"time of the two fitting threads / wall time (2.0 = both ran all the time; "
              f"below 2 on a busy machine or when the GIL serialises them).\n")
        header = ["net", "dtype", "batch", "sklearn_mtb 1 fit", "2 fits", "speed-up",
                  "parallelism"]
        header += [f"{p} speed-up" for p in peers]
        header += [f"vs {p} (2 threads)" for p in peers]
        rows = []
        with single_thread():
            for net in args.nets:
                n_in, hidden, n_out = NETS[net]
                for dtype in args.dtypes:
                    X, Y = teacher_data(args.n_samples, n_in, n_out, np.dtype(dtype))
                    for batch in args.batch_sizes:
                        res = {}
                        for name, fit, epochs, nrows in models_for(args, net, batch):
                            reps = (max(1, args.repeats - 2) if name == "sklearn_mtb"
                                    else args.peer_repeats)
                            Xs, Ys = X[:nrows], Y[:nrows]
                            one = []
                            two = []
                            par = []
                            for _ in range(reps):  # interleave 1-fit and 2-fit timings
                                t0 = time.perf_counter()
                                fit(Xs, Ys)
                                one.append(nrows * epochs / (time.perf_counter() - t0))
                                t, p = time_concurrent(fit, Xs, Ys, 1)
                                two.append(2 * nrows * epochs / t)
                                par.append(p)
                            res[name] = (statistics.median(one), statistics.median(two),
                                         statistics.median(par))
                        r1, r2_, par_ours = res["sklearn_mtb"]
                        pair[(net, dtype, batch)] = r2_ / r1
                        row = [net, dtype, batch, fmt_rate(r1), fmt_rate(r2_),
                               f"{r2_ / r1:.2f}x", f"{par_ours:.2f}"]
                        row += [f"{res[p][1] / res[p][0]:.2f}x" for p in peers]
                        row += [fmt_ratio(r2_ / res[p][1]) for p in peers]
                        rows.append(row)
                        print("  ...", " ".join(map(str, row)), flush=True)
        print()
        print(markdown_table(header, rows))
        print()

    print_load("at end")
    print()
    print("## Targets\n")
    for (net, dtype, batch), med in single.items():
        if dtype == "float64" and batch in TARGETS and "ratio MLPRegressor" in med:
            verdicts.append(verdict(f"{net} batch {batch} float64 1 thread vs MLPRegressor",
                                    med["ratio MLPRegressor"], TARGETS[batch]))
    for (net, dtype, batch), speedup in pair.items():
        verdicts.append(verdict(f"{net} batch {batch} {dtype} two threads vs one",
                                speedup, TWO_THREAD_TARGET))
    if verdicts:
        print(f"\n{sum(verdicts)} of {len(verdicts)} targets met.")


if __name__ == "__main__":
    main()
