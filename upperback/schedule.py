"""A routine's doses laid out as the phases a timer runs: get ready, work, switch, rest, done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from upperback.rules.doses import GET_READY_SECONDS, SECONDS_PER_REP, SWITCH_SIDES_SECONDS

if TYPE_CHECKING:  # routines builds schedules, so it sits above this module
    from upperback.routines import Dose

__all__ = ["Phase", "PhaseKind", "phases_for", "planned_seconds"]


class PhaseKind(StrEnum):
    """What a stretch of the timer's run is; the engine and every view share these."""

    GET_READY = "get ready"
    WORK = "work"
    SWITCH_SIDES = "switch sides"
    REST = "rest"  # between sets of one exercise
    NEXT_EXERCISE = "next exercise"  # rest between exercises
    DONE = "done"


@dataclass(frozen=True)
class Phase:
    """One stretch of the timer's run.

    ``seconds`` is the countdown for timed phases, or ``None`` for a rep-based set that
    ends when the client marks it done; ``estimate`` is the planned length either way.
    """

    kind: PhaseKind
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
        if self.kind == PhaseKind.WORK:
            parts = [self.name, f"set {self.set_number} of {self.sets}"]
            if self.side:
                parts.append(f"{self.side} side")
            return ", ".join(parts)
        return {
            PhaseKind.SWITCH_SIDES: f"Switch to the {self.side} side",
            PhaseKind.REST: "Rest",
            PhaseKind.NEXT_EXERCISE: f"Rest, then {self.name}",
            PhaseKind.GET_READY: f"Get ready: {self.name}",
        }.get(self.kind, "Done")


def _work(index: int, dose: Dose, set_number: int, side: str | None) -> Phase:
    if dose.dosing == "hold":
        seconds = float(dose.hold_seconds)
        estimate = seconds
    else:
        seconds = None
        estimate = float(dose.reps * (SECONDS_PER_REP + (dose.hold_seconds or 0)))
    return Phase(
        PhaseKind.WORK,
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


def _timed(kind: PhaseKind, seconds: float, **where) -> Phase:
    return Phase(kind, float(seconds), float(seconds), **where)


def phases_for(
    doses: Sequence[Dose],
    *,
    get_ready_seconds: float = GET_READY_SECONDS,
    switch_seconds: float = SWITCH_SIDES_SECONDS,
) -> list[Phase]:
    """Expand checked doses into their phases, in the order the timer runs them.

    Each set works its sides in turn (left, switch, right) before the rest between sets.
    A zero-second rest is left out; the run always ends with a ``done`` phase. Most callers
    want :attr:`upperback.routines.CheckedRoutine.phases`, which calls this.
    """
    phases: list[Phase] = []
    if doses:
        first = doses[0]
        phases.append(
            _timed(
                PhaseKind.GET_READY,
                get_ready_seconds,
                item=0,
                exercise=first.exercise,
                name=first.name,
            )
        )
    for index, dose in enumerate(doses):
        for set_number in range(1, dose.sets + 1):
            for turn, side in enumerate(dose.side_order):
                if turn:
                    phases.append(
                        _timed(PhaseKind.SWITCH_SIDES, switch_seconds, item=index, side=side)
                    )
                phases.append(_work(index, dose, set_number, side))
            if set_number < dose.sets and dose.rest_seconds:
                phases.append(_timed(PhaseKind.REST, dose.rest_seconds, item=index, name=dose.name))
        if index + 1 < len(doses) and dose.rest_after_seconds:
            following = doses[index + 1]
            phases.append(
                _timed(
                    PhaseKind.NEXT_EXERCISE,
                    dose.rest_after_seconds,
                    item=index + 1,
                    exercise=following.exercise,
                    name=following.name,
                )
            )
    phases.append(_timed(PhaseKind.DONE, 0))
    return phases


def planned_seconds(phases: Sequence[Phase]) -> float:
    """The run's estimated length: every phase's planned time, rep-based sets estimated."""
    return sum(p.estimate for p in phases)
