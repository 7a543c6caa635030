"""Pages: views wired together by their traits, for the notebooks and the client app.

Each view stands alone; here one view's result becomes the next one's input: the routine a
picker opens goes to a timer, the run a timer ends becomes a session form, the session a
history list chooses opens in a form.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
import traitlets

from upperback.identity import current_identity
from upperback.queries import Library
from upperback.routine_history import version_number
from upperback.routines import RoutineError
from upperback.sessions import SessionRecord, session_from_plan, session_from_run
from upperback.store import Store
from upperback.store.schema import StoreError
from upperback.store.scoped import ClientStore
from upperback.timer import TimerRun
from upperback.widgets.first_visit import FirstVisit
from upperback.widgets.history import SessionHistory
from upperback.widgets.picker import RoutinePicker
from upperback.widgets.red_flags import RedFlagCheck, SafetyGate
from upperback.widgets.reminders import CalendarReminder
from upperback.widgets.session_form import SessionForm
from upperback.widgets.timer import GuidedTimer

__all__ = ["HistoryPage", "ManualLog", "SessionLog", "TimerAndLog", "TimerPage", "for_me"]


class SessionLog(w.VBox):
    """A session form, with the warning-signs check above it until the client has answered."""

    def __init__(self, store: Store | ClientStore, session: SessionRecord, library: Library):
        self.store = store
        self.form = SessionForm(store, session, library=library)
        self.check: RedFlagCheck | None = None
        self.check_area = w.Box()
        super().__init__([self.check_area, self.form])
        self.form.observe(self._ask, names="needs_check")
        self._ask()

    def _ask(self, change=None) -> None:
        if not self.form.needs_check:
            self.check, self.check_area.children = None, ()
            return
        self.check = RedFlagCheck(self.store, self.form.client.value.strip())
        self.check.observe(lambda _: self.form.refresh_check(), names="answered")
        self.check_area.children = (self.check,)


def for_client(store: Store | ClientStore, client: str | None) -> Store | ClientStore:
    """The log as a client's page gets it: only that client's rows, when a client is named."""
    if client and isinstance(store, Store):
        return store.for_client(client)
    return store


class TimerPage(w.VBox):
    """Choose a routine (a starter, a saved one, or one assigned to the client) and run it.

    Parameters
    ----------
    library : Library, default=None
        The exercise tables; loaded by default.
    store : Store, default=None
        With ``client``: the warning-signs check stands before the timer until the client
        has answered it (and, after a yes, been seen by a professional).
    client : str, default=None
        Whose page this is: they see the starters and the routines assigned to them.
    clock : callable, default=None
        The timer's clock (tests give their own).

    ``run`` follows the timer's: it is set each time a run ends.
    """

    run = traitlets.Instance(TimerRun, allow_none=True)

    def __init__(
        self,
        library: Library | None = None,
        *,
        store: Store | ClientStore | None = None,
        client: str | None = None,
        clock=None,
    ):
        self.library = library or Library.load()
        self.picker = RoutinePicker(self.library, client=client, store=store)
        self.timer: GuidedTimer | None = None
        self.stage = w.Box()
        self.stage.add_class("upperback-timerpage-stage")
        self._clock = clock
        self.picker.observe(self._open, names="checked")
        self.store, self.client = store, client
        # Add to my calendar, folded below the timer until the client opens it.
        self.reminder = CalendarReminder(client=client or "")
        self.calendar = w.Accordion([self.reminder], titles=("Add to my calendar",))
        self.calendar.selected_index = None
        self.calendar.layout.display = "none"  # until a routine is open
        self.calendar.add_class("upperback-timerpage-calendar")
        self.gate = None if store is None or not client else SafetyGate(store, client)
        super().__init__(
            [*([self.gate] if self.gate else []), self.picker, self.stage, self.calendar]
        )
        self.add_class("upperback-timerpage")
        if self.gate is not None:
            self.gate.observe(self._gate_changed, names="may_exercise")
            self._gate_changed()

    @property
    def may_start(self) -> bool:
        """False while the warning-signs check stands before the timer."""
        return self.gate is None or self.gate.may_exercise

    def _gate_changed(self, change=None) -> None:
        shown = None if self.may_start else "none"
        self.picker.layout.display = self.stage.layout.display = shown
        if self.reminder.checked is not None:  # no reminders to exercise while it is closed
            self.calendar.layout.display = shown
        if change is not None and self.may_start:
            # A menu filled while hidden shows blank in the browser until it is filled anew.
            self.picker.refresh()
            self.picker.choice.focus()  # the keyboard's focus, lost with the check's buttons

    def _open(self, change) -> None:
        if not self.may_start:
            self.picker.status.value = "<b>Answer the warning signs above first.</b>"
            return
        self._remind(change["new"])
        if self.timer is not None and self.timer.engine.state.active:
            self.picker.status.value = "<b>Stop the running timer before opening another.</b>"
            return
        self.timer = GuidedTimer(change["new"], self.library, clock=self._clock)
        traitlets.dlink((self.timer, "run"), (self, "run"))
        self.stage.children = (self.timer,)

    def _remind(self, checked) -> None:
        """The reminder follows the routine opened, at its version (a newer one updates)."""
        choice = self.picker.choice.value
        try:
            sent = self.store.sent_routines(self.client) if self.store and self.client else []
            version = version_number(checked.routine, sent=sent, path=getattr(choice, "path", None))
        except (StoreError, RoutineError):
            version = 1  # a damaged history hides the versions, never the reminder
        self.reminder.version = version
        self.reminder.checked = checked
        self.calendar.layout.display = None


class TimerAndLog(w.VBox):
    """Run a routine with the timer; when the run ends, its session form appears, filled in.

    With a client named, the page reaches only that client's rows of ``store``, and the
    warning-signs check comes before the timer.
    """

    def __init__(self, store: Store, library: Library, *, client: str = "", clock=None):
        self.store, self.library, self.client = for_client(store, client), library, client
        self.page = TimerPage(library, store=self.store, client=client, clock=clock)
        self.session_log: SessionLog | None = None
        self.log_area = w.Box()
        self.page.observe(self._log, names="run")
        super().__init__([self.page, self.log_area])

    def _log(self, change) -> None:
        session = session_from_run(change["new"], self.page.timer.checked, client=self.client)
        self.session_log = SessionLog(self.store, session, self.library)
        self.log_area.children = (self.session_log,)


class ManualLog(w.VBox):
    """Log a session done without the timer: choose the routine, then fill in the form."""

    def __init__(self, store: Store, library: Library, *, client: str = ""):
        self.store, self.library, self.client = for_client(store, client), library, client
        self.picker = RoutinePicker(
            library, action="Log this routine", icon="pencil", client=client, store=self.store
        )
        self.session_log: SessionLog | None = None
        self.log_area = w.Box()
        self.picker.observe(self._start, names="checked")
        super().__init__([self.picker, self.log_area])

    def _start(self, change) -> None:
        session = session_from_plan(change["new"], client=self.client)
        self.session_log = SessionLog(self.store, session, self.library)
        self.log_area.children = (self.session_log,)


class HistoryPage(w.VBox):
    """Past sessions; the one chosen to correct opens in a form below the list."""

    def __init__(self, store: Store, library: Library, *, client: str | None = None):
        self.store, self.library = for_client(store, client), library
        self.history = SessionHistory(self.store, library, client=client)
        self.editor = w.Box()
        self.history.observe(self._edit, names="chosen")
        super().__init__([self.history, self.editor])

    def _edit(self, change) -> None:
        if change["new"] is None:
            self.editor.children = ()
            return
        form = SessionForm(self.store, change["new"], library=self.library)
        form.observe(lambda _: self.history.refresh(self.history.client.value), names="saved")
        self.editor.children = (form,)


def for_me(make_page: Callable[[str], w.Widget]) -> w.Widget:
    """The page ``make_page(name)`` for the person using the workbook.

    Their name comes from the hub, or from this computer's profile; on a first visit the
    page asks for it once (and keeps it), so nobody's data is opened under a made-up name.
    """
    known = current_identity()
    if known is not None:
        return make_page(known.name)
    visit, area = FirstVisit(), w.Box()
    visit.observe(lambda change: setattr(area, "children", (make_page(change["new"].name),)),
                  names="identity")  # fmt: skip
    return w.VBox([visit, area])
