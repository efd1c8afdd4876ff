"""
=============================================
The five mechanisms of multitask backprop
=============================================

Caruana (1994) names five ways in which learning related tasks on one shared
hidden layer can improve the generalization of a task: statistical data
amplification, blocking data amplification, attribute selection,
eavesdropping and representation bias. :mod:`sklearn_mtb.datasets` has one
small synthetic problem for each. This example trains, on each problem, a
single-task net (STB, ``aux_tasks=[]``) and a multitask net (MTB, the
problem's other tasks as auxiliary tasks) with the same size, data and seed,
and compares them on the main task.

The paper describes the mechanisms but gives no numbers for them; the
problems and their sizes are this package's choices. To run in about a
minute, every comparison uses only a few seeds, so small differences here
are within the noise of the run.
"""

# %%
# Shared settings
# ---------------
# All nets use Adam with a step of 0.01 and early-stop on a halt set, each
# task at its own best epoch; training ends when no task has improved for
# 200 epochs. The noisy problems are scored against their noise-free
# targets, which the generators return with ``return_info=True``, so the
# test error measures how well the underlying function was learnt.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning

from sklearn_mtb import MultiTaskBackpropClassifier, MultiTaskBackpropRegressor
from sklearn_mtb import datasets

SETTINGS = dict(
    solver="adam",
    learning_rate_init=0.01,
    max_iter=2000,
    n_iter_no_change=200,
    tol=0.0,
)
SEEDS = range(5)


def rmse(y_true, y_pred):
    return float(
        np.sqrt(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))
    )


