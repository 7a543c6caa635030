"""Charts, drawn in the seaborn manner: ``plot_x(data, *, ax=None) -> Axes``, never ``show()``."""

from __future__ import annotations

import textwrap
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

from upperback.muscle_charts import cell_grid, id_labels, plot_muscle_matrix
from upperback.palette import (
    CALENDAR_SHADES,
    EMPTY_CELL,
    INK,
    LIGHT,
    NO_PLAN,
    NOTE_INK,
    QUIET,
    ROLE_STYLE,
    WARN,
)
from upperback.rules.pain import ROLLING_SESSIONS, WARNING_LABEL, important_drop_target, trend_wait

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
    "png_of",
    "progress_figure",
]


# -- progress ------------------------------------------------------------------------------
# Marker shapes and line styles as well as shades, so every chart reads in greyscale. Every
# chart has a state for no data: its title kept and, in its place, a sentence of what to do.
# Legends stand right of their axes, where they cannot cover what they explain.

PROGRESS_FIGSIZE = (15, 13)  # inches: six charts in two columns, each legend beside its chart
MIN_WEEKS = 8  # charts by week show at least this many, so one week is not stretched wide
WEEK_LABELS = 8  # over this many weeks, every week keeps its tick and every few a label
PAIN_TOP = 10.3  # the pain axes stop just above the scale ...
NOTE_TOP = 12.4  # ... or keep a band above it for a note, where no score can fall
MARK_TOP, MARK_FONT = 11.4, 8  # a narrower band for the routine's versions alone
EDGE_ROOM = 0.04  # share of the date range kept between a change's line and the axes' edge


def _empty(ax: Axes, title: str, sentence: str) -> Axes:
    """A chart without data: its title kept, and what to do written in its place."""
    ax.set(title=title, xticks=[], yticks=[])
    plt.setp(ax.spines.values(), edgecolor="#d1d5db")  # the chart's place, quietly framed
    middle = {"ha": "center", "va": "center", "transform": ax.transAxes}
    ax.text(0.5, 0.5, textwrap.fill(sentence, 42), fontsize=11, color=NOTE_INK, **middle)
    return ax


def _legend_beside(ax: Axes, handles: list | None = None, **options) -> None:
    """The legend right of the axes, top-aligned, so it never covers data."""
    ax.legend(handles=handles or ax.get_legend_handles_labels()[0], loc="upper left",
              bbox_to_anchor=(1.02, 1), borderaxespad=0, fontsize=8, **options)  # fmt: skip


