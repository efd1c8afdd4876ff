"""
===========================================
Early stopping each task on its own
===========================================

Tasks trained on one net learn at different rates: while one task is still
improving, another may already be overfitting. Caruana (1994) therefore
snapshots the net when *each* task's validation error is lowest and predicts
every task from its own snapshot. This example trains a multitask net on the
synthetic 1D-ALVINN problem with all nine tasks as main tasks, looks at the
per-task validation curves with
:class:`~sklearn_mtb.plotting.TaskCurvesDisplay`, and compares the three
choices of ``snapshots``:

- ``"per_task"``: each task from the epoch of its own lowest validation error;
- ``"joint"``: every task from one epoch, the lowest mean validation error,
  as one early stop of the whole net would do;
- ``None``: every task from the last epoch.
"""

# %%
# Training with the whole curve recorded
# --------------------------------------
# With only 100 training rows and 32 hidden units the net can overfit. To
# see each curve past its minimum, the net trains for a fixed 800 epochs:
# ``n_iter_no_change`` equals ``max_iter``, so it never stops early. The
# snapshots are taken on 200 halt rows; 1000 other rows are the test set.
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropRegressor
from sklearn_mtb.datasets import make_1d_alvinn

X, y = make_1d_alvinn(n_samples=1300, random_state=0)
X_train, X_halt, X_test = X[:100], X[100:300], X[300:]
y_train, y_halt, y_test = y[:100], y[100:300], y[300:]

tasks = list(y.columns)
params = dict(
    hidden_layer_sizes=(32,),
    main_tasks=tasks,
    learning_rate_init=0.005,
    max_iter=800,
    n_iter_no_change=800,
    random_state=0,
)
nets = {}
for snapshots in ("per_task", "joint", None):
    net = MultiTaskBackpropRegressor(snapshots=snapshots, **params)
    with warnings.catch_warnings():
        # Training for the full max_iter is intended here.
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(X_train, y_train, X_val=X_halt, y_val=y_halt)
    nets[str(snapshots)] = net

# %%
# The three nets share the seed, the data and so every weight update; they
# differ only in which epoch's weights predict each task.
# ``snapshot_epochs_`` says which, and ``best_epochs_`` holds each task's
# own best epoch in every case.
pd.DataFrame(
    {name: net.snapshot_epochs_ for name, net in nets.items()}, index=tasks
).assign(best_epoch=nets["per_task"].best_epochs_)

# %%
# Per-task validation curves
# --------------------------
# One panel per task: the validation RMSE over the epochs, with a marker at
# the task's snapshot epoch; ``curves="validation"`` leaves out the training
# loss. Tasks whose marker
# sits far to the left stopped improving early, and from then on the joint
# snapshot or the last epoch predicts them with weights that have moved on.
from sklearn_mtb.plotting import TaskCurvesDisplay

display = TaskCurvesDisplay.from_estimator(
    nets["per_task"], subplots=True, n_cols=3, curves="validation"
)
display.figure_.set_size_inches(11, 8)

# %%
# The earliest and the latest snapshot of this run:
best = pd.Series(nets["per_task"].best_epochs_, index=tasks)
print(f"earliest: {best.idxmin()} at epoch {best.min()}")
print(f"latest: {best.idxmax()} at epoch {best.max()}")
print(f"joint snapshot at epoch {nets['joint'].snapshot_epochs_[0]}")


# %%
# Test error of the three choices
# -------------------------------
# ``predict_tasks`` predicts every task, each from the snapshot chosen by
# ``snapshots``. The centerline tasks are NaN on one-lane roads; those cells
# are left out of the error.
def test_rmse(net):
    predicted = net.predict_tasks(X_test).to_numpy()
    truth = y_test.to_numpy()
    return np.sqrt(np.nanmean((predicted - truth) ** 2, axis=0))


errors = pd.DataFrame(
    {name: test_rmse(net) for name, net in nets.items()}, index=tasks
)
errors.round(4)

# %%
# For each choice: on how many tasks it gave the lowest test RMSE, and its
# test RMSE averaged over the tasks.
wins = errors.idxmin(axis=1).value_counts()
pd.DataFrame(
    {
        "tasks with the lowest RMSE": wins.reindex(errors.columns, fill_value=0),
        "mean RMSE over tasks": errors.mean().round(4),
    }
).rename_axis("snapshots")

# %%
ax = errors.plot.bar(figsize=(10, 4), width=0.8)
ax.set_ylabel("test RMSE")
ax.set_title("Synthetic 1D-ALVINN, one net, three ways to pick its weights")
ax.legend(title="snapshots")
ax.tick_params(axis="x", labelrotation=30)
ax.figure.tight_layout()
plt.show()

# %%
# The three columns come from one training run, so their differences are
# due only to the choice of epoch for each task. With per-task snapshots
# there is no need to settle for one epoch that suits the tasks on average;
# the price is that training goes on until every monitored task has stopped
# improving, which ``n_iter_no_change`` controls.
