"""The chart of a client's function: each activity they named, and their average, over
time, with the band inside which a change of the average may be noise."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from upperback.function_checks import FunctionCheck
from upperback.function_words import MEAN, function_frame, function_lines, function_sentence
from upperback.html import chart_html
from upperback.palette import EMPTY_CELL, INK, LIGHT, NOTE_INK
from upperback.rules.function import FUNCTION_RANGE, MEAN_REAL_CHANGE

__all__ = ["function_html", "function_table", "plot_function"]

MARKERS = ("o", "s", "D", "v", "P", "X", "<", ">")  # one per activity: shape, not colour


def plot_function(checks: Sequence[FunctionCheck], *, ax: Axes | None = None) -> Axes:
    """Each activity's rating (thin lines, a marker shape each), the average (a thick line)
    and, shaded, the band of :data:`~upperback.rules.MEAN_REAL_CHANGE` points either side of
    the first average: an average outside it has changed for real.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> ax = plot_function([FunctionCheck("Sam", datetime(2026, 3, 2, tzinfo=UTC),
    ...                                   (("Driving", 3), ("Lifting", 5), ("Reaching", 4)))])
    >>> ax.get_title()
    'What your back lets you do'
    """
    ax = ax if ax is not None else plt.gca()
    ax.set_title("What your back lets you do")
    if not checks:
        ax.text(
            0.5,
            0.5,
            "Rate your activities to see them here.",
            ha="center",
            va="center",
            color=NOTE_INK,
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return ax
    frame = function_frame(checks)
    frame["when"] = frame["checked_at"].dt.tz_localize(None)
    low, high = FUNCTION_RANGE
    mean = _draw(ax, frame)
    ax.set_ylim(low - 0.3, high + 0.3)
    ax.set_yticks(range(low, high + 1, 2))
    ax.set(ylabel="0 can't do it · 10 as before", xlabel="Date")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    if len(mean) == 1:
        ax.set_xticks(list(mean["when"]), [pd.Timestamp(mean["when"].iloc[0]).strftime("%d %b")])
    ax.figure.autofmt_xdate()
    return ax


def _draw(ax: Axes, frame: pd.DataFrame) -> pd.DataFrame:
    """The band, each activity and the average; returns the average's rows."""
    low, high = FUNCTION_RANGE
    first = frame.loc[frame["activity"] == MEAN, "rating"].iloc[0]
    band = (max(low, first - MEAN_REAL_CHANGE), min(high, first + MEAN_REAL_CHANGE))
    label = f"maybe noise: within {MEAN_REAL_CHANGE} points of the first average"
    ax.axhspan(*band, color=EMPTY_CELL, zorder=0, label=label)
    activities = [name for name in dict.fromkeys(frame["activity"]) if name != MEAN]
    for marker, name in zip(MARKERS, activities, strict=False):
        rows = frame[frame["activity"] == name]
        ax.plot(
            rows["when"],
            rows["rating"].astype(float),
            marker=marker,
            color=LIGHT,
            markeredgecolor=INK,
            linewidth=1,
            label=name,
        )
    mean = frame[frame["activity"] == MEAN]
    ax.plot(
        mean["when"],
        mean["rating"].astype(float),
        color=INK,
        linewidth=3,
        marker="o",
        label="average",
    )
    return mean


def function_table(checks: Sequence[FunctionCheck]) -> pd.DataFrame:
    """The chart's data as a table for people: date, activity, rating."""
    frame = function_frame(checks)
    frame["checked_at"] = frame["checked_at"].dt.strftime("%-d %b %Y")
    return frame.rename(
        columns={"checked_at": "Date", "activity": "Activity", "rating": "Rating (0-10)"}
    )


def function_html(
    checks: Sequence[FunctionCheck], *, about: str | None = None, heading: str = "h3"
) -> str:
    """The activities in words and their chart (alt text, and its table), as one HTML
    fragment: for the coach's dashboard (``about`` the client) and the report.

    Examples
    --------
    >>> function_html([], about="Sam")
    '<h3>Activities</h3><p>Sam has not rated their activities yet.</p>'
    """
    first, *each = function_lines(checks, about=about)
    items = "".join(f"<li>{escape(line)}</li>" for line in each)
    page = f"<{heading}>Activities</{heading}><p>{escape(first)}</p>"
    if not checks:
        return page
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3.5), layout="constrained")
    plot_function(checks, ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    tables = {"Activities": function_table(checks)}
    return (
        page
        + f"<ul>{items}</ul>"
        + chart_html(buffer.getvalue(), function_sentence(checks), tables)
    )
