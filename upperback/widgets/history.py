"""A client's past sessions: the list, and delete after a confirmation."""

from __future__ import annotations

from functools import partial

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.queries import Library
from upperback.sessions import SessionRecord
from upperback.store import Store, StoreError
from upperback.widgets.common import tagged

__all__ = ["SessionHistory"]


_tag = partial(tagged, "log")  # every logging control is "upperback-log-<name>"


class SessionHistory(w.VBox):
    """A client's past sessions: look, choose one to correct, or delete (after a confirmation).

    Choosing "Correct" sets ``chosen``; a page shows that session in a form.
    """

    chosen = traitlets.Instance(SessionRecord, allow_none=True, help="the session to correct")

    def __init__(self, store: Store, library: Library | None = None, *, client: str | None = None):
        self.store, self.library = store, library
        self.client = _tag(w.Dropdown(description="Client"), "history_client")
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
        self.confirm = w.HBox(
            [
                w.HTML("<b>Delete this session for good?</b>"),
                self.confirm_button,
                self.cancel_button,
            ]
        )
        self.confirm.layout.display = "none"
        self.status = _tag(w.HTML(), "history_status")
        self.client.observe(self._list, names="value")
        self.edit_button.on_click(self._edit)
        self.refresh_button.on_click(lambda _: self.refresh(self.client.value))
        self.delete_button.on_click(lambda _: setattr(self.confirm.layout, "display", None))
        self.cancel_button.on_click(lambda _: setattr(self.confirm.layout, "display", "none"))
        self.confirm_button.on_click(self._delete)
        super().__init__(
            [self.client, self.list, w.HBox([self.edit_button, self.delete_button, self.refresh_button]), self.confirm,
             self.status]
        )  # fmt: skip
        self.add_class("upperback-log-history")
        self.refresh(client)

    def refresh(self, client: str | None = None) -> None:
        try:
            names = self.store.clients()
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.client.options = names
        if client in names:
            self.client.value = client
        self._list()

    def _list(self, change=None) -> None:
        if self.client.value is None:
            self.list.options = []
            return
        self._sessions = {s.id: s for s in self.store.sessions(self.client.value)}
        self.list.options = [
            (f"{s.started_at:%Y-%m-%d %H:%M} · {s.routine} · pain {_pain(s.pain_before)} → "
             f"{_pain(s.pain_after)}", s.id)
            for s in reversed(self._sessions.values())
        ]  # fmt: skip

    def _edit(self, _=None) -> None:
        if self.list.value is not None:
            self.chosen = self._sessions[self.list.value]

    def _delete(self, _=None) -> None:
        self.confirm.layout.display = "none"
        if self.list.value is None:
            return
        try:
            self.store.delete_session(self.list.value)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.chosen = None
        self.status.value = status_html("ok", "Deleted.")
        self._list()


def _pain(value) -> str:
    return "–" if value is None else str(value)
