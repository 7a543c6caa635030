"""Views for logging sessions: the warning-signs check, the session form, and past sessions.

The form is filled from what the timer recorded (or from the routine's plan, for a session
done without the timer); the client adds pain, effort and notes. Nothing is lost on an
error: the form keeps every value and says what to fix.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

import ipywidgets as w

from upperback.queries import Library
from upperback.routine_widgets import TimerPage, open_choice, routine_choices
from upperback.routines import Routine, RoutineError, routine_to_dict
from upperback.safety import RED_FLAGS
from upperback.schedule import build_schedule
from upperback.sessions import (
    BORG_CR10,
    SessionError,
    SessionRecord,
    SetLog,
    now_utc,
    pain_warnings,
    planned_sets,
    sets_from_timer,
)
from upperback.store import Store, StoreError
from upperback.widgets import status_html

__all__ = ["ManualLog", "RedFlagCheck", "SessionHistory", "SessionLogger", "TimerAndLog"]

# A dropdown shows a value of None as blank, so "not recorded" is -1 here and None when stored.
NOT_RECORDED = -1
PAIN_OPTIONS = [("not recorded", NOT_RECORDED)] + [
    (f"{n}" + {0: " (no pain)", 10: " (worst imaginable)"}.get(n, ""), n) for n in range(11)
]
EFFORT_OPTIONS = [("not recorded", NOT_RECORDED)] + [
    (f"{value:g} ({words})", value) for value, words in BORG_CR10.items()
] + [(f"{n}", n) for n in (6, 8, 9)]  # fmt: skip
EFFORT_OPTIONS = EFFORT_OPTIONS[:1] + sorted(EFFORT_OPTIONS[1:], key=lambda o: o[1])


def _shown(value):
    return NOT_RECORDED if value is None else value


def _stored(value):
    return None if value == NOT_RECORDED else value


def _tag(widget, name: str):
    widget.add_class(f"upperback-log-{name.replace('_', '-')}")
    return widget


class RedFlagCheck(w.VBox):
    """The warning signs, asked once before a client's first session, stored with its date."""

    def __init__(self, store: Store, client: str, on_done=None):
        self.store, self.client, self.on_done = store, client, on_done
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
        if self.on_done is not None:
            self.on_done(any_yes)


