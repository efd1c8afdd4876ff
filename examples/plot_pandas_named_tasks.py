"""
==============================================================
Named tasks and missing targets with pandas
==============================================================

With a pandas DataFrame as ``y``, tasks are named by their columns: the
estimators take ``main_tasks``, ``aux_tasks``, ``task_types`` and
``task_weights`` by column name, report fitted per-task arrays in the order
of ``tasks_``, and ``predict_tasks`` returns a DataFrame with the same
column names. A NaN in a target cell means that the target is missing for
that row: the cell adds no error and no gradient. This example builds a
small table by hand, with a column that is missing for half of the rows.
"""

# %%
# A table of tasks
# ----------------
# Inputs with named columns (``X`` as a DataFrame) and four target columns:
# ``"yield"``, the main task; ``"quality"``, a later measurement that exists
# for only about half of the training rows; ``"grade"``, a string label that
# becomes a classification auxiliary task; and ``"operator"``, a column we
# do not want the net to learn.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

rng = np.random.RandomState(0)
n = 900
X = pd.DataFrame(
    rng.uniform(-1, 1, (n, 5)),
    columns=["temperature", "pressure", "flow", "ph", "humidity"],
)
latent = np.tanh(1.5 * X["temperature"] * X["pressure"] + X["flow"])
y = pd.DataFrame(
    {
        "yield": latent + 0.5 * X["ph"] ** 2 + rng.normal(0, 0.15, n),
        "quality": latent + rng.normal(0, 0.05, n),
        "grade": np.where(
            latent > 0.3, "A", np.where(latent > -0.3, "B", "C")
        ),
        "operator": rng.choice(["ann", "bob"], n),
    }
)
y.loc[rng.uniform(size=n) < 0.5, "quality"] = np.nan
y.head()

# %%
print(y.isna().mean().rename("fraction missing"))

# %%
# Tasks by name
# -------------
# ``aux_tasks`` names the auxiliary columns, so ``"operator"`` is ignored.
# The kind of each auxiliary task follows its dtype: ``"quality"`` (float)
# is a regression task and ``"grade"`` (strings) a three-class
# classification task. ``task_weights`` halves the pull of ``"grade"``.
import warnings

from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropRegressor

X_train, y_train = X.iloc[:300], y.iloc[:300]
X_halt, y_halt = X.iloc[300:400], y.iloc[300:400]
X_test, y_test = X.iloc[400:], y.iloc[400:]

net = MultiTaskBackpropRegressor(
    (16,),
    main_tasks="yield",
    aux_tasks=["quality", "grade"],
    task_weights={"grade": 0.5},
    solver="adam",
    max_iter=1000,
    n_iter_no_change=100,
    random_state=0,
)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    net.fit(X_train, y_train, X_val=X_halt, y_val=y_halt)

pd.DataFrame(
    {
        "kind": net.task_types_,
        "weight": net.task_weights_,
        "best epoch": net.best_epochs_,
        "lowest validation error": net.validation_curves_[
            net.best_epochs_ - 1, np.arange(len(net.tasks_))
        ],
    },
    index=net.tasks_,
)

# %%
# The validation error of ``"quality"`` is computed on the halt rows where it
# is present; that of ``"grade"`` is a log-loss. The input names were
# recorded too:
print(net.feature_names_in_)

# %%
# Predictions as a DataFrame
# --------------------------
# ``predict`` returns the main task as an array (one task: 1-D).
# ``predict_tasks`` returns every task, or the ones named, as a DataFrame
# with the task names as columns and ``X``'s index, each task from its own
# snapshot; a classification task gives labels.
predicted = net.predict_tasks(X_test)
predicted.head()

# %%
print("R^2 of yield on the test rows:", round(net.score(X_test, y_test), 3))
present = y_test["quality"].notna()
quality_rmse = np.sqrt(
    np.mean(
        (predicted.loc[present, "quality"] - y_test.loc[present, "quality"])
        ** 2
    )
)
print(
    f"RMSE of quality on the {present.sum()} test rows where it is present:",
    round(float(quality_rmse), 3),
)
print(
    "accuracy of grade:",
    round(float((predicted["grade"] == y_test["grade"]).mean()), 3),
)

# %%
# Because ``predict_tasks`` keeps the index of ``X``, predictions and targets
# line up by row label. The missing ``"quality"`` cells can be filled with
# the net's predictions:
completed = y_test["quality"].fillna(predicted["quality"])
print(
    f"{completed.isna().sum()} of {(~present).sum()} missing quality cells "
    "left"
)

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
for ax, task, rows in (
    (axes[0], "yield", slice(None)),
    (axes[1], "quality", present),
):
    truth = y_test.loc[rows, task]
    ax.scatter(truth, predicted.loc[rows, task], s=6, alpha=0.6)
    low, high = truth.min(), truth.max()
    ax.plot([low, high], [low, high], color="k", linewidth=1)
    ax.set_xlabel(f"measured {task}")
    ax.set_ylabel(f"predicted {task}")
axes[0].set_title("main task, all test rows")
axes[1].set_title("auxiliary task, rows where it was measured")
fig.tight_layout()
plt.show()
