"""The form for one session: sets planned against done, pain, effort, notes, save.

It is filled from a timer run or a routine's plan (see :mod:`upperback.sessions`); the
client adds pain, effort and notes. Nothing is lost on an error: the form keeps every
value and says what to fix.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.person_names import match_name
from upperback.queries import Library
from upperback.rules.pain import pain_warnings
from upperback.rules.scales import BORG_CR10
from upperback.sessions import Problem, SessionError, SessionRecord, SetLog, session_problems
from upperback.store import Store, StoreError
from upperback.text import when_text
from upperback.widgets.common import tagged
from upperback.workbook import SettingsError, local_zone

__all__ = ["SessionForm"]

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


def whole_number(typed: str) -> int | None:
    """The whole number a person typed, or None when the text is not one ("1e3", "6.5", "six").

    Examples
    --------
    >>> whole_number(" 12 "), whole_number("1e3"), whole_number("-4"), whole_number("")
    (12, None, -4, None)
    """
    text = typed.strip()
    digits = text[1:] if text[:1] in "+-" else text
    return int(text) if digits.isascii() and digits.isdigit() else None


def _zone():
    """The person's zone; a broken setting shows times in UTC rather than stop the form."""
    try:
        return local_zone()
    except SettingsError:
        return UTC


_tag = partial(tagged, "log")  # every logging control is "upperback-log-<name>"


