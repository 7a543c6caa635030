"""Session records: what a client did and how their back felt. Pure data and rules, no I/O.

Pain is the Numeric Pain Rating Scale (whole numbers 0 to 10); effort is Borg's CR10
(0 to 10 in half steps). Every value is checked before anything stores it.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime

from upperback.person_names import name_problem
from upperback.routines import CheckedRoutine, routine_to_dict
from upperback.rules.limits import (
    CLOCK_SKEW,
    EARLIEST_SESSION,
    EFFORT_RANGE,
    HOLD_LIMITS,
    PRESCRIPTION_MAX_CHARS,
    PRESCRIPTION_MAX_DEPTH,
    SETS_PER_SESSION,
    TEXT_LIMITS,
    WHOLE_LIMITS,
)
from upperback.rules.scales import PAIN_SCALE
from upperback.runs import PhaseRecord, TimerRun
from upperback.schedule import Phase, PhaseKind

__all__ = [
    "Problem",
    "SessionError",
    "SessionRecord",
    "SetLog",
    "check_value",
    "field_label",
    "now_utc",
    "planned_sets",
    "session_from_plan",
    "session_from_run",
    "session_problems",
    "sets_from_timer",
    "validate_session",
]

SIDES = (None, "left", "right")  # below: the session's own fields, in the order of their problems
SESSION_CHECKED = ("uid", "client", "routine", "started_at", "ended_at", "pain_before", "pain_after",
                   "effort", "notes", "prescription")  # fmt: skip


@dataclass(frozen=True)
class SetLog:
    """One set as done: planned against actual."""

    exercise: str
    set_number: int
    side: str | None = None
    reps_planned: int | None = None
    reps_done: int | None = None
    hold_planned: float | None = None  # seconds
    hold_done: float | None = None
    completed: bool = True
    note: str = ""


@dataclass(frozen=True)
class SessionRecord:
    """A session: who, which routine (with a snapshot of what it prescribed), when, how it felt."""

    client: str
    routine: str
    started_at: datetime
    ended_at: datetime | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    effort: float | None = None
    notes: str = ""
    sets: tuple[SetLog, ...] = ()
    prescription: dict | None = None
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    id: int | None = None  # given by the store


# -- checking values: one rule per field, shared by the session form and the CSV import ------

# How a field is named for people (a field not listed: its name with spaces).
FIELD_LABELS = {"client": "client name", "routine": "routine name", "uid": "session id",
                "started_at": "start time", "ended_at": "end time", "notes": "session notes",
                "note": "set note", "hold_planned": "planned hold"}  # fmt: skip
REQUIRED_TEXT = ("client", "routine", "uid", "exercise")


def field_label(name: str) -> str:
    """How a field is named for people: ``reps_done`` is "reps done"."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


@dataclass(frozen=True)
class Problem:
    """One value that may not be stored: which field, where, and what is wrong, in words.

    ``text`` is a sentence for people without its capital, ``allowed`` what is accepted; a
    set's ``set_index`` (from 1) and ``exercise``, or a file's ``source``, ``line``, place it.

    Examples
    --------
    >>> problem = Problem("reps_done", "reps done can't be negative",
    ...                   "use a whole number from 0 to 500", set_index=1, exercise="plank")
    >>> problem.for_people()
    "Reps done can't be negative; use a whole number from 0 to 500 (set 1, plank)"
    >>> str(problem.located("log.csv", 4, "reps_done"))
    "log.csv, line 4, column reps_done: reps done can't be negative (use a whole number from \
0 to 500)"
    """

    field: str
    text: str
    allowed: str = ""
    set_index: int | None = None
    exercise: str = ""
    source: str = ""
    line: int | None = None

    def __str__(self) -> str:
        allowed = f" ({self.allowed})" if self.allowed else ""
        if self.line is not None:
            column = f", column {self.field}" if self.field else ""
            return f"{self.source}, line {self.line}{column}: {self.text}{allowed}"
        where = f"set {self.set_index} ({self.exercise}): " if self.set_index else ""
        return f"{where}field '{self.field}': {self.text}{allowed}"

    def for_people(self) -> str:
        """The sentence a form shows beside the field."""
        allowed = f"; {self.allowed}" if self.allowed else ""
        where = f" (set {self.set_index}, {self.exercise})" if self.set_index else ""
        return f"{self.text[:1].upper()}{self.text[1:]}{allowed}{where}"

    def located(self, source: str, line: int, column: str) -> Problem:
        """The same problem, placed in a file by line and column."""
        return replace(self, source=source, line=line, field=column, set_index=None)


class SessionError(ValueError):
    """A session that may not be stored: ``problems`` as lines, ``details`` as ``Problem``s."""

    def __init__(self, problems: Sequence[str | Problem]):
        self.details = [p if isinstance(p, Problem) else Problem("", p) for p in problems]
        self.problems = [p if isinstance(p, str) else str(p) for p in problems]
        super().__init__("; ".join(self.problems))


