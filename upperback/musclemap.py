"""A schematic muscle map: the back seen from behind, and the side for the muscles there.

Each muscle of muscles.csv is its own shape (both sides of the body where it is paired),
drawn in the view its ``view`` column names. The map highlights what an exercise or a
routine works, primary and secondary told apart, or colours muscles by logged volume.
Shapes are simplified for teaching, not anatomical drawings.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Patch, Polygon

from upperback.palette import ROLE_STYLE

__all__ = ["SHAPES", "plot_muscle_map", "roles_for"]

SIDE_VIEW_OFFSET = 125  # the side view is drawn to the right of the back view
MIDLINE = 50

# The back view's outline (from behind; x 0-100, y 0 at the top of the head).
BACK_OUTLINE = [
    (44, 20), (43, 27), (24, 32), (17, 38), (12, 70), (8, 100), (13, 101), (20, 72),
    (24, 52), (30, 92), (30, 112), (31, 176), (46, 176), (49, 120), (51, 120), (54, 176),
    (69, 176), (70, 112), (70, 92), (76, 52), (80, 72), (87, 101), (92, 100), (88, 70),
    (83, 38), (76, 32), (57, 27), (56, 20),
]  # fmt: skip
# The side view's outline, facing right (front of the body on the right).
SIDE_OUTLINE = [
    (46, 20), (44, 28), (40, 34), (38, 60), (40, 90), (42, 112), (44, 176), (58, 176),
    (64, 120), (66, 110), (76, 104), (77, 70), (72, 40), (60, 30), (56, 20),
]  # fmt: skip
SIDE_ARM = [(52, 34), (64, 35), (66, 64), (63, 96), (57, 96), (56, 64)]

# Each muscle: its view and the shapes of its right half (from behind: the viewer's right),
# mirrored across the spine for paired muscles; "whole" shapes are drawn once.
_HALF = {
    "latissimus-dorsi": [(52, 62), (62, 52), (73, 50), (75, 57), (69, 80), (57, 100), (52, 100)],
    "teres-major": [(63, 51), (72, 45), (74, 49), (65, 56)],
    "teres-minor": [(63, 46), (71, 41), (72, 44), (64, 49)],
    "rhomboid-minor": [(52, 36), (58, 35), (59, 39), (52, 42)],
    "rhomboid-major": [(52, 43), (59, 40), (61, 56), (52, 60)],
    "levator-scapulae": [(53, 21), (56, 21), (64, 36), (61, 37)],
    "erector-spinae": [(51, 38), (55, 38), (56, 108), (51, 108)],
    "multifidus": [(50.4, 84), (52, 84), (52, 110), (50.4, 110)],
    "quadratus-lumborum": [(56, 88), (62, 86), (63, 104), (56, 106)],
    "gluteus-maximus": [(51, 110), (66, 107), (70, 121), (64, 133), (51, 129)],
    "hamstrings": [(53, 135), (66, 135), (63, 170), (55, 170)],
}
_WHOLE = {
    "trapezius": [
        (50, 17),
        (54, 26),
        (74, 32),
        (62, 38),
        (54, 70),
        (50, 73),
        (46, 70),
        (38, 38),
        (26, 32),
        (46, 26),
    ],
}
_SIDE = {
    "serratus-anterior": [(58, 44), (68, 46), (71, 62), (63, 67), (58, 56)],
    "obliques": [(55, 68), (71, 66), (74, 92), (61, 99), (55, 88)],
    "rectus-abdominis": [(71, 56), (76, 58), (77, 103), (72, 104)],
    "transversus-abdominis": [(60, 93), (73, 92), (75, 103), (62, 107)],
    "gluteus-medius": [(44, 98), (55, 96), (57, 108), (46, 111)],
    "quadriceps": [(57, 118), (66, 115), (64, 160), (57, 160)],
    "biceps-brachii": [(59, 38), (65, 39), (64, 62), (59, 62)],
}


def _mirror(points):
    return [(2 * MIDLINE - x, y) for x, y in points]


def _shift(points, dx):
    return [(x + dx, y) for x, y in points]


# Drawn in this order: the trapezius first, so the deeper rhomboids stay visible on it.
SHAPES: dict[str, tuple[str, list[list[tuple[float, float]]]]] = {
    **{m: ("back", [p]) for m, p in _WHOLE.items()},
    **{m: ("back", [p, _mirror(p)]) for m, p in _HALF.items()},
    **{m: ("side", [_shift(p, SIDE_VIEW_OFFSET)]) for m, p in _SIDE.items()},
}

IDLE = "#eef0f3"  # muscles not worked: present, but quiet
NOTHING_DONE = (
    "No sets done yet, so no muscle has worked.\nFinish a set to see where the work went."
)


def roles_for(links: pd.DataFrame, exercises) -> pd.Series:
    """The strongest role each muscle plays across the given exercise ids.

    Examples
    --------
    >>> import upperback
    >>> links = upperback.load_exercise_muscles(user=False)
    >>> roles_for(links, ["can-openers"])["trapezius"]
    'primary'
    """
    chosen = links.reset_index()
    chosen = chosen[chosen["exercise"].isin(list(exercises))]
    return chosen.groupby("muscle", observed=True)["role"].max()


def plot_muscle_map(
    roles: pd.Series | None = None,
    *,
    values: pd.Series | None = None,
    names: pd.Series | None = None,
    label: bool = True,
    value_label: str = "volume",
    key: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw the map, highlighting muscles by role or colouring them by a value.

    Parameters
    ----------
    roles : pandas.Series, default=None
        Muscle id to role ("primary", "secondary", "stabiliser"), e.g. from
        :func:`roles_for`; the shade and hatching tell the roles apart.
    values : pandas.Series, default=None
        Muscle id to a number (such as minutes under tension); muscles are shaded by it,
        with a colour bar. Used instead of ``roles``; all 0 (only skipped sets): words, no map.
    names : pandas.Series, default=None
        Muscle id to the name to label highlighted muscles with.
    label : bool, default=True
        Write the names of highlighted muscles beside them.
    value_label : str, default="volume"
        What the colour bar measures, with ``values``.
    key : bool, default=True
        With ``roles``: a legend of the roles the map shows (only those). False where the
        roles say nothing, as on a map that only picks some muscles out.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; the current axes when not given.
    """
    ax = ax if ax is not None else plt.gca()
    if values is not None and not (values > 0).any():
        return _nothing_done(ax)
    _draw_bodies(ax)
    scale = top = None
    if values is not None and len(values) and float(values.max()) > 0:
        scale, top = plt.get_cmap("Blues"), float(values.max())
    labelled = _paint(ax, roles, values, scale, top, label)
    _label(ax, labelled, names)
    if scale is not None:
        mappable = plt.cm.ScalarMappable(cmap=scale, norm=plt.Normalize(0, top))
        ax.figure.colorbar(mappable, ax=ax, shrink=0.6, label=value_label)
    elif roles is not None and key:
        _role_key(ax, set(roles.dropna()))
    return ax