def fit(estimator, X, y, n_train, n_halt):
    """Fit on the first n_train rows, early-stopped on the next n_halt rows."""
    halt = slice(n_train, n_train + n_halt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return estimator.fit(
            X[:n_train], y[:n_train], X_val=X[halt], y_val=y[halt]
        )


# %%
# 1. Statistical data amplification
# ---------------------------------
# Every task is the same feature ``F`` of the inputs plus its own independent
# noise. A net that learns several such tasks sees several noisy views of
# ``F``. With 100 training rows, the main task is learnt with 0, 1, 3 and 7
# auxiliary tasks (0 is the STB net), and its predictions are scored against
# the noise-free ``F``.
n_tasks_grid = [1, 2, 4, 8]
stat_errors = np.empty((len(n_tasks_grid), len(SEEDS)))
for i, n_tasks in enumerate(n_tasks_grid):
    for j, seed in enumerate(SEEDS):
        X, y, info = datasets.make_statistical_amplification(
            1400, n_tasks=n_tasks, random_state=seed, return_info=True
        )
        net = MultiTaskBackpropRegressor(
            (16,), main_tasks="task_0", random_state=seed, **SETTINGS
        )
        fit(net, X, y, 100, 300)
        stat_errors[i, j] = rmse(info["F"][400:], net.predict(X[400:]))

for n_tasks, errors in zip(n_tasks_grid, stat_errors):
    print(
        f"{n_tasks - 1} auxiliary tasks: test RMSE {errors.mean():.4f} "
        f"(sd {errors.std(ddof=1):.4f})"
    )

fig, ax = plt.subplots(figsize=(6, 3.5))
n_aux = np.array(n_tasks_grid) - 1
ax.plot(n_aux, stat_errors, "o", color="0.6", markersize=4)
ax.plot(
    n_aux, stat_errors.mean(axis=1), "o-", color="k", label="mean of 5 seeds"
)
ax.set_xticks(n_aux)
ax.set_xlabel("number of auxiliary tasks (0 = STB)")
ax.set_ylabel("test RMSE against F")
ax.set_title("Statistical amplification")
ax.legend()
fig.tight_layout()

# %%
# 2. Blocking data amplification
# ------------------------------
# ``a_or_f = A OR F`` with ``F`` the parity of four input bits: the main
# task's target says nothing about ``F`` on rows where ``A`` is 1.
# ``not_a_or_f = NOT A OR F`` carries ``F`` on exactly those rows, and
# ``a_and_f`` and ``not_a_and_f`` on the complementary ones. The 256 bit
# patterns are split 96 training / 32 halt / 128 test, and the main task is
# learnt by :class:`~sklearn_mtb.MultiTaskBackpropClassifier` alone or with
# one or three of the other tasks.
block_tasks = [1, 2, 4]
block_accuracy = np.empty((len(block_tasks), len(SEEDS)))
for i, n_tasks in enumerate(block_tasks):
    for j, seed in enumerate(SEEDS):
        X, y = datasets.make_blocking_amplification(
            n_parity_bits=4,
            n_irrelevant_bits=3,
            n_tasks=n_tasks,
            random_state=seed,
        )
        net = MultiTaskBackpropClassifier(
            (16,), main_tasks="a_or_f", random_state=seed, **SETTINGS
        )
        fit(net, X, y, 96, 32)
        block_accuracy[i, j] = net.score(X[128:], y[128:])

block_labels = ["a_or_f alone (STB)", "+ not_a_or_f", "+ three tasks"]
for label, accuracy in zip(block_labels, block_accuracy):
    print(
        f"{label:>20}: test accuracy {accuracy.mean():.3f} "
        f"(sd {accuracy.std(ddof=1):.3f})"
    )

fig, ax = plt.subplots(figsize=(6, 3.5))
positions = np.arange(len(block_tasks))
ax.plot(positions, block_accuracy, color="0.75", zorder=1)
ax.plot(
    positions,
    block_accuracy.mean(axis=1),
    "k_",
    markersize=30,
    mew=2,
    label="mean of 5 seeds",
    zorder=3,
)
ax.scatter(np.repeat(positions, len(SEEDS)), block_accuracy.ravel(), zorder=2)
# Room on both sides for the mean markers of the outer conditions.
ax.set_xlim(-0.5, len(block_tasks) - 0.5)
ax.set_xticks(positions, block_labels)
ax.set_ylabel("test accuracy of a_or_f")
ax.set_title("Blocking amplification (lines join runs of one seed)")
ax.legend()
fig.tight_layout()

# %%
# 3. Attribute selection
# ----------------------
# Every task is a different squashed function of the same feature
# ``F = x0 + x1 - x2 - x3`` of 4 of the 40 inputs, with noise, and only 60
# training rows. Beyond the test error of the main task, the weights show how
# well each net told the relevant inputs from the others: the mean absolute
# weight from each input to the hidden layer.
attr_errors = {"STB": [], "MTB": []}
attr_weights = {"STB": [], "MTB": []}
for seed in SEEDS:
    X, y, info = datasets.make_attribute_selection(
        1360, random_state=seed, return_info=True
    )
    for name, aux in (("STB", []), ("MTB", "rest")):
        net = MultiTaskBackpropRegressor(
            (16,),
            main_tasks="task_0",
            aux_tasks=aux,
            random_state=seed,
            **SETTINGS,
        )
        fit(net, X, y, 60, 300)
        attr_errors[name].append(
            rmse(info["y_clean"]["task_0"][360:], net.predict(X[360:]))
        )
        weights = np.abs(net.coefs_[0]).mean(axis=1)
        attr_weights[name].append(weights / weights.mean())

relevant = info["relevant_features"]
for name in ("STB", "MTB"):
    weights = np.mean(attr_weights[name], axis=0)
    ratio = weights[relevant].mean() / np.delete(weights, relevant).mean()
    print(
        f"{name}: test RMSE {np.mean(attr_errors[name]):.4f} "
        f"(sd {np.std(attr_errors[name], ddof=1):.4f}); "
        f"relevant / irrelevant input weight {ratio:.2f}"
    )

fig, ax = plt.subplots(figsize=(9, 3.5))
inputs = np.arange(X.shape[1])
for offset, name, color in (
    (-0.2, "STB", "tab:blue"),
    (0.2, "MTB", "tab:orange"),
):
    ax.bar(
        inputs + offset,
        np.mean(attr_weights[name], axis=0),
        width=0.4,
        color=color,
        label=name,
    )
ax.axvspan(
    -0.5, len(relevant) - 0.5, color="0.9", zorder=0, label="relevant inputs"
)
ax.set_xlabel("input")
ax.set_ylabel("mean |weight| (relative)")
ax.set_title("Attribute selection: input-to-hidden weights, mean of 5 seeds")
ax.legend()
fig.tight_layout()

# %%
# 4. Eavesdropping
# ----------------
# The main task is ``0.5 + 0.45 sin(4 pi F)``, a wavy function of the simple
# feature ``F``, the mean of three inputs; the auxiliary task is ``F`` itself,
# a *catalytic hint*. Through the hint, ``F`` is easy to find; through the
# main task alone, it is hard.
eaves_errors = {"STB": [], "MTB": []}
eaves_nets = {}
for seed in SEEDS:
    X, y, info = datasets.make_eavesdropping(
        1400, random_state=seed, return_info=True
    )
    for name, aux in (("STB", []), ("MTB", ["hint"])):
        net = MultiTaskBackpropRegressor(
            (16,),
            main_tasks="main",
            aux_tasks=aux,
            random_state=seed,
            **SETTINGS,
        )
        fit(net, X, y, 100, 300)
        eaves_errors[name].append(
            rmse(info["main_clean"][400:], net.predict(X[400:]))
        )
        if seed == 0:
            eaves_nets[name] = net
            X_eaves, F_eaves = X[400:], info["F"][400:]

for name in ("STB", "MTB"):
    print(
        f"{name}: test RMSE of main {np.mean(eaves_errors[name]):.4f} "
        f"(sd {np.std(eaves_errors[name], ddof=1):.4f})\n"
        f"     per seed {np.round(eaves_errors[name], 3).tolist()}"
    )

# %%
# The predictions of the main task against ``F`` for the first seed show
# what each net learnt; the black curve is the noise-free target.
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5), sharey=True)
grid = np.linspace(0, 1, 200)
for ax, name in zip(axes, ("STB", "MTB")):
    ax.scatter(F_eaves, eaves_nets[name].predict(X_eaves), s=3, alpha=0.4)
    ax.plot(grid, 0.5 + 0.45 * np.sin(4 * np.pi * grid), color="k")
    ax.set_title(f"{name}, seed 0")
    ax.set_xlabel("F")