def _weekly(ax: Axes, first_monday: pd.Timestamp, weeks: int, *, prefix: str = "Week of ") -> None:
    """A tick for each week at x = 0, 1, ..., labelled by its Monday (every few, if many)."""
    mondays = pd.date_range(first_monday, periods=weeks, freq="7D")
    ax.set_xticks(range(weeks), minor=True)
    shown = range(0, weeks, -(-weeks // WEEK_LABELS))  # a label every few weeks, if many
    ax.set_xticks(shown, [f"{prefix}{mondays[i].day} {mondays[i]:%b}" for i in shown],
                  rotation=30, ha="right", rotation_mode="anchor")  # fmt: skip


def _dated(ax: Axes, when: pd.Series) -> None:
    """Concise date ticks; a few days of data are shown within a week around them."""
    low, high = mdates.date2num(when.min()), mdates.date2num(when.max())
    if high - low < 6:
        ax.set_xlim((low + high) / 2 - 3.5, (low + high) / 2 + 3.5)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _naive(times: pd.Series) -> pd.Series:
    return times.dt.tz_convert("UTC").dt.tz_localize(None)


def plot_pain_trend(
    trend: pd.DataFrame, *, versions: pd.DataFrame | None = None, ax: Axes | None = None
) -> Axes:
    """Pain before each session, its rolling mean, the baseline, and the line of real change.

    ``trend`` is one client's :func:`upperback.analysis.pain_trend`. The dashed line is the
    baseline; the dotted line is where a drop becomes clinically important (2 points, or
    30% and at least 1 point, whichever comes first; no line below a baseline of 2, where
    pain was already low); red triangles mark sessions with a safety warning. Until the
    scores span :data:`upperback.rules.TREND_DAYS`, only the scores are drawn, with a note
    of what to do in a band above them. ``versions``, the routine's changes
    (:func:`upperback.routine_history.client_versions`), are dash-dotted lines labelled
    "v2", "v3"... at the top, so a change of dose can be read against the pain after it.
    """
    ax = ax if ax is not None else plt.gca()
    title = "Pain over time"
    scored = trend.loc[trend["pain_before"].notna(), "started_at"] if len(trend) else trend
    if scored.empty:
        return _empty(ax, title, "Score your pain before a session to see it here.")
    when = _naive(trend["started_at"])
    ax.plot(when, trend["pain_before"].astype(float), "o", color=LIGHT, markeredgecolor=INK,
            markersize=5, zorder=4, label="pain before session")  # fmt: skip
    wait = trend_wait((scored.max() - scored.min()) / pd.Timedelta(days=1))
    changed = _naive(versions["date"]) if versions is not None else when.iloc[:0]
    top = (NOTE_TOP if wait else PAIN_TOP) + (MARK_TOP - PAIN_TOP if len(changed) else 0)
    if wait:  # the note's band; the versions' labels, if any, stand above it
        ax.axhspan(PAIN_TOP, top, color=EMPTY_CELL, zorder=0)
        ax.text(0.5, (PAIN_TOP + NOTE_TOP) / 2, wait, ha="center", va="center", fontsize=10,
                color=NOTE_INK, transform=ax.get_yaxis_transform(), zorder=5,
                bbox={"facecolor": EMPTY_CELL, "edgecolor": "none"})  # fmt: skip
    else:
        _trend_lines(ax, trend, when)
    warned = trend["warning"].astype(bool)
    if warned.any():
        worst = trend.loc[warned, ["pain_before", "pain_after"]].astype(float).max(axis=1)
        ax.plot(when[warned], worst, "^", color=WARN, markersize=11,  # a score stays visible
                label=f"safety warning ({WARNING_LABEL})")  # fmt: skip
    ax.set_ylim(-0.3, top)
    ax.set_yticks(range(0, 11, 2))
    ax.set(ylabel="Pain (0-10)", xlabel="Date", title=title)
    _dated(ax, pd.concat([when, changed]))  # a change after the last session is in sight
    if len(changed):
        _version_marks(ax, changed, versions["version"], top)
    _legend_beside(ax)
    ax.grid(axis="y", alpha=0.3)
    return ax


def _version_marks(ax: Axes, changed: pd.Series, numbers: pd.Series, top: float) -> None:
    """A line at each routine change and its version at the top; close ones share a label."""
    for index, when in enumerate(changed):
        ax.axvline(when, color=QUIET, linestyle="-.", linewidth=1.3, zorder=1,
                   label="_nolegend_" if index else "routine changed")  # fmt: skip
    low, high = ax.get_xlim()
    inset = (high - low) * EDGE_ROOM  # a change at an edge keeps room for its label
    dates = mdates.date2num(changed)
    low, high = min(low, dates.min() - inset), max(high, dates.max() + inset)
    ax.set_xlim(low, high)
    places = (dates - low) / (high - low)
    for centre, label in _mark_labels(sorted(zip(places, numbers, strict=True)), _char_width(ax)):
        ax.text(centre, top - 0.25, label, ha="center", va="top", fontsize=MARK_FONT,
                color=NOTE_INK, zorder=6, transform=ax.get_yaxis_transform(),
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})  # fmt: skip


def _char_width(ax: Axes) -> float:
    """About how much of the axes' width a character of a label takes, erring wide: a
    constrained layout narrows the axes after this, to make room for the legend."""
    inches = ax.get_window_extent().width / ax.figure.dpi
    return 1.5 * 0.6 * MARK_FONT / max(inches * 72, 1)


def _mark_labels(marks: list[tuple[float, int]], char: float) -> list[tuple[float, str]]:
    """Labels ("v2", or "v2–4" for changes too close to label apart) and where they go."""
    groups: list[list[tuple[float, int]]] = []
    for mark in marks:
        if groups and _reach([mark], char)[0] < _reach(groups[-1], char)[1]:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    return [((group[0][0] + group[-1][0]) / 2, _group_label(group)) for group in groups]


def _group_label(group: list[tuple[float, int]]) -> str:
    first, last = min(n for _, n in group), max(n for _, n in group)
    return f"v{first}" if first == last else f"v{first}–{last}"


def _reach(group: list[tuple[float, int]], char: float) -> tuple[float, float]:
    """Where a group's label starts and ends, in the axes' width (a character's room spare)."""
    centre, half = (group[0][0] + group[-1][0]) / 2, (len(_group_label(group)) + 1) * char / 2
    return centre - half, centre + half


def _trend_lines(ax: Axes, trend: pd.DataFrame, when: pd.Series) -> None:
    """The rolling mean, the baseline and the level of a clinically important drop."""
    ax.plot(when, trend["rolling"].astype(float), "-", color=INK, linewidth=2.2,
            label=f"rolling mean ({ROLLING_SESSIONS} sessions)")  # fmt: skip
    baseline = trend["baseline"].dropna()
    if len(baseline):
        level = float(baseline.iloc[0])
        target = important_drop_target(level)  # none below a baseline of 2: already low
        low = " (already low)" if target is None else ""
        line = {"color": "#444444", "linewidth": 1}
        ax.axhline(level, linestyle="--", label=f"baseline {level:.1f}{low}", **line)
        if target is not None:
            important = f"clinically important drop ({target:.1f})"
            ax.axhline(target, linestyle=":", label=important, **{**line, "linewidth": 1.4})


def plot_pain_before_after(sessions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Pain before and after each session, joined by a line: did the session help today?"""
    ax = ax if ax is not None else plt.gca()
    title = "Pain before and after each session"
    scored = sessions.dropna(subset=["pain_before", "pain_after"]) if len(sessions) else sessions
    if scored.empty:
        return _empty(ax, title, "Score your pain before and after a session to see if it helped.")
    when = _naive(scored["started_at"])
    before, after = scored["pain_before"].astype(float), scored["pain_after"].astype(float)
    ax.vlines(when, before, after, color="#888888", linewidth=1)
    ax.plot(when, before, "o", color=LIGHT, markeredgecolor=INK, markersize=5, label="before")
    ax.plot(when, after, "s", color=INK, markersize=4, label="after")
    ax.set_ylim(-0.3, PAIN_TOP)
    ax.set(ylabel="Pain (0-10)", xlabel="Date", title=title)
    _dated(ax, when)
    _legend_beside(ax)
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_adherence(weekly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Sessions each week against the prescribed number (one client's weekly adherence).

    A week without sessions is marked 0; a week whose sessions carried no routine has no
    target, and its bar says so.
    """
    ax = ax if ax is not None else plt.gca()
    title = "Sessions each week against the plan"
    if weekly.empty:
        return _empty(ax, title, "Log a session to see your weeks against the plan.")
    weeks = np.arange(len(weekly))
    done = weekly["sessions"].to_numpy(dtype=float)
    target = weekly["target"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    kinds = {
        "target met": (done >= target, INK, INK, None),
        "below target": (done < target, LIGHT, INK, None),
        "no plan set": (np.isnan(target), NO_PLAN, QUIET, "//"),
    }
    for label, (chosen, face, edge, hatch) in kinds.items():
        if (shown := chosen & (done > 0)).any():
            ax.bar(weeks[shown], done[shown], width=0.7, color=face, edgecolor=edge,
                   hatch=hatch, label=label)  # fmt: skip
    for week in weeks[done == 0]:
        ax.text(week, 0.03, "0", ha="center", va="bottom", fontsize=8, color=QUIET)
    if not np.isnan(target).all():  # each week's plan as a step, visible for a single week
        edges = np.repeat(np.arange(len(weeks) + 1) - 0.5, 2)[1:-1]
        ax.plot(edges, np.repeat(target, 2), color=WARN, linestyle="--", linewidth=2,
                zorder=3, label="prescribed")  # fmt: skip
    ax.set_xlim(-0.6, max(len(weeks), MIN_WEEKS) - 0.4)
    ax.set_ylim(0, np.nanmax([*done, *target]) + 1)
    _weekly(ax, pd.Timestamp(weekly["week"].iloc[0]), max(len(weeks), MIN_WEEKS))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(ylabel="Sessions per week", title=title)
    _legend_beside(ax)
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_calendar(sessions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A calendar of sessions: one column per week, one row per weekday, darker = more.

    At least :data:`MIN_WEEKS` columns are drawn; the days after the last session are blank.
    """
    ax = ax if ax is not None else plt.gca()
    title = "Calendar of sessions"
    if sessions.empty:
        return _empty(ax, title, "Log a session to start your calendar.")
    days = _naive(sessions["started_at"]).dt.normalize()
    counts = days.value_counts()
    first = days.min() - pd.Timedelta(days=days.min().weekday())
    span = pd.date_range(first, days.max(), freq="D")
    weeks = max((len(span) - 1) // 7 + 1, MIN_WEEKS)
    grid = np.full((7, weeks), np.nan)
    for day in span:
        grid[day.weekday(), (day - first).days // 7] = min(counts.get(day, 0), 3)
    shades = list(CALENDAR_SHADES.values())
    # Cells fill the chart's slot, so a year of weeks still leaves the weekdays readable.
    ax.imshow(grid, cmap=ListedColormap(shades), vmin=-0.5, vmax=3.5, aspect="auto")
    ax.set_yticks(range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    _weekly(ax, first, weeks, prefix="")
    cell_grid(ax, 7, weeks)
    ax.set(title=title, xlabel="Week of")
    drawn = set(np.unique(grid[~np.isnan(grid)]).astype(int))
    handles = [Patch(facecolor=shade, edgecolor="#999999", label=text)
               for level, (text, shade) in enumerate(CALENDAR_SHADES.items()) if level in drawn]  # fmt: skip
    _legend_beside(ax, handles, title="sessions a day")
    return ax


def plot_muscle_work(work: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Time under tension per muscle, primary and secondary work stacked apart."""
    ax = ax if ax is not None else plt.gca()
    title = "Work per muscle"
    moved = work[work["role"].isin(["primary", "secondary"])] if len(work) else work
    if moved.empty or not (moved["tension_seconds"] > 0).any():
        return _empty(ax, title, "No sets done yet: finish a set to see which muscles worked.")
    label = "name" if "name" in work else "muscle"
    table = moved.pivot_table(index=label, columns="role", values="tension_seconds",
                              aggfunc="sum", fill_value=0, observed=True)  # fmt: skip
    minutes = table.reindex(columns=[r for r in ("primary", "secondary") if r in table]) / 60
    totals = minutes.sum(axis=1)
    order = totals[totals > 0].sort_values().index  # muscles only held steady are left out
    left = np.zeros(len(order))
    for role, hatch in (("primary", None), ("secondary", "///")):
        if role in minutes:
            values = minutes.loc[order, role].to_numpy()
            ax.barh(order, values, left=left, color=ROLE_STYLE[role][0], hatch=hatch,
                    edgecolor="#333333", linewidth=0.4, label=role)  # fmt: skip
            left += values
    ax.set(xlabel="Time under tension (minutes)", title=title)
    _legend_beside(ax, title="role")
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_left_right(balance: pd.DataFrame, *, exercise_names: pd.Series | None = None,
                    ax: Axes | None = None) -> Axes:  # fmt: skip
    """Work done on the left against the right for each one-sided move that was done."""
    ax = ax if ax is not None else plt.gca()
    title = "Left against right"
    if len(balance):
        balance = balance[balance["left_work"] + balance["right_work"] > 0]
    if balance.empty:
        return _empty(ax, title, "No one-sided sets done yet: finish a move done one side at "
                      "a time to compare your left and right.")  # fmt: skip
    names = id_labels(pd.Index(balance["exercise"]), exercise_names)
    y = np.arange(len(balance))
    ax.barh(y - 0.2, balance["left_work"], height=0.4, color=INK, label="left")
    ax.barh(y + 0.2, balance["right_work"], height=0.4, color=LIGHT, edgecolor=INK, hatch="..",
            label="right")  # fmt: skip
    longest = balance[["left_work", "right_work"]].max(axis=1)
    for row, ratio, end in zip(y, balance["balance"], longest, strict=True):
        if pd.notna(ratio):
            ax.text(end, row, f"  left/right {ratio:.2f}", va="center", ha="left", fontsize=9)
    ax.set_xlim(0, float(longest.max()) * 1.35)
    ax.set_yticks(y, names)
    ax.set(xlabel="Work done (reps, or seconds held)", title=title)
    _legend_beside(ax)
    ax.grid(axis="x", alpha=0.3)
    return ax


@dataclass(frozen=True)
class ProgressFigure:
    """One client's progress charts on one figure, each axes under its own name."""

    figure: Figure
    axes: dict[str, Axes]

    def _repr_png_(self):  # a notebook shows the figure when this is a cell's result
        return png_of(self.figure)


def png_of(figure: Figure, *, dpi: float = 100) -> bytes:
    """A figure as PNG bytes, cropped to what is drawn, for a page to show with its words."""
    from io import BytesIO

    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def progress_figure(progress: Progress, library, *, figure: Figure | None = None) -> ProgressFigure:
    """Draw every chart of a :class:`upperback.progress.Progress` on one figure.

    Draws on ``figure`` when given (a view passes a bare Figure it turns into an image);
    otherwise on a new pyplot figure, which a notebook shows below the cell. The numbers
    all come from ``progress``: nothing is computed here. A chart without data says what
    to do in its place, so a new client sees every chart's title and how to fill it.
    """
    if figure is None:
        figure = plt.figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
    names = ("pain", "before_after", "weekly", "calendar", "muscles", "sides")
    axes = dict(zip(names, figure.subplots(3, 2).flat, strict=True))
    plot_pain_trend(progress.trend, versions=progress.versions, ax=axes["pain"])
    plot_pain_before_after(progress.sessions, ax=axes["before_after"])
    plot_adherence(progress.weekly, ax=axes["weekly"])
    plot_calendar(progress.sessions, ax=axes["calendar"])
    plot_muscle_work(progress.muscle_work, ax=axes["muscles"])
    plot_left_right(progress.left_right, exercise_names=library.exercises["name"],
                    ax=axes["sides"])  # fmt: skip
    if progress.client:
        figure.suptitle(progress.client, fontsize=15)
    return ProgressFigure(figure, axes)
