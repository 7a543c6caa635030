"""The exercise explorer: filter the exercises, see one in detail, and what it works."""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from upperback.chart_text import muscle_map_sentence, muscle_matrix_sentence
from upperback.html import exercise_card_html, status_html
from upperback.musclemap import plot_muscle_map
from upperback.names import UnknownName
from upperback.plots import plot_muscle_matrix
from upperback.queries import (
    Library,
    equipment_choices,
    filter_exercises,
    muscle_matrix,
    muscles_for_exercise,
)
from upperback.tables import LEVELS, TableError
from upperback.widgets.common import Chart, figure_png, tag

__all__ = ["ExerciseExplorer"]

ANY = "any"


class ExerciseExplorer(w.VBox):
    """Filter the exercises by muscle, category, equipment and level; see one in detail.

    Examples
    --------
    >>> explorer = ExerciseExplorer(Library.load(user=False))
    >>> explorer.muscle.value = "trapezius"
    >>> explorer.primary_only.value = True
    >>> explorer.category.value = "mobility"
    >>> explorer.matches.options[:2]
    (('Can openers', 'can-openers'), ('11:15 stretch', 'eleven-fifteen-stretch'))
    """

    def __init__(self, library: Library | None = None):
        try:
            self.library = library or Library.load()
        except TableError as error:  # a coach's own file is broken: say so here, lose nothing
            self.library = Library.load(user=False)
            self._load_error = str(error)
        else:
            self._load_error = ""
        exercises, muscles = self.library.exercises, self.library.muscles

        muscle_options = [("any muscle", ANY)] + [
            (name, mid) for mid, name in muscles.sort_values(["region", "name"])["name"].items()
        ]
        self.muscle = w.Dropdown(options=muscle_options, value=ANY, description="Muscle")
        self.primary_only = w.Checkbox(value=False, description="primary movers only")
        self.category = w.Dropdown(
            options=[ANY, *exercises["category"].cat.categories], value=ANY, description="Category"
        )
        self.equipment = w.Dropdown(
            options=[ANY, *equipment_choices(self.library)], value=ANY, description="Equipment"
        )
        self.level = w.Dropdown(options=[ANY, *LEVELS], value=ANY, description="Level up to")
        self.matches = w.Select(options=[], rows=10, description="Exercises")
        self.count = w.HTML()
        self.details = w.HTML()
        self.chart = Chart()  # each image with its sentence, for those who cannot see it
        self.body_map = Chart(width="560px")
        self.status = w.HTML(
            status_html("error", self._load_error, title="Your own exercises were not loaded")
        )

        tag(self, "explorer", "muscle", "primary_only", "category", "equipment", "level",
            "matches", "details", "chart", "body_map", "status", "count")  # fmt: skip
        for control in (self.muscle, self.category, self.equipment, self.level, self.matches):
            control.style.description_width = "90px"
        for control in (self.muscle, self.primary_only, self.category, self.equipment, self.level):
            control.observe(self._refilter, names="value")
        self.matches.observe(self._on_pick, names="value")
        self._shown: list[str] = []  # the exercise ids listed now
        self._refiltering = False

        filters = w.VBox(
            [self.muscle, self.primary_only, self.category, self.equipment, self.level]
        )
        picker = w.VBox([self.matches, self.count])
        super().__init__(
            [
                self.status,
                w.HBox([filters, picker]),
                w.HBox([self.details, self.body_map]),
                self.chart,
            ],
        )
        self.add_class("upperback-explorer")
        self._refilter()

    def _chosen(self, control: w.Dropdown) -> str | None:
        return None if control.value == ANY else control.value

    def _refilter(self, change=None) -> None:
        try:
            found = filter_exercises(
                self.library,
                muscle=self._chosen(self.muscle),
                primary_only=self.primary_only.value,
                category=self._chosen(self.category),
                equipment=self._chosen(self.equipment),
                max_level=self._chosen(self.level),
            )
        except (UnknownName, ValueError) as error:
            self.status.value = status_html(
                "error", str(error), title="These filters cannot be applied"
            )
            return
        self.status.value = status_html(
            "error", self._load_error, title="Your own exercises were not loaded"
        )
        previous = self.matches.value
        self._refiltering = True  # draw once at the end, not on every change of the list
        try:
            self.matches.options = [(name, ex_id) for ex_id, name in found["name"].items()]
            if previous in found.index:
                self.matches.value = previous
            elif len(found):
                self.matches.value = found.index[0]
        finally:
            self._refiltering = False
        self.count.value = f"{len(found)} of {len(self.library.exercises)} exercises"
        self._shown = list(found.index)
        self._show_details()
        self._draw()

    def _on_pick(self, change=None) -> None:
        if not self._refiltering:
            self._show_details()
            self._draw()

    def _show_details(self, change=None) -> None:
        chosen = self.matches.value
        if chosen is None:
            self.details.value = "<p><i>No exercise matches these filters.</i></p>"
            self.body_map.layout.display = "none"
            return
        worked = muscles_for_exercise(chosen, library=self.library)
        self.details.value = exercise_card_html(chosen, self.library.exercises.loc[chosen], worked)
        figure = Figure(figsize=(8, 5.2), layout="constrained")
        names = self.library.muscles["name"]
        plot_muscle_map(worked["role"], names=names, ax=figure.subplots())
        name = self.library.exercises.loc[chosen, "name"]
        self.body_map.show(
            figure_png(figure), f"{name}: " + muscle_map_sentence(worked["role"], names)
        )
        self.body_map.layout.display = None

    def _draw(self) -> None:
        """The muscle chart of the listed exercises, the chosen one in bold."""
        exercise_ids = self._shown
        if not exercise_ids:
            self.chart.layout.display = "none"
            return
        matrix = muscle_matrix(exercise_ids, library=self.library)
        height = 1.8 + 0.32 * len(matrix)
        figure = Figure(figsize=(2.2 + 0.42 * len(matrix.columns), height), layout="constrained")
        plot_muscle_matrix(
            matrix,
            exercise_names=self.library.exercises["name"],
            muscle_names=self.library.muscles["name"],
            highlight=self.matches.value,
            ax=figure.subplots(),
        )
        self.chart.show(figure_png(figure), muscle_matrix_sentence(matrix))
        self.chart.layout.display = None
