"""Calibration of the dataset generators with an MLPRegressor proxy.

Not part of the public API. Run ``python -m sklearn_mtb.datasets._calibrate alvinn``
(or ``doors``) to print single-task test RMSEs of
``sklearn.neural_network.MLPRegressor`` nets trained on the paper's scale: the numbers
recorded in the generators' docstrings come from this script.
"""

import argparse
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import RidgeCV
from sklearn.neural_network import MLPRegressor


def _stb_rmse(X_tr, y_tr, X_halt, y_halt, X_test, y_test, hidden, seed):
    """Test RMSE of one single-task net early-stopped on a halt set.

    MLPRegressor's ``early_stopping`` draws its validation rows at random with
    ``validation_fraction``; set to the halt set's share of the fitted rows, that is a
    train/halt split of the given sizes, and the weights of the best halt epoch are
    kept. Rows with a missing (NaN) target are dropped first.
    """
    keep_tr, keep_halt = ~np.isnan(y_tr), ~np.isnan(y_halt)
    n_halt = int(keep_halt.sum())
    X_fit = np.vstack([X_tr[keep_tr], X_halt[keep_halt]])
    y_fit = np.concatenate([y_tr[keep_tr], y_halt[keep_halt]])
    net = MLPRegressor(
        hidden_layer_sizes=(hidden,),
        activation="logistic",
        solver="adam",
        batch_size=10,
        learning_rate_init=0.003,
        max_iter=3000,
        early_stopping=True,
        validation_fraction=n_halt / len(X_fit),
        n_iter_no_change=50,
        tol=0.0,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(X_fit, y_fit)
    keep = ~np.isnan(y_test)
    pred = net.predict(X_test[keep])
    return float(np.sqrt(np.mean((pred - y_test[keep]) ** 2)))


def _ridge_rmse(X_fit, y_fit, X_test, y_test):
    keep = ~np.isnan(y_fit)
    model = RidgeCV(alphas=np.logspace(-4, 2, 13)).fit(X_fit[keep], y_fit[keep])
    keep = ~np.isnan(y_test)
    return float(np.sqrt(np.mean((model.predict(X_test[keep]) - y_test[keep]) ** 2)))


def _table(make, n_train, n_halt, tasks, hidden_sizes, seeds, **kwargs):
    n_fit = n_train + n_halt
    rows = {task: {h: [] for h in hidden_sizes} | {"ridge": []} for task in tasks}
    for seed in seeds:
        X, y = make(random_state=seed, **kwargs)[:2]
        X_fit, X_test = X[:n_fit], X[n_fit:]
        for task in tasks:
            t = y[task].to_numpy(dtype=float)
            rows[task]["ridge"].append(
                _ridge_rmse(X_fit[:n_train], t[:n_train], X_test, t[n_fit:])
            )
            for h in hidden_sizes:
                rows[task][h].append(
                    _stb_rmse(
                        X_fit[:n_train],
                        t[:n_train],
                        X_fit[n_train:],
                        t[n_train:n_fit],
                        X_test,
                        t[n_fit:],
                        h,
                        seed,
                    )
                )
    header = "task".ljust(20) + "".join(f"{h:>8}HU" for h in hidden_sizes) + "     ridge"
    print(header)
    for task in tasks:
        cells = "".join(f"{np.mean(rows[task][h]):>10.3f}" for h in hidden_sizes)
        print(task.ljust(20) + cells + f"{np.mean(rows[task]['ridge']):>10.3f}")


def main(argv=None):
    from sklearn_mtb import datasets

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("domain", choices=["alvinn", "doors"])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    seeds = range(args.seeds)
    if args.domain == "alvinn":
        _table(
            datasets.make_1d_alvinn,
            200,
            500,
            list(datasets.make_1d_alvinn(n_samples=1)[1].columns),
            (2, 4, 8, 16),
            seeds,
            n_samples=2700,
        )
    elif args.domain == "doors":
        _table(
            datasets.make_1d_doors,
            200,
            100,
            ["knob_location", "door_type"],
            (6, 24, 96),
            seeds,
            n_samples=800,
        )


if __name__ == "__main__":
    main()
