"""The timer's face, drawn in the browser: countdown, spoken cues, chimes, the screen kept awake.

Not a view of its own: :class:`upperback.widgets.timer.GuidedTimer` owns one. The kernel
sends the plan (every phase, its words and cues) once, then an *anchor* only when the run
changes in a way the plan cannot foretell: start, pause, resume, a button, the end. A timed
phase that ends on its deadline hands that deadline to the next (the engine's rule), so the
browser rolls on through the plan by itself and the kernel stays quiet.

How the kernel's monotonic deadline reaches the browser's clock: each anchor carries the
seconds left in its phase when it was sent and the wall-clock time it was sent. The browser
counts from the moment it received the anchor, less the time in transit when the two wall
clocks plainly agree (a transit between 0 and 1 s: the same machine, or clocks kept by NTP);
otherwise it takes the transit as nil, so a phone whose clock is off by minutes is late by one
network hop, never by its clock error. A wall-clock deadline alone would carry that error
whole; seconds left alone would carry every delay of a busy kernel's message queue.
"""

from __future__ import annotations

import base64
import math
import time
from importlib.resources import files

import anywidget
import traitlets

from upperback.html import cue_list_html
from upperback.queries import Library
from upperback.rules.doses import COUNTDOWN_FROM
from upperback.runs import TimerState
from upperback.schedule import Phase, PhaseKind
from upperback.sound import TONES, tone_wav
from upperback.timer import TimerEngine, wants_halfway

__all__ = ["TimerDisplay", "clock_text", "phase_words"]

_STATIC = files("upperback.widgets") / "static"


def clock_text(seconds: float) -> str:
    """Whole seconds left, rounded up, as minutes and seconds.

    Examples
    --------
    >>> clock_text(61.2), clock_text(2.0), clock_text(0.0)
    ('1:02', '0:02', '0:00')
    """
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _dose_words(phase: Phase) -> str:
    if phase.timed:
        return f"{int(phase.seconds)} seconds"
    per_side = " a side" if phase.side else ""
    return f"{phase.reps} reps{per_side}"


def phase_words(phase: Phase) -> str:
    """What the timer says aloud as a phase begins: the move, the side and the dose.

    Examples
    --------
    >>> phase_words(Phase("work", 30.0, 30.0, name="Can openers", side="left"))
    'Can openers, left side, 30 seconds'
    >>> phase_words(Phase("switch sides", 5.0, 5.0, side="right"))
    'Switch sides'
    """
    if phase.kind == PhaseKind.WORK:
        side = [f"{phase.side} side"] if phase.side else []
        return ", ".join([phase.name, *side, _dose_words(phase)])
    return {
        PhaseKind.GET_READY: f"Get ready: {phase.name}",
        PhaseKind.SWITCH_SIDES: "Switch sides",
        PhaseKind.REST: "Rest",
        PhaseKind.NEXT_EXERCISE: f"Rest. Next: {phase.name}",
    }.get(phase.kind, "Done")


def _face_text(phase: Phase) -> str:
    """What the big face shows for a phase that waits for Done."""
    side = " a side" if phase.side else ""
    return f"{phase.reps} reps{side}"


def _label(phase: Phase) -> str:
    return phase.label() if phase.timed else phase.label() + " · press Done when finished"


def _plan(phases: list[Phase], planned_starts: list[float], total: float) -> list[dict]:
    """Each phase as the browser needs it: plain numbers and words, nothing to compute."""
    plan = []
    for index, phase in enumerate(phases):
        later = phases[index + 1 :]
        upcoming = next((p for p in later if p.kind == PhaseKind.WORK), later[0] if later else None)
        plan.append(
            {
                "kind": str(phase.kind),
                "seconds": phase.seconds,
                "estimate": phase.estimate,
                "start_fraction": planned_starts[index] / (total or 1.0),
                "fraction": phase.estimate / (total or 1.0),
                "label": _label(phase),
                "face": "" if phase.timed else _face_text(phase),
                "words": phase_words(phase),
                "halfway": wants_halfway(phase),
                "exercise": phase.exercise
                if phase.kind in (PhaseKind.WORK, PhaseKind.GET_READY)
                else None,
                "next": f"Next: {upcoming.label()}" if upcoming is not None else "",
            }
        )
    return plan


class TimerDisplay(anywidget.AnyWidget):
    """The timer's face in the browser; the kernel's engine stays the one source of truth.

    The synced traits carry the plan once and an anchor at each change the plan cannot
    foretell; the browser draws every second itself from its own clock. The unsynced
    traits (``countdown``, ``label``, ``up_next``, ``cues_html``, ``progress``) hold what
    the kernel reckons is on the face now: tests read them, and nothing is sent for them.
    """

    _esm = (_STATIC / "timer_display.js").read_text()
    _css = (_STATIC / "timer_display.css").read_text()

    plan = traitlets.List(help="every phase: kind, seconds, words, label").tag(sync=True)
    exercise_cues = traitlets.Dict(help="each exercise's cues, as HTML").tag(sync=True)
    tones = traitlets.Dict(help="the chimes, as data URLs").tag(sync=True)
    countdown_from = traitlets.Int(COUNTDOWN_FROM).tag(sync=True)
    anchor = traitlets.Dict(help="where the run stands, and when that was sent").tag(sync=True)
    speech = traitlets.Bool(True, help="speak the cues aloud").tag(sync=True)

    countdown = traitlets.Unicode("")
    label = traitlets.Unicode("")
    up_next = traitlets.Unicode("")
    cues_html = traitlets.Unicode("")
    progress = traitlets.Float(0.0)
    anchors_sent = traitlets.Int(0, help="how many anchors the kernel has sent")

    def __init__(self, engine: TimerEngine, library: Library, **kwargs):
        exercises = {p.exercise for p in engine.phases if p.exercise}
        super().__init__(
            plan=_plan(engine.phases, engine.planned_starts, engine.planned_total),
            exercise_cues={
                e: cue_list_html(library.exercises.loc[e, "cues"]) for e in sorted(exercises)
            },
            tones={
                kind: "data:audio/wav;base64," + base64.b64encode(tone_wav(kind)).decode()
                for kind in TONES
            },
            **kwargs,
        )
        self._run = 0
        self.send_anchor(engine)

    def send_anchor(self, engine: TimerEngine, *, new_run: bool = False) -> None:
        """Tell the browser where the run stands: the phase, its seconds left, the state.

        Called on a start, a button or the end; never for a phase that ends on time.
        """
        self._run += int(new_run)
        left = engine.remaining()
        self.anchor = {
            "run": self._run,
            "state": str(engine.state),
            "index": engine.index,
            "left": left,
            "sent_at": time.time() * 1000.0,
        }
        self.anchors_sent += 1
        self.show(engine)

    def show(self, engine: TimerEngine) -> None:
        """Reckon the face in the kernel, for tests and the log; sends nothing."""
        phase, state = engine.phase, engine.state
        if state == TimerState.FINISHED:
            big, label = "Done", "Well done: routine complete."
        elif state == TimerState.STOPPED:
            big, label = "Stopped", "Stopped early; what you did is kept."
        else:
            big = clock_text(engine.remaining() or 0.0) if phase.timed else _face_text(phase)
            label = _label(phase) + (" · paused" if state == TimerState.PAUSED else "")
        self.countdown, self.label = big, label
        step = self.plan[engine.index]
        self.up_next = step["next"] if state.active else ""
        exercise = step["exercise"]
        self.cues_html = self.exercise_cues.get(exercise, "") if not state.over else ""
        self.progress = engine.progress()
