"""A coach's all-clear: after a client's "yes" to a warning sign, the coach records that a
professional has seen them, and on which day.

Chest pain or breathlessness can't be cleared by the client's own word the day it was
ticked; their coach, who knows they have been seen, may record it that same day. The store
checks the day seen (not before the check, not in the future), and on a clinic's server the
database records the coach as the one who gave it.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.rules.safety import SEE_A_PROFESSIONAL
from upperback.store import Store, StoreError
from upperback.store.checks import awaits_clearance, check_words
from upperback.workbook import local_zone

__all__ = ["CoachClearance", "warning_signs_html"]


def warning_signs_html(check: dict | None, *, advice: bool = False) -> str:
    """A client's latest warning-signs check in words, in the warning colour while a sign
    waits for its all-clear; with ``advice`` (for the client's own eyes, as in the report)
    it then says where to go."""
    words = f"Warning signs: {check_words(check)}."
    if check is None or awaits_clearance(check):
        if check is not None and advice:
            words += f" {SEE_A_PROFESSIONAL}"
        return status_html("warning", words)
    return status_html("ok", words) if check["any_yes"] else f"<p>{escape(words)}</p>"


class CoachClearance(w.VBox):
    """One client's warning signs in full words, and the coach's all-clear while one waits.

    Hidden when the client never answered; the all-clear controls show only while a sign
    answered yes waits for one, and only on a store that may record a coach's all-clear.
    """

    recorded = traitlets.Int(0, help="How many all-clears were recorded here")

    def __init__(self, store: Store):
        self.store, self.client = store, None
        self.words = w.HTML()
        self.seen_on = w.DatePicker(
            description="Day a professional saw them",
            style={"description_width": "auto"},
            layout=w.Layout(width="22em"),  # the whole date shows beside its long label
        )
        self.record = w.Button(
            description="Record the all-clear", icon="check", layout=w.Layout(width="auto")
        )
        self.message = w.HTML()
        self.controls = w.HBox([self.seen_on, self.record])
        for name in ("words", "seen_on", "record", "message"):
            getattr(self, name).add_class(f"upperback-clearance-{name.replace('_', '-')}")
        self.record.on_click(self._record)
        super().__init__([self.words, self.controls, self.message])
        self.add_class("upperback-clearance")
        self.show(None)

    def show(self, client: str | None) -> None:
        """Show ``client``'s latest check (or nothing, for None)."""
        self.client, self.message.value = client, ""
        check = None
        if client is not None:
            try:
                check = self.store.last_red_flag_check(client)
            except StoreError as error:
                self.words.value = status_html("error", str(error))
                self.controls.layout.display = "none"
                return
        self.layout.display = None if check is not None else "none"
        if check is None:
            return
        self.words.value = warning_signs_html(check)
        may = awaits_clearance(check) and hasattr(self.store, "record_coach_clearance")
        self.controls.layout.display = None if may else "none"
        self.seen_on.value = datetime.now(local_zone()).date()

    def _record(self, _=None) -> None:
        try:
            self.store.record_coach_clearance(self.client, seen_on=self.seen_on.value)
        except StoreError as error:
            self.message.value = status_html("error", str(error))
            return
        client = self.client
        self.recorded += 1  # the page around may redraw first
        self.show(client)
        self.message.value = status_html(
            "ok", f"The all-clear for {client} is recorded: their timer opens."
        )
