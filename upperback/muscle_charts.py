"""The chart of which muscles each exercise works, and the cell grid it shares with others.

Kept apart from :mod:`upperback.plots` (which offers it too) because it draws the tables, not
a client's progress.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from upperback.palette import ROLE_STYLE

__all__ = ["cell_grid", "id_labels", "plot_muscle_matrix"]


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

    rows, cols = id_labels(matrix.index, exercise_names), id_labels(matrix.columns, muscle_names)
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), rows)
    if highlight in matrix.index:
        label = ax.get_yticklabels()[list(matrix.index).index(highlight)]
        label.set_fontweight("bold")
        label.set_text("▶ " + label.get_text())
    cell_grid(ax, len(rows), len(cols))
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


def cell_grid(ax: Axes, rows: int, cols: int) -> None:
    """Thin lines between the cells of a matrix drawn with imshow."""
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#bbbbbb", linewidth=0.5)
    ax.tick_params(which="minor", length=0)


def id_labels(ids: pd.Index, names: pd.Series | None) -> list[str]:
    """The names to show for ids (the ids themselves where no name is known)."""
    return [names.get(i, i) for i in ids] if names is not None else list(ids)