def allowed(name: str) -> str:
    """What a field accepts, in words."""
    if name in WHOLE_LIMITS:
        low, high = WHOLE_LIMITS[name]
        scale = f" ({PAIN_SCALE})" if name.startswith("pain") else ""
        return f"use a whole number from {low} to {high}{scale}"
    if name in ("hold_planned", "hold_done"):
        return f"use seconds from {HOLD_LIMITS[0]} to {HOLD_LIMITS[1]}"
    if name in TEXT_LIMITS:
        return f"use at most {TEXT_LIMITS[name]} characters"
    return {
        "side": "use left, right or leave it empty",
        "effort": "use Borg CR10: 0 to 10 in half steps",
        "completed": "use true or false",
        "started_at": f"use a date and time from {EARLIEST_SESSION.year} up to now",
        "ended_at": f"use a date and time from {EARLIEST_SESSION.year} up to now",
        "prescription": f"use a JSON object at most {PRESCRIPTION_MAX_DEPTH} levels deep",
    }.get(name, "")


def check_value(name: str, value) -> Problem | None:
    """The problem with one field's value, or None when it may be stored."""
    label = field_label(name)
    found = _check_text(name, value, label) if name in TEXT_LIMITS and name != "side" else None
    found = found or (name_problem(value) if name == "client" else None)  # a person's name
    if name in WHOLE_LIMITS:
        found = _check_number(value, label, *WHOLE_LIMITS[name], whole=True)
        found = f"give the {label}" if value is None and name == "set_number" else found
    elif name in ("hold_planned", "hold_done"):
        found = _check_number(value, label, *HOLD_LIMITS)
    elif name == "effort":
        found = _check_number(value, label, *EFFORT_RANGE)
        if found is None and value is not None and value * 2 != int(value * 2):
            found = f"effort {value} is not a half step"
    elif name == "side" and value not in SIDES:
        found = f"{value!r} is not a side"
    elif name == "completed" and not isinstance(value, bool):
        found = "say whether the set was completed"
    elif name in ("started_at", "ended_at"):
        found = _check_time(value, label, required=name == "started_at")
    elif name == "prescription":
        found = _check_prescription(value)
    return None if found is None else Problem(name, found, allowed(name))


def _check_text(name: str, value, label: str) -> str | None:
    if not isinstance(value, str):
        return f"the {label} must be text"
    if name in REQUIRED_TEXT and not value.strip():
        return f"give the {label}"
    if len(value) > TEXT_LIMITS[name]:
        return f"the {label} is {len(value)} characters long"
    if "\0" in value:
        return f"the {label} holds a NUL character, which no text may hold"
    if name == "uid" and any(c.isspace() or not c.isprintable() for c in value):
        return "a session id holds no spaces or control characters"
    return None


def _check_number(value, label: str, low: float, high: float, whole: bool = False) -> str | None:
    if value is None:
        return None
    kinds = int if whole else int | float
    if isinstance(value, bool) or not isinstance(value, kinds):
        return f"{label} must be a whole number" if whole else f"{label} must be a number"
    if not math.isfinite(value):
        return f"{label} must be a number"
    if value < 0 <= low:
        return f"{label} can't be negative"
    if not low <= value <= high:
        return f"{label} can't be {'less' if value < low else 'more'} than {high if value > high else low}"
    return None


def _check_time(value, label: str, *, required: bool) -> str | None:
    if value is None:
        return f"give the {label}" if required else None
    if not isinstance(value, datetime):
        return f"the {label} must be a date and time"
    if value.utcoffset() is None:
        return f"give the {label} a time zone (times are stored in UTC)"
    # Years first: near the ends of the calendar, a UTC offset would overflow the arithmetic.
    latest = datetime.now(UTC) + CLOCK_SKEW
    early = value.year < EARLIEST_SESSION.year
    if early or (value.year == EARLIEST_SESSION.year and value < EARLIEST_SESSION):
        return f"the {label} is before {EARLIEST_SESSION.year}"
    if value.year > latest.year or value > latest:
        return f"the {label} is in the future"
    return None


def _check_prescription(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        return "the prescription must be a JSON object (in braces), not a list or a value"
    if _depth(value, PRESCRIPTION_MAX_DEPTH + 1) > PRESCRIPTION_MAX_DEPTH:
        return f"the prescription is nested more than {PRESCRIPTION_MAX_DEPTH} levels deep"
    try:
        size = len(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError):
        return "the prescription holds values JSON cannot hold"
    if size > PRESCRIPTION_MAX_CHARS:
        return f"the prescription is {size} characters long (at most {PRESCRIPTION_MAX_CHARS})"
    return None


def _depth(value, limit: int) -> int:
    """How deeply lists and objects nest in ``value``, counted no further than ``limit``."""
    if limit <= 0 or not isinstance(value, dict | list):
        return 0
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in inner), default=0)