class SessionForm(w.VBox):
    """The form for one session: sets planned against done, pain, effort, notes, save.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.routine_files import starter_routine
    >>> from upperback.routines import check_routine
    >>> from upperback.sessions import session_from_plan
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/log.db")
    >>> library = Library.load(user=False)
    >>> checked = check_routine(starter_routine("daily-bridge"), library)
    >>> form = SessionForm(store, session_from_plan(checked, client="Sam"), library=library)
    >>> len(form.sets)  # the bridge three times, can openers once a side
    5
    """

    needs_check = traitlets.Bool(False, help="True until the client has answered the check")
    saved = traitlets.Instance(SessionRecord, allow_none=True, help="the session once saved")

    def __init__(self, store: Store, session: SessionRecord, *, library: Library | None = None):
        self.store = store
        self.library = library
        self.session = session
        self.sets: list[SetLog] = list(session.sets)

        self._make_session_fields(session)
        self.warnings = _tag(w.HTML(), "warnings")
        self.set_table = _tag(w.HTML(), "set_table")
        self.set_choice = _tag(w.Dropdown(description="Set"), "set_choice")
        # Text, not IntText: the browser's number box reads "1e3" as 13; here it is refused.
        self.reps_done = _tag(w.Text(description="Reps done"), "reps_done")
        self.hold_done = _tag(w.FloatText(description="Held (s)"), "hold_done")
        self.completed = _tag(w.Checkbox(description="completed"), "completed")
        self.set_note = _tag(w.Text(description="Set note"), "set_note")
        self.save_button = _tag(
            w.Button(description="Save session", icon="save", button_style="success"), "save"
        )
        self.status = _tag(w.HTML(), "status")
        self.problems = _tag(w.HTML(), "problems")
        self._typing: dict[int, str] = {}  # a set's reps box holding what is not a number
        for style in (
            self.client,
            self.day,
            self.time,
            self.pain_before,
            self.pain_after,
            self.effort,
            self.set_choice,
        ):
            style.style.description_width = "90px"

        for control in (self.pain_before, self.pain_after):
            control.observe(self._show_warnings, names="value")
        for control in (self.client, self.day, self.time, self.pain_before, self.pain_after,
                        self.effort, self.notes):  # fmt: skip
            control.observe(self._show_problems, names="value")
        for control in (self.day, self.time):
            control.observe(self._show_title, names="value")
        self.set_choice.observe(self._show_set, names="value")
        for control in (self.reps_done, self.hold_done, self.completed, self.set_note):
            control.observe(self._edit_set, names="value")
        self.client.observe(self.refresh_check, names="value")
        self.save_button.on_click(self._save)
        self._quiet = False

        self.title = _tag(w.HTML(), "title")
        editor = w.HBox(
            [self.set_choice, self.reps_done, self.hold_done, self.completed, self.set_note]
        )
        super().__init__(
            [self.title, w.HBox([self.client, self.day, self.time]),
             w.HBox([self.pain_before, self.pain_after, self.effort]), self.warnings,
             self.set_table, editor, self.notes, self.problems, self.save_button, self.status]
        )  # fmt: skip
        self.add_class("upperback-log-form")
        self._render_sets()
        self._show_title()
        self._show_warnings()
        self.refresh_check()

    def _make_session_fields(self, session: SessionRecord) -> None:
        """Who, pain before and after, effort and notes, filled from ``session``."""
        self.client = _tag(w.Text(value=session.client, description="Client"), "client")
        # When it was done, in the person's zone: a session can be logged after the day.
        started = session.started_at.astimezone(_zone())
        self.day = _tag(w.DatePicker(value=started.date(), description="Date"), "day")
        self.time = _tag(
            w.TimePicker(value=started.time().replace(second=0, microsecond=0),
                         description="Time", step=60),
            "time",
        )  # fmt: skip
        for name, label in (("pain_before", "Pain before"), ("pain_after", "Pain after")):
            value = _shown(getattr(session, name))
            setattr(self, name, _tag(w.Dropdown(options=PAIN_OPTIONS, value=value,
                                                description=label), name))  # fmt: skip
        self.effort = _tag(
            w.Dropdown(options=EFFORT_OPTIONS, value=_shown(session.effort), description="Effort"),
            "effort",
        )
        self.notes = _tag(w.Textarea(value=session.notes, description="Notes"), "notes")

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
            self.reps_done.value = self._typing.get(index, str(chosen.reps_done or 0))
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
        reps = whole_number(self.reps_done.value)
        if current.reps_planned is not None and reps is None:
            self._typing[index] = self.reps_done.value  # kept as typed until it is a number
        else:
            self._typing.pop(index, None)
        self.sets[index] = replace(
            current,
            reps_done=(current.reps_done if reps is None else reps)
            if current.reps_planned is not None
            else None,
            hold_done=self.hold_done.value if not self.hold_done.disabled else current.hold_done,
            completed=self.completed.value,
            note=self.set_note.value,
        )
        self._render_sets()
        self._show_problems()

    # -- safety --------------------------------------------------------------------------

    def _show_warnings(self, change=None) -> None:
        found = pain_warnings(_stored(self.pain_before.value), _stored(self.pain_after.value))
        self.warnings.value = "".join(
            '<div class="upperback-pain-warning" style="color:#991b1b;background:#fee2e2;'
            f'padding:0.4em 0.8em;margin:0.2em 0;border-radius:6px"><b>⚠</b> {escape(text)}</div>'
            for text in found
        )

    def refresh_check(self, change=None) -> None:
        """A client's first session waits for the warning-signs check (a page shows it)."""
        client = self._client = self.client.value.strip()
        if not client:
            self.needs_check, self.save_button.disabled = False, True
            return
        try:
            # "sam" typed is the Sam already in the log, not a new client.
            client = self._client = match_name(client, self.store.clients()) or client
            checked = self.store.last_red_flag_check(client)
        except StoreError as error:
            self.status.value = status_html("error", str(error))
            self.save_button.disabled = True
            return
        self.needs_check = checked is None and self.session.id is None
        self.save_button.disabled = self.needs_check

    # -- saving --------------------------------------------------------------------------

    def current(self) -> SessionRecord:
        """The session as the form shows it now."""
        return replace(
            self.session,
            client=self._client,
            **self._times(),
            pain_before=_stored(self.pain_before.value),
            pain_after=_stored(self.pain_after.value),
            effort=_stored(self.effort.value),
            notes=self.notes.value,
            sets=tuple(self.sets),
        )

    def _times(self) -> dict:
        """Start (and end, moved with it) from the date and time boxes, stored in UTC."""
        if self.day.value is None or self.time.value is None:
            return {"started_at": None}
        local = datetime.combine(self.day.value, self.time.value).replace(tzinfo=_zone())
        started = local.astimezone(UTC)
        if started == self.session.started_at.replace(second=0, microsecond=0):
            return {}  # unchanged: keep the seconds the timer recorded
        ended = self.session.ended_at
        moved = ended + (started - self.session.started_at) if ended is not None else None
        return {"started_at": started, "ended_at": moved}

    def problems_for_people(self) -> list[str]:
        """What keeps the session from being saved, as the form shows it (empty when none)."""
        found = [
            Problem("reps_done", "reps done must be a whole number, like 8",
                    f"not “{typed.strip()}”", set_index=index + 1, exercise=self.sets[index].exercise)
            for index, typed in sorted(self._typing.items())
        ]  # fmt: skip
        found += [p for p in session_problems(self.current()) if p.field != "uid"]
        return [replace(p, exercise=self._name(p.exercise)).for_people() for p in found]

    def _show_problems(self, change=None) -> None:
        texts = self.problems_for_people()
        self.problems.value = status_html("error", "\n".join(texts)) if texts else ""

    def _show_title(self, change=None) -> None:
        started = self._times().get("started_at", self.session.started_at)
        when = when_text(started, zone=_zone()) if started else "no date yet"
        self.title.value = (
            f"<h4 style='margin:0.2em 0'>{escape(self.session.routine)} · {escape(when)}</h4>"
        )

    def _save(self, _=None) -> None:
        problems = self.problems_for_people()
        if problems:
            self._show_problems()
            self.status.value = status_html("error", "Not saved: fix what is listed above.")
            return
        try:
            saved = self.store.save_session(self.current())
        except (SessionError, StoreError) as error:
            texts = getattr(error, "details", None)
            shown = "\n".join(p.for_people() for p in texts) if texts else str(error)
            self.status.value = status_html("error", f"Not saved: {shown}")
            return
        self.session = saved
        self.saved = saved
        when = when_text(saved.started_at, zone=_zone())
        self.status.value = status_html("ok", f"Saved: {saved.routine}, {when}")
