"""A client's past sessions: the list, and delete after a confirmation."""

from __future__ import annotations

from datetime import UTC
from functools import partial
from html import escape
from pathlib import Path

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.names import name_problem
from upperback.person_names import file_stem, match_name
from upperback.queries import Library
from upperback.sessions import SessionRecord
from upperback.store import Store, StoreError
from upperback.text import plural, when_text
from upperback.widgets.common import tagged
from upperback.workbook import SettingsError, local_zone, workbook_folder

__all__ = ["SessionHistory"]


_tag = partial(tagged, "log")  # every logging control is "upperback-log-<name>"


class SessionHistory(w.VBox):
    """A client's past sessions: look, choose one to correct, or delete (after a confirmation).

    Choosing "Correct" sets ``chosen``; a page shows that session in a form.
    """

    chosen = traitlets.Instance(SessionRecord, allow_none=True, help="the session to correct")

    def __init__(self, store: Store, library: Library | None = None, *, client: str | None = None):
        self.store, self.library = store, library
        # Typed or picked: "sam" is Sam; a name not in the log gets a "did you mean".
        self.client = _tag(
            w.Combobox(description="Client", placeholder="type or pick a name"), "history_client"
        )
        self.list = _tag(
            w.Select(rows=8, description="Sessions", layout=w.Layout(width="640px")), "history_list"
        )
        self.refresh_button = _tag(
            w.Button(description="Refresh", icon="refresh"), "history_refresh"
        )
        self.edit_button = _tag(w.Button(description="Correct", icon="edit"), "history_edit")
        self.delete_button = _tag(
            w.Button(description="Delete", icon="trash", button_style="danger"), "history_delete"
        )
        self.confirm_button = _tag(
            w.Button(description="Yes, delete it", button_style="danger"), "history_confirm"
        )
        self.cancel_button = _tag(w.Button(description="Keep it"), "history_cancel")
        self.export_button = _tag(
            w.Button(description="Export to CSV", icon="download"), "history_export"
        )
        self.confirm_text = _tag(w.HTML(), "history_confirm_text")
        self.confirm = w.HBox([self.confirm_text, self.confirm_button, self.cancel_button])
        self.confirm.layout.display = "none"
        self.to_delete: SessionRecord | None = None  # bound when Delete is clicked
        self.status = _tag(w.HTML(), "history_status")
        self.client.observe(self._choose_client, names="value")
        self.list.observe(self._close_confirm, names="value")
        self.edit_button.on_click(self._edit)
        self.refresh_button.on_click(lambda _: self.refresh(self.client.value))
        self.delete_button.on_click(self._ask_delete)
        self.cancel_button.on_click(self._close_confirm)
        self.confirm_button.on_click(self._delete)
        self.export_button.on_click(self._export)
        super().__init__(
            [self.client, self.list, w.HBox([self.edit_button, self.delete_button, self.refresh_button,
                                           self.export_button]),
             self.confirm, self.status]
        )  # fmt: skip
        self.add_class("upperback-log-history")
        self.refresh(client)

    def refresh(self, client: str | None = None) -> None:
        """Read the clients and the chosen client's sessions again (after a save, say)."""
        try:
            names = self.store.clients()
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.client.options = tuple(names)
        typed = self.client.value if client is None else client
        if typed != self.client.value:
            self.client.value = typed  # the observer lists its sessions
        else:
            self._choose_client()

    def _choose_client(self, change=None) -> None:
        typed = self.client.value
        found = match_name(typed, self.client.options)
        if found is not None and found != typed:
            self.client.value = found  # shown as the log spells it; lists again
            return
        self.status.value = (
            status_html("warning", name_problem(typed, self.client.options))
            if typed.strip() and found is None
            else ""
        )
        self._list(found)

    @property
    def chosen_client(self) -> str | None:
        """The client whose sessions are listed, as the log spells the name."""
        return match_name(self.client.value, self.client.options)

    def _list(self, client: str | None = None) -> None:
        self._close_confirm()
        if client is None:
            self._sessions, self.list.options = {}, []
            return
        try:
            self._sessions = {s.id: s for s in self.store.sessions(client)}
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.list.options = [(self._label(s), s.id) for s in reversed(self._sessions.values())]

    def _label(self, session: SessionRecord) -> str:
        when = when_text(session.started_at, zone=_zone())
        pain = f"pain {_pain(session.pain_before)} → {_pain(session.pain_after)}"
        return f"{when} · {session.routine} · {pain}"

    def _edit(self, _=None) -> None:
        if self.list.value is not None:
            self.chosen = self._sessions[self.list.value]

    def _export(self, _=None) -> None:
        """Write the listed client's sessions to a CSV file, only when the person asks."""
        client = self.chosen_client
        if client is None:
            self.status.value = status_html("warning", "Choose a client first.")
            return
        path = export_path(client)
        try:
            self.store.export_csv(path, client=client)
        except (StoreError, OSError) as error:
            self.status.value = status_html("error", f"Not exported: {error}")
            return
        count = plural(len(self._sessions), "session")
        self.status.value = status_html("ok", f"Exported {count} to {path}")

    def _ask_delete(self, _=None) -> None:
        """Ask about the session picked now, by its date and routine, right below the list."""
        if self.list.value is None:
            self.status.value = status_html("warning", "Pick a session in the list first.")
            return
        self.to_delete = self._sessions[self.list.value]
        self.confirm_text.value = (
            f"<b>Delete the session of {escape(self._label(self.to_delete))} for good?</b>"
        )
        self.confirm.layout.display = None

    def _close_confirm(self, _=None) -> None:
        self.to_delete = None
        self.confirm.layout.display = "none"

    def _delete(self, _=None) -> None:
        doomed = self.to_delete
        self._close_confirm()
        if doomed is None:
            return
        try:
            self.store.delete_session(doomed.id)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        if self.chosen is not None and self.chosen.id == doomed.id:
            self.chosen = None  # its form would save it back
        self.status.value = status_html("ok", f"Deleted the session of {self._label(doomed)}.")
        self._list(self.chosen_client)


def export_path(client: str) -> Path:
    """Where a client's CSV export goes: ``sessions-<name>-<hash>.csv`` in the workbook
    folder, the name's :func:`~upperback.person_names.file_stem`: any spelling of one
    client gives one file, and two clients never share one.

    Examples
    --------
    >>> export_path("Mary Jo O'Neil").name.startswith("sessions-mary-jo-o-neil-")
    True
    """
    return workbook_folder() / f"sessions-{file_stem(client)}.csv"


def _zone():
    """The person's zone; a broken setting shows times in UTC rather than stop the list."""
    try:
        return local_zone()
    except SettingsError:
        return UTC


def _pain(value) -> str:
    return "–" if value is None else str(value)
