"""Fit time of one 32-16-9 net on 1000 rows for 100 epochs, ours beside MLPRegressor.

The problem of the foundation issue: 32 inputs, 16 logistic hidden units, 9 regression
tasks, 1000 rows, 100 epochs of SGD with momentum 0.9, no validation and no early stopping on
either side, batch sizes 1 and 32, float64, one BLAS thread. Both estimators are timed in the
same run; each time is the median of ``--repeats`` fits.

    python benchmarks/bench_fit_time.py
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor
from threadpoolctl import threadpool_limits

from sklearn_mtb import MultiTaskBackpropRegressor


def timed(make, X, Y, repeats):
    times = []
    for _ in range(repeats):
        est = make()
        t0 = time.perf_counter()
        est.fit(X, Y)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), est


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peer-repeats", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.RandomState(0)
    X = rng.uniform(size=(args.rows, 32))
    Y = np.tanh(X @ rng.normal(size=(32, 9)) / 4)
    print(f"32-16-9 net, {args.rows} rows, {args.epochs} epochs, SGD momentum 0.9, float64")
    print(f"{'batch':>5}  {'sklearn_mtb (s)':>15}  {'MLPRegressor (s)':>16}  {'speed-up':>8}")
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        for batch in (1, 32):
            ours, _ = timed(lambda: MultiTaskBackpropRegressor(
                (16,), batch_size=batch, learning_rate_init=0.01, momentum=0.9,
                max_iter=args.epochs, validation_fraction=0.0, tol=0.0,
                n_iter_no_change=args.epochs + 1, random_state=0), X, Y, args.repeats)
            peer, _ = timed(lambda: MLPRegressor(
                hidden_layer_sizes=(16,), activation="logistic", solver="sgd", batch_size=batch,
                learning_rate_init=0.01, momentum=0.9, nesterovs_momentum=False,
                max_iter=args.epochs, tol=0.0, n_iter_no_change=args.epochs + 1,
                early_stopping=False, random_state=0), X, Y, args.peer_repeats)
            print(f"{batch:>5}  {ours:>15.3f}  {peer:>16.3f}  {peer / ours:>7.0f}x")


if __name__ == "__main__":
    main()
