"""A client's own progress: the summary in words and the charts."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.chart_text import progress_sentence, progress_tables
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
        self.summary.add_class("upperback-progress-summary")
        self.chart.add_class("upperback-progress-chart")
        super().__init__([self.summary, self.chart])
        self.store, self.library, self.client = store, library, client
        self.refresh(draw=draw)

    def refresh(self, *, draw: bool = True) -> None:
        try:
            progress = load_progress(self.store, self.client, self.library)
        except StoreError as error:
            self.summary.value = status_html("error", str(error))
            return
        self.summary.value = f"<p style='font-size:1.15em'>{escape(progress.words)}</p>"
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
