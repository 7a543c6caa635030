"""The warning-signs check: asked before a client's first session, stored with its date."""

from __future__ import annotations

from functools import partial
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.rules.safety import RED_FLAGS
from upperback.sessions import SessionError
from upperback.store import Store, StoreError
from upperback.widgets.common import tagged

__all__ = ["RedFlagCheck"]


_tag = partial(tagged, "log")  # every logging control is "upperback-log-<name>"


class RedFlagCheck(w.VBox):
    """The warning signs, asked once before a client's first session, stored with its date."""

    answered = traitlets.Bool(False, help="True once the answers are stored")
    any_yes = traitlets.Bool(False, help="True when any warning sign was ticked")

    def __init__(self, store: Store, client: str):
        self.store, self.client = store, client
        self.answers = {
            flag: _tag(w.Checkbox(description=flag, indent=False), "flag") for flag in RED_FLAGS
        }
        self.submit = _tag(
            w.Button(
                description="Submit my answers",
                button_style="primary",
                layout=w.Layout(width="auto"),
            ),
            "flag_submit",
        )
        self.result = _tag(w.HTML(), "flag_result")
        self.submit.on_click(self._submit)
        intro = w.HTML(
            f"<p><b>Before your first session, {escape(client)}:</b> tick any of these that "
            "apply to you now.</p>"
        )
        super().__init__([intro, *self.answers.values(), self.submit, self.result])
        self.add_class("upperback-log-red-flags")

    def _submit(self, _=None) -> None:
        answers = {flag: box.value for flag, box in self.answers.items()}
        try:
            any_yes = self.store.record_red_flag_check(self.client, answers)
        except (StoreError, SessionError) as error:
            self.result.value = status_html("error", str(error))
            return
        if any_yes:
            self.result.value = (
                '<div style="color:#991b1b;font-weight:bold">Please see a doctor or '
                "physiotherapist before you start these exercises. What you ticked can have "
                "causes that exercise will not help, and a professional should check them "
                "first.</div>"
            )
        else:
            self.result.value = status_html(
                "ok", "Thank you. None of the warning signs: you can go ahead."
            )
        self.submit.disabled = True
        self.any_yes = any_yes
        self.answered = True
