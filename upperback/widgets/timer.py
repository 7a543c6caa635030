"""The guided timer: a large countdown, cues, sounds and a flash at each change.

The view only renders the engine's state; when a run ends it sets its ``run`` trait to
the finished :class:`upperback.timer.TimerRun`, which a page turns into a session.
"""

from __future__ import annotations

import asyncio
import math
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import cue_list_html, status_html
from upperback.queries import Library
from upperback.routines import CheckedRoutine, Routine, check_routine
from upperback.runs import Event, EventKind, TimerRun, TimerState
from upperback.schedule import PhaseKind
from upperback.sound import tone_wav
from upperback.timer import TimerEngine, run_timer
from upperback.widgets.common import tag

__all__ = ["GuidedTimer"]


def _clock_text(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class GuidedTimer(w.VBox):
    """Run a routine with a large countdown, cues, sounds and a flash at each change.

    The timer runs as an asyncio task on the kernel's loop, so other cells still run and
    the buttons answer while it counts. ``clock`` can be replaced in tests.
    """

    FLASH_SECONDS = 0.6

    run = traitlets.Instance(TimerRun, allow_none=True, help="the last run, once it has ended")

    def __init__(
        self, routine: Routine | CheckedRoutine, library: Library | None = None, *, clock=None
    ):
        self.library = library or Library.load()
        self.checked = (
            routine if isinstance(routine, CheckedRoutine) else check_routine(routine, self.library)
        )
        self.routine = self.checked.routine
        self._clock = clock
        self.engine = self._new_engine()
        self.task: asyncio.Task | None = None
        self._flash_until = 0.0
        self._make_controls()

    def _make_controls(self) -> None:
        self.title = w.HTML(f"<h3 style='margin:0'>{escape(self.routine.name)}</h3>")
        self.countdown = w.HTML()
        self.phase_label = w.HTML()
        self.cues = w.HTML()
        self.up_next = w.HTML()
        self.progress = w.FloatProgress(
            min=0.0, max=1.0, description="Routine", layout=w.Layout(width="auto")
        )
        self.start_button = w.Button(description="Start", icon="play", button_style="success")
        self.pause_button = w.Button(description="Pause", icon="pause")
        self.done_button = w.Button(description="Done", icon="check", button_style="primary")
        self.skip_button = w.Button(description="Skip", icon="forward")
        self.back_button = w.Button(description="Back", icon="backward")
        self.stop_button = w.Button(description="Stop", icon="stop", button_style="danger")
        self.sound = w.Box()  # a fresh Audio widget goes in here for each cue
        self.status = w.HTML()
        tag(self, "timer", "countdown", "phase_label", "cues", "up_next", "progress",
            "start_button", "pause_button", "done_button", "skip_button", "back_button",
            "stop_button", "sound", "status")  # fmt: skip

        self.start_button.on_click(self._start)
        self.pause_button.on_click(self._pause_or_resume)
        self.done_button.on_click(lambda _: self._control(self.engine.done))
        self.skip_button.on_click(lambda _: self._control(self.engine.skip))
        self.back_button.on_click(lambda _: self._control(self.engine.back))
        self.stop_button.on_click(lambda _: self._control(self.engine.stop))

        buttons = w.HBox(
            [
                self.start_button,
                self.pause_button,
                self.done_button,
                self.back_button,
                self.skip_button,
                self.stop_button,
            ],
            layout=w.Layout(flex_flow="row wrap"),  # onto two lines on a phone, never cut
        )
        buttons.add_class("upperback-timer-buttons")
        # The controls come right under the clock, so they are in view without scrolling;
        # what comes next and the cues follow.
        super().__init__(
            [
                self.title,
                self.countdown,
                self.phase_label,
                buttons,
                self.progress,
                self.up_next,
                self.cues,
                self.status,
                self.sound,
            ]
        )
        self.add_class("upperback-timer")
        self.render()

    def _new_engine(self) -> TimerEngine:
        engine = TimerEngine(self.checked.phases, **({"clock": self._clock} if self._clock else {}))
        engine.subscribe(self._on_event)
        return engine

    # -- controls ------------------------------------------------------------------------

    def _start(self, _=None) -> None:
        if self.engine.state.over:
            self.engine = self._new_engine()  # run the routine again from the top
        if self.engine.state != TimerState.READY:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.status.value = status_html("error", "The timer needs a running notebook kernel.")
            return
        # Keep a reference: an unreferenced task can be collected mid-run.
        self.task = loop.create_task(run_timer(self.engine, on_tick=self.render))
        self.task.add_done_callback(self._finished)
        self.render()

    def _finished(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.status.value = status_html("error", f"The timer stopped: {task.exception()}")
        self.render()
        self.run = self.engine.result()  # a page observes this to log the session

    def _pause_or_resume(self, _=None) -> None:
        if self.engine.state == TimerState.RUNNING:
            self.engine.pause()
        elif self.engine.state == TimerState.PAUSED:
            self.engine.resume()
        self.render()

    def _control(self, action) -> None:
        action()
        self.render()

    # -- cues ----------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        tone = {
            EventKind.PHASE_START: "phase",
            EventKind.COUNTDOWN: "countdown",
            EventKind.HALFWAY: "halfway",
            EventKind.FINISHED: "finished",
        }.get(event.kind)
        if event.kind == EventKind.PHASE_START and event.phase.kind == PhaseKind.DONE:
            tone = None  # the finish tone follows at once
        if tone:
            self._play(tone)
        if event.kind in (EventKind.PHASE_START, EventKind.FINISHED):
            self._flash_until = self.engine.clock() + self.FLASH_SECONDS

    def _play(self, tone: str) -> None:
        # Audio widgets play once when shown; a new one replays (the Start click unlocks it).
        audio = w.Audio(
            value=tone_wav(tone), format="wav", autoplay=True, loop=False, controls=False
        )
        audio.add_class(f"upperback-timer-tone-{tone}")
        self.sound.children = (audio,)

    # -- showing -------------------------------------------------------------------------

    def render(self) -> None:
        engine = self.engine
        phase = engine.phase
        state = engine.state
        flashing = engine.clock() < self._flash_until and state in (
            TimerState.RUNNING,
            TimerState.FINISHED,
        )
        work = phase.kind == PhaseKind.WORK
        background = "#fde68a" if flashing else ("#e0f2fe" if work else "#f3f4f6")

        if state == TimerState.FINISHED:
            big, label = "Done", "Well done: routine complete."
        elif state == TimerState.STOPPED:
            big, label = "Stopped", "Stopped early; what you did is kept."
        elif phase.timed:
            big, label = _clock_text(engine.remaining() or 0.0), phase.label()
        else:
            side = " a side" if phase.side else ""
            big, label = f"{phase.reps} reps{side}", phase.label() + " · press Done when finished"
        if state == TimerState.PAUSED:
            label += " · paused"
        self.countdown.value = (
            f'<div class="upperback-timer-face" data-state="{state}" '
            f'data-phase="{escape(phase.kind)}" style="font-size:72px;line-height:1.15;font-weight:700;'
            f"text-align:center;padding:0.2em;border-radius:12px;background:{background};"
            f'font-variant-numeric:tabular-nums">{escape(big)}</div>'
        )
        self.phase_label.value = f"<h3 style='text-align:center;margin:0.3em'>{escape(label)}</h3>"
        self.cues.value = "" if state.over else self._cues_html(phase)
        upcoming = engine.next_phase
        self.up_next.value = (
            f"<p style='text-align:center;color:#555'>Next: {escape(upcoming.label())}</p>"
            if upcoming is not None and state.active
            else ""
        )
        self.progress.value = engine.progress()

        self.start_button.disabled = state.active
        self.start_button.description = "Start again" if state.over else "Start"
        self.pause_button.disabled = not state.active
        self.pause_button.description = "Resume" if state == TimerState.PAUSED else "Pause"
        self.pause_button.icon = "play" if state == TimerState.PAUSED else "pause"
        self.done_button.disabled = not (state.active and work and not phase.timed)
        for button in (self.skip_button, self.back_button, self.stop_button):
            button.disabled = not state.active

    def _cues_html(self, phase) -> str:
        if phase.exercise is None or phase.kind not in (PhaseKind.WORK, PhaseKind.GET_READY):
            return ""
        return cue_list_html(self.library.exercises.loc[phase.exercise, "cues"],
                             style="font-size:1.1em")  # fmt: skip
