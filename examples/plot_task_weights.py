"""
==================================================
Balancing tasks with task weights
==================================================

``task_weights`` multiplies each task's error signal, which is the same as
giving each output its own learning rate, as Caruana (1994) suggests for
tasks that learn at different rates. This example learns steering, the main
task of the synthetic 1D-ALVINN problem, together with its eight auxiliary
tasks, and scales the weight of all auxiliary tasks together from 0 (the
auxiliary outputs are monitored but not learnt, so the hidden layer serves
steering alone) to 2 (the auxiliary tasks pull twice as hard as steering).
Then it lowers the weight of one auxiliary task that holds the others back.
"""

# %%
# The weights
# -----------
# A dict ``{task: weight}`` sets the weights by name; tasks it does not name
# keep weight 1, so steering stays at 1 throughout. After ``fit``,
# ``task_weights_`` holds the weight of every task in the order of
# ``tasks_``.
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropRegressor
from sklearn_mtb.datasets import make_1d_alvinn

aux_tasks = [
    "lanes",
    "left_edge",
    "road_center",
    "edge_grey",
    "line_center",
    "right_edge",
    "road_grey",
    "line_grey",
]
aux_weights = [0.0, 0.25, 0.5, 1.0, 2.0]

X, y = make_1d_alvinn(n_samples=1200, random_state=0)
example = MultiTaskBackpropRegressor(
    main_tasks="steering",
    task_weights={task: 0.5 for task in aux_tasks},
    max_iter=5,
)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    example.fit(X[:200], y[:200])
pd.Series(example.task_weights_, index=example.tasks_)

