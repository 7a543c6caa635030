"""The coach's dashboard: one client's charts and summary, and every client at a glance."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from upperback.analysis import clinic_table
from upperback.chart_text import (
    CHART_TITLES,
    muscle_work_sentence,
    progress_sentence,
    progress_tables,
)
from upperback.html import CLINIC_COLUMNS, clinic_html, status_html, summary_html
from upperback.musclemap import plot_muscle_map
from upperback.names import match_name, name_problem
from upperback.plots import PROGRESS_FIGSIZE, progress_figure
from upperback.progress import load_progress
from upperback.progress_words import plain_summary
from upperback.queries import Library
from upperback.rules.safety import URGENT_FLAGS
from upperback.store import Store, StoreError
from upperback.widgets.common import Chart, figure_png

__all__ = ["CoachDashboard", "warning_signs_table"]


# The warning-signs check is asked again after this long.
# It belongs beside RED_FLAGS in upperback.rules.safety, which another change is editing now.
RECHECK_AFTER = pd.Timedelta(weeks=12)


def warning_signs_table(checks: Mapping[str, dict | None], *, today=None) -> pd.DataFrame:
    """Per client: the last warning-signs check, the signs ticked, cleared or not, when due.

    Parameters
    ----------
    checks : mapping of str to dict or None
        Each client's latest check exactly as :meth:`upperback.store.Store.last_red_flag_check`
        returns it (``checked_at``, ``answers``, ``any_yes``, ``urgent``, ``cleared_at``), or
        None when never checked.
    today : date-like, optional
        The day "due" is judged on (default: today, UTC).

    Returns
    -------
    DataFrame
        One row per client, those with an urgent sign not cleared first, then any other sign
        not cleared; ``words`` says it all for the coach, the ticked signs urgent first;
        ``status`` says it in a few words, for the all-clients table.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> checks = {"Sam": {"checked_at": datetime(2026, 8, 3, tzinfo=UTC), "any_yes": False,
    ...                   "answers": {}, "urgent": False, "cleared_at": None},
    ...           "Ana": None}
    >>> warning_signs_table(checks, today="2026-11-25")["words"].tolist()
    ['checked 03 Aug 2026: all no; due again since 26 Oct 2026', 'never checked']
    """
    today = pd.Timestamp(today or pd.Timestamp.now(tz="UTC")).date()
    rows = []
    for client, check in checks.items():
        if check is None:
            rows.append(
                (client, pd.NaT, pd.NA, False, pd.NA, pd.NaT, "never checked", "never checked")
            )
            continue
        checked = pd.Timestamp(check["checked_at"])
        due = (checked + RECHECK_AFTER).date()
        any_yes, urgent = bool(check["any_yes"]), bool(check.get("urgent"))
        cleared_at = check.get("cleared_at")
        answer = _signs_in_words(check) if any_yes else "all no"
        if any_yes and cleared_at is not None:
            answer += f"; a professional's all-clear recorded {pd.Timestamp(cleared_at):%d %b %Y}"
        elif any_yes:
            answer = ("URGENT: " if urgent else "") + answer + "; not cleared by a professional"
        when = f"due again since {due:%d %b %Y}" if due <= today else f"due again {due:%d %b %Y}"
        words = f"checked {checked:%d %b %Y}: {answer}; {when}"
        cleared = pd.NA if not any_yes else cleared_at is not None
        status = _short_status(any_yes=any_yes, urgent=urgent, cleared_at=cleared_at)
        status += "; due again" if due <= today else f"; next {due:%d %b}"
        rows.append((client, checked, any_yes, urgent, cleared, due, words, status))
    columns = ["client", "checked_at", "any_yes", "urgent", "cleared", "due", "words", "status"]
    table = pd.DataFrame(rows, columns=columns).set_index("client")
    for column in ("any_yes", "cleared"):
        table[column] = table[column].astype("boolean")
    waiting = table["any_yes"].fillna(False) & ~table["cleared"].fillna(False)
    first = (~(waiting & table["urgent"])).astype(int) + (~waiting).astype(int)
    return table.iloc[first.argsort(kind="stable")]


def _short_status(*, any_yes: bool, urgent: bool, cleared_at) -> str:
    """The check in a few words, for a table: "all no", "URGENT, not cleared", "yes, cleared"."""
    if not any_yes:
        return "all no"
    if cleared_at is not None:
        return f"yes, cleared {pd.Timestamp(cleared_at):%d %b}"
    return "URGENT, not cleared" if urgent else "yes, not cleared"


def _signs_in_words(check: dict) -> str:
    """ "ticked chest pain or shortness of breath (urgent) and fever", urgent signs first."""
    ticked = [sign for sign, yes in check.get("answers", {}).items() if yes]
    ticked.sort(key=lambda sign: sign not in URGENT_FLAGS)
    named = [f"{sign} (urgent)" if sign in URGENT_FLAGS else sign for sign in ticked]
    return "ticked " + (" and ".join(named) if named else "a warning sign")


def warning_signs_of(store: Store, clients) -> pd.DataFrame:
    """Each client's last warning-signs check, in words, as :func:`warning_signs_table` gives it."""
    # One read per client until the store answers for every client at once.
    return warning_signs_table({client: store.last_red_flag_check(client) for client in clients})


