"""Plots for multitask backprop: per-task learning curves and STB-vs-MTB bars.

Both classes follow scikit-learn's Display convention: the constructor only
stores the values to draw, a class method builds a display from a fitted
estimator or from a results table, and ``plot(ax=None)`` draws it and stores the
matplotlib artists in attributes ending with an underscore (``ax_``,
``figure_``, ``lines_``, ``bars_``).

matplotlib is an optional dependency: it is imported inside the functions that
draw, never when this module is imported.
"""

import numbers

import numpy as np
from sklearn.utils.validation import check_is_fitted

__all__ = ["ComparisonDisplay", "TaskCurvesDisplay"]


def _import_pyplot(caller_name):
    """Import ``matplotlib.pyplot`` or raise an ImportError that says what to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            f"{caller_name} requires matplotlib. Install it with "
            "`pip install matplotlib`, or install sklearn-mtb with its plotting "
            "extra: `pip install sklearn-mtb[plot]`."
        ) from exc
    return plt


def _resolve_tasks(tasks, task_names):
    """Return the integer positions of ``tasks`` among ``task_names``.

    A task is looked up by its label first; an integer that is not a label is
    taken as a position.
    """
    n_tasks = len(task_names)
    if tasks is None:
        return list(range(n_tasks))
    if isinstance(tasks, (str, numbers.Integral)) or np.ndim(tasks) == 0:
        tasks = [tasks]
    positions = []
    for task in tasks:
        matches = [i for i, name in enumerate(task_names) if name == task]
        if matches:
            positions.append(matches[0])
        elif isinstance(task, numbers.Integral) and -n_tasks <= task < n_tasks:
            positions.append(int(task) % n_tasks)
        else:
            raise ValueError(
                f"Unknown task {task!r}: expected one of {list(task_names)} or an "
                f"integer position in [0, {n_tasks})."
            )
    if len(set(positions)) != len(positions):
        raise ValueError(f"tasks={list(tasks)!r} names the same task twice.")
    return positions


class TaskCurvesDisplay:
    """Per-task learning curves of a multitask backprop net.

    Draws one curve per task and epoch: the validation error as a solid line and
    the training loss as a dashed line of the same colour, with a marker at each
    task's snapshot epoch (the epoch of its lowest validation error, from which
    that task is predicted). Main tasks are drawn with thicker lines and are
    marked "(main)" in the legend.

    Caruana (1994) advises to watch the curve of every task on its own, because
    tasks learn at different rates and multitask curves are often multimodal;
    this display is made for that.

    It is recommended to build the display with :meth:`from_estimator`. All
    parameters are stored as attributes.

    Parameters
    ----------
    train_curves : array-like of shape (n_iter, n_tasks)
        Training loss of each task at each epoch, like the fitted attribute
        ``train_curves_`` of :class:`~sklearn_mtb.MultiTaskBackpropRegressor`.

    validation_curves : array-like of shape (n_iter, n_tasks), default=None
        Validation error of each task at each epoch (RMSE for regression tasks,
        log-loss for classification tasks), like ``validation_curves_``. None
        when no validation set was used.

    best_epochs : array-like of shape (n_tasks,), default=None
        1-based epoch of each task's snapshot, like ``best_epochs_``: task
        ``t``'s marker is drawn at ``(best_epochs[t], validation_curves[best_epochs[t] - 1, t])``.
        None draws no markers.

    task_names : list of str of length n_tasks, default=None
        Names of the tasks, in column order. None names them ``"task 0"``,
        ``"task 1"``, ...

    main_tasks : list, default=None
        The main tasks, as names from `task_names`. None marks no task as main.

    estimator_name : str, default=None
        Name of the estimator, used as the title of the plot. None draws no
        title.

    Attributes
    ----------
    ax_ : matplotlib Axes or ndarray of Axes
        The axes with the curves. With ``plot(subplots=True)``, the array of
        shape (n_rows, n_cols) of the grid's axes (cells beyond the last task
        are turned off).

    axes_ : ndarray of matplotlib Axes of shape (n_rows, n_cols)
        The axes in a 2-D array; ``(1, 1)`` without subplots.

    figure_ : matplotlib Figure
        The figure that holds the axes.

    lines_ : dict
        For each drawn task name, a dict with the keys ``"validation"``,
        ``"train"`` and ``"snapshot"`` mapping to the
        :class:`matplotlib.lines.Line2D` drawn for it; a key is absent when that
        artist was not drawn.

    legend_ : matplotlib Legend or None
        The legend, None when ``plot(legend=False)``.

    See Also
    --------
    ComparisonDisplay : STB-vs-MTB errors per task as grouped bars.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_mtb.plotting import TaskCurvesDisplay
    >>> epochs = np.arange(1, 51)[:, None]
    >>> train = np.hstack([1 / epochs, 2 / epochs])
    >>> valid = np.hstack([1 / epochs + 0.01 * epochs, 2 / epochs + 0.002 * epochs])
    >>> display = TaskCurvesDisplay(
    ...     train_curves=train, validation_curves=valid,
    ...     best_epochs=valid.argmin(axis=0) + 1,
    ...     task_names=["steering", "road center"], main_tasks=["steering"])
    >>> display.plot()
    <...>
    """

    def __init__(
        self,
        *,
        train_curves,
        validation_curves=None,
        best_epochs=None,
        task_names=None,
        main_tasks=None,
        estimator_name=None,
    ):
        self.train_curves = train_curves
        self.validation_curves = validation_curves
        self.best_epochs = best_epochs
        self.task_names = task_names
        self.main_tasks = main_tasks
        self.estimator_name = estimator_name

    @classmethod
    def from_estimator(
        cls,
        estimator,
        *,
        tasks=None,
        ax=None,
        curves="both",
        subplots=False,
        n_cols=3,
        yscale="linear",
        ylabel=None,
        legend=True,
        name=None,
        line_kw=None,
        marker_kw=None,
    ):
        """Plot the per-task curves of a fitted multitask backprop estimator.

        Reads the fitted attributes ``train_curves_``, ``validation_curves_``,
        ``best_epochs_``, ``tasks_`` and ``main_tasks_``.

        Parameters
        ----------
        estimator : estimator instance
            A fitted :class:`~sklearn_mtb.MultiTaskBackpropRegressor` or
            :class:`~sklearn_mtb.MultiTaskBackpropClassifier`.

        tasks : label, int or list, default=None
            Tasks to draw, by label (as in ``tasks_``) or position. None draws
            every task.

        ax : matplotlib Axes or array of Axes, default=None
            See :meth:`plot`.

        curves : {"both", "validation", "train"}, default="both"
            See :meth:`plot`.

        subplots : bool, default=False
            See :meth:`plot`.

        n_cols : int, default=3
            See :meth:`plot`.

        yscale : str, default="linear"
            See :meth:`plot`.

        ylabel : str, default=None
            See :meth:`plot`.

        legend : bool, default=True
            See :meth:`plot`.

        name : str, default=None
            Title of the plot. None uses the estimator's class name.

        line_kw : dict, default=None
            See :meth:`plot`.

        marker_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : TaskCurvesDisplay
            The display, with the plot drawn.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If the estimator is not fitted.
        """
        _import_pyplot(f"{cls.__name__}.from_estimator")
        check_is_fitted(estimator)
        missing = [
            attr for attr in ("train_curves_", "tasks_") if not hasattr(estimator, attr)
        ]
        if missing:
            raise TypeError(
                f"{cls.__name__}.from_estimator needs a fitted multitask backprop "
                f"estimator; {type(estimator).__name__} has no attribute "
                f"{', '.join(missing)}."
            )
        display = cls(
            train_curves=estimator.train_curves_,
            validation_curves=getattr(estimator, "validation_curves_", None),
            best_epochs=getattr(estimator, "best_epochs_", None),
            task_names=[str(task) for task in estimator.tasks_],
            main_tasks=[str(task) for task in getattr(estimator, "main_tasks_", [])],
            estimator_name=type(estimator).__name__ if name is None else name,
        )
        if tasks is not None:
            labels = list(estimator.tasks_)
            tasks = [
                display.task_names[pos]
                for pos in _resolve_tasks(tasks, labels)
            ]
        return display.plot(
            ax=ax,
            tasks=tasks,
            curves=curves,
            subplots=subplots,
            n_cols=n_cols,
            yscale=yscale,
            ylabel=ylabel,
            legend=legend,
            line_kw=line_kw,
            marker_kw=marker_kw,
        )

    def _validated_arrays(self):
        train = np.asarray(self.train_curves, dtype=float)
        if train.ndim == 1:
            train = train[:, None]
        if train.ndim != 2:
            raise ValueError(
                "train_curves must have shape (n_iter, n_tasks); got an array with "
                f"{train.ndim} dimensions."
            )
        n_iter, n_tasks = train.shape
        valid = None
        if self.validation_curves is not None:
            valid = np.asarray(self.validation_curves, dtype=float)
            if valid.ndim == 1:
                valid = valid[:, None]
            if valid.shape != train.shape:
                raise ValueError(
                    f"validation_curves has shape {valid.shape}, but train_curves "
                    f"has shape {train.shape}; they must match."
                )
        best = None
        if self.best_epochs is not None:
            best = np.asarray(self.best_epochs).reshape(-1)
            if best.shape != (n_tasks,):
                raise ValueError(
                    f"best_epochs must have one entry per task ({n_tasks}); got "
                    f"{best.shape[0]}."
                )
            if not np.issubdtype(best.dtype, np.integer):
                if not np.all(np.equal(np.mod(best, 1), 0)):
                    raise ValueError("best_epochs must hold integer epochs.")
                best = best.astype(int)
            if np.any(best < 1) or np.any(best > n_iter):
                raise ValueError(
                    f"best_epochs are 1-based epochs and must lie in [1, {n_iter}]; "
                    f"got {best.tolist()}."
                )
        if self.task_names is None:
            names = [f"task {t}" for t in range(n_tasks)]
        else:
            names = [str(name) for name in self.task_names]
            if len(names) != n_tasks:
                raise ValueError(
                    f"task_names has {len(names)} names for {n_tasks} tasks."
                )
        main = set() if self.main_tasks is None else {str(t) for t in self.main_tasks}
        unknown = main - set(names)
        if unknown:
            raise ValueError(f"main_tasks {sorted(unknown)} are not in task_names.")
        return train, valid, best, names, main

    def plot(
        self,
        ax=None,
        *,
        tasks=None,
        curves="both",
        subplots=False,
        n_cols=3,
        yscale="linear",
        ylabel=None,
        legend=True,
        line_kw=None,
        marker_kw=None,
    ):
        """Draw the curves.

        Parameters
        ----------
        ax : matplotlib Axes or array of Axes, default=None
            Where to draw. Without subplots, one Axes; None creates a figure.
            With ``subplots=True``, None creates a grid, and an array of Axes
            must hold at least one Axes per task.

        tasks : str, int or list, default=None
            Tasks to draw, by name (from `task_names`) or position, in the
            order given. None draws every task.

        curves : {"both", "validation", "train"}, default="both"
            Which curves to draw. Without validation curves, only the training
            curves are drawn.

        subplots : bool, default=False
            If True, draw each task in its own panel of a grid of `n_cols`
            columns, with the task's name as the panel's title.

        n_cols : int, default=3
            Number of columns of the grid when ``subplots=True``.

        yscale : str, default="linear"
            Scale of the y axis, passed to :meth:`matplotlib.axes.Axes.set_yscale`
            (``"log"`` helps when tasks have errors of different magnitudes).

        ylabel : str, default=None
            Label of the y axis. None uses a label that says what is drawn.

        legend : bool, default=True
            Whether to draw a legend. It names each task once (with its colour)
            and explains the line styles and the snapshot marker.

        line_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot` for
            every curve (the colour and line style are set per task and curve
            unless given here).

        marker_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot` for
            the snapshot markers.

        Returns
        -------
        display : TaskCurvesDisplay
            The display, with ``ax_``, ``axes_``, ``figure_``, ``lines_`` and
            ``legend_`` set.
        """
        plt = _import_pyplot(f"{type(self).__name__}.plot")
        from matplotlib.lines import Line2D

        if curves not in ("both", "validation", "train"):
            raise ValueError(
                f'curves must be "both", "validation" or "train"; got {curves!r}.'
            )
        train, valid, best, names, main = self._validated_arrays()
        if curves == "validation" and valid is None:
            raise ValueError(
                'curves="validation" needs validation_curves; this display has none.'
            )
        draw_valid = valid is not None and curves in ("both", "validation")
        draw_train = curves in ("both", "train")
        positions = _resolve_tasks(tasks, names)
        n_drawn = len(positions)

        if subplots:
            if ax is None:
                n_cols = max(1, min(int(n_cols), n_drawn))
                n_rows = -(-n_drawn // n_cols)
                fig, axes = plt.subplots(
                    n_rows,
                    n_cols,
                    squeeze=False,
                    figsize=(4.0 * n_cols, 3.0 * n_rows),
                    layout="constrained",
                )
            else:
                axes = np.asarray(ax, dtype=object)
                axes = axes.reshape(1, -1) if axes.ndim == 1 else axes
                if axes.ndim != 2 or axes.size < n_drawn:
                    raise ValueError(
                        f"ax must hold at least one Axes per task ({n_drawn}); got "
                        f"{axes.size}."
                    )
                fig = axes.flat[0].figure
            panel_of = list(axes.flat)
            for extra in panel_of[n_drawn:]:
                extra.set_axis_off()
        else:
            if ax is None:
                fig, ax = plt.subplots()
            elif isinstance(ax, np.ndarray) or isinstance(ax, (list, tuple)):
                raise ValueError(
                    "ax must be a single Axes unless subplots=True; got "
                    f"{type(ax).__name__}."
                )
            fig = ax.figure
            axes = np.empty((1, 1), dtype=object)
            axes[0, 0] = ax
            panel_of = [ax] * n_drawn

        line_kw = {} if line_kw is None else dict(line_kw)
        marker_kw = {} if marker_kw is None else dict(marker_kw)
        epochs = np.arange(1, train.shape[0] + 1)
        self.lines_ = {}
        for k, t in enumerate(positions):
            name = names[t]
            is_main = name in main
            a = panel_of[k]
            style = {
                "color": f"C{k % 10}",
                "linewidth": 2.2 if is_main else 1.3,
                **line_kw,
            }
            drawn = {}
            if draw_valid:
                (drawn["validation"],) = a.plot(
                    epochs,
                    valid[:, t],
                    **{"linestyle": "-", **style},
                    label=f"{name} (validation)",
                )
            if draw_train:
                (drawn["train"],) = a.plot(
                    epochs,
                    train[:, t],
                    **{"linestyle": "--", **style},
                    label=f"{name} (training)",
                )
            if best is not None:
                curve = valid if draw_valid else train
                epoch = int(best[t])
                (drawn["snapshot"],) = a.plot(
                    [epoch],
                    [curve[epoch - 1, t]],
                    **{
                        "marker": "o",
                        "markersize": 7,
                        "markeredgecolor": "black",
                        "color": style["color"],
                        "linestyle": "none",
                        "zorder": 3,
                        **marker_kw,
                    },
                    label=f"{name} (snapshot at epoch {epoch})",
                )
            self.lines_[name] = drawn
            if subplots:
                a.set_title(f"{name} (main)" if is_main else name)

        if ylabel is None:
            if draw_valid and draw_train:
                ylabel = "Error (solid: validation, dashed: training)"
            elif draw_valid:
                ylabel = "Validation error"
            else:
                ylabel = "Training loss"
        drawn_axes = panel_of[:n_drawn] if subplots else [axes[0, 0]]
        n_grid_cols = axes.shape[1]
        for k, a in enumerate(drawn_axes):
            a.set_yscale(yscale)
            # In a grid, label the x axis of the lowest panel of each column
            # and the y axis of the first column only.
            if k + n_grid_cols >= len(drawn_axes):
                a.set_xlabel("Epoch")
            if k % n_grid_cols == 0:
                a.set_ylabel(ylabel)
        if self.estimator_name is not None:
            if subplots:
                fig.suptitle(self.estimator_name)
            else:
                axes[0, 0].set_title(self.estimator_name)

        self.legend_ = None
        if legend:
            handles = []
            if not subplots:
                for k, t in enumerate(positions):
                    name = names[t]
                    handles.append(
                        Line2D(
                            [],
                            [],
                            color=f"C{k % 10}",
                            linewidth=2.2 if name in main else 1.3,
                            label=f"{name} (main)" if name in main else name,
                        )
                    )
            if draw_valid:
                handles.append(
                    Line2D([], [], color="0.3", linestyle="-", label="validation")
                )
            if draw_train:
                handles.append(
                    Line2D([], [], color="0.3", linestyle="--", label="training")
                )
            if best is not None:
                handles.append(
                    Line2D(
                        [],
                        [],
                        color="0.3",
                        marker="o",
                        markeredgecolor="black",
                        linestyle="none",
                        label="snapshot epoch",
                    )
                )
            self.legend_ = drawn_axes[0].legend(
                handles=handles, fontsize="small", frameon=False
            )

        self.axes_ = axes
        self.ax_ = axes if subplots else axes[0, 0]
        self.figure_ = fig
        return self


class ComparisonDisplay:
    """Test error per task of single-task (STB) and multitask (MTB) backprop.

    Draws grouped bars, one group per task: one bar per STB configuration (for
    instance one per hidden-layer size, as in Tables 1 and 2 of Caruana, 1994)
    followed by the MTB bar(s), with the spread over random seeds as error bars.

    The constructor is the primary way to build the display; :meth:`from_results`
    reads a results table. All parameters are stored as attributes.

    Parameters
    ----------
    task_names : list of str of length n_tasks
        The tasks, one group of bars each.

    stb_errors : array-like of shape (n_tasks, n_stb)
        Mean test error of the STB nets: one column per STB configuration.
        NaN where a task has no STB run (no bar is drawn).

    mtb_errors : array-like of shape (n_tasks,) or (n_tasks, n_mtb)
        Mean test error of the MTB net(s).

    stb_std : array-like of shape (n_tasks, n_stb), default=None
        Standard deviation of the STB errors over seeds, drawn as error bars.
        None draws none.

    mtb_std : array-like of shape (n_tasks,) or (n_tasks, n_mtb), default=None
        Standard deviation of the MTB errors over seeds.

    stb_labels : list of str of length n_stb, default=None
        Legend labels of the STB configurations, e.g. ``["STB 2HU", "STB 4HU"]``.
        None uses ``"STB 1"``, ``"STB 2"``, ...

    mtb_labels : str or list of str of length n_mtb, default="MTB"
        Legend label(s) of the MTB net(s).

    error_name : str, default="RMSE"
        Name of the error, used in the y-axis label.

    Attributes
    ----------
    ax_ : matplotlib Axes
        The axes with the bars.

    figure_ : matplotlib Figure
        The figure that holds the axes.

    bars_ : dict
        Maps each label (STB and MTB) to its
        :class:`matplotlib.container.BarContainer`; bar ``i`` of a container is
        task ``i``.

    errorbars_ : dict
        Maps each label whose standard deviation was given to the
        :class:`matplotlib.container.ErrorbarContainer` of its error bars.

    legend_ : matplotlib Legend or None
        The legend, None when ``plot(legend=False)``.

    See Also
    --------
    TaskCurvesDisplay : Per-task learning curves with snapshot epochs.

    Examples
    --------
    The paper's Table 2 (1D-DOORS, test RMSE):

    >>> from sklearn_mtb.plotting import ComparisonDisplay
    >>> display = ComparisonDisplay(
    ...     task_names=["Doorknob Loc", "Door Type"],
    ...     stb_errors=[[0.085, 0.082, 0.081], [0.129, 0.086, 0.096]],
    ...     mtb_errors=[0.062, 0.059],
    ...     stb_labels=["STB 6HU", "STB 24HU", "STB 96HU"],
    ...     mtb_labels="MTB 120HU")
    >>> display.plot()
    <...>
    """

    def __init__(
        self,
        *,
        task_names,
        stb_errors,
        mtb_errors,
        stb_std=None,
        mtb_std=None,
        stb_labels=None,
        mtb_labels="MTB",
        error_name="RMSE",
    ):
        self.task_names = task_names
        self.stb_errors = stb_errors
        self.mtb_errors = mtb_errors
        self.stb_std = stb_std
        self.mtb_std = mtb_std
        self.stb_labels = stb_labels
        self.mtb_labels = mtb_labels
        self.error_name = error_name

    @classmethod
    def from_results(
        cls,
        results,
        *,
        error_name="RMSE",
        ax=None,
        legend=True,
        bar_kw=None,
        errorbar_kw=None,
    ):
        """Plot an STB-vs-MTB results table.

        The table is a pandas DataFrame with one row per task (the index holds
        the task names) in one of two layouts:

        - flat columns: every column whose name starts with ``"STB"`` is an STB
          configuration and every column whose name starts with ``"MTB"`` an MTB
          net, e.g. ``"STB 2HU"``, ``"STB 4HU"``, ``"MTB 16HU"``; a column named
          ``"<name> std"`` holds the standard deviation of column ``<name>``.
          Other columns (such as percent changes) are ignored.
        - two-level columns: the first level names the configuration as above
          and the second is ``"mean"`` or ``"std"``, e.g.
          ``("STB 2HU", "mean")``.

        Parameters
        ----------
        results : pandas.DataFrame
            The results table, as described above.

        error_name : str, default="RMSE"
            Name of the error, used in the y-axis label.

        ax : matplotlib Axes, default=None
            See :meth:`plot`.

        legend : bool, default=True
            See :meth:`plot`.

        bar_kw : dict, default=None
            See :meth:`plot`.

        errorbar_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : ComparisonDisplay
            The display, with the plot drawn.
        """
        _import_pyplot(f"{cls.__name__}.from_results")
        means, stds = {}, {}
        columns = results.columns
        if getattr(columns, "nlevels", 1) == 2:
            for config, stat in columns:
                if not _is_config(config):
                    continue
                if stat not in ("mean", "std"):
                    raise ValueError(
                        "With two column levels, the second must be 'mean' or "
                        f"'std'; got {stat!r}."
                    )
                target = means if stat == "mean" else stds
                target[str(config)] = results[(config, stat)].to_numpy(dtype=float)
        else:
            for column in columns:
                name = str(column)
                if not _is_config(name):
                    continue  # other columns (percent changes, labels) are ignored
                if name.endswith(" std"):
                    stds[name[: -len(" std")]] = results[column].to_numpy(dtype=float)
                else:
                    means[name] = results[column].to_numpy(dtype=float)
        stb_labels = [c for c in means if c.upper().startswith("STB")]
        mtb_labels = [c for c in means if c.upper().startswith("MTB")]
        if not stb_labels or not mtb_labels:
            raise ValueError(
                "results needs at least one column starting with 'STB' and one "
                f"starting with 'MTB'; got columns {list(map(str, columns))}."
            )
        unmatched = sorted(set(stds) - set(stb_labels) - set(mtb_labels))
        if unmatched:
            raise ValueError(f"std columns {unmatched} match no STB or MTB column.")

        def _stack(labels, source):
            if not any(label in source for label in labels):
                return None
            n_tasks = len(results.index)
            return np.column_stack(
                [source.get(label, np.full(n_tasks, np.nan)) for label in labels]
            )

        display = cls(
            task_names=[str(task) for task in results.index],
            stb_errors=_stack(stb_labels, means),
            mtb_errors=_stack(mtb_labels, means),
            stb_std=_stack(stb_labels, stds),
            mtb_std=_stack(mtb_labels, stds),
            stb_labels=stb_labels,
            mtb_labels=mtb_labels,
            error_name=error_name,
        )
        return display.plot(
            ax=ax, legend=legend, bar_kw=bar_kw, errorbar_kw=errorbar_kw
        )

    def _validated_arrays(self):
        names = [str(name) for name in self.task_names]
        n_tasks = len(names)

        def _as_2d(values, what):
            arr = np.asarray(values, dtype=float)
            if arr.ndim == 1:
                arr = arr[:, None]
            if arr.ndim != 2 or arr.shape[0] != n_tasks:
                raise ValueError(
                    f"{what} must have one row per task ({n_tasks}); got shape "
                    f"{np.shape(values)}."
                )
            return arr

        stb = _as_2d(self.stb_errors, "stb_errors")
        mtb = _as_2d(self.mtb_errors, "mtb_errors")
        stb_std = None if self.stb_std is None else _as_2d(self.stb_std, "stb_std")
        mtb_std = None if self.mtb_std is None else _as_2d(self.mtb_std, "mtb_std")
        for std, mean, what in ((stb_std, stb, "stb_std"), (mtb_std, mtb, "mtb_std")):
            if std is not None and std.shape != mean.shape:
                raise ValueError(
                    f"{what} has shape {std.shape}, but the errors it describes "
                    f"have shape {mean.shape}."
                )
        if self.stb_labels is None:
            stb_labels = [f"STB {j + 1}" for j in range(stb.shape[1])]
        else:
            stb_labels = [str(label) for label in self.stb_labels]
        if isinstance(self.mtb_labels, str):
            mtb_labels = [self.mtb_labels]
        else:
            mtb_labels = [str(label) for label in self.mtb_labels]
        if len(stb_labels) != stb.shape[1]:
            raise ValueError(
                f"stb_labels has {len(stb_labels)} labels for {stb.shape[1]} STB "
                "configurations."
            )
        if len(mtb_labels) != mtb.shape[1]:
            raise ValueError(
                f"mtb_labels has {len(mtb_labels)} labels for {mtb.shape[1]} MTB "
                "configurations."
            )
        return names, stb, mtb, stb_std, mtb_std, stb_labels, mtb_labels

    def plot(self, ax=None, *, legend=True, bar_kw=None, errorbar_kw=None):
        """Draw the bars.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on. None creates a figure.

        legend : bool, default=True
            Whether to draw a legend with one entry per STB and MTB
            configuration.

        bar_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.bar` for
            every bar.

        errorbar_kw : dict, default=None
            Keyword arguments passed as ``error_kw`` to
            :meth:`matplotlib.axes.Axes.bar` for the error bars.

        Returns
        -------
        display : ComparisonDisplay
            The display, with ``ax_``, ``figure_``, ``bars_``, ``errorbars_``
            and ``legend_`` set.
        """
        plt = _import_pyplot(f"{type(self).__name__}.plot")
        names, stb, mtb, stb_std, mtb_std, stb_labels, mtb_labels = (
            self._validated_arrays()
        )
        if ax is None:
            fig, ax = plt.subplots(figsize=(max(6.4, 1.1 * len(names) + 2), 4.8))
        fig = ax.figure
        bar_kw = {} if bar_kw is None else dict(bar_kw)
        errorbar_kw = {"capsize": 3, **({} if errorbar_kw is None else errorbar_kw)}

        n_stb, n_mtb = stb.shape[1], mtb.shape[1]
        n_bars = n_stb + n_mtb
        width = 0.8 / n_bars
        centers = np.arange(len(names), dtype=float)
        # STB configurations in graded blues, MTB in a contrasting orange/red.
        cmap = plt.get_cmap("Blues")
        stb_colors = [cmap(0.35 + 0.55 * j / max(1, n_stb - 1)) for j in range(n_stb)]
        mtb_colors = ["tab:orange", "tab:red", "tab:purple", "tab:brown"]

        series = [
            (stb_labels[j], stb[:, j], None if stb_std is None else stb_std[:, j],
             stb_colors[j])
            for j in range(n_stb)
        ] + [
            (mtb_labels[j], mtb[:, j], None if mtb_std is None else mtb_std[:, j],
             mtb_colors[j % len(mtb_colors)])
            for j in range(n_mtb)
        ]
        self.bars_, self.errorbars_ = {}, {}
        for j, (label, heights, std, color) in enumerate(series):
            offsets = centers - 0.4 + width * (j + 0.5)
            container = ax.bar(
                offsets,
                heights,
                width,
                yerr=std,
                label=label,
                **{"color": color, "edgecolor": "black", "linewidth": 0.5, **bar_kw},
                error_kw=errorbar_kw,
            )
            self.bars_[label] = container
            if std is not None:
                self.errorbars_[label] = container.errorbar

        ax.set_xticks(centers)
        ax.set_xticklabels(names, rotation=30 if len(names) > 4 else 0, ha="right"
                           if len(names) > 4 else "center")
        ax.set_xlabel("Task")
        ax.set_ylabel(f"Test {self.error_name}")
        self.legend_ = ax.legend(fontsize="small") if legend else None
        self.ax_ = ax
        self.figure_ = fig
        return self


def _is_config(name):
    """Whether a results column names an STB or MTB configuration."""
    return str(name).upper().startswith(("STB", "MTB"))
