"""The coach's dashboard: one client's charts and summary, and every client at a glance."""

from __future__ import annotations

from html import escape

import ipywidgets as w
from matplotlib.figure import Figure

from upperback.analysis import clinic_table
from upperback.html import CLINIC_COLUMNS, clinic_html, status_html
from upperback.musclemap import plot_muscle_map
from upperback.plots import PROGRESS_FIGSIZE, progress_figure
from upperback.progress import load_progress
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.widgets.common import figure_png

__all__ = ["CoachDashboard"]


class CoachDashboard(w.VBox):
    """Pick a client and a date range to see their charts and summary; every client below."""

    def __init__(self, store: Store, library: Library | None = None):
        self.store, self.library = store, library or Library.load()
        self.client = w.Dropdown(description="Client")
        self.start = w.DatePicker(description="From")
        self.end = w.DatePicker(description="To")
        self.summary = w.HTML()
        self.table = w.HTML()
        self.chart = w.Image(format="png")
        self.body_map = w.Image(format="png", layout=w.Layout(width="720px"))
        self.sort_by = w.Dropdown(options=[(label, key) for key, label in CLINIC_COLUMNS.items()],
                                  value="warnings", description="Sort by")  # fmt: skip
        self.descending = w.Checkbox(value=True, description="highest first")
        self.clinic = w.HTML()
        self.status = w.HTML()
        for name in ("client", "start", "end", "summary", "table", "chart", "body_map", "sort_by", "descending",
                     "clinic", "status"):  # fmt: skip
            getattr(self, name).add_class(f"upperback-dashboard-{name.replace('_', '-')}")
        for control in (self.client, self.start, self.end):
            control.observe(self._show_client, names="value")
        for control in (self.sort_by, self.descending):
            control.observe(self._show_clinic, names="value")
        super().__init__(
            [self.status, w.HBox([self.client, self.start, self.end]), self.summary, self.table,
             self.chart, self.body_map, w.HTML("<h3>Every client</h3>"), w.HBox([self.sort_by, self.descending]),
             self.clinic]
        )  # fmt: skip
        self.add_class("upperback-dashboard")
        self._quiet = False
        self.refresh()

    def refresh(self) -> None:
        try:
            self._sessions = self.store.sessions_frame()
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self._clinic = clinic_table(self._sessions) if len(self._sessions) else None
        names = sorted(self._sessions["client"].unique())
        self._quiet = True  # draw once, after the options are in
        self.client.options = names
        self.client.value = names[0] if names else None
        self._quiet = False
        self._show_clinic()
        self._show_client()

    def _show_client(self, change=None) -> None:
        if self._quiet:
            return
        client = self.client.value
        if client is None:
            self.summary.value = "<p><i>No sessions logged yet.</i></p>"
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        try:
            progress = load_progress(
                self.store, client, self.library, start=self.start.value, end=self.end.value
            )
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        if progress.empty:
            self.summary.value = "<p><i>No sessions in these dates.</i></p>"
            self.table.value = ""
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        self.summary.value = f"<p style='font-size:1.1em'>{escape(progress.words)}</p>"
        shown = progress.summary.drop("first_session").to_frame(client).T
        self.table.value = shown.to_html(float_format=lambda v: f"{v:.2f}", na_rep="–")
        figure = Figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
        progress_figure(progress, self.library, figure=figure)
        self.chart.value = figure_png(figure)
        self.chart.layout.display = None
        self.chart.layout.width = "100%"
        # Where the work went: each muscle shaded by its minutes under tension.
        minutes = progress.muscle_work.groupby("muscle")["tension_seconds"].sum() / 60
        body = Figure(figsize=(9, 5.6), layout="constrained")
        ax = body.subplots()
        plot_muscle_map(values=minutes, label=False, value_label="minutes under tension", ax=ax)
        ax.set_title("Minutes under tension per muscle, these dates")
        self.body_map.value = figure_png(body)
        self.body_map.layout.display = None

    def _show_clinic(self, change=None) -> None:
        if self._clinic is None:
            self.clinic.value = "<p><i>No clients yet.</i></p>"
            return
        self.clinic.value = clinic_html(
            self._clinic, sort_by=self.sort_by.value, descending=self.descending.value
        )
