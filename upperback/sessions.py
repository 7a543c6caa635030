"""Session records: what a client did and how their back felt. Pure data and rules, no I/O.

Pain is the Numeric Pain Rating Scale (whole numbers 0 to 10); effort is Borg's CR10
(0 to 10 in half steps). Every value is checked before anything stores it.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from upperback.routines import CheckedRoutine, routine_to_dict
from upperback.rules import PAIN_SCALE
from upperback.runs import PhaseRecord, TimerRun
from upperback.schedule import Phase, PhaseKind

__all__ = [
    "SessionError",
    "SessionRecord",
    "SetLog",
    "now_utc",
    "planned_sets",
    "session_from_plan",
    "session_from_run",
    "sets_from_timer",
    "validate_session",
]

SIDES = (None, "left", "right")


class SessionError(ValueError):
    """A session with values that may not be stored; ``problems`` names each field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


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


def _whole(value, name: str, low: int, high: int, what: str = "") -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return [
            f"field '{name}': {value!r} is not allowed; use a whole number {low} to {high}{what}"
        ]
    return []


def _seconds(value, name: str) -> list[str]:
    if value is None:
        return []
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or not 0 <= value <= 3600:
        return [f"field '{name}': {value!r} is not allowed; use seconds from 0 to 3600"]
    return []


def _aware(value, name: str) -> list[str]:
    if not isinstance(value, datetime):
        return [f"field '{name}': {value!r} is not a date and time"]
    if value.tzinfo is None:
        return [f"field '{name}': give a time zone (times are stored in UTC)"]
    return []


def validate_session(session: SessionRecord) -> None:
    """Raise SessionError naming every field that is missing, out of range or of a wrong kind.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> validate_session(SessionRecord("Sam", "Daily", datetime.now(UTC), pain_before=12))
    Traceback (most recent call last):
    ...
    upperback.sessions.SessionError: field 'pain_before': 12 is not allowed; use a whole \
number 0 to 10 (0 = no pain, 10 = the worst pain imaginable)
    """
    problems = []
    for name in ("client", "routine"):
        value = getattr(session, name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"field '{name}': give a name")
        elif len(value) > 200:
            problems.append(f"field '{name}': at most 200 characters")
    problems += _aware(session.started_at, "started_at")
    if session.ended_at is not None:
        problems += _aware(session.ended_at, "ended_at")
        if not problems and session.ended_at < session.started_at:
            problems.append("field 'ended_at': the session cannot end before it started")
    for name in ("pain_before", "pain_after"):
        problems += _whole(getattr(session, name), name, 0, 10, f" ({PAIN_SCALE})")
    effort = session.effort
    if effort is not None and (
        isinstance(effort, bool)
        or not isinstance(effort, int | float)
        or not 0 <= effort <= 10
        or (effort * 2) != int(effort * 2)
    ):
        problems.append(
            f"field 'effort': {effort!r} is not allowed; use Borg CR10, 0 to 10 in half steps"
        )
    if not isinstance(session.notes, str) or len(session.notes) > 5000:
        problems.append("field 'notes': text of at most 5000 characters")
    for number, logged in enumerate(session.sets, start=1):
        where = f"set {number} ({logged.exercise})"
        found = []
        if not isinstance(logged.exercise, str) or not logged.exercise.strip():
            found.append("field 'exercise': give the exercise")
        found += _whole(logged.set_number, "set_number", 1, 50)
        if logged.side not in SIDES:
            found.append(f"field 'side': {logged.side!r} is not allowed; use left, right or empty")
        found += _whole(logged.reps_planned, "reps_planned", 0, 500)
        found += _whole(logged.reps_done, "reps_done", 0, 500)
        found += _seconds(logged.hold_planned, "hold_planned")
        found += _seconds(logged.hold_done, "hold_done")
        if not isinstance(logged.completed, bool):
            found.append("field 'completed': use true or false")
        if not isinstance(logged.note, str) or len(logged.note) > 1000:
            found.append("field 'note': text of at most 1000 characters")
        problems += [f"{where}: {problem}" for problem in found]
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
