"""Two fits at once: in two Python threads against two processes, each against one fit.

``bench_throughput.py`` measures the speed-up of two concurrent fits in threads. A speed-up
below 2 can come from the GIL (the threads wait for each other) or from the machine (two
busy cores run slower than one: shared caches, memory bandwidth, clock, a virtual machine's
neighbours). Two processes share no GIL, so their speed-up is what the machine allows; the
threads' speed-up divided by it is the part the GIL leaves. Rounds interleave one fit, two
threads and two processes; each figure is the median over rounds.

    python benchmarks/bench_parallel.py
    python benchmarks/bench_parallel.py --nets doors --batch-sizes 1 --rounds 9
"""

import _common  # noqa: F401  (sets the thread environment before numpy loads)

import argparse
import statistics
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np

from _common import (NET_LEARNING_RATE, NETS, markdown_table, mtb_fit, print_header,
                     print_load, teacher_data, verdict, wait_for_quiet)

EPOCHS = {"alvinn": {1: 10, 32: 40, 256: 60}, "doors": {1: 2, 32: 8, 256: 12}}
TARGET = 1.8


def _timed_fit(job):
    """Fit one net in this process; returns its wall time (run in threads and workers)."""
    net, dtype, batch, epochs, n_samples = job
    n_in, hidden, n_out = NETS[net]
    X, Y = _data(net, dtype, n_samples)
    fit = mtb_fit(hidden, batch, epochs, lr=NET_LEARNING_RATE[net])
    t0 = time.perf_counter()  # BLAS pools are at one thread (_common's environment)
    fit(X, Y)
    return time.perf_counter() - t0


_DATA = {}


def _data(net, dtype, n_samples):
    key = (net, dtype, n_samples)
    if key not in _DATA:
        n_in, _, n_out = NETS[net]
        _DATA[key] = teacher_data(n_samples, n_in, n_out, np.dtype(dtype))
    return _DATA[key]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nets", nargs="+", default=list(NETS), choices=list(NETS))
    p.add_argument("--batch-sizes", nargs="+", type=int, default=[1, 32, 256])
    p.add_argument("--dtypes", nargs="+", default=["float64"],
                   choices=["float64", "float32"])
    p.add_argument("--n-samples", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS")
    args = p.parse_args()
    if args.wait_idle:
        wait_for_quiet(args.wait_idle)
    print_header("Two concurrent fits: threads against processes")
    print(f"{args.n_samples} rows; one fit, two fits in two threads and two fits in two "
          f"processes, interleaved, {args.rounds} rounds; speed-up = 2 x (time of one fit) "
          f"/ (wall time of two). 'GIL share' = thread speed-up / process speed-up (1.0: "
          f"the threads lose nothing to the GIL).\n")
    header = ["net", "dtype", "batch", "epochs", "1 fit (s)", "threads speed-up",
              "processes speed-up", "GIL share"]
    rows, verdicts = [], []
    with ThreadPoolExecutor(2) as threads, ProcessPoolExecutor(2) as procs:
        for net in args.nets:
            for dtype in args.dtypes:
                for batch in args.batch_sizes:
                    epochs = EPOCHS[net].get(batch, EPOCHS[net][256])
                    job = (net, dtype, batch, epochs, args.n_samples)
                    # Warm-up: imports and data in both workers, first-call costs here.
                    list(procs.map(_timed_fit, [job, job]))
                    _timed_fit(job)
                    one, two_t, two_p = [], [], []
                    for _ in range(args.rounds):
                        one.append(_timed_fit(job))
                        t0 = time.perf_counter()
                        list(threads.map(_timed_fit, [job, job]))
                        two_t.append(time.perf_counter() - t0)
                        t0 = time.perf_counter()
                        list(procs.map(_timed_fit, [job, job]))
                        two_p.append(time.perf_counter() - t0)
                    base = statistics.median(one)
                    s_t = 2 * base / statistics.median(two_t)
                    s_p = 2 * base / statistics.median(two_p)
                    rows.append([net, dtype, batch, epochs, f"{base:.3f}", f"{s_t:.2f}x",
                                 f"{s_p:.2f}x", f"{s_t / s_p:.2f}"])
                    print("  ...", " ".join(map(str, rows[-1])), flush=True)
                    verdicts.append((f"{net} batch {batch} {dtype} two threads vs one", s_t))
    print()
    print(markdown_table(header, rows))
    print()
    print_load("at end")
    print("\n## Targets\n")
    ok = [verdict(name, value, TARGET) for name, value in verdicts]
    print(f"\n{sum(ok)} of {len(ok)} targets met.")


if __name__ == "__main__":
    main()