axes[0].set_ylabel("predicted main task")
fig.tight_layout()


# %%
# 5. Representation bias
# ----------------------
# The inputs hold three groups of cues, A, B and C, each encoding a hidden
# bit. On the rows labelled for ``task_ab`` the bits of A and B agree with
# the target (C is random); on the rows labelled for ``task_ac``, those of A
# and C do. So ``task_ab`` can be solved from A or from B, and ``task_ac``
# from A or from C; every row is labelled for one task only, and the other
# cell is NaN, a missing target.
#
# After training, *probe* rows with independent cue bits show which cue each
# output follows: its agreement with each cue's bit. In the second
# experiment, cue B is twice as strong, so ``task_ab`` prefers B. Each
# condition is restarted with 6 seeds; the STB nets learn each task on its
# own, the MTB net both.
def cue_agreement(amplitudes, seed):
    """Agreement of each output with cues A, B, C on probe rows (4 x 3)."""
    make = datasets.make_representation_bias
    X, y = make(400, amplitudes=amplitudes, random_state=seed)
    X_halt, y_halt = make(200, amplitudes=amplitudes, random_state=1000 + seed)
    X_probe, cues = make(
        1000, kind="probe", amplitudes=amplitudes, random_state=2000 + seed
    )
    outputs = []
    for main, aux in (("task_ab", []), ("task_ac", []), ("task_ab", "rest")):
        net = MultiTaskBackpropRegressor(
            (8,), main_tasks=main, aux_tasks=aux, random_state=seed, **SETTINGS
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            net.fit(X, y, X_val=X_halt, y_val=y_halt)
        predicted = net.predict_tasks(X_probe, tasks=list(net.tasks_))
        outputs.extend(predicted[task].to_numpy() for task in net.tasks_)
    bits = cues.to_numpy()
    return np.array(
        [[np.mean((out > 0.5) == bit) for bit in bits.T] for out in outputs]
    )


rows = ["STB task_ab", "STB task_ac", "MTB task_ab", "MTB task_ac"]
experiments = {
    "A, B, C equally strong": (1.0, 1.0, 1.0),
    "B twice as strong": (1.0, 2.0, 1.0),
}
agreement = {
    title: np.mean([cue_agreement(amps, seed) for seed in range(6)], axis=0)
    for title, amps in experiments.items()
}

fig, axes = plt.subplots(
    1, 2, figsize=(10, 4), sharey=True, layout="constrained"
)
for ax, (title, values) in zip(axes, agreement.items()):
    image = ax.imshow(values, vmin=0.5, vmax=1.0, cmap="viridis")
    for (r, c), value in np.ndenumerate(values):
        ax.text(
            c,
            r,
            f"{value:.2f}",
            ha="center",
            va="center",
            color="w" if value < 0.8 else "k",
        )
    ax.set_xticks(range(3), ["cue A", "cue B", "cue C"])
    ax.set_yticks(range(len(rows)), rows)
    ax.set_title(title)
fig.colorbar(image, ax=axes, label="agreement on probe rows (mean of 6 seeds)")
fig.suptitle("Representation bias: which cue does each output follow?")
plt.show()

# %%
# A value near 1 means the output follows that cue; near 0.5, that it ignores
# it; a mix of cues gives values in between. In the paper's account, the
# multitask net tends to settle on the shared cue A in the first experiment,
# and in the second the strong preference of ``task_ab`` for B pushes
# ``task_ac`` towards C. Compare the MTB rows with the STB rows above to see
# how far this run agrees with that account.
