"""The coach's dashboard: one client's charts and summary, and every client at a glance."""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from upperback.analysis import clinic_table, muscle_work, pain_summary, plain_summary
from upperback.musclemap import plot_muscle_map
from upperback.plots import progress_figure
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.widgets import figure_png, status_html

__all__ = ["ClientProgress", "CoachDashboard", "clinic_html"]

CLINIC_COLUMNS = {
    "sessions": "Sessions",
    "adherence": "Adherence, last 4 weeks",
    "current_streak": "Weeks on target",
    "baseline": "Pain at start",
    "now": "Pain now",
    "change": "Change",
    "responder": "Clear improvement",
    "warnings": "Safety warnings",
    "last_session": "Last session",
}


def clinic_html(table: pd.DataFrame, *, sort_by: str = "warnings", descending: bool = True) -> str:
    """The all-clients table as HTML, sorted, with warnings and clear improvement marked."""
    ordered = table.sort_values(sort_by, ascending=not descending, na_position="last")
    head = "".join(f"<th style='text-align:left;padding:2px 10px'>{escape(label)}</th>"
                   for label in ["Client", *CLINIC_COLUMNS.values()])  # fmt: skip
    rows = []
    for client, row in ordered.iterrows():
        cells = [f"<td style='padding:2px 10px'>{escape(str(client))}</td>"]
        for column in CLINIC_COLUMNS:
            value = row[column]
            if pd.isna(value):
                text = "–"
            elif column == "adherence":
                text = f"{value:.0%}"
            elif column in ("baseline", "now"):
                text = f"{value:.1f}"
            elif column == "change":
                text = f"{value:+.1f}"
            elif column == "responder":
                text = "yes" if value else "no"
            elif column == "last_session":
                text = f"{value:%d %b %Y}"
            else:
                text = str(value)
            style = "color:#b91c1c;font-weight:bold" if column == "warnings" and value else ""
            cells.append(f"<td style='padding:2px 10px;{style}'>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='upperback-clinic'><tr>{head}</tr>{''.join(rows)}</table>"


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

    def _window(self, frame: pd.DataFrame) -> pd.DataFrame:
        days = frame["started_at"].dt.tz_convert("UTC").dt.date
        if self.start.value is not None:
            frame = frame[days >= self.start.value]
            days = days[days >= self.start.value]
        if self.end.value is not None:
            frame = frame[days <= self.end.value]
        return frame

    def _show_client(self, change=None) -> None:
        if self._quiet:
            return
        client = self.client.value
        if client is None:
            self.summary.value = "<p><i>No sessions logged yet.</i></p>"
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        sessions = self._window(self._sessions[self._sessions["client"] == client])
        if sessions.empty:
            self.summary.value = "<p><i>No sessions in these dates.</i></p>"
            self.table.value = ""
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        sets = self.store.sets_frame(client)
        sets = sets[sets["session"].isin(sessions["session"])]
        summary = pain_summary(sessions)
        words = plain_summary(sessions, summary=summary)
        self.summary.value = f"<p style='font-size:1.1em'>{escape(words)}</p>"
        shown = summary.drop(columns=["first_session"])
        self.table.value = shown.to_html(float_format=lambda v: f"{v:.2f}", na_rep="–")
        figure = Figure(figsize=(14, 13), layout="constrained")
        progress_figure(sessions, sets, self.library, title=client, figure=figure)
        self.chart.value = figure_png(figure)
        self.chart.layout.display = None
        self.chart.layout.width = "100%"
        # Where the work went: each muscle shaded by its minutes under tension.
        work = muscle_work(sets, self.library.links)
        minutes = work.groupby("muscle")["tension_seconds"].sum() / 60
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


class ClientProgress(w.VBox):
    """A client's own progress: the summary in words, the charts and the muscle map."""

    def __init__(self, store: Store, library: Library, client: str):
        self.summary = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="100%"))
        self.summary.add_class("upperback-progress-summary")
        self.chart.add_class("upperback-progress-chart")
        super().__init__([self.summary, self.chart])
        self.store, self.library, self.client = store, library, client
        self.refresh()

    def refresh(self) -> None:
        try:
            sessions = self.store.sessions_frame(self.client)
            sets = self.store.sets_frame(self.client)
        except StoreError as error:
            self.summary.value = status_html("error", str(error))
            return
        self.summary.value = f"<p style='font-size:1.15em'>{escape(plain_summary(sessions))}</p>"
        if sessions.empty:
            self.chart.layout.display = "none"
            return
        figure = Figure(figsize=(14, 13), layout="constrained")
        progress_figure(sessions, sets, self.library, title=self.client, figure=figure)
        self.chart.value = figure_png(figure)
        self.chart.layout.display = None
