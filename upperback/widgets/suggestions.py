"""The coach's weekly review: a client's suggestions, each accepted, edited or rejected.

The view only shows what :mod:`upperback.suggestions` worked out. Nothing is written until
the coach clicks Accept (or Save my change); each click writes one new version of the
client's routine file, keeps the old, and shows the change as a diff.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.ladders import Ladders
from upperback.queries import Library
from upperback.routine_files import load_routine
from upperback.routine_history import Version, client_routine_path, version_diff
from upperback.routines import RoutineError, RoutineItem
from upperback.rules.doses import DOSE_LIMITS
from upperback.sessions import SessionRecord
from upperback.store.schema import StoreError
from upperback.suggestions import (
    Advice,
    Suggestion,
    accept,
    dose_of,
    latest_routine,
    refusal,
    suggestions_for,
    warning_sign_waiting,
)
from upperback.widgets.common import tag, tagged

__all__ = ["SuggestionReview"]

BADGES = {
    Advice.STOP: "#b91c1c",
    Advice.EASE_OFF: "#b45309",
    Advice.KEEP: "#475569",
    Advice.PROGRESS: "#166534",
}


class SuggestionRow(w.VBox):
    """One suggestion: what and why, and its Accept, Edit and Reject buttons.

    A suggestion to stop and see a professional is not a change: its Accept and Edit stay
    off, and a click on Save is refused in words.
    """

    def __init__(self, suggestion: Suggestion, library: Library, ladders: Ladders, on_accept):
        self.suggestion, self.library, self._on_accept = suggestion, library, on_accept
        stop = bool(refusal(suggestion))
        self.text = w.HTML(_suggestion_html(suggestion, library))
        self.accept_button = w.Button(
            description="Accept",
            icon="check",
            button_style="success",
            disabled=stop or not suggestion.changes,
        )
        self.edit_button = w.Button(description="Edit", icon="pencil", disabled=stop)
        self.reject_button = w.Button(description="Reject", icon="times")
        item = suggestion.item
        exercise = library.exercise_id(item.exercise)
        choices = dict.fromkeys(
            [
                exercise,
                library.exercise_id(suggestion.proposed.exercise),
                *ladders.easier(exercise),
                *ladders.harder(exercise),
            ]
        )
        self.exercise = w.Dropdown(
            options=[(library.exercises.at[e, "name"], e) for e in choices],
            value=exercise,
            description="Exercise",
        )
        self.sets = _number("Sets", "sets")
        self.reps = _number("Reps", "reps")
        self.hold = _number("Hold (s)", "hold_seconds")
        self._fill()
        self.exercise.observe(self._fill, names="value")
        self.why = w.Textarea(
            description="Why",
            placeholder="Your reason for the client, in your own words (or leave it empty)",
            layout=w.Layout(width="100%"),
        )
        self.save_button = w.Button(
            description="Save my change", icon="save", button_style="primary"
        )
        self.editor = w.VBox(
            [self.exercise, w.HBox([self.sets, self.reps, self.hold]), self.why, self.save_button],
            layout=w.Layout(display="none"),
        )
        self.status = w.HTML()
        tag(
            self, "review", "accept_button", "edit_button", "reject_button", "save_button", "status"
        )
        self.accept_button.on_click(lambda _: self._accept(edited=False))
        self.save_button.on_click(lambda _: self._accept(edited=True))
        self.edit_button.on_click(self._edit)
        self.reject_button.on_click(self._reject)
        buttons = w.HBox([self.accept_button, self.edit_button, self.reject_button])
        super().__init__([self.text, buttons, self.editor, self.status])
        self.add_class("upperback-review-row")

    def _chosen(self) -> RoutineItem:
        """The item now, or the exercise picked in the editor at its own dose."""
        item = self.suggestion.item
        if self.exercise.value == self.library.exercise_id(item.exercise):
            return item
        return RoutineItem(
            self.exercise.value, rest_after_seconds=item.rest_after_seconds, note=item.note
        )

    def _dose(self, item: RoutineItem) -> dict:
        return dose_of(item, self.suggestion.routine, self.suggestion.index, self.library)

    def _fill(self, _=None) -> None:
        """Start the numbers from the dose the chosen exercise has now."""
        now = self._dose(self._chosen())
        for name, box in (("sets", self.sets), ("reps", self.reps), ("hold_seconds", self.hold)):
            box.value = "" if now[name] is None else str(now[name])

    def edited(self) -> RoutineItem:
        """The item as the coach set it in the editor; an empty number, or the exercise's own
        number, means the exercise's default."""
        item = self._chosen()
        own = self._dose(RoutineItem(item.exercise))
        changes = {}
        for name, box in (("sets", self.sets), ("reps", self.reps), ("hold_seconds", self.hold)):
            text = box.value.strip()
            if text and not text.isdigit():
                low, high = DOSE_LIMITS[name]
                raise ValueError(
                    f"{box.description}: '{text}' is not a whole number; use {low} to {high}, "
                    "or leave it empty for the exercise's own dose"
                )
            changes[name] = int(text) if text and int(text) != own[name] else None
        return RoutineItem(**{**item.__dict__, **changes})

    def _accept(self, *, edited: bool) -> None:
        try:
            refused = refusal(self.suggestion)
            if refused:
                raise RoutineError(refused)
            item = self.edited() if edited else None
            version = self._on_accept(self.suggestion, item, self.why.value if edited else None)
        except (RoutineError, ValueError, OSError) as error:
            self.status.value = status_html("error", str(error))
            return
        self.status.value = status_html("ok", f"Saved as version {version.number}.")
        self._close()

    def _edit(self, _=None) -> None:
        self.editor.layout.display = None

    def _reject(self, _=None) -> None:
        self.status.value = status_html("warning", "Rejected: the routine stays as it is.")
        self._close()

    def _close(self) -> None:
        self.editor.layout.display = "none"
        for button in (self.accept_button, self.edit_button, self.reject_button, self.save_button):
            button.disabled = True


