"""The chart of a client's function: each activity they named, and their average, over
time, with the band inside which a change of the average may be noise."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from upperback.function_checks import FunctionCheck
from upperback.function_words import MEAN, function_frame
from upperback.palette import EMPTY_CELL, INK, LIGHT, NOTE_INK
from upperback.rules.function import FUNCTION_RANGE, MEAN_REAL_CHANGE

__all__ = ["plot_function"]

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