def session_problems(session: SessionRecord) -> list[Problem]:
    """Every problem of a session and its sets, field by field (empty when it may be stored)."""
    found = [check_value(name, getattr(session, name)) for name in SESSION_CHECKED]
    times = (session.started_at, session.ended_at)
    known = not any(p and p.field in ("started_at", "ended_at") for p in found)
    if known and times[1] is not None and times[1] < times[0]:
        text = "the session can't end before it started"
        found.append(Problem("ended_at", text, allowed("ended_at")))
    if len(session.sets) > SETS_PER_SESSION:
        text = f"the session holds {len(session.sets)} sets"
        found.append(Problem("sets", text, f"log at most {SETS_PER_SESSION} sets in one session"))
    for number, logged in enumerate(session.sets, start=1):
        where = {"set_index": number, "exercise": str(logged.exercise)}
        found += [
            replace(problem, **where)
            for problem in (check_value(f.name, getattr(logged, f.name)) for f in fields(SetLog))
            if problem is not None
        ]
    return [problem for problem in found if problem is not None]


def validate_session(session: SessionRecord) -> None:
    """Raise SessionError naming every field that is missing, out of range or of a wrong kind.

    The limits are those of ``upperback.rules``: a form and a CSV import refuse the same values.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> validate_session(SessionRecord("Sam", "Daily", datetime.now(UTC), pain_before=12))
    Traceback (most recent call last):
    ...
    upperback.sessions.SessionError: field 'pain_before': pain before can't be more than 10 \
(use a whole number from 0 to 10 (0 = no pain, 10 = the worst pain imaginable))
    """
    problems = session_problems(session)
    if problems:
        raise SessionError(problems)


def sets_from_timer(phases: Sequence[Phase], records: Sequence[PhaseRecord]) -> list[SetLog]:
    """Every set of a timer run, planned against actual, ready to log.

    A set run twice (after going back) counts once, as last run; a rep-based set marked
    done counts its planned reps as done; a set skipped, or never reached because the run
    was stopped, is logged as not completed.
    """
    last: dict[int, PhaseRecord] = {r.index: r for r in records if r.phase.kind == PhaseKind.WORK}
    logged = []
    for index, phase in enumerate(phases):
        if phase.kind != PhaseKind.WORK:
            continue
        record = last.get(index)
        completed = record is not None and record.outcome == "completed"
        active = (record.active_seconds or 0.0) if record is not None else 0.0
        logged.append(
            SetLog(
                exercise=phase.exercise,
                set_number=phase.set_number,
                side=phase.side,
                reps_planned=phase.reps,
                reps_done=(phase.reps if completed else 0) if phase.reps is not None else None,
                hold_planned=phase.seconds if phase.timed else phase.hold_seconds,
                hold_done=round(min(active, phase.seconds), 1) if phase.timed else None,
                completed=completed,
            )
        )
    return logged


def planned_sets(phases: Sequence[Phase]) -> list[SetLog]:
    """Every work phase of a schedule as a set done as planned: the manual log's start."""
    return [
        SetLog(
            exercise=p.exercise,
            set_number=p.set_number,
            side=p.side,
            reps_planned=p.reps,
            reps_done=p.reps,
            hold_planned=p.seconds if p.timed else p.hold_seconds,
            hold_done=p.seconds if p.timed else None,
            completed=True,
        )
        for p in phases
        if p.kind == PhaseKind.WORK
    ]


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def session_from_run(run: TimerRun, checked: CheckedRoutine, *, client: str = "") -> SessionRecord:
    """A session record from a finished (or stopped) timer run: every set, planned against done.

    Examples
    --------
    >>> from upperback.queries import Library
    >>> from upperback.routines import Routine, RoutineItem, check_routine
    >>> from upperback.timer import TimerEngine
    >>> checked = check_routine(Routine("Plank", items=(RoutineItem("plank", sets=1),)),
    ...                         Library.load(user=False))
    >>> now = [0.0]
    >>> engine = TimerEngine(checked.phases, clock=lambda: now[0])
    >>> _ = engine.start(); now[0] = 100.0; _ = engine.tick()
    >>> [(s.exercise, s.completed) for s in session_from_run(engine.result(), checked).sets]
    [('plank', True)]
    """
    started = run.started_at or now_utc()
    ended = run.ended_at
    return SessionRecord(
        client=client,
        routine=checked.routine.name,
        started_at=started.replace(microsecond=0),
        ended_at=ended.replace(microsecond=0) if ended else None,
        sets=tuple(sets_from_timer(run.phases, run.records)),
        prescription=routine_to_dict(checked.routine),
    )


def session_from_plan(
    checked: CheckedRoutine, *, client: str = "", started_at: datetime | None = None
) -> SessionRecord:
    """A session done without the timer, every set as planned: the manual log's start."""
    return SessionRecord(
        client=client,
        routine=checked.routine.name,
        started_at=started_at or now_utc(),
        sets=tuple(planned_sets(checked.phases)),
        prescription=routine_to_dict(checked.routine),
    )
