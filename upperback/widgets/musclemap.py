"""The muscle map of chosen exercises, for the classroom."""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from upperback.chart_text import muscle_map_sentence
from upperback.musclemap import plot_muscle_map, roles_for
from upperback.queries import Library
from upperback.widgets.common import Chart, figure_png

__all__ = ["MuscleMapExplorer"]


class MuscleMapExplorer(w.VBox):
    """Choose exercises and see on the map which muscles they work, and in which role."""

    def __init__(
        self, library: Library | None = None, exercises: tuple[str, ...] = ("can-openers",)
    ):
        self.library = library or Library.load()
        names = self.library.exercises["name"]
        self.exercises = w.SelectMultiple(
            options=[(n, i) for i, n in names.items()],
            value=exercises,
            rows=8,
            description="Exercises",
        )
        self.map = Chart()  # the map with its sentence: the muscles marked, by role
        self.exercises.add_class("upperback-map-exercises")
        self.map.add_class("upperback-map-image")
        self.exercises.observe(self._draw, names="value")
        super().__init__([self.exercises, self.map])
        self._draw()

    def _draw(self, change=None) -> None:
        figure = Figure(figsize=(11, 6.5), layout="constrained")
        ax = figure.subplots()
        roles, names = (
            roles_for(self.library.links, self.exercises.value),
            self.library.muscles["name"],
        )
        plot_muscle_map(roles, names=names, ax=ax)
        chosen = (
            ", ".join(self.library.exercises.loc[list(self.exercises.value), "name"])
            or "nothing chosen"
        )
        ax.set_title(chosen)
        self.map.show(figure_png(figure), f"{chosen}. " + muscle_map_sentence(roles, names))
