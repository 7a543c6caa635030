"""Charts, drawn in the seaborn manner: ``plot_x(data, *, ax=None) -> Axes``, never ``show()``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

__all__ = ["ROLE_STYLE", "plot_muscle_matrix"]

# Dark, middle and light greys-blues with a letter in each cell, so the roles stay
# distinct in greyscale print and for colour-blind readers.
ROLE_STYLE = {
    "primary": ("#1d4e89", "P", "white"),
    "secondary": ("#6fa8dc", "S", "black"),
    "stabiliser": ("#d9e6f2", "s", "black"),
}


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

    rows = (
        [exercise_names.get(i, i) for i in matrix.index]
        if exercise_names is not None
        else matrix.index
    )
    cols = (
        [muscle_names.get(i, i) for i in matrix.columns]
        if muscle_names is not None
        else matrix.columns
    )
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), rows)
    if highlight in matrix.index:
        label = ax.get_yticklabels()[list(matrix.index).index(highlight)]
        label.set_fontweight("bold")
        label.set_text("▶ " + label.get_text())
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#bbbbbb", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.set_title("Muscles each exercise works")
    ax.set_xlabel("Muscle")
    ax.set_ylabel("Exercise")
    handles = [
        Patch(facecolor=colour, edgecolor="#555555", label=f"{letter}  {role}")
        for role, (colour, letter, _) in ROLE_STYLE.items()
    ]
    ax.legend(handles=handles, title="Role", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def _labels(ids: pd.Index, names: pd.Series | None) -> list[str]:
    return [names.get(i, i) for i in ids] if names is not None else list(ids)
