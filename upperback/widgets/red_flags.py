"""The warning-signs check, and the gate it keeps in front of the timer.

Asked before a client's first session and again every few weeks, stored with its date. A
"yes" shows where to get help and keeps the timer closed until the client confirms a
professional has seen them, and on which day. Chest pain or breathlessness needs care that
same day: the client's own all-clear waits until the next day (their coach may record one
sooner, on the coach's dashboard).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.rules.safety import RED_FLAGS, SEE_A_PROFESSIONAL, SEEK_URGENT_CARE, URGENT_FLAGS
from upperback.sessions import SessionError
from upperback.store import Store, StoreError
from upperback.store.checks import awaits_clearance, clearance_problem, gate_reason
from upperback.widgets.common import tagged
from upperback.workbook import local_zone

__all__ = ["RedFlagCheck", "SafetyGate"]


_tag = partial(tagged, "log")  # every logging control is "upperback-log-<name>"

SEEN_LABEL = "I have seen a professional and may exercise"
SEEN_ON_LABEL = "Day I was seen"
URGENT_WAIT = (
    "Because you ticked chest pain or shortness of breath, the timer stays closed today. "
    "From tomorrow you can confirm here that a professional has seen you; your coach can "
    "record it sooner."
)


def advice_html(*, urgent: bool) -> str:
    """What to do after a "yes": urgent care today for chest pain or breathlessness."""
    urgent_part = f"<p>{escape(SEEK_URGENT_CARE)}</p>" if urgent else ""
    return (
        f'<div style="color:#991b1b;font-weight:bold">{urgent_part}'
        f"<p>{escape(SEE_A_PROFESSIONAL)}</p></div>"
    )


class RedFlagCheck(w.VBox):
    """The warning signs, asked and stored with their date; after a yes, the all-clear step.

    Parameters
    ----------
    store : Store or ClientStore
        Where the answers are kept.
    client : str
        Whose answers they are.
    waiting : dict, default=None
        A stored check with a yes that no professional has cleared yet: the signs are not
        asked again, only the all-clear.
    """

    answered = traitlets.Bool(False, help="True once the answers are stored")
    any_yes = traitlets.Bool(False, help="True when any warning sign was ticked")
    cleared = traitlets.Bool(False, help="True once a professional's all-clear is stored")

    def __init__(self, store: Store, client: str, *, waiting: dict | None = None):
        self.store, self.client, self.urgent = store, client, False
        self.answers = {
            flag: _tag(w.Checkbox(description=flag, indent=False), "flag") for flag in RED_FLAGS
        }
        self.submit = _tag(
            w.Button(description="Submit my answers", button_style="primary",
                     layout=w.Layout(width="auto")),
            "flag_submit",
        )  # fmt: skip
        self.result = _tag(w.HTML(), "flag_result")
        self.seen = _tag(w.Checkbox(description=SEEN_LABEL, indent=False), "flag_seen")
        self.seen_on = _tag(
            w.DatePicker(
                description=SEEN_ON_LABEL,
                value=_today(),
                style={"description_width": "auto"},
                layout=w.Layout(width="16em"),
            ),
            "flag_seen_on",
        )
        self.seen_button = _tag(
            w.Button(description="I may exercise again", layout=w.Layout(width="auto"),
                     disabled=True),
            "flag_seen_submit",
        )  # fmt: skip
        self.clearance = w.VBox([self.seen, self.seen_on, self.seen_button])
        self.clearance.layout.display = "none"
        self.submit.on_click(self._submit)
        self.seen.observe(lambda c: setattr(self.seen_button, "disabled", not c["new"]), "value")
        self.seen_button.on_click(self._clear)
        intro = w.HTML(
            f"<p><b>Before you exercise, {escape(client)}:</b> tick any of these that "
            "apply to you now.</p>"
        )
        asked = [intro, *self.answers.values(), self.submit]
        super().__init__([*([] if waiting else asked), self.result, self.clearance])
        self.add_class("upperback-log-red-flags")
        if waiting:
            self._show_advice(urgent=waiting["urgent"], waiting=True)
            self.answered = self.any_yes = True

    def _submit(self, _=None) -> None:
        answers = {flag: box.value for flag, box in self.answers.items()}
        try:
            any_yes = self.store.record_red_flag_check(self.client, answers)
        except (StoreError, SessionError) as error:
            self.result.value = status_html("error", str(error))
            return
        if any_yes:
            self._show_advice(urgent=any(answers[flag] for flag in URGENT_FLAGS))
        else:
            self.result.value = status_html(
                "ok", "Thank you. None of the warning signs: you can go ahead."
            )
        self.submit.disabled = True
        self.any_yes = any_yes
        self.answered = True

    def _show_advice(self, *, urgent: bool, waiting: bool = False) -> None:
        self.urgent = urgent
        self.result.value = advice_html(urgent=urgent)
        if urgent and not self._may_clear_today():
            if not waiting:  # a page that was waiting says so in its own words
                self.result.value += status_html("warning", URGENT_WAIT)
            return  # nothing the client can tick today
        self.clearance.layout.display = None

    def _may_clear_today(self) -> bool:
        try:
            latest = self.store.last_red_flag_check(self.client)
        except StoreError:
            return False
        return clearance_problem(latest, by="client", seen_on=_today()) is None

    def _clear(self, _=None) -> None:
        seen_on = self.seen_on.value
        latest = self.store.last_red_flag_check(self.client)
        problem = clearance_problem(latest, by="client", seen_on=seen_on)
        try:
            if problem is not None:
                raise StoreError(f"{problem} Nothing was saved.")
            self.store.record_professional_clearance(self.client, seen_on=seen_on)
        except StoreError as error:
            self.result.value = advice_html(urgent=self.urgent) + status_html("error", str(error))
            return
        self.result.value = status_html("ok", "Thank you. You can start your routine.")
        self.seen.disabled = self.seen_on.disabled = self.seen_button.disabled = True
        self.cleared = True


def _today() -> date:
    return datetime.now(local_zone()).date()


class SafetyGate(w.VBox):
    """What stands before the timer: the check, while it is unanswered, due or not cleared.

    ``may_exercise`` is True once the client may exercise; a page shows its timer only then.
    """

    may_exercise = traitlets.Bool(False, help="True when the client may start the timer")

    def __init__(self, store: Store, client: str):
        self.store, self.client = store, client
        self.reason = _tag(w.HTML(), "gate_reason")
        self.check: RedFlagCheck | None = None
        super().__init__([self.reason])
        self.add_class("upperback-safety-gate")
        self.refresh()

    def refresh(self, change=None) -> None:
        """Ask the log again: open the gate, or say why it stays closed and show the check."""
        try:
            latest = self.store.last_red_flag_check(self.client)
        except StoreError as error:
            self.reason.value = status_html("error", str(error))
            self.may_exercise = False
            return
        why = gate_reason(latest)
        if why is None:
            self.check, self.children = None, ()
            self.may_exercise = True
            return
        asked_lately = latest is not None and datetime.now(UTC) < latest["due_at"]
        waiting = latest if asked_lately and awaits_clearance(latest) else None
        self.reason.value = f"<p class='upperback-gate-why'><b>{escape(why)}</b></p>"
        self.check = RedFlagCheck(self.store, self.client, waiting=waiting)
        self.check.observe(self.refresh, names=["answered", "cleared"])
        self.children = (self.reason, self.check)
        self.may_exercise = False
