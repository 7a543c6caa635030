"""The timer's state machine: runs a schedule of phases against a monotonic clock.

Remaining time is always ``deadline - now``, and a phase that ends hands its *deadline*
(not the moment the end was noticed) to the next phase as its start. A late tick therefore
delays only when a change is shown, never the plan: the timer cannot drift, however long
the routine. The clock is a plain function, so tests drive a fake one.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from upperback.rules.doses import COUNTDOWN_FROM
from upperback.runs import Event, EventKind, PhaseRecord, TimerRun, TimerState
from upperback.schedule import Phase, PhaseKind

__all__ = [
    "Event",
    "PhaseRecord",
    "TimerEngine",
    "TimerRun",
    "TimerState",
    "run_timer",
    "wants_halfway",
]

# What a run leaves behind lives in runs.py; the names are offered here too, beside the engine.


# Short names for use inside this module.
READY, RUNNING, PAUSED, FINISHED, STOPPED = TimerState
DONE, WORK = PhaseKind.DONE, PhaseKind.WORK


def wants_halfway(phase: Phase) -> bool:
    """Whether a phase gets a "halfway" cue: timed work of two seconds or more.

    Views that draw or speak the cues themselves ask here, so they agree with the engine.
    """
    return phase.kind == WORK and phase.timed and phase.seconds >= 2


@dataclass
class _Current:
    """Book-keeping for the phase that is running now."""

    index: int
    started: float  # clock time the phase began
    paused: float = 0.0  # seconds paused so far in this phase
    halfway_sent: bool = False
    countdown_sent: set[int] = field(default_factory=set)


class TimerEngine:
    """Run a list of phases: start, pause, resume, done, skip, back, stop.

    Parameters
    ----------
    phases : list of Phase
        From :func:`upperback.schedule.build_schedule`; the last one is ``done``.
    clock : callable, default=time.monotonic
        Returns seconds; replace it in tests.
    wall_clock : callable, default=now in UTC
        For the wall-clock start and end times kept in the records.

    Examples
    --------
    >>> from upperback.schedule import Phase
    >>> now = [0.0]
    >>> engine = TimerEngine([Phase("work", 30.0, 30.0), Phase("done", 0.0, 0.0)],
    ...                      clock=lambda: now[0])
    >>> _ = engine.start()
    >>> now[0] = 12.5
    >>> engine.remaining()
    17.5
    >>> now[0] = 31.0
    >>> [e.kind.value for e in engine.tick()]
    ['phase-end', 'phase-start', 'finished']
    >>> engine.records[0].actual_end  # the deadline, not the late tick
    30.0
    """

    def __init__(
        self,
        phases: list[Phase],
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        if not phases or phases[-1].kind != DONE:
            raise ValueError("a schedule ends with a 'done' phase")
        self.phases = list(phases)
        self.clock = clock
        self.wall_clock = wall_clock
        self.state = READY
        self.records: list[PhaseRecord] = []
        self._listeners: list[Callable[[Event], None]] = []
        self._current: _Current | None = None
        self._paused_at: float | None = None
        self.start_time: float = 0.0
        self._wall_start: datetime | None = None
        # Where each phase starts and ends by the plan, from the start of the run.
        self.planned_starts: list[float] = []
        total = 0.0
        for phase in self.phases:
            self.planned_starts.append(total)
            total += phase.estimate
        self.planned_total = total

    # -- reading the state ---------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._current.index if self._current else 0

    @property
    def phase(self) -> Phase:
        return self.phases[self.index]

    @property
    def next_phase(self) -> Phase | None:
        later = self.phases[self.index + 1 :]
        return next((p for p in later if p.kind == WORK), later[0] if later else None)

    def _now(self) -> float:
        """The engine's present: frozen while paused."""
        return self._paused_at if self.state == PAUSED else self.clock()

    def deadline(self) -> float | None:
        """Clock time the current phase ends, or None for a rep-based set (or not running)."""
        if self._current is None or not self.phase.timed:
            return None
        return self._current.started + self._current.paused + self.phase.seconds

    def remaining(self) -> float | None:
        """Seconds left in the current timed phase; None for a rep-based set.

        Always the deadline less the clock: never a count of ticks.
        """
        if self.state == READY:
            return self.phases[0].seconds
        deadline = self.deadline()
        if deadline is None or self.state in (FINISHED, STOPPED):
            return None if deadline is None else 0.0
        return max(0.0, deadline - self._now())

    def elapsed(self) -> float:
        """Seconds spent in the current phase, pauses left out."""
        if self._current is None:
            return 0.0
        return self._now() - self._current.started - self._current.paused

    def progress(self) -> float:
        """How far through the routine's planned time, from 0 to 1."""
        if self.state == FINISHED:
            return 1.0
        if self._current is None:
            return 0.0
        phase = self.phase
        within = min(self.elapsed(), phase.estimate)
        return min(1.0, (self.planned_starts[self.index] + within) / (self.planned_total or 1.0))

    def next_wakeup(self) -> float | None:
        """The clock time of the next event due (phase end, halfway, countdown), if any."""
        if self.state != RUNNING or self._current is None:
            return None
        deadline = self.deadline()
        if deadline is None:
            return None
        moments = [deadline]
        if self._wants_halfway() and not self._current.halfway_sent:
            moments.append(deadline - self.phase.seconds / 2)
        moments += [deadline - n for n in range(1, COUNTDOWN_FROM + 1) if n < self.phase.seconds]
        upcoming = [m for m in moments if m > self.clock()]
        return min(upcoming) if upcoming else deadline

    def result(self) -> TimerRun:
        """The run so far, as a plain record: phases, what happened in each, the state."""
        return TimerRun(tuple(self.phases), tuple(self.records), self.state)

    # -- listening -----------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """Call ``listener(event)`` for every event, as it happens."""
        self._listeners.append(listener)

    def _emit(self, events: list[Event], kind: EventKind, due: float, value: int | None = None):
        event = Event(kind, self.index, self.phase, self.clock(), due, value)
        events.append(event)
        for listener in self._listeners:
            listener(event)

    # -- controls ------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Begin the run with its first phase."""
        if self.state != READY:
            raise RuntimeError(f"the timer has already {self.state}")
        now = self.clock()
        self.start_time, self._wall_start = now, self.wall_clock()
        self.state = RUNNING
        events: list[Event] = []
        self._emit(events, EventKind.STARTED, now)
        self._enter(0, now, events)
        return events

    def pause(self) -> list[Event]:
        events: list[Event] = []
        if self.state == RUNNING:
            self.tick()  # settle anything already due before time stands still
        if self.state == RUNNING:
            self._paused_at = self.clock()
            self.state = PAUSED
            self._emit(events, EventKind.PAUSED, self._paused_at)
        return events

    def resume(self) -> list[Event]:
        events: list[Event] = []
        if self.state == PAUSED:
            now = self.clock()
            pause = now - self._paused_at
            self._current.paused += pause
            self.records[-1].paused += pause
            self._paused_at = None
            self.state = RUNNING
            self._emit(events, EventKind.RESUMED, now)
        return events

    def done(self) -> list[Event]:
        """Mark the current set done (the way to end a rep-based set) and move on."""
        return self._leave("completed")

    def skip(self) -> list[Event]:
        """Leave the current phase unfinished and move on."""
        return self._leave("skipped")

    def back(self) -> list[Event]:
        """Go back to the start of the previous phase (or restart the first)."""
        if self.state not in (RUNNING, PAUSED):
            return []
        target = max(0, self.index - 1)
        return self._leave("went back", to=target)

    def stop(self) -> list[Event]:
        """End the run early; what was done so far stays in the records."""
        events: list[Event] = []
        if self.state in (RUNNING, PAUSED):
            self._close("stopped", self._now())
            self.state = STOPPED
            self._paused_at = None
            self._emit(events, EventKind.STOPPED, self.clock())
        return events

    def tick(self) -> list[Event]:
        """Advance to the clock: end phases whose deadline has passed, send due events."""
        events: list[Event] = []
        if self.state != RUNNING:
            return events
        now = self.clock()
        while self.state == RUNNING:
            deadline = self.deadline()
            if deadline is None:
                break  # a rep-based set waits for done()
            if now >= deadline:
                self._close("completed", deadline)
                self._emit(events, EventKind.PHASE_END, deadline)
                self._enter(self.index + 1, deadline, events)
                continue
            self._signals(now, deadline, events)
            break
        return events

    # -- inside --------------------------------------------------------------------------

    def _wants_halfway(self) -> bool:
        return wants_halfway(self.phase)

    def _signals(self, now: float, deadline: float, events: list[Event]) -> None:
        current = self._current
        if self._wants_halfway() and not current.halfway_sent:
            halfway = deadline - self.phase.seconds / 2
            if now >= halfway:
                current.halfway_sent = True
                self._emit(events, EventKind.HALFWAY, halfway)
        left = deadline - now
        number = math.ceil(left)  # 2.4 s left shows "3"; the count changes on each second
        due = number <= COUNTDOWN_FROM and number < self.phase.seconds
        if due and number not in current.countdown_sent:
            # A late tick sends only the newest number, never a stale burst of them.
            current.countdown_sent.update(range(number, COUNTDOWN_FROM + 1))
            self._emit(events, EventKind.COUNTDOWN, deadline - number, value=number)

    def _wall(self, offset: float) -> datetime:
        return self._wall_start + timedelta(seconds=offset)

    def _enter(self, index: int, at: float, events: list[Event]) -> None:
        self._current = _Current(index, at)
        phase = self.phases[index]
        offset = at - self.start_time
        self.records.append(
            PhaseRecord(
                index=index,
                phase=phase,
                planned_start=self.planned_starts[index],
                planned_end=self.planned_starts[index] + phase.estimate,
                actual_start=offset,
                started_at=self._wall(offset),
            )
        )
        self._emit(events, EventKind.PHASE_START, at)
        if phase.kind == DONE:
            self._close("completed", at)
            self.state = FINISHED
            self._emit(events, EventKind.FINISHED, at)

    def _close(self, outcome: str, at: float) -> None:
        record = self.records[-1]
        if record.actual_end is None:
            record.actual_end = at - self.start_time
            record.ended_at = self._wall(record.actual_end)
            record.outcome = outcome

    def _leave(self, outcome: str, to: int | None = None) -> list[Event]:
        events: list[Event] = []
        if self.state not in (RUNNING, PAUSED):
            return events
        if self.state == RUNNING:
            self.tick()
            if self.state != RUNNING:
                return events
        now = self._now()
        self._close(outcome, now)
        self._emit(events, EventKind.PHASE_END, now)
        was_paused = self.state == PAUSED
        self._enter(self.index + 1 if to is None else to, now, events)
        if was_paused and self.state == PAUSED:
            self._paused_at = now  # the new phase waits, paused, for resume()
        return events


async def run_timer(
    engine: TimerEngine,
    *,
    refresh: float = 0.1,
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Drive an engine on the running event loop until it finishes or stops.

    Sleeps until the next event is due or the next screen refresh, whichever is sooner;
    ``on_tick`` runs after each wake-up (a view redraws there). Never blocks the loop, so
    other cells and button clicks are served while the timer runs.
    """
    if engine.state == READY:
        engine.start()
    while engine.state in (RUNNING, PAUSED):
        engine.tick()
        if on_tick is not None:
            on_tick()
        now = engine.clock()
        wake = engine.next_wakeup()
        delay = refresh if wake is None else min(refresh, max(0.0, wake - now))
        await asyncio.sleep(delay)
    if on_tick is not None:
        on_tick()
