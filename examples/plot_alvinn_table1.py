"""
==================================================
1D-ALVINN: single-task vs multitask, as in Table 1
==================================================

Caruana (1994) compares, on a one-dimensional version of the ALVINN
road-following problem, single-task backprop (STB) nets of 2, 4, 8 and 16
hidden units, trained on one task each, with one multitask backprop (MTB) net
of 16 hidden units that learns all nine tasks at once. This example runs that
comparison on the synthetic :func:`~sklearn_mtb.datasets.make_1d_alvinn`
problem with :func:`~sklearn_mtb.model_selection.repeated_stb_mtb_comparison`
and shows it in the layout of the paper's Table 1, then as bars with
:class:`~sklearn_mtb.plotting.ComparisonDisplay`.

To run in about a minute, it uses three seeds and at most 400 epochs per net,
where the paper's protocol (``python -m sklearn_mtb.experiments alvinn``)
uses ten seeds and trains much longer. Read the numbers as one small run,
not as a reproduction of the paper.
"""

# %%
# The data
# --------
# Every row of ``X`` is one 32-pixel scan line of a simulated road; ``y`` has
# one column per task. Steering is the main task of the paper; the other
# eight columns are quantities that the simulator knows: the road's edges
# and center, the number of lanes, the centerline (on two-lane roads only,
# NaN elsewhere) and three intensities.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sklearn_mtb.datasets import make_1d_alvinn

X, y = make_1d_alvinn(n_samples=6, random_state=0)
y.round(3).T  # one row per task, one column per scan line

# %%
# Two scan lines, one of a one-lane and one of a two-lane road, with the
# road edges and the centerline marked.
fig, axes = plt.subplots(1, 2, figsize=(9, 2.8), sharey=True)
pixels = (np.arange(32) + 0.5) / 32
for ax, lanes in zip(axes, (0.0, 1.0)):
    row = int(np.flatnonzero(y["lanes"].to_numpy() == lanes)[0])
    ax.plot(pixels, X[row], drawstyle="steps-mid", color="k")
    for task, style in (
        ("left_edge", "--"),
        ("right_edge", "--"),
        ("line_center", ":"),
    ):
        if not np.isnan(y[task].iloc[row]):
            ax.axvline(y[task].iloc[row], linestyle=style, color="tab:red")
    ax.set_title(
        f"{'two' if lanes else 'one'}-lane road, "
        f"steering {y['steering'].iloc[row]:.2f}"
    )
    ax.set_xlabel("position on the scan line")
axes[0].set_ylabel("intensity")
fig.tight_layout()

# %%
# The comparison
# --------------
# ``make_data(seed)`` draws a fresh data set for each seed: 200 training
# rows, 200 halt rows that early-stop every net (each task of the MTB net at
# its own best epoch) and 800 test rows on which every net is scored.
# :func:`~sklearn_mtb.model_selection.compare_stb_mtb` trains, for one seed,
# the 36 STB nets (9 tasks x 4 sizes) and the MTB net on exactly the same
# patterns, in parallel through one
# :class:`~sklearn.model_selection.GridSearchCV`, and the repeated version
# averages over seeds. The template estimator sets what every net shares:
# online backprop with momentum, as in the paper, with a short patience.
import warnings

from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropRegressor
from sklearn_mtb.model_selection import repeated_stb_mtb_comparison


def make_data(seed):
    X, y = make_1d_alvinn(n_samples=1200, random_state=seed)
    return X[:200], y[:200], X[200:400], y[200:400], X[400:], y[400:]


template = MultiTaskBackpropRegressor(
    learning_rate_init=0.01,
    momentum=0.9,
    max_iter=400,
    n_iter_no_change=50,
    tol=0.0,
)
with warnings.catch_warnings():
    # With only 400 epochs some nets are still improving when they stop.
    warnings.simplefilter("ignore", ConvergenceWarning)
    table = repeated_stb_mtb_comparison(
        make_data,
        seeds=3,
        stb_hidden_sizes=(2, 4, 8, 16),
        mtb_hidden_size=16,
        estimator=template,
        n_jobs=2,
    )

# %%
# Table 1 layout
# --------------
# Mean test RMSE over the three seeds for every task and net, and the percent
# change as the paper computes it, ``100 * (STB - MTB) / MTB``: positive
# numbers mean that the MTB net had the lower error, against the best STB
# size of that task and against the mean over the four sizes.
nets = ["STB 2HU", "STB 4HU", "STB 8HU", "STB 16HU", "MTB 16HU"]
changes = ["% change best STB", "% change mean STB"]
layout = table[nets + changes].copy()
layout[nets] = layout[nets].round(3)
layout[changes] = layout[changes].round(1)
layout

# %%
# With three seeds the spread of the errors matters as much as their means.
# The table also holds a paired t-test over seeds between the MTB net and the
# best STB size, which with three runs can only flag very large, consistent
# differences.
table[["best STB", "MTB 16HU", "MTB 16HU std", "p-value"]].round(4)

# %%
# A short summary of this run, computed from the table above.
better = int((table["% change best STB"] > 0).sum())
print(
    f"The MTB net had a lower mean test RMSE than the best STB size on "
    f"{better} of {len(table)} tasks;\n"
    f"on steering the change against the best STB size was "
    f"{table.loc['steering', '% change best STB']:+.1f}%."
)

# %%
# The same results as bars
# ------------------------
# :class:`~sklearn_mtb.plotting.ComparisonDisplay` reads the table's
# ``"STB ..."``, ``"MTB ..."`` and ``"... std"`` columns: one group of bars
# per task, with the standard deviation over seeds as error bars. Only those
# columns are passed, since the summary also holds text columns.
from sklearn_mtb.plotting import ComparisonDisplay

display = ComparisonDisplay.from_results(
    table[nets + [f"{net} std" for net in nets]]
)
display.figure_.set_size_inches(11, 4.5)
display.ax_.set_title("Synthetic 1D-ALVINN, test RMSE (mean of 3 seeds)")
display.ax_.tick_params(axis="x", labelrotation=30)
display.figure_.tight_layout()
plt.show()

# %%
# The full protocol, with ten seeds and long training, is
# ``python -m sklearn_mtb.experiments alvinn``; the paper's own numbers are
# on the :ref:`results` page of this documentation.
