"""What a timer run is and leaves behind: its state, its events, a record of each phase.

Plain data shared by the engine (:mod:`upperback.timer`), the session records made from a
run (:mod:`upperback.sessions`) and the timer's view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from upperback.schedule import Phase

__all__ = ["Event", "EventKind", "PhaseRecord", "TimerRun", "TimerState"]


class TimerState(StrEnum):
    """Where a run stands; the engine and the timer's view share these."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"

    @property
    def active(self) -> bool:
        """Running or paused: a run under way."""
        return self in (TimerState.RUNNING, TimerState.PAUSED)

    @property
    def over(self) -> bool:
        return self in (TimerState.FINISHED, TimerState.STOPPED)


class EventKind(StrEnum):
    """Something a run's view shows or sounds."""

    STARTED = "started"
    PHASE_START = "phase-start"
    PHASE_END = "phase-end"
    HALFWAY = "halfway"
    COUNTDOWN = "countdown"
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Event:
    """Something a view shows or sounds.

    ``kind`` is one of: started, phase-start, phase-end, halfway, countdown, paused,
    resumed, finished, stopped. ``at`` is the clock reading when the engine noticed it and
    ``due`` when it was due by the plan, so ``at - due`` is how late it was shown.
    """

    kind: EventKind
    index: int
    phase: Phase
    at: float
    due: float
    value: int | None = None  # the number, for countdown events


@dataclass
class PhaseRecord:
    """One run of one phase: planned against actual, in seconds from the start of the run.

    A phase run twice (after going back) has two records.
    """

    index: int
    phase: Phase
    planned_start: float
    planned_end: float
    actual_start: float
    actual_end: float | None = None
    paused: float = 0.0
    outcome: str = "running"  # then completed, skipped, went back, or stopped
    started_at: datetime | None = None  # wall-clock time, for the session log
    ended_at: datetime | None = None

    @property
    def active_seconds(self) -> float | None:
        """Time spent in the phase, pauses left out."""
        if self.actual_end is None:
            return None
        return self.actual_end - self.actual_start - self.paused


@dataclass(frozen=True, eq=False)  # each run is its own, however alike two runs are
class TimerRun:
    """A run that has ended (finished or stopped): its phases and what happened in each.

    This is what a session record is made from
    (:func:`upperback.sessions.session_from_run`), never the timer's view.
    """

    phases: tuple[Phase, ...]
    records: tuple[PhaseRecord, ...]
    state: TimerState

    @property
    def started_at(self) -> datetime | None:
        return self.records[0].started_at if self.records else None

    @property
    def ended_at(self) -> datetime | None:
        return self.records[-1].ended_at if self.records else None
