"""The muscle map: every muscle of the table is its own shape, in the view the table names."""

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Polygon

from upperback.musclemap import IDLE, SHAPES, plot_muscle_map, roles_for
from upperback.palette import ROLE_STYLE


def test_every_muscle_has_its_own_shape_in_its_view(library):
    assert set(SHAPES) == set(library.muscles.index)
    for muscle, (view, polygons) in SHAPES.items():
        assert view == library.muscles.loc[muscle, "view"], muscle
        assert polygons and all(len(p) >= 3 for p in polygons)


def test_paired_back_muscles_are_drawn_on_both_sides(library):
    for muscle in ("rhomboid-major", "rhomboid-minor", "teres-major", "teres-minor"):
        right, left = SHAPES[muscle][1]  # from behind: the viewer's right first
        assert min(x for x, _ in right) > 50 > max(x for x, _ in left)


def _faces(ax):
    return [p.get_facecolor() for p in ax.patches if isinstance(p, Polygon)]


def test_roles_are_told_apart_by_shade_and_hatching(library):
    roles = roles_for(library.links, ["pull-up"])
    fig, ax = plt.subplots()
    plot_muscle_map(roles, names=library.muscles["name"], ax=ax)
    from matplotlib.colors import to_rgba

    faces = _faces(ax)
    assert to_rgba(ROLE_STYLE["primary"][0]) in faces
    assert to_rgba(ROLE_STYLE["secondary"][0]) in faces and to_rgba(IDLE) in faces
    hatches = {p.get_hatch() for p in ax.patches if isinstance(p, Polygon)}
    assert "////" in hatches  # secondary, readable in greyscale
    labels = {t.get_text() for t in ax.texts}
    assert {"Latissimus dorsi", "Rhomboid major", "Biceps"} <= labels
    assert "Quadriceps" not in labels
    plt.close(fig)


def test_the_map_can_colour_muscles_by_volume(library):
    fig, ax = plt.subplots()
    plot_muscle_map(values=pd.Series({"trapezius": 100.0, "hamstrings": 10.0}), ax=ax)
    assert len(fig.axes) == 2  # the map and its colour bar
    plt.close(fig)


def test_roles_for_a_routine_keep_the_strongest_role(library):
    roles = roles_for(library.links, ["plank", "side-plank"])
    assert roles["obliques"] == "primary"  # secondary in the plank, primary in the side plank


def test_the_key_names_only_the_roles_the_map_shows(library):
    """A map of main movers alone has no "secondary" or "stabiliser" in its key; a map
    that only picks muscles out has no key at all."""
    fig, (both, main, picked) = plt.subplots(1, 3)
    two = pd.Series({"rhomboid-major": "primary", "biceps-brachii": "secondary"})
    plot_muscle_map(two, ax=both)
    assert [t.get_text() for t in both.get_legend().get_texts()] == ["primary", "secondary"]
    plot_muscle_map(pd.Series({"rhomboid-major": "primary"}), ax=main)
    assert [t.get_text() for t in main.get_legend().get_texts()] == ["primary"]
    plot_muscle_map(pd.Series({"rhomboid-major": "primary"}), key=False, ax=picked)
    assert picked.get_legend() is None
    plt.close(fig)