def _paint(ax: Axes, roles, values, scale, top, label: bool) -> list:
    """Fill each muscle by its value or role; the highlighted ones to label, when asked."""
    labelled = []
    for muscle, (view, polygons) in SHAPES.items():
        face, hatch, highlighted = IDLE, None, False
        if scale is not None and muscle in values.index and values[muscle] > 0:
            face, highlighted = scale(0.25 + 0.75 * float(values[muscle]) / top), True
        elif roles is not None and muscle in roles.index and pd.notna(roles[muscle]):
            role = roles[muscle]
            face, hatch, highlighted = ROLE_STYLE[role][0], ROLE_HATCH[role], True
        if muscle == "biceps-brachii":  # the arm is drawn over the side of the trunk
            arm = _shift(SIDE_ARM, SIDE_VIEW_OFFSET)
            ax.add_patch(
                Polygon(arm, closed=True, facecolor="#fbfbfb", edgecolor="#9ca3af", zorder=2)
            )
        for points in polygons:
            ax.add_patch(Polygon(points, closed=True, facecolor=face, edgecolor="#4b5563",
                                 linewidth=0.7, hatch=hatch, zorder=3))  # fmt: skip
        if label and highlighted:
            labelled.append((view, muscle, polygons[-1]))
    return labelled


def _nothing_done(ax: Axes) -> Axes:
    """Words instead of a map with every muscle idle, which would read as a drawing error."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, NOTHING_DONE, ha="center", va="center", fontsize=12, color="#374151",
            transform=ax.transAxes)  # fmt: skip
    return ax


def _role_key(ax: Axes, shown: set[str]) -> None:
    handles = [
        Patch(facecolor=ROLE_STYLE[r][0], hatch=h, edgecolor="#4b5563", label=r)
        for r, h in ROLE_HATCH.items()
        if r in shown
    ]
    ax.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
              bbox_to_anchor=(0.5, -0.04))  # fmt: skip


ROLE_HATCH = {"primary": None, "secondary": "////", "stabiliser": "...."}


def _draw_bodies(ax: Axes) -> None:
    """The two outlines, heads and spine, with their captions; the axes set to fit them."""
    for outline, dx in ((BACK_OUTLINE, 0), (SIDE_OUTLINE, SIDE_VIEW_OFFSET)):
        ax.add_patch(Polygon(_shift(outline, dx), closed=True, facecolor="#fbfbfb",
                             edgecolor="#9ca3af", linewidth=1))  # fmt: skip
    for x in (MIDLINE, MIDLINE + SIDE_VIEW_OFFSET + 3):
        ax.add_patch(Circle((x, 11), 8.5, facecolor="#fbfbfb", edgecolor="#9ca3af"))
    ax.plot([MIDLINE, MIDLINE], [22, 112], color="#d1d5db", linewidth=0.8, zorder=1)  # the spine
    for x, caption in ((MIDLINE, "from behind"), (MIDLINE + SIDE_VIEW_OFFSET + 8, "from the side")):
        ax.text(x, 186, caption, ha="center", fontsize=9, color="#374151")
    ax.set_xlim(0, SIDE_VIEW_OFFSET + 125)
    ax.set_ylim(192, 0)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _label(ax: Axes, labelled, names) -> None:
    """Name the highlighted muscles in a column right of each view, never on top of each other."""
    columns = {"back": 97.0, "side": SIDE_VIEW_OFFSET + 85.0}
    for view in columns:
        placed: list[float] = []
        chosen = sorted((m, p) for v, m, p in labelled if v == view)
        for muscle, points in sorted(chosen, key=lambda item: np.mean(np.array(item[1])[:, 1])):
            _x, y = np.mean(np.array(points), axis=0)
            y_text = max([y, *(p + 7 for p in placed)])
            placed.append(y_text)
            edge = max(px for px, _ in points)
            text = names.get(muscle, muscle) if names is not None else muscle
            ax.annotate(text, (edge - 1, y), xytext=(columns[view], y_text), fontsize=8, va="center",
                        arrowprops={"arrowstyle": "-", "color": "#6b7280", "lw": 0.6}, zorder=4)  # fmt: skip
