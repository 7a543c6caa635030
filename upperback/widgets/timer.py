"""The guided timer: a large countdown, spoken cues, chimes and a flash at each change.

The engine runs in the kernel and stays the one source of truth; the face is drawn in the
browser (:mod:`upperback.widgets.timer_display`), which the kernel tells only when the run
changes in a way the plan cannot foretell. When a run ends the view sets its ``run`` trait
to the finished :class:`upperback.timer.TimerRun`, which a page turns into a session.
"""

from __future__ import annotations

import asyncio
from html import escape

import ipywidgets as w
import traitlets

from upperback.html import status_html
from upperback.queries import Library
from upperback.routines import CheckedRoutine, Routine, check_routine
from upperback.runs import TimerRun, TimerState
from upperback.schedule import PhaseKind
from upperback.timer import TimerEngine, run_timer
from upperback.widgets.common import tag
from upperback.widgets.timer_display import TimerDisplay

__all__ = ["GuidedTimer"]

FOCUS_AFTER = 0.25  # seconds: long enough for the browser to have drawn the buttons anew


class GuidedTimer(w.VBox):
    """Run a routine with a large countdown, spoken cues, chimes and a flash at each change.

    The timer runs as an asyncio task on the kernel's loop, so other cells still run and
    the buttons answer while it counts; the browser draws each second from its own clock,
    so the face keeps moving while the kernel is busy. ``clock`` can be replaced in tests.
    ``display`` holds the face: what it shows (``display.countdown``, ``display.label``,
    ``display.up_next``, ``display.cues_html``, ``display.progress``) and whether it speaks
    (``display.speech``, on unless the client turns it off).
    """

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
        self._make_controls()

    def _make_controls(self) -> None:
        self.title = w.HTML(f"<h3 style='margin:0'>{escape(self.routine.name)}</h3>")
        self.display = TimerDisplay(self.engine, self.library)
        self.start_button = w.Button(description="Start", icon="play", button_style="success")
        self.pause_button = w.Button(description="Pause", icon="pause")
        self.done_button = w.Button(description="Done", icon="check", button_style="primary")
        self.skip_button = w.Button(description="Skip", icon="forward")
        self.back_button = w.Button(description="Back", icon="backward")
        self.stop_button = w.Button(description="Stop", icon="stop", button_style="danger")
        self.status = w.HTML()
        tag(self, "timer", "display", "start_button", "pause_button", "done_button",
            "skip_button", "back_button", "stop_button", "status")  # fmt: skip

        self.start_button.on_click(self._start)
        self.pause_button.on_click(self._pause_or_resume)
        self.done_button.on_click(lambda _: self._control(self.engine.done))
        self.skip_button.on_click(lambda _: self._control(self.engine.skip))
        self.back_button.on_click(lambda _: self._control(self.engine.back))
        self.stop_button.on_click(lambda _: self._control(self.engine.stop))
        self.display.on_msg(self._on_key)

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
        # The face's style sheet puts the buttons right under the clock, big on a phone.
        super().__init__([self.title, self.display, buttons, self.status])
        self.add_class("upperback-timer")
        self.render()

    def _new_engine(self) -> TimerEngine:
        return TimerEngine(self.checked.phases, **({"clock": self._clock} if self._clock else {}))

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
        self.engine.start()  # at once, so the anchor sent now is the run's first phase
        # Keep a reference: an unreferenced task can be collected mid-run.
        self.task = loop.create_task(run_timer(self.engine, on_tick=self.render))
        self.task.add_done_callback(self._finished)
        self.display.send_anchor(self.engine, new_run=True)
        self.render()
        # Start is off while the run counts: the keyboard's focus goes next door, to Pause,
        # a moment later (the browser enables a button after the message that focuses it
        # could arrive, and a disabled button cannot take the focus).
        loop.call_later(FOCUS_AFTER, self.pause_button.focus)

    def _finished(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.status.value = status_html("error", f"The timer stopped: {task.exception()}")
        if self.display.anchor.get("state") != self.engine.state:  # ended on its own
            self.display.send_anchor(self.engine)
        self.render()
        self.run = self.engine.result()  # a page observes this to log the session

    def _pause_or_resume(self, _=None) -> None:
        if self.engine.state == TimerState.RUNNING:
            self.engine.pause()
        elif self.engine.state == TimerState.PAUSED:
            self.engine.resume()
        self._control(lambda: None)

    def _control(self, action) -> None:
        action()
        self.display.send_anchor(self.engine)
        self.render()

    def _on_key(self, _widget, content: dict, _buffers) -> None:
        """The keyboard, for a laptop on the floor: space starts or pauses, → skips, ← goes
        back (on the page itself: a focused button or box keeps its own keys)."""
        action = content.get("action")
        if action == "start-or-pause":
            if self.engine.state.active:
                self._pause_or_resume()
            else:
                self._start()
        elif action == "skip" and self.engine.state.active:
            self._control(self.engine.skip)
        elif action == "back" and self.engine.state.active:
            self._control(self.engine.back)

    # -- showing -------------------------------------------------------------------------

    def render(self) -> None:
        """Reckon the face in the kernel and set the buttons; sends only what changed."""
        engine = self.engine
        state = engine.state
        self.display.show(engine)
        self.start_button.disabled = state.active
        self.start_button.description = "Start again" if state.over else "Start"
        self.pause_button.disabled = not state.active
        self.pause_button.description = "Resume" if state == TimerState.PAUSED else "Pause"
        self.pause_button.icon = "play" if state == TimerState.PAUSED else "pause"
        work = engine.phase.kind == PhaseKind.WORK
        self.done_button.disabled = not (state.active and work and not engine.phase.timed)
        for button in (self.skip_button, self.back_button, self.stop_button):
            button.disabled = not state.active
