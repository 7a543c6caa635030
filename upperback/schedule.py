"""A routine laid out as the phases a timer runs: get ready, work, switch sides, rest, done."""

from __future__ import annotations

from dataclasses import dataclass

from upperback.queries import Library
from upperback.routines import Dose, Routine

__all__ = ["PHASE_KINDS", "Phase", "build_schedule", "planned_seconds"]

GET_READY = "get ready"
WORK = "work"
SWITCH_SIDES = "switch sides"
REST = "rest"  # between sets of one exercise
NEXT_EXERCISE = "next exercise"  # rest between exercises
DONE = "done"
PHASE_KINDS = (GET_READY, WORK, SWITCH_SIDES, REST, NEXT_EXERCISE, DONE)

GET_READY_SECONDS = 10
SWITCH_SIDES_SECONDS = 5
SECONDS_PER_REP = 3  # to estimate how long a rep-based set takes; the client marks it done


@dataclass(frozen=True)
class Phase:
    """One stretch of the timer's run.

    ``seconds`` is the countdown for timed phases, or ``None`` for a rep-based set that
    ends when the client marks it done; ``estimate`` is the planned length either way.
    """

    kind: str
    seconds: float | None
    estimate: float
    item: int | None = None  # index of the routine item
    exercise: str | None = None
    name: str = ""
    set_number: int | None = None
    sets: int | None = None
    side: str | None = None  # "left", "right", or None when both sides work together
    reps: int | None = None
    hold_seconds: int | None = None

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    def label(self) -> str:
        """What the phase is, in words: "Can openers, set 1 of 2, left side"."""
        if self.kind == WORK:
            parts = [self.name, f"set {self.set_number} of {self.sets}"]
            if self.side:
                parts.append(f"{self.side} side")
            return ", ".join(parts)
        if self.kind == SWITCH_SIDES:
            return f"Switch to the {self.side} side"
        if self.kind == REST:
            return "Rest"
        if self.kind == NEXT_EXERCISE:
            return f"Rest, then {self.name}"
        if self.kind == GET_READY:
            return f"Get ready: {self.name}"
        return "Done"


def _work(index: int, dose: Dose, set_number: int, side: str | None) -> Phase:
    if dose.dosing == "hold":
        seconds = float(dose.hold_seconds)
        estimate = seconds
    else:
        seconds = None
        estimate = float(dose.reps * (SECONDS_PER_REP + (dose.hold_seconds or 0)))
    return Phase(
        WORK,
        seconds,
        estimate,
        item=index,
        exercise=dose.exercise,
        name=dose.name,
        set_number=set_number,
        sets=dose.sets,
        side=side,
        reps=dose.reps,
        hold_seconds=dose.hold_seconds,
    )


def _timed(kind: str, seconds: float, **where) -> Phase:
    return Phase(kind, float(seconds), float(seconds), **where)


def build_schedule(
    routine: Routine,
    library: Library,
    *,
    get_ready_seconds: float = GET_READY_SECONDS,
    switch_seconds: float = SWITCH_SIDES_SECONDS,
) -> list[Phase]:
    """Expand a routine into its phases, in the order the timer runs them.

    Each set works its sides in turn (left, switch, right) before the rest between sets.
    A zero-second rest is left out; the run always ends with a ``done`` phase.

    Examples
    --------
    >>> from upperback.routines import Routine, RoutineItem
    >>> library = Library.load(user=False)
    >>> routine = Routine("Demo", items=(RoutineItem("side-plank", sets=1, hold_seconds=20),))
    >>> [(p.kind, p.side, p.seconds) for p in build_schedule(routine, library)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('get ready', None, 10.0), ('work', 'left', 20.0), ('switch sides', 'right', 5.0),
     ('work', 'right', 20.0), ('done', None, 0.0)]
    """
    doses = routine.doses(library)
    phases: list[Phase] = []
    if doses:
        first = doses[0]
        phases.append(
            _timed(GET_READY, get_ready_seconds, item=0, exercise=first.exercise, name=first.name)
        )
    for index, dose in enumerate(doses):
        for set_number in range(1, dose.sets + 1):
            for turn, side in enumerate(dose.side_order):
                if turn:
                    phases.append(_timed(SWITCH_SIDES, switch_seconds, item=index, side=side))
                phases.append(_work(index, dose, set_number, side))
            if set_number < dose.sets and dose.rest_seconds:
                phases.append(_timed(REST, dose.rest_seconds, item=index, name=dose.name))
        if index + 1 < len(doses) and dose.rest_after_seconds:
            following = doses[index + 1]
            phases.append(
                _timed(
                    NEXT_EXERCISE,
                    dose.rest_after_seconds,
                    item=index + 1,
                    exercise=following.exercise,
                    name=following.name,
                )
            )
    phases.append(_timed(DONE, 0))
    return phases


def planned_seconds(phases: list[Phase]) -> float:
    """The routine's estimated length: every phase's planned time, rep-based sets estimated.

    Examples
    --------
    >>> from upperback.routines import starter_routine
    >>> minutes = planned_seconds(build_schedule(starter_routine("thoracic-five"),
    ...                                          Library.load(user=False))) / 60
    >>> 5 < minutes < 30
    True
    """
    return sum(p.estimate for p in phases)