class CoachDashboard(w.VBox):
    """Pick a client and a date range to see their charts and summary; every client below."""

    def __init__(self, store: Store, library: Library | None = None, *,
                 routines_folder: Path | None = None):  # fmt: skip
        self.store, self.library = store, library or Library.load()
        self.routines_folder = routines_folder  # where the clients' routine changes are
        self.client = w.Dropdown(description="Client")
        self._signs = pd.Series(dtype=object)
        self.find = w.Text(description="Find", placeholder="type a name")
        self.start = w.DatePicker(description="From")
        self.end = w.DatePicker(description="To")
        self.summary = w.HTML()
        self.table = w.HTML()
        self.chart = Chart()
        self.body_map = Chart(width="720px")
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
            [self.status, w.HBox([self.find, self.client, self.start, self.end]), self.summary,
             self.table, self.chart, self.body_map, w.HTML("<h3>Every client</h3>"),
             w.HBox([self.sort_by, self.descending, self.only_flagged]), self.clinic]
        )  # fmt: skip
        self.add_class("upperback-dashboard")
        self._quiet = False
        self.refresh()

    def refresh(self) -> None:
        try:
            self._sessions = self.store.sessions_frame()
            names = sorted(self._sessions["client"].unique())
            signs = warning_signs_of(self.store, names)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self._signs = signs["words"]  # in full on the client's own view; short in the table
        self._clinic = (
            clinic_table(self._sessions, warning_signs=signs) if len(self._sessions) else None
        )
        self._quiet = True  # draw once, after the options are in
        self.client.options = names
        self.client.value = names[0] if names else None
        self._quiet = False
        self._show_clinic()
        self._show_client()

    def redraw(self) -> None:
        """Draw the picked client's charts again (after a change to their routine, say)."""
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
            progress = load_progress(self.store, client, self.library, start=self.start.value,
                                     end=self.end.value, routines_folder=self.routines_folder)  # fmt: skip
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        if progress.empty:
            none = "<p><i>No sessions in these dates.</i></p>"
            self.summary.value = none + self._signs_html(client)
            self.table.value = ""
            self.chart.layout.display = "none"
            self.body_map.layout.display = "none"
            return
        # The progress's own words speak to the client; a coach reads about the client.
        words = plain_summary(progress.sessions, summary=progress.summary.to_frame().T,
                              weekly=progress.weekly, about=client)  # fmt: skip
        self.summary.value = (
            f"<p style='font-size:1.1em'>{escape(words, quote=False)}</p>{self._signs_html(client)}"
        )
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

    def _signs_html(self, client: str) -> str:
        """The client's last warning-signs check in full: the signs ticked, cleared or not."""
        words = self._signs.get(client)
        if words is None:
            return ""
        return f"<p class='upperback-dashboard-signs'><b>Warning signs:</b> {escape(words)}</p>"

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
