"""The coach's dashboard: one client's charts and summary, and every client at a glance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from upperback.analysis import clinic_table
from upperback.attention import NOBODY, attention_list
from upperback.chart_text import (
    CHART_TITLES,
    muscle_work_sentence,
    progress_sentence,
    progress_tables,
)
from upperback.function_charts import function_html
from upperback.html import CLINIC_COLUMNS, clinic_html, status_html, summary_html
from upperback.musclemap import plot_muscle_map
from upperback.names import name_problem
from upperback.person_names import match_name
from upperback.plots import PROGRESS_FIGSIZE, progress_figure
from upperback.progress import load_progress
from upperback.progress_words import plain_summary
from upperback.queries import Library
from upperback.store import Store, StoreError
from upperback.store.checks import awaits_clearance, check_words, short_status
from upperback.widgets.attention import AttentionList
from upperback.widgets.clearance import CoachClearance
from upperback.widgets.common import Chart, figure_png

__all__ = ["CoachDashboard", "warning_signs_table"]


COLUMNS = ["checked_at", "any_yes", "urgent", "cleared", "waiting", "due", "status", "words"]


def warning_signs_table(checks: Mapping[str, dict | None], *, today=None) -> pd.DataFrame:
    """Per client: the last warning-signs check, the signs ticked, whether and by whom they
    were cleared, and when they are due again.

    Parameters
    ----------
    checks : mapping of str to dict or None
        Each client's latest check exactly as :meth:`upperback.store.Store.last_red_flag_check`
        returns it (a :class:`~upperback.store.checks.Check`), or None when never checked.
    today : date-like, optional
        The moment "due" and "waiting" are judged at (default: now).

    Returns
    -------
    DataFrame
        One row per client, those with an urgent sign waiting for its all-clear first, then
        any other sign waiting; ``status`` says it in a few words for the all-clients table,
        ``words`` in full (the signs ticked urgent first, who cleared them and when).

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> checks = {"Sam": {"checked_at": datetime(2026, 8, 3, tzinfo=UTC), "any_yes": False,
    ...                   "answers": {}, "urgent": False, "cleared_at": None,
    ...                   "due_at": datetime(2026, 10, 26, tzinfo=UTC)},
    ...           "Ana": None}
    >>> warning_signs_table(checks, today="2026-11-25")["status"].tolist()
    ['due again', 'never checked']
    """
    now = pd.Timestamp(today or pd.Timestamp.now(tz="UTC"))
    now = (now if now.tzinfo else now.tz_localize("UTC")).to_pydatetime()
    rows = {}
    for client, check in checks.items():
        if check is None:
            rows[client] = (pd.NaT, pd.NA, False, pd.NA, False, pd.NaT, *["never checked"] * 2)
            continue
        waiting = awaits_clearance(check, now=now)
        cleared = pd.NA if not check["any_yes"] else check["cleared_at"] is not None
        checked, due = pd.Timestamp(check["checked_at"]), check["due_at"].date()
        words = (short_status(check, now=now), check_words(check, now=now))
        rows[client] = (checked, check["any_yes"], check["urgent"], cleared, waiting, due, *words)
    table = pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS).rename_axis("client")
    for column in ("any_yes", "cleared"):
        table[column] = table[column].astype("boolean")
    for column in ("urgent", "waiting"):
        table[column] = table[column].astype(bool)
    first = (~(table["waiting"] & table["urgent"])).astype(int) + (~table["waiting"]).astype(int)
    return table.iloc[first.argsort(kind="stable")]


def warning_signs_of(store: Store, clients) -> pd.DataFrame:
    """Each client's last warning-signs check, in words, as :func:`warning_signs_table` gives it."""
    # One read per client until the store answers for every client at once.
    return warning_signs_table({client: store.last_red_flag_check(client) for client in clients})


