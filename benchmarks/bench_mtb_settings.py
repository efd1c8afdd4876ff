"""How the MTB net's settings change its main-task error against tuned STB nets.

For 1D-ALVINN (main task steering) or 1D-DOORS (knob location and door type), every seed
draws new data (training rows, a 500/100-row halt set, a 2000/500-row test set as in
``sklearn_mtb.experiments``) and trains the STB nets of the experiment (``aux_tasks=[]``,
every STB size) and several MTB nets that differ from the experiment's MTB net in ONE
setting each: the hidden size, the learning rate, or the weight of the auxiliary tasks.
Every net uses the experiment's training settings (``default_estimator``) otherwise, is
early-stopped per task on the halt set and scored by test RMSE. A row per MTB variant
gives its mean RMSE over seeds, the % change against the best STB size (positive = MTB
better, as in the paper) and the paired t-test p-value against that STB size.

    python benchmarks/bench_mtb_settings.py alvinn --n-train 800 200 --seeds 5
    python benchmarks/bench_mtb_settings.py doors --seeds 5 --mtb-sizes 24 120 240
"""

import argparse
import time
import warnings

import numpy as np
from joblib import Parallel, delayed
from scipy.stats import ttest_rel
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb.datasets import make_1d_alvinn, make_1d_doors
from sklearn_mtb.experiments import default_estimator

DOMAINS = {
    # make_data, main tasks, STB sizes, MTB size, halt rows, test rows
    "alvinn": (make_1d_alvinn, ["steering"], (2, 4, 8, 16), 16, 500, 2000),
    "doors": (make_1d_doors, ["knob_location", "door_type"], (6, 24, 96), 120, 100, 500),
}


def fit_and_score(domain, seed, n_train, main, hidden, aux, params):
    """Test RMSE of each main task of one net (STB when ``aux`` is False)."""
    warnings.simplefilter("ignore", ConvergenceWarning)
    make, _, _, _, n_halt, n_test = DOMAINS[domain]
    X, y = make(n_train + n_halt + n_test, random_state=seed)
    y = y.astype(float)  # door_type is learnt as a 0/1 regression output, as in the paper
    a, b = n_train, n_train + n_halt
    params = dict(params)
    weight = params.pop("aux_weight", None)
    if aux and weight is not None:
        params["task_weights"] = {t: weight for t in y.columns if t not in main}
    net = default_estimator(hidden_layer_sizes=(hidden,), main_tasks=list(main),
                            aux_tasks="rest" if aux else [], random_state=seed, **params)
    net.fit(X[:a], y.iloc[:a], X_val=X[a:b], y_val=y.iloc[a:b])
    pred = net.predict(X[b:])
    return np.sqrt(np.mean((pred - y[list(main)].to_numpy()[b:]) ** 2, axis=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("domain", choices=list(DOMAINS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--n-train", nargs="+", type=int, default=None,
                        help="training rows (default: the experiment's, 800 / 400)")
    parser.add_argument("--mtb-sizes", nargs="+", type=int, default=None,
                        help="MTB hidden sizes to try (default: 1x, 2x and 4x the "
                        "experiment's)")
    parser.add_argument("--learning-rates", nargs="*", type=float, default=[0.005],
                        help="MTB learning rates to try besides the default 0.01")
    parser.add_argument("--aux-weights", nargs="*", type=float, default=[0.5],
                        help="weights of every auxiliary task to try besides 1")
    parser.add_argument("--n-jobs", type=int, default=2)
    args = parser.parse_args()

    _, main_tasks, stb_sizes, mtb_size, _, _ = DOMAINS[args.domain]
    n_trains = args.n_train or [800 if args.domain == "alvinn" else 400]
    sizes = args.mtb_sizes or [mtb_size, 2 * mtb_size, 4 * mtb_size]
    variants = [(f"MTB {h}HU", h, {}) for h in sizes]
    variants += [(f"MTB {mtb_size}HU lr={lr:g}", mtb_size, {"learning_rate_init": lr})
                 for lr in args.learning_rates]
    variants += [(f"MTB {mtb_size}HU aux weight {w:g}", mtb_size, {"aux_weight": w})
                 for w in args.aux_weights]
    seeds = list(range(args.seeds))
    for n_train in n_trains:
        tic = time.perf_counter()
        # One STB net per seed, size and main task; one MTB net per seed and variant.
        jobs = [(s, [t], h, False, {}) for s in seeds for h in stb_sizes for t in main_tasks]
        jobs += [(s, main_tasks, h, True, p) for s in seeds for _, h, p in variants]
        errors = Parallel(n_jobs=args.n_jobs, backend="threading")(
            delayed(fit_and_score)(args.domain, s, n_train, main, h, aux, p)
            for s, main, h, aux, p in jobs)
        n_stb = len(seeds) * len(stb_sizes) * len(main_tasks)
        stb = np.array(errors[:n_stb]).reshape(len(seeds), len(stb_sizes), -1)
        mtb = np.array(errors[n_stb:]).reshape(len(seeds), len(variants), -1)
        print(f"\n{args.domain}, {n_train} training rows, {len(seeds)} seeds "
              f"({time.perf_counter() - tic:.0f} s): test RMSE, mean over seeds")
        for k, task in enumerate(main_tasks):
            mean_stb = stb[:, :, k].mean(axis=0)
            best = int(np.argmin(mean_stb))
            print(f"  {task}: STB " + ", ".join(
                f"{h}HU {e:.4f}" for h, e in zip(stb_sizes, mean_stb))
                + f" (best {stb_sizes[best]}HU)")
            for j, (name, _, _) in enumerate(variants):
                err = mtb[:, j, k]
                change = 100 * (mean_stb[best] - err.mean()) / err.mean()
                spread = err.std(ddof=1) if len(seeds) > 1 else 0.0
                p = ttest_rel(stb[:, best, k], err).pvalue if len(seeds) > 1 else np.nan
                print(f"    {name:<26} {err.mean():.4f} +- {spread:.4f}"
                      f"   {change:+6.1f}% vs best STB   p={p:.3f}")


if __name__ == "__main__":
    main()
