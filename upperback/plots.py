"""Charts, drawn in the seaborn manner: ``plot_x(data, *, ax=None) -> Axes``, never ``show()``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from upperback.palette import INK, LIGHT, ROLE_STYLE, WARN
from upperback.rules import ROLLING_SESSIONS, WARNING_LABEL, important_drop_target

if TYPE_CHECKING:  # plots draw a Progress; they never make one
    from upperback.progress import Progress

__all__ = [
    "ProgressFigure",
    "plot_adherence",
    "plot_calendar",
    "plot_left_right",
    "plot_muscle_matrix",
    "plot_muscle_work",
    "plot_pain_before_after",
    "plot_pain_trend",
    "progress_figure",
]


def plot_muscle_matrix(
    matrix: pd.DataFrame,
    *,
    exercise_names: pd.Series | None = None,
    muscle_names: pd.Series | None = None,
    highlight: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw which muscles each exercise works, primary, secondary and stabiliser told apart.

    Parameters
    ----------
    matrix : pandas.DataFrame
        From :func:`upperback.muscle_matrix`: exercises as rows, muscles as columns, roles
        (or missing) in the cells.
    exercise_names, muscle_names : pandas.Series, default=None
        Labels to show instead of ids (the ``name`` columns of the tables).
    highlight : str, default=None
        An exercise id whose row label is drawn in bold (the one a person has chosen).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; the current axes when not given.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import upperback
    >>> ax = plot_muscle_matrix(upperback.muscle_matrix(["plank", "pull-up"]))
    >>> ax.get_title()
    'Muscles each exercise works'
    """
    ax = ax if ax is not None else plt.gca()
    roles = list(ROLE_STYLE)[::-1]  # stabiliser, secondary, primary: codes 0, 1, 2
    codes = np.full(matrix.shape, np.nan)
    for code, role in enumerate(roles):
        codes[(matrix == role).to_numpy()] = code
    colours = ListedColormap([ROLE_STYLE[r][0] for r in roles])
    ax.imshow(np.ma.masked_invalid(codes), cmap=colours, vmin=-0.5, vmax=2.5, aspect="auto")

    for (row, col), code in np.ndenumerate(codes):
        if not np.isnan(code):
            _, letter, ink = ROLE_STYLE[roles[int(code)]]
            ax.text(col, row, letter, ha="center", va="center", color=ink, fontsize=8)

    rows, cols = _labels(matrix.index, exercise_names), _labels(matrix.columns, muscle_names)
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), rows)
    if highlight in matrix.index:
        label = ax.get_yticklabels()[list(matrix.index).index(highlight)]
        label.set_fontweight("bold")
        label.set_text("▶ " + label.get_text())
    _cell_grid(ax, len(rows), len(cols))
    ax.set_title("Muscles each exercise works")
    ax.set_xlabel("Muscle")
    ax.set_ylabel("Exercise")
    ax.legend(handles=_role_handles(), title="Role", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def _role_handles() -> list[Patch]:
    return [
        Patch(facecolor=colour, edgecolor="#555555", label=f"{letter}  {role}")
        for role, (colour, letter, _) in ROLE_STYLE.items()
    ]


def _cell_grid(ax: Axes, rows: int, cols: int) -> None:
    """Thin lines between the cells of a matrix drawn with imshow."""
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#bbbbbb", linewidth=0.5)
    ax.tick_params(which="minor", length=0)


def _labels(ids: pd.Index, names: pd.Series | None) -> list[str]:
    return [names.get(i, i) for i in ids] if names is not None else list(ids)


# -- progress ------------------------------------------------------------------------------
# Marker shapes and line styles as well as shades, so every chart reads in greyscale.


def _dated(ax: Axes, when: pd.Series | None = None) -> None:
    """Concise date ticks; a few days of data are shown within a week around them."""
    if when is not None and len(when):
        low, high = mdates.date2num(when.min()), mdates.date2num(when.max())
        if high - low < 6:
            middle = (low + high) / 2
            ax.set_xlim(middle - 3.5, middle + 3.5)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _naive(times: pd.Series) -> pd.Series:
    return times.dt.tz_convert("UTC").dt.tz_localize(None)


def plot_pain_trend(trend: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Pain before each session, its rolling mean, the baseline, and the line of real change.

    ``trend`` is one client's :func:`upperback.analysis.pain_trend`. The dashed line is the
    baseline; the dotted line is where a drop becomes clinically important (2 points or
    30%, whichever comes first); red triangles mark sessions with a safety warning.
    """
    ax = ax if ax is not None else plt.gca()
    when = _naive(trend["started_at"])
    pain = trend["pain_before"].astype(float)
    ax.plot(
        when, pain, "o", color=LIGHT, markeredgecolor=INK, markersize=4, label="pain before session"
    )
    ax.plot(
        when,
        trend["rolling"].astype(float),
        "-",
        color=INK,
        linewidth=2.2,
        label=f"rolling mean ({ROLLING_SESSIONS} sessions)",
    )
    baseline = trend["baseline"].dropna()
    if len(baseline):
        level = float(baseline.iloc[0])
        target = important_drop_target(level)
        ax.axhline(
            level, color="#444444", linestyle="--", linewidth=1, label=f"baseline {level:.1f}"
        )
        ax.axhline(target, color="#444444", linestyle=":", linewidth=1.4,
                   label=f"clinically important drop ({target:.1f})")  # fmt: skip
    warned = trend["warning"].astype(bool)
    if warned.any():
        worst = trend.loc[warned, ["pain_before", "pain_after"]].astype(float).max(axis=1)
        ax.plot(
            when[warned],
            worst,
            "^",
            color=WARN,
            markersize=8,
            label=f"safety warning ({WARNING_LABEL})",
        )
    ax.set_ylim(-0.3, 10.3)
    ax.set_ylabel("Pain (0-10)")
    ax.set_xlabel("Date")
    ax.set_title("Pain over time")
    _dated(ax, when)
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_pain_before_after(sessions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Pain before and after each session, joined by a line: did the session help today?"""
    ax = ax if ax is not None else plt.gca()
    scored = sessions.dropna(subset=["pain_before", "pain_after"])
    when = _naive(scored["started_at"])
    before, after = scored["pain_before"].astype(float), scored["pain_after"].astype(float)
    ax.vlines(when, before, after, color="#888888", linewidth=1)
    ax.plot(when, before, "o", color=LIGHT, markeredgecolor=INK, markersize=5, label="before")
    ax.plot(when, after, "s", color=INK, markersize=4, label="after")
    ax.set_ylim(-0.3, 10.3)
    ax.set_ylabel("Pain (0-10)")
    ax.set_xlabel("Date")
    ax.set_title("Pain before and after each session")
    _dated(ax, when)
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_adherence(weekly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Sessions each week against the prescribed number (one client's weekly adherence)."""
    ax = ax if ax is not None else plt.gca()
    met = weekly["met"].fillna(False).astype(bool)
    ax.bar(weekly["week"], weekly["sessions"], width=5, color=[INK if m else LIGHT for m in met],
           edgecolor=INK, hatch=None)  # fmt: skip
    ax.step(weekly["week"], weekly["target"].astype(float), where="mid", color=WARN, linestyle="--",
            linewidth=1.5, label="prescribed")  # fmt: skip
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Sessions per week")
    ax.set_xlabel("Week starting")
    ax.set_title("Sessions each week against the plan")
    handles = [
        Patch(facecolor=INK, label="target met"),
        Patch(facecolor=LIGHT, edgecolor=INK, label="below target"),
        *ax.get_legend_handles_labels()[0],
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=8)
    _dated(ax)
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_calendar(sessions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A calendar of sessions: one column per week, one row per weekday, darker = more."""
    ax = ax if ax is not None else plt.gca()
    days = _naive(sessions["started_at"]).dt.normalize()
    counts = days.value_counts()
    first = days.min() - pd.Timedelta(days=days.min().weekday())
    span = pd.date_range(first, days.max(), freq="D")
    grid = np.full((7, len(span) // 7 + 1), np.nan)
    for day in span:
        week = (day - first).days // 7
        grid[day.weekday(), week] = counts.get(day, 0)
    shades = ListedColormap(["#f3f4f6", LIGHT, INK, "#0b2545"])
    ax.imshow(grid, cmap=shades, vmin=-0.5, vmax=3.5, aspect="equal")
    ax.set_yticks(range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    weeks = range(0, grid.shape[1], max(1, grid.shape[1] // 8))
    ax.set_xticks(list(weeks), [(first + pd.Timedelta(weeks=w)).strftime("%d %b") for w in weeks])
    ax.set_title("Calendar of sessions")
    ax.set_xlabel("Week starting")
    handles = [Patch(facecolor=c, edgecolor="#999999", label=t) for c, t in
               zip(["#f3f4f6", LIGHT, INK, "#0b2545"], ["none", "1", "2", "3+"], strict=True)]  # fmt: skip
    ax.legend(
        handles=handles, title="sessions", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8
    )
    return ax


def plot_muscle_work(work: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Time under tension per muscle, primary and secondary work stacked apart."""
    ax = ax if ax is not None else plt.gca()
    label = "name" if "name" in work else "muscle"
    table = work.pivot_table(index=label, columns="role", values="tension_seconds", aggfunc="sum",
                             fill_value=0, observed=True)  # fmt: skip
    table = table.reindex(columns=[r for r in ("primary", "secondary") if r in table.columns])
    minutes = table / 60
    totals = minutes.sum(axis=1)
    order = totals[totals > 0].sort_values().index  # muscles only held steady are left out
    left = np.zeros(len(order))
    for role, hatch in (("primary", None), ("secondary", "///")):
        if role in minutes:
            values = minutes.loc[order, role].to_numpy()
            ax.barh(order, values, left=left, color=ROLE_STYLE[role][0], hatch=hatch,
                    edgecolor="#333333", linewidth=0.4, label=role)  # fmt: skip
            left += values
    ax.set_xlabel("Time under tension (minutes)")
    ax.set_title("Work per muscle")
    ax.legend(title="role", loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_left_right(balance: pd.DataFrame, *, exercise_names: pd.Series | None = None,
                    ax: Axes | None = None) -> Axes:  # fmt: skip
    """Work done on the left against the right for each one-sided move."""
    ax = ax if ax is not None else plt.gca()
    names = _labels(pd.Index(balance["exercise"]), exercise_names)
    y = np.arange(len(balance))
    ax.barh(y - 0.2, balance["left_work"], height=0.4, color=INK, label="left")
    ax.barh(y + 0.2, balance["right_work"], height=0.4, color=LIGHT, edgecolor=INK, hatch="..",
            label="right")  # fmt: skip
    longest = balance[["left_work", "right_work"]].max(axis=1)
    for row, ratio, end in zip(y, balance["balance"], longest, strict=True):
        if pd.notna(ratio):
            ax.text(end, row, f"  left/right {ratio:.2f}", va="center", ha="left", fontsize=9)
    ax.set_xlim(0, float(longest.max() or 1) * 1.3)
    ax.set_yticks(y, names)
    ax.set_xlabel("Work done (reps, or seconds held)")
    ax.set_title("Left against right")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return ax


@dataclass(frozen=True)
class ProgressFigure:
    """One client's progress charts on one figure, each axes under its own name."""

    figure: Figure
    axes: dict[str, Axes]

    def _repr_png_(self):  # a notebook shows the figure when this is a cell's result
        from io import BytesIO

        buffer = BytesIO()
        self.figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def progress_figure(progress: Progress, library, *, figure: Figure | None = None) -> ProgressFigure:
    """Draw every chart of a :class:`upperback.analysis.Progress` on one figure.

    Draws on ``figure`` when given (a view passes a bare Figure it turns into an image);
    otherwise on a new pyplot figure, which a notebook shows below the cell. The numbers
    all come from ``progress``: nothing is computed here.
    """
    if figure is None:
        figure = plt.figure(figsize=(14, 13), layout="constrained")
    if progress.empty:
        figure.text(0.5, 0.5, "No sessions logged yet", ha="center", fontsize=16)
        return ProgressFigure(figure, {})
    grid = figure.subplots(3, 2)
    names = ("pain", "before_after", "weekly", "calendar", "muscles", "sides")
    axes = dict(zip(names, grid.flat, strict=True))
    plot_pain_trend(progress.trend, ax=axes["pain"])
    plot_pain_before_after(progress.sessions, ax=axes["before_after"])
    plot_adherence(progress.weekly, ax=axes["weekly"])
    plot_calendar(progress.sessions, ax=axes["calendar"])
    if len(progress.muscle_work):
        plot_muscle_work(progress.muscle_work, ax=axes["muscles"])
    if len(progress.left_right):
        plot_left_right(progress.left_right, exercise_names=library.exercises["name"],
                        ax=axes["sides"])  # fmt: skip
    else:
        axes["sides"].set_axis_off()
        axes["sides"].text(
            0.5, 0.5, "No one-sided moves logged", ha="center", transform=axes["sides"].transAxes
        )
    if progress.client:
        figure.suptitle(progress.client, fontsize=15)
    return ProgressFigure(figure, axes)