def _number(label: str, field: str) -> w.Text:
    """A dose field as text; empty means the exercise's own dose."""
    low, high = DOSE_LIMITS[field]
    return w.Text(
        description=label,
        placeholder=f"{low} to {high}",
        layout=w.Layout(width="220px"),
    )


def _suggestion_html(suggestion: Suggestion, library: Library) -> str:
    name = library.exercises.at[library.exercise_id(suggestion.item.exercise), "name"]
    colour = BADGES[suggestion.advice]
    change = suggestion.change or "no change"
    days = ", ".join(f"{d.day} {d:%b}" for d in suggestion.sessions) or "none"
    return (
        f"<div><b>{suggestion.index + 1}. {escape(name)}</b> "
        f'<span style="color:{colour};font-weight:bold">{suggestion.advice.value}</span>: '
        f"{escape(change)}<br>{escape(suggestion.reason)}<br>"
        f"<small>Sessions it rests on: {escape(days)}</small></div>"
    )


class SuggestionReview(w.VBox):
    """Pick a client to review their suggestions for next week's routine.

    Parameters
    ----------
    store : Store
        The session log (``store.sessions(client)`` is all the view reads from it).
    library : Library
    routines_folder : path, default=None
        Where the clients' routine files live; the workbook's routines folder by default.
    today : datetime, default=None
        The day the review looks back from (the demo clinic's last day, for the demo).

    The view's ``version`` trait holds the version last written, for a page to pick up.
    """

    version = traitlets.Instance(Version, allow_none=True, help="the version last written")

    def __init__(
        self,
        store,
        library: Library,
        *,
        routines_folder: Path | None = None,
        today: datetime | None = None,
    ):
        self.store, self.library, self.today = store, library, today
        self.folder = routines_folder
        self.ladders = Ladders.load(exercises=library.exercises)
        self.client = tagged("review", w.Dropdown(description="Client"), "client")
        self.heading = tagged("review", w.HTML(), "heading")
        self.rows_box = tagged("review", w.VBox(), "rows")
        self.diff = tagged("review", w.HTML(), "diff")
        self.status = tagged("review", w.HTML(), "status")
        self.rows: list[SuggestionRow] = []
        self.path: Path | None = None
        self.client.observe(self._show, names="value")
        super().__init__([self.status, self.client, self.heading, self.rows_box, self.diff])
        self.add_class("upperback-review")
        self.refresh()

    def refresh(self) -> None:
        """List the clients and show the suggestions again (new sessions change them)."""
        chosen = self.client.value
        clients = self.store.clients()
        self.client.unobserve(self._show, names="value")  # draw once, below
        try:
            self.client.options = clients
            self.client.value = chosen if chosen in clients else (clients[0] if clients else None)
        finally:
            self.client.observe(self._show, names="value")
        self._show()

    def _show(self, _=None) -> None:
        self.rows, self.rows_box.children, self.diff.value = [], (), ""
        client = self.client.value
        if client is None:
            return
        try:
            suggestions = self._suggestions(client)
        except (RoutineError, StoreError, ValueError, OSError) as error:
            self.status.value = status_html("error", str(error))
            return
        waiting = status_html(
            "warning",
            f"No session of a routine logged for {client} yet: the suggestions for next week "
            "start from the sessions logged.",
        )
        self.status.value = "" if suggestions else waiting
        self.rows = [
            SuggestionRow(s, self.library, self.ladders, self._accept) for s in suggestions
        ]
        self.rows_box.children = self.rows

    def _suggestions(self, client: str) -> list[Suggestion]:
        records: list[SessionRecord] = self.store.sessions(client)
        snapshot = latest_routine(records)
        if snapshot is None:
            return []
        self.path = client_routine_path(client, snapshot.name, self.folder)
        routine = load_routine(self.path, self.library) if self.path.exists() else snapshot
        self.heading.value = (
            f"<h3>{escape(routine.name)}</h3><p>Accepting a change makes a new version of this "
            "routine and keeps the old one.</p>"
        )
        return suggestions_for(
            records,
            routine,
            self.library,
            ladders=self.ladders,
            today=self.today,
            warning_sign=warning_sign_waiting(self.store, client),
        )

    def _accept(self, suggestion: Suggestion, item: RoutineItem | None, why=None) -> Version:
        version = accept(
            suggestion, self.path, self.library, proposed=item, reason=why, store=self.store
        )
        diff = escape(version_diff(self.path, version.number), quote=False)
        self.diff.value = f"<h4>What changed in version {version.number}</h4><pre>{diff}</pre>"
        self.version = version
        return version