class SessionLogger(w.VBox):
    """The form for one session: sets planned against done, pain, effort, notes, save.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.routines import starter_routine
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/log.db")
    >>> form = SessionLogger.planned(store, Library.load(user=False),
    ...                              starter_routine("daily-bridge"), client="Sam")
    >>> len(form.sets)  # bridge twice, can openers once a side, bridge once
    5
    """

    def __init__(self, store: Store, session: SessionRecord, *, library: Library | None = None):
        self.store = store
        self.library = library
        self.session = session
        self.sets: list[SetLog] = list(session.sets)

        self.client = _tag(w.Text(value=session.client, description="Client"), "client")
        self.pain_before = _tag(
            w.Dropdown(
                options=PAIN_OPTIONS, value=_shown(session.pain_before), description="Pain before"
            ),
            "pain_before",
        )
        self.pain_after = _tag(
            w.Dropdown(
                options=PAIN_OPTIONS, value=_shown(session.pain_after), description="Pain after"
            ),
            "pain_after",
        )
        self.effort = _tag(
            w.Dropdown(options=EFFORT_OPTIONS, value=_shown(session.effort), description="Effort"),
            "effort",
        )
        self.notes = _tag(w.Textarea(value=session.notes, description="Notes"), "notes")
        self.warnings = _tag(w.HTML(), "warnings")
        self.set_table = _tag(w.HTML(), "set_table")
        self.set_choice = _tag(w.Dropdown(description="Set"), "set_choice")
        self.reps_done = _tag(w.IntText(description="Reps done"), "reps_done")
        self.hold_done = _tag(w.FloatText(description="Held (s)"), "hold_done")
        self.completed = _tag(w.Checkbox(description="completed"), "completed")
        self.set_note = _tag(w.Text(description="Set note"), "set_note")
        self.save_button = _tag(
            w.Button(description="Save session", icon="save", button_style="success"), "save"
        )
        self.status = _tag(w.HTML(), "status")
        self.check_area = _tag(w.Box(), "check_area")
        for style in (self.client, self.pain_before, self.pain_after, self.effort, self.set_choice):
            style.style.description_width = "90px"

        for control in (self.pain_before, self.pain_after):
            control.observe(self._show_warnings, names="value")
        self.set_choice.observe(self._show_set, names="value")
        for control in (self.reps_done, self.hold_done, self.completed, self.set_note):
            control.observe(self._edit_set, names="value")
        self.client.observe(self._check_first_session, names="value")
        self.save_button.on_click(self._save)
        self._quiet = False

        title = w.HTML(
            f"<h4 style='margin:0.2em 0'>{escape(session.routine)} · "
            f"{session.started_at:%a %d %b %Y, %H:%M} UTC</h4>"
        )
        editor = w.HBox(
            [self.set_choice, self.reps_done, self.hold_done, self.completed, self.set_note]
        )
        super().__init__(
            [title, self.check_area, self.client, w.HBox([self.pain_before, self.pain_after, self.effort]),
             self.warnings, self.set_table, editor, self.notes, self.save_button, self.status]
        )  # fmt: skip
        self.add_class("upperback-log-form")
        self._render_sets()
        self._show_warnings()
        self._check_first_session()

    # -- ways in -------------------------------------------------------------------------

    @classmethod
    def from_timer(cls, store: Store, timer, *, client: str = "") -> SessionLogger:
        """A form filled from a finished (or stopped) GuidedTimer run."""
        engine = timer.engine
        started = engine.records[0].started_at if engine.records else now_utc()
        ended = engine.records[-1].ended_at if engine.records else None
        session = SessionRecord(
            client=client,
            routine=timer.routine.name,
            started_at=started.replace(microsecond=0),
            ended_at=ended.replace(microsecond=0) if ended else None,
            sets=tuple(sets_from_timer(engine.phases, engine.records)),
            prescription=routine_to_dict(timer.routine),
        )
        return cls(store, session, library=timer.library)

    @classmethod
    def planned(
        cls, store: Store, library: Library, routine: Routine, *, client: str = ""
    ) -> SessionLogger:
        """A form for a session done without the timer, filled with the routine's plan."""
        session = SessionRecord(
            client=client,
            routine=routine.name,
            started_at=now_utc(),
            sets=tuple(planned_sets(build_schedule(routine, library))),
            prescription=routine_to_dict(routine),
        )
        return cls(store, session, library=library)

    # -- the sets ------------------------------------------------------------------------

    def _name(self, exercise: str) -> str:
        if self.library is not None and exercise in self.library.exercises.index:
            return self.library.exercises.at[exercise, "name"]
        return exercise

    def _render_sets(self) -> None:
        rows = []
        for number, s in enumerate(self.sets, start=1):
            planned = f"{s.reps_planned} reps" if s.reps_planned is not None else ""
            if s.hold_planned is not None:
                planned += (" · " if planned else "") + f"{s.hold_planned:g} s"
            done = f"{s.reps_done} reps" if s.reps_done is not None else ""
            if s.hold_done is not None:
                done += (" · " if done else "") + f"{s.hold_done:g} s"
            mark = "✓" if s.completed else "skipped"
            rows.append(
                "<tr style='vertical-align:top'>"
                f"<td>{number}</td><td>{escape(self._name(s.exercise))}</td>"
                f"<td>{s.set_number}</td><td>{s.side or ''}</td><td>{planned}</td>"
                f"<td>{done}</td><td>{mark}</td><td>{escape(s.note)}</td></tr>"
            )
        head = "".join(f"<th style='text-align:left;padding-right:1em'>{h}</th>" for h in
                       ("", "Exercise", "Set", "Side", "Planned", "Done", "", "Note"))  # fmt: skip
        self.set_table.value = (
            f"<table class='upperback-set-table'><style>.upperback-set-table td {{padding:1px 14px 1px 0}}</style>"
            f"<tr>{head}</tr>{''.join(rows)}</table>"
            if rows
            else "<p><i>No sets.</i></p>"
        )
        chosen = self.set_choice.value
        self._quiet = True
        self.set_choice.options = [
            (f"{n}. {self._name(s.exercise)} {s.set_number}{' ' + s.side if s.side else ''}", n - 1)
            for n, s in enumerate(self.sets, start=1)
        ]
        self._quiet = False
        self.set_choice.value = (
            chosen if chosen is not None and chosen < len(self.sets) else (0 if self.sets else None)
        )
        self._show_set()

    def _show_set(self, change=None) -> None:
        index = self.set_choice.value
        self._quiet = True
        try:
            chosen = self.sets[index] if index is not None else None
            for control in (self.reps_done, self.hold_done, self.completed, self.set_note):
                control.disabled = chosen is None
            if chosen is None:
                return
            self.reps_done.value = chosen.reps_done or 0
            self.reps_done.disabled = chosen.reps_planned is None
            self.hold_done.value = chosen.hold_done or 0.0
            self.hold_done.disabled = chosen.hold_planned is None or chosen.reps_planned is not None
            self.completed.value = chosen.completed
            self.set_note.value = chosen.note
        finally:
            self._quiet = False

    def _edit_set(self, change=None) -> None:
        index = self.set_choice.value
        if self._quiet or index is None:
            return
        current = self.sets[index]
        self.sets[index] = replace(
            current,
            reps_done=self.reps_done.value if current.reps_planned is not None else None,
            hold_done=self.hold_done.value if not self.hold_done.disabled else current.hold_done,
            completed=self.completed.value,
            note=self.set_note.value,
        )
        self._render_sets()

    # -- safety --------------------------------------------------------------------------

    def _show_warnings(self, change=None) -> None:
        found = pain_warnings(_stored(self.pain_before.value), _stored(self.pain_after.value))
        self.warnings.value = "".join(
            '<div class="upperback-pain-warning" style="color:#991b1b;background:#fee2e2;'
            f'padding:0.4em 0.8em;margin:0.2em 0;border-radius:6px"><b>⚠</b> {escape(text)}</div>'
            for text in found
        )

    def _check_first_session(self, change=None) -> None:
        """A client's first session waits for the warning-signs check."""
        client = self.client.value.strip()
        self.check_area.children = ()
        if not client:
            self.save_button.disabled = True
            return
        try:
            checked = self.store.last_red_flag_check(client)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            self.save_button.disabled = True
            return
        if checked is None and self.session.id is None:
            self.save_button.disabled = True
            self.check_area.children = (RedFlagCheck(self.store, client, on_done=self._checked),)
        else:
            self.save_button.disabled = False

    def _checked(self, any_yes: bool) -> None:
        self.save_button.disabled = False

    # -- saving --------------------------------------------------------------------------

    def current(self) -> SessionRecord:
        """The session as the form shows it now."""
        return replace(
            self.session,
            client=self.client.value.strip(),
            pain_before=_stored(self.pain_before.value),
            pain_after=_stored(self.pain_after.value),
            effort=_stored(self.effort.value),
            notes=self.notes.value,
            sets=tuple(self.sets),
        )

    def _save(self, _=None) -> None:
        try:
            saved = self.store.save_session(self.current())
        except (SessionError, StoreError) as error:
            self.status.value = status_html("error", f"Not saved: {error}")
            return
        self.session = saved
        self.status.value = status_html(
            "ok", f"Saved: {saved.routine}, {saved.started_at:%d %b %Y %H:%M} UTC"
        )