# %%
# The sweep
# ---------
# For each weight and each of four seeds, a 16-hidden-unit net is trained
# on 200 rows, each task early-stopped on 200 halt rows, and steering is
# scored on 800 test rows.
seeds = range(4)
errors = np.empty((len(aux_weights), len(seeds)))
nets = {}
for j, seed in enumerate(seeds):
    X, y = make_1d_alvinn(n_samples=1200, random_state=seed)
    X_train, X_halt, X_test = X[:200], X[200:400], X[400:]
    y_train, y_halt, y_test = y[:200], y[200:400], y[400:]
    for i, weight in enumerate(aux_weights):
        net = MultiTaskBackpropRegressor(
            (16,),
            main_tasks="steering",
            task_weights={task: weight for task in aux_tasks},
            max_iter=600,
            n_iter_no_change=80,
            random_state=seed,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            net.fit(X_train, y_train, X_val=X_halt, y_val=y_halt)
        predicted = net.predict(X_test)
        errors[i, j] = np.sqrt(
            np.mean((predicted - y_test["steering"].to_numpy()) ** 2)
        )
        if seed == 0:
            nets[weight] = net

table = pd.DataFrame(
    errors,
    index=pd.Index(aux_weights, name="aux weight"),
    columns=[f"seed {s}" for s in seeds],
)
table["mean"] = table.mean(axis=1)
table["sd"] = errors.std(axis=1, ddof=1)
table.round(4)

# %%
print(f"lowest mean steering RMSE at aux weight {table['mean'].idxmin()}")
print(f"aux weight 0 (no auxiliary learning): {table.loc[0.0, 'mean']:.4f}")
print(f"aux weight 1 (plain MTB): {table.loc[1.0, 'mean']:.4f}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.8))
ax.plot(aux_weights, errors, "o", color="0.6", markersize=4)
ax.plot(
    aux_weights, errors.mean(axis=1), "o-", color="k", label="mean of 4 seeds"
)
ax.set_xlabel("weight of every auxiliary task (steering: 1)")
ax.set_ylabel("steering test RMSE")
ax.set_title("Synthetic 1D-ALVINN: steering vs auxiliary task weight")
ax.legend()
fig.tight_layout()

# %%
# The weights also change the course of training, and so the epoch at which
# steering reaches its lowest validation error (the dot and the dashed line).
# The steering validation curves of the first seed, one panel per weight, on
# shared axes:
fig, axes = plt.subplots(
    1, len(nets), figsize=(11, 3), sharex=True, sharey=True
)
for k, (ax, (weight, net)) in enumerate(zip(axes, nets.items())):
    curve = net.validation_curves_[:, 0]
    best = net.best_epochs_[0]
    ax.plot(np.arange(1, len(curve) + 1), curve, color=f"C{k}", linewidth=0.8)
    ax.axvline(best, color="k", linestyle="--", linewidth=0.8)
    ax.plot(best, curve[best - 1], "o", color="k")
    ax.set_title(f"aux weight {weight}\nbest epoch {best}", fontsize="medium")
    ax.set_xlabel("epoch")
axes[0].set_ylabel("steering validation RMSE")
# The first epochs are far above the rest; cut them off to show the minima.
all_curves = np.concatenate(
    [net.validation_curves_[:, 0] for net in nets.values()]
)
axes[0].set_ylim(top=np.percentile(all_curves, 99))
fig.tight_layout()
plt.show()

# %%
# One auxiliary task that hurts
# -----------------------------
# The error signals of all tasks add up at the shared hidden layer, so a
# task whose errors stay large dominates that sum. In this data the lane
# count (a 0/1 target learnt with squared error) is such a task: its errors
# are several times those of the other tasks, and it pushes the hidden units
# away from the graded intensity that the road greylevel needs (see
# :ref:`lanes_transfer` on the results page). Here only the lane count's
# weight changes; every other task keeps weight 1. The nets train on 400
# rows, a little longer than above.
lane_weights = [0.0, 0.1, 0.3, 1.0]
scored = ["steering", "road_grey"]
lane_errors = np.empty((len(lane_weights), len(seeds), len(scored)))
for j, seed in enumerate(seeds):
    X, y = make_1d_alvinn(n_samples=1400, random_state=seed)
    X_train, X_halt, X_test = X[:400], X[400:600], X[600:]
    y_train, y_halt, y_test = y[:400], y[400:600], y[600:]
    for i, weight in enumerate(lane_weights):
        net = MultiTaskBackpropRegressor(
            (16,),
            main_tasks="steering",
            task_weights={"lanes": weight},
            max_iter=1000,
            n_iter_no_change=100,
            random_state=seed,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            net.fit(X_train, y_train, X_val=X_halt, y_val=y_halt)
        # Each task from its own snapshot; road_grey is an auxiliary output.
        predicted = net.predict_tasks(X_test, tasks=scored)
        for k, task in enumerate(scored):
            lane_errors[i, j, k] = np.sqrt(
                np.mean((predicted[task] - y_test[task].to_numpy()) ** 2)
            )

pd.DataFrame(
    lane_errors.mean(axis=1),
    index=pd.Index(lane_weights, name="lanes weight"),
    columns=[f"{task} (mean RMSE)" for task in scored],
).round(4)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
for ax, k in zip(axes, range(len(scored))):
    ax.plot(lane_weights, lane_errors[:, :, k], "o", color="0.6", markersize=4)
    ax.plot(lane_weights, lane_errors[:, :, k].mean(axis=1), "o-", color="k",
            label="mean of 4 seeds")
    ax.set_xlabel("weight of the lane count (every other task: 1)")
    ax.set_ylabel(f"{scored[k]} test RMSE")
    ax.legend()
axes[0].set_title("main task")
axes[1].set_title("an auxiliary task")
fig.tight_layout()

# %%
# The weights can be searched like any other parameter, for instance with
# :class:`~sklearn.model_selection.GridSearchCV` over
# ``task_weights=[{task: w for task in aux_tasks} for w in (0.25, 0.5, 1.0)]``,
# scored on the main task, or ``task_weights=[{"lanes": w} for w in (0, 0.1,
# 1.0)]`` for a single suspect task. With four seeds, differences between
# neighbouring weights that are smaller than the spread of the grey points
# are not a reason to prefer one.
