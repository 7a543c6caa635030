"""A client's own progress: the summary in words and the charts."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.chart_text import progress_sentence, progress_tables
from upperback.function_words import function_lines, function_sentence
from upperback.html import status_html
from upperback.progress import Progress, load_progress
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.widgets.common import Chart, figure_png

__all__ = ["ClientProgress"]


class ClientProgress(w.VBox):
    """A client's own progress: the summary in words and the charts.

    With ``draw=False`` the charts wait for the first :meth:`refresh` (a page calls it when
    its tab is shown), so a page opens without loading matplotlib or drawing anything.
    """

    def __init__(self, store: Store, library: Library, client: str, *, draw: bool = True):
        self.summary = w.HTML()
        self.chart = Chart(layout=w.Layout(width="100%"))
        self.function = w.HTML()  # the client's activities, in their own words
        self.function_chart = Chart(layout=w.Layout(width="100%"))
        self.summary.add_class("upperback-progress-summary")
        self.chart.add_class("upperback-progress-chart")
        self.function.add_class("upperback-progress-function")
        self.function_chart.add_class("upperback-progress-function-chart")
        self.checks = []
        super().__init__([self.summary, self.chart, self.function, self.function_chart])
        self.store, self.library, self.client = store, library, client
        self.refresh(draw=draw)

    def refresh(self, *, draw: bool = True) -> None:
        try:
            progress = load_progress(self.store, self.client, self.library)
        except StoreError as error:
            self.summary.value = status_html("error", str(error))
            return
        self.summary.value = f"<p style='font-size:1.15em'>{escape(progress.words)}</p>"
        self._show_function(draw=draw)
        if progress.empty or not draw:
            self.chart.layout.display = "none"
            return
        self._draw(progress)

    def _draw(self, progress: Progress) -> None:
        # Charts load matplotlib: only when a chart is first drawn.
        from matplotlib.figure import Figure

        from upperback.plots import PROGRESS_FIGSIZE, progress_figure

        figure = Figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
        progress_figure(progress, self.library, figure=figure)
        names = self.library.exercises["name"]
        self.chart.show(
            figure_png(figure), progress_sentence(progress, names), progress_tables(progress, names)
        )
        self.chart.layout.display = None

    def _show_function(self, *, draw: bool) -> None:
        """What changed in the activities the client named, and its chart."""
        try:
            self.checks = self.store.function_scores(self.client)
        except StoreError as error:
            self.function.value = status_html("error", str(error))
            return
        first, *each = function_lines(self.checks)
        items = "".join(f"<li>{escape(line)}</li>" for line in each)
        self.function.value = f"<h3>Your activities</h3><p>{escape(first)}</p><ul>{items}</ul>"
        self.function_chart.layout.display = "none"
        if self.checks and draw:
            from matplotlib.figure import Figure

            from upperback.function_charts import function_table, plot_function

            figure = Figure(figsize=(8, 3.5), layout="constrained")
            plot_function(self.checks, ax=figure.add_subplot())
            table = function_table(self.checks)
            words = function_sentence(self.checks)
            self.function_chart.show(figure_png(figure), words, {"Your activities": table})
            self.function_chart.layout.display = None