class CoachDashboard(w.VBox):
    """Who needs the coach now at the top; pick a client and a date range to see their
    charts and summary; every client below.

    ``today`` is the moment the attention list is judged at (default: now; the demo
    clinic's last day, for the demo).
    """

    def __init__(
        self,
        store: Store,
        library: Library | None = None,
        *,
        routines_folder: Path | None = None,
        today: datetime | None = None,
    ):
        self.store, self.library, self.today = store, library or Library.load(), today
        self.routines_folder = routines_folder  # where the clients' routine changes are
        self.attention = AttentionList(empty=NOBODY)
        self.attention.observe(self._open_picked, names="picked")
        self.client = w.Dropdown(description="Client")
        self.find = w.Text(description="Find", placeholder="type a name")
        self.start = w.DatePicker(description="From")
        self.end = w.DatePicker(description="To")
        self.summary = w.HTML()
        self.clearance = CoachClearance(store)
        self.clearance.observe(lambda _: self.refresh(), names="recorded")
        self.table = w.HTML()
        self.chart = Chart()
        self.body_map = Chart(width="720px")
        self.function = w.HTML()  # the client's activities, in their words, and their chart
        sorts = {**CLINIC_COLUMNS, "warning_signs": "Warning signs (a yes first)"}
        self.sort_by = w.Dropdown(
            options=[(label, "flagged" if key == "warning_signs" else key)
                     for key, label in sorts.items()],
            value="warnings", description="Sort by",
        )  # fmt: skip
        self.descending = w.Checkbox(value=True, description="highest first")
        self.only_flagged = w.Checkbox(description="only clients with warning signs")
        self.clinic = w.HTML()
        self.status = w.HTML()
        for name in ("client", "find", "start", "end", "summary", "table", "chart", "body_map", "sort_by",
                     "descending", "only_flagged", "clinic", "status"):  # fmt: skip
            getattr(self, name).add_class(f"upperback-dashboard-{name.replace('_', '-')}")
        for control in (self.client, self.start, self.end):
            control.observe(self._show_client, names="value")
        for control in (self.sort_by, self.descending, self.only_flagged):
            control.observe(self._show_clinic, names="value")
        self.find.observe(self._find, names="value")
        super().__init__(
            [
                self.attention,
                self.status,
                w.HBox([self.find, self.client, self.start, self.end]),
                self.clearance,
                self.summary,
                self.table,
                self.chart,
                self.body_map,
                self.function,
                w.HTML("<h3>Every client</h3>"),
                w.HBox([self.sort_by, self.descending, self.only_flagged]),
                self.clinic,
            ]
        )
        self.add_class("upperback-dashboard")
        self._quiet = False
        self.refresh()

    def refresh(self) -> None:
        try:
            self._sessions = self.store.sessions_frame()
            # Clients who answered the warning signs but logged nothing yet are listed too.
            names = sorted(set(self._sessions["client"]) | set(self.store.clients()))
            signs = warning_signs_of(self.store, names)
            needed = attention_list(
                self.store, self.library, today=self.today, routines_folder=self.routines_folder
            )
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self._clinic = (
            clinic_table(self._sessions, warning_signs=signs) if len(self._sessions) else None
        )
        self.attention.show(needed)
        self._quiet = True  # draw once, after the options are in
        chosen = self.client.value  # the coach stays with the client they were reading
        self.client.options = names
        self.client.value = chosen if chosen in names else names[0] if names else None
        self._quiet = False
        self._show_clinic()
        self._show_client()

    def _open_picked(self, change) -> None:
        """Open the client picked on the attention list."""
        if change["new"] in self.client.options:
            self.find.value = ""
            self.client.value = change["new"]

    def redraw(self) -> None:
        """Draw the picked client's charts again (after a change to their routine, say)."""
        self._show_client()

    def _show_client(self, change=None) -> None:
        if self._quiet:
            return
        client = self.client.value
        self.clearance.show(client)
        self._show_function(client)
        if client is None:
            self.summary.value = "<p><i>No sessions logged yet.</i></p>"
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        try:
            progress = load_progress(self.store, client, self.library, start=self.start.value,
                                     end=self.end.value, routines_folder=self.routines_folder)  # fmt: skip
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        if progress.empty:
            self.summary.value = "<p><i>No sessions in these dates.</i></p>"
            self.table.value = ""
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        # The progress's own words speak to the client; a coach reads about the client.
        words = plain_summary(progress.sessions, summary=progress.summary.to_frame().T,
                              weekly=progress.weekly, about=client)  # fmt: skip
        self.summary.value = f"<p style='font-size:1.1em'>{escape(words, quote=False)}</p>"
        self.table.value = summary_html(progress.summary)
        figure = Figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
        progress_figure(progress, self.library, figure=figure)
        names = self.library.exercises["name"]
        tables = progress_tables(progress, names)
        self.chart.show(figure_png(figure), progress_sentence(progress, names), tables)
        self.chart.layout.display = None
        self.chart.layout.width = "100%"
        # Where the work went: each muscle shaded by its minutes under tension.
        minutes = progress.muscle_work.groupby("muscle")["tension_seconds"].sum() / 60
        body = Figure(figsize=(9, 5.6), layout="constrained")
        ax = body.subplots()
        plot_muscle_map(values=minutes, label=False, value_label="minutes under tension", ax=ax)
        ax.set_title("Minutes under tension per muscle, these dates")
        work = tables.get(CHART_TITLES["muscles"])
        words = "A map of the body, each muscle shaded by its minutes under tension. "
        self.body_map.show(
            figure_png(body),
            words + muscle_work_sentence(progress.muscle_work),
            {} if work is None else {"Minutes under tension per muscle": work},
        )
        self.body_map.layout.display = None

    def _show_function(self, client: str | None) -> None:
        """What changed in the activities the client named, beside their pain."""
        if client is None:
            self.function.value = ""
            return
        try:
            self.function.value = function_html(self.store.function_scores(client), about=client)
        except StoreError as error:
            self.function.value = status_html("error", str(error))

    def _find(self, change=None) -> None:
        """Open the client whose name was typed, whatever its case and spaces."""
        typed = self.find.value
        if not typed.strip():
            self.status.value = ""
            return
        found = match_name(typed, self.client.options)
        if found is None:
            self.status.value = status_html("warning", name_problem(typed, self.client.options))
            return
        self.status.value = ""
        self.client.value = found

    def _show_clinic(self, change=None) -> None:
        if self._clinic is None:
            self.clinic.value = "<p><i>No clients yet.</i></p>"
            return
        shown = self._clinic[self._clinic["flagged"]] if self.only_flagged.value else self._clinic
        if shown.empty:
            self.clinic.value = "<p><i>No client answered yes to a warning sign.</i></p>"
            return
        self.clinic.value = clinic_html(
            shown, sort_by=self.sort_by.value, descending=self.descending.value
        )
