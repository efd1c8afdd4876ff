"""Accuracy of MultiTaskBackpropClassifier on its main task with and without an auxiliary task.

The main label is the sign of F = x0 x1 + x2 x3 over ten uniform inputs; the auxiliary
regression task is F itself, the feature the main task needs (a "catalytic hint"). 200 rows
(a quarter of them the validation set), test accuracy on 2000 fresh rows, one fit per seed.

    python benchmarks/bench_aux_classifier.py --seeds 10
"""

import argparse
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropClassifier


def make(n, seed):
    rng = np.random.RandomState(seed)
    X = rng.uniform(-1, 1, size=(n, 10))
    feature = X[:, 0] * X[:, 1] + X[:, 2] * X[:, 3]
    return X, np.column_stack([(feature > 0).astype(int), feature])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--n-train", type=int, default=200)
    args = parser.parse_args()
    X_test, y_test = make(2000, 10_000)
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, aux in (("main task only (STB)", []), ("with the auxiliary task", [1])):
        scores = []
        for seed in range(args.seeds):
            X, y = make(args.n_train, seed)
            clf = MultiTaskBackpropClassifier(
                (16,), main_tasks=0, aux_tasks=aux, task_types={1: "regression"},
                learning_rate_init=0.05, max_iter=300, n_iter_no_change=50,
                validation_fraction=0.25, random_state=seed).fit(X, y)
            scores.append(clf.score(X_test, y_test))
        print(f"{name:<25} accuracy {np.mean(scores):.3f} +- {np.std(scores):.3f} "
              f"over {args.seeds} seeds")


if __name__ == "__main__":
    main()