class SessionHistory(w.VBox):
    """A client's past sessions: look, correct, or delete (after a confirmation)."""

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
        self.editor = w.Box()
        self.client.observe(self._list, names="value")
        self.edit_button.on_click(self._edit)
        self.refresh_button.on_click(lambda _: self.refresh(self.client.value))
        self.delete_button.on_click(lambda _: setattr(self.confirm.layout, "display", None))
        self.cancel_button.on_click(lambda _: setattr(self.confirm.layout, "display", "none"))
        self.confirm_button.on_click(self._delete)
        super().__init__(
            [self.client, self.list, w.HBox([self.edit_button, self.delete_button, self.refresh_button]), self.confirm,
             self.status, self.editor]
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
        if self.list.value is None:
            return
        self.editor.children = (
            SessionLogger(self.store, self._sessions[self.list.value], library=self.library),
        )

    def _delete(self, _=None) -> None:
        self.confirm.layout.display = "none"
        if self.list.value is None:
            return
        try:
            self.store.delete_session(self.list.value)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            return
        self.editor.children = ()
        self.status.value = status_html("ok", "Deleted.")
        self._list()


def _pain(value) -> str:
    return "–" if value is None else str(value)


class ManualLog(w.VBox):
    """Log a session done without the timer: choose the routine, then fill in the form."""

    def __init__(self, store: Store, library: Library, *, client: str = ""):
        self.store, self.library, self.client_name = store, library, client
        self.choice = _tag(
            w.Dropdown(options=routine_choices(), description="Routine"), "manual_choice"
        )
        self.start_button = _tag(
            w.Button(description="Log this routine", icon="pencil"), "manual_start"
        )
        self.status = _tag(w.HTML(), "manual_status")
        self.form_area = w.Box()
        self.form: SessionLogger | None = None
        self.start_button.on_click(self._start)
        super().__init__([w.HBox([self.choice, self.start_button]), self.status, self.form_area])

    def _start(self, _=None) -> None:
        try:
            routine = open_choice(self.choice.value, self.library)
        except RoutineError as error:
            self.status.value = status_html("error", str(error))
            return
        self.form = SessionLogger.planned(
            self.store, self.library, routine, client=self.client_name
        )
        self.form_area.children = (self.form,)


class TimerAndLog(w.VBox):
    """Run a routine with the timer; when it ends, the session form appears, filled in."""

    def __init__(self, store: Store, library: Library, *, client: str = ""):
        self.store, self.client = store, client
        self.page = TimerPage(library, on_end=self._log)
        self.form_area = w.Box()
        self.form: SessionLogger | None = None
        super().__init__([self.page, self.form_area])

    def _log(self, timer) -> None:
        self.form = SessionLogger.from_timer(self.store, timer, client=self.client)
        self.form_area.children = (self.form,)
