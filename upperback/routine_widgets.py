"""The routine builder and the guided timer: views over routines, schedules and the engine.

They hold a domain object (a Routine, a TimerEngine) and redraw from it; every rule and
every number comes from the package. Errors are shown inside the view.
"""

from __future__ import annotations

import asyncio
import math
import re
from html import escape
from pathlib import Path

import ipywidgets as w

from upperback.handout import frequency_text, save_handout
from upperback.names import UnknownName
from upperback.queries import Library, equipment_choices, filter_exercises
from upperback.routines import (
    SIDES,
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
    load_routine,
    muscles_covered,
    save_routine,
    starter_routines,
)
from upperback.schedule import GET_READY, WORK, build_schedule, planned_seconds
from upperback.sound import tone_wav
from upperback.tables import LEVELS
from upperback.timer import Event, TimerEngine, run_timer
from upperback.widgets import status_html
from upperback.workbook import workbook_folder

__all__ = [
    "GuidedTimer",
    "RoutineBuilder",
    "TimerPage",
    "open_choice",
    "routine_choices",
    "routines_folder",
    "saved_routines",
]

ANY = "any"
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "rest_seconds", "rest_after_seconds")


def routines_folder() -> Path:
    """Where routines are saved: ``routines/`` in the workbook folder."""
    return workbook_folder() / "routines"


def saved_routines() -> list[Path]:
    """The routine files in the routines folder, newest first."""
    folder = routines_folder()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)


def routine_choices() -> list[tuple[str, str]]:
    """(label, value) pairs for a dropdown: the shipped starters, then the saved routines."""
    options = [(f"starter: {r.name}", f"starter:{key}") for key, r in starter_routines().items()]
    for path in saved_routines():
        try:
            label = f"{load_routine(path).name} ({path.name})"
        except RoutineError:
            label = f"{path.name} (cannot be read)"
        options.append((label, str(path)))
    return options


def open_choice(choice: str, library: Library) -> Routine:
    """The routine a value of :func:`routine_choices` names; RoutineError if it is damaged."""
    if choice.startswith("starter:"):
        return starter_routines()[choice.removeprefix("starter:")]
    return load_routine(choice, library)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "routine"


class RoutineBuilder(w.VBox):
    """Build a routine: pick exercises with filters, set doses, reorder, save, export.

    Examples
    --------
    >>> builder = RoutineBuilder(Library.load(user=False))
    >>> builder.pick.value = "can-openers"
    >>> builder.add_button.click()
    >>> builder.routine.items[0].exercise
    'can-openers'
    """

    def __init__(self, library: Library | None = None, routine: Routine | None = None):
        self.library = library or Library.load()
        self.routine = routine or Routine("My routine")
        exercises = self.library.exercises

        # Picking exercises from the library.
        muscles = self.library.muscles.sort_values(["region", "name"])["name"]
        self.muscle = w.Dropdown(
            options=[("any muscle", ANY), *[(n, i) for i, n in muscles.items()]],
            description="Muscle",
        )
        self.category = w.Dropdown(
            options=[ANY, *exercises["category"].cat.categories], description="Category"
        )
        self.equipment = w.Dropdown(
            options=[ANY, *equipment_choices(self.library)], description="Equipment"
        )
        self.level = w.Dropdown(options=[ANY, *LEVELS], description="Level up to")
        self.pick = w.Select(rows=8, description="Library")
        self.add_button = w.Button(
            description="Add to routine", icon="plus", button_style="primary"
        )

        # The routine itself.
        self.name = w.Text(description="Name")
        self.client = w.Text(description="For")
        self.goal = w.Text(description="Goal")
        self.times_per_day = w.BoundedIntText(min=1, max=6, description="Times a day")
        self.days_per_week = w.BoundedIntText(min=1, max=7, description="Days a week")
        self.items = w.Select(rows=8, description="Routine")
        self.up_button = w.Button(description="Up", icon="arrow-up")
        self.down_button = w.Button(description="Down", icon="arrow-down")
        self.remove_button = w.Button(description="Remove", icon="trash")

        # The chosen item's dose.
        self.sets = w.IntText(description="Sets")
        self.reps = w.IntText(description="Reps")
        self.hold_seconds = w.IntText(description="Hold (s)")
        self.rest_seconds = w.IntText(description="Rest (s)")
        self.rest_after_seconds = w.IntText(description="Rest after (s)")
        self.sides = w.Dropdown(options=SIDES, description="Sides")
        self.note = w.Text(description="Note")

        # Files and feedback.
        self.save_button = w.Button(description="Save", icon="save")
        self.handout_button = w.Button(description="Export handout", icon="print")
        self.load_choice = w.Dropdown(description="Open")
        self.load_button = w.Button(description="Open", icon="folder-open")
        self.summary = w.HTML()
        self.status = w.HTML()

        for name in [
            "muscle",
            "category",
            "equipment",
            "level",
            "pick",
            "add_button",
            "name",
            "client",
            "goal",
            "times_per_day",
            "days_per_week",
            "items",
            "up_button",
            "down_button",
            "remove_button",
            *DOSE_FIELDS,
            "sides",
            "note",
            "save_button",
            "handout_button",
            "load_choice",
            "load_button",
            "summary",
            "status",
        ]:
            getattr(self, name).add_class(f"upperback-builder-{name.replace('_', '-')}")
        for control in (self.muscle, self.category, self.equipment, self.level):
            control.observe(self._refilter, names="value")
        self.add_button.on_click(self._add)
        self.up_button.on_click(lambda _: self._move(-1))
        self.down_button.on_click(lambda _: self._move(+1))
        self.remove_button.on_click(self._remove)
        self.items.observe(self._show_item, names="value")
        for field in (*DOSE_FIELDS, "sides", "note"):
            getattr(self, field).observe(self._edit_item, names="value")
        for field in ("name", "client", "goal", "times_per_day", "days_per_week"):
            getattr(self, field).observe(self._edit_routine, names="value")
        self.save_button.on_click(self._save)
        self.handout_button.on_click(self._export)
        self.load_button.on_click(self._open)

        self._quiet = False  # set while the view itself writes into the controls
        picker = _column(
            [self.muscle, self.category, self.equipment, self.level, self.pick, self.add_button],
            "330px",
        )
        order = w.HBox([self.up_button, self.down_button, self.remove_button])
        about = [self.name, self.client, self.goal, self.times_per_day, self.days_per_week]
        routine_column = _column([*about, self.items, order], "430px")
        dose_fields = [getattr(self, f) for f in DOSE_FIELDS]
        dose = _column([*dose_fields, self.sides, self.note], "300px")
        files = w.HBox([self.save_button, self.handout_button, self.load_choice, self.load_button])
        super().__init__(
            [
                self.status,
                w.HBox([picker, routine_column, dose], layout=w.Layout(flex_flow="row wrap")),
                files,
                self.summary,
            ]
        )
        self.add_class("upperback-builder")
        self._refilter()
        self._refresh_files()
        self._render()

    # -- picking -------------------------------------------------------------------------

    def _refilter(self, change=None) -> None:
        choose = {
            c: (None if c.value == ANY else c.value)
            for c in (self.muscle, self.category, self.equipment, self.level)
        }
        found = filter_exercises(
            self.library,
            muscle=choose[self.muscle],
            category=choose[self.category],
            equipment=choose[self.equipment],
            max_level=choose[self.level],
        )
        self.pick.options = [(name, ex_id) for ex_id, name in found["name"].items()]

    def _add(self, _=None) -> None:
        if self.pick.value is None:
            self.status.value = status_html("error", "Choose an exercise in the library first.")
            return
        self._change(self.routine.add(RoutineItem(self.pick.value)))
        self.items.value = len(self.routine.items) - 1

    # -- editing -------------------------------------------------------------------------

    def _change(self, routine: Routine) -> bool:
        """Take the edited routine if it is valid; otherwise keep the last good one."""
        try:
            check_routine(routine, self.library)
        except (RoutineError, UnknownName) as error:
            self.status.value = status_html("error", str(error))
            self._render(keep_status=True)
            return False
        self.routine = routine
        self._render()
        return True

    def _move(self, offset: int) -> None:
        index = self.items.value
        if index is not None and self._change(self.routine.move(index, offset)):
            self.items.value = max(0, min(len(self.routine.items) - 1, index + offset))

    def _remove(self, _=None) -> None:
        index = self.items.value
        if index is not None:
            self._change(self.routine.remove(index))

    def _edit_item(self, change) -> None:
        index = self.items.value
        if self._quiet or index is None:
            return
        dose = self.routine.doses(self.library)[index]
        changes = {}
        for field in DOSE_FIELDS:
            value = getattr(self, field).value
            # Keep the exercise's default unless the coach set another value.
            changes[field] = (
                None
                if value == getattr(dose, field)
                and getattr(self.routine.items[index], field) is None
                else value
            )
        if dose.dosing == "hold":
            changes["reps"] = None
        changes["sides"] = None if self.sides.value == dose.sides else self.sides.value
        changes["note"] = self.note.value
        self._change(self.routine.update(index, **changes))

    def _edit_routine(self, change) -> None:
        if self._quiet:
            return
        self._change(
            Routine(
                name=self.name.value,
                items=self.routine.items,
                goal=self.goal.value,
                client=self.client.value,
                times_per_day=self.times_per_day.value,
                days_per_week=self.days_per_week.value,
                notes=self.routine.notes,
            )
        )

    def _show_item(self, change=None) -> None:
        index = self.items.value
        self._quiet = True
        try:
            if index is None or index >= len(self.routine.items):
                for field in (*DOSE_FIELDS, "sides", "note"):
                    getattr(self, field).disabled = True
                return
            dose = self.routine.doses(self.library)[index]
            for field in DOSE_FIELDS:
                control = getattr(self, field)
                value = getattr(dose, field)
                control.value = 0 if value is None else value
                control.disabled = False
            self.reps.disabled = dose.dosing == "hold"  # a timed hold has no reps
            unilateral = self.library.exercises.loc[dose.exercise, "laterality"] == "unilateral"
            self.sides.options = SIDES[1:] if unilateral else SIDES[:1]
            self.sides.value = dose.sides
            self.sides.disabled = not unilateral
            self.note.value = dose.note
            self.note.disabled = False
        finally:
            self._quiet = False

    # -- showing -------------------------------------------------------------------------

    def _render(self, keep_status: bool = False) -> None:
        routine = self.routine
        self._quiet = True
        try:
            self.name.value = routine.name
            self.client.value = routine.client
            self.goal.value = routine.goal
            self.times_per_day.value = routine.times_per_day
            self.days_per_week.value = routine.days_per_week
            doses, warnings = check_routine(routine, self.library)
            chosen = self.items.value
            self.items.options = [
                (f"{n}. {d.name} ({_short_dose(d)})", n - 1) for n, d in enumerate(doses, start=1)
            ]
            if chosen is not None and chosen < len(doses):
                self.items.value = chosen
        finally:
            self._quiet = False
        self._show_item()
        self.summary.value = self._summary_html(doses)
        if not keep_status:
            text = "\n".join(f"Note: {warning}" for warning in warnings)
            self.status.value = status_html("warning", text) if text else ""

    def _summary_html(self, doses) -> str:
        if not doses:
            return "<p><i>Add exercises from the library to build the routine.</i></p>"
        minutes = planned_seconds(build_schedule(self.routine, self.library)) / 60
        covered = muscles_covered(self.routine, self.library)
        by_role = {
            role: ", ".join(group["name"])
            for role, group in covered.groupby("role", observed=True, sort=False)
        }
        roles = "".join(f"<li><b>{r}</b>: {escape(m)}</li>" for r, m in by_role.items())
        return (
            f"<p><b>About {minutes:.0f} minutes</b> ({len(doses)} exercises), "
            f"{escape(frequency_text(self.routine))}.</p><p>Muscles covered:</p><ul>{roles}</ul>"
        )

    # -- files ---------------------------------------------------------------------------

    def default_path(self) -> Path:
        return routines_folder() / f"{_slug(self.routine.name)}.json"

    def _refresh_files(self) -> None:
        self.load_choice.options = routine_choices()

    def _save(self, _=None) -> None:
        try:
            path = save_routine(self.routine, self.default_path(), self.library)
        except (RoutineError, OSError) as error:
            self.status.value = status_html("error", f"Not saved: {error}")
            return
        self._refresh_files()
        self.status.value = status_html("ok", f"Saved to {path}")

    def _export(self, _=None) -> None:
        path = self.default_path().with_suffix(".html")
        try:
            save_handout(self.routine, path, self.library)
        except (RoutineError, OSError) as error:
            self.status.value = status_html("error", f"No handout written: {error}")
            return
        self.status.value = status_html(
            "ok", f"Handout written to {path}: open it in a browser to print"
        )

    def _open(self, _=None) -> None:
        choice = self.load_choice.value
        if choice is None:
            return
        try:
            routine = open_choice(choice, self.library)
        except RoutineError as error:
            self.status.value = status_html("error", str(error))
            return
        self.routine = routine
        self.items.value = None
        self._render()
        self.status.value = status_html("ok", f"Opened {routine.name}")


def _column(children, width: str) -> w.VBox:
    """A column of controls that share its width, their labels in a column of their own."""
    for child in children:
        child.layout.width = "calc(100% - 6px)"  # room for the widgets' own margins
        if hasattr(child, "style") and hasattr(child.style, "description_width"):
            child.style.description_width = "110px"
    return w.VBox(children, layout=w.Layout(width=width, margin="0 16px 8px 0"))


def _short_dose(dose) -> str:
    side = " a side" if dose.sides != "both" else ""
    work = f"{dose.hold_seconds} s hold" if dose.dosing == "hold" else f"{dose.reps} reps"
    return f"{dose.sets} × {work}{side}"


# -- the timer -----------------------------------------------------------------------------


def _clock_text(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class GuidedTimer(w.VBox):
    """Run a routine with a large countdown, cues, sounds and a flash at each change.

    The timer runs as an asyncio task on the kernel's loop, so other cells still run and
    the buttons answer while it counts. ``clock`` can be replaced in tests.
    """

    FLASH_SECONDS = 0.6

    def __init__(self, routine: Routine, library: Library | None = None, *, clock=None):
        self.library = library or Library.load()
        self.routine = routine
        self._phases = build_schedule(routine, self.library)
        self._clock = clock
        self.engine = self._new_engine()
        self.task: asyncio.Task | None = None
        self.on_end = None  # called with this timer when a run finishes or is stopped
        self._flash_until = 0.0

        self.title = w.HTML(f"<h3 style='margin:0'>{escape(routine.name)}</h3>")
        self.countdown = w.HTML()
        self.phase_label = w.HTML()
        self.cues = w.HTML()
        self.up_next = w.HTML()
        self.progress = w.FloatProgress(min=0.0, max=1.0, description="Routine")
        self.start_button = w.Button(description="Start", icon="play", button_style="success")
        self.pause_button = w.Button(description="Pause", icon="pause")
        self.done_button = w.Button(description="Done", icon="check", button_style="primary")
        self.skip_button = w.Button(description="Skip", icon="forward")
        self.back_button = w.Button(description="Back", icon="backward")
        self.stop_button = w.Button(description="Stop", icon="stop", button_style="danger")
        self.sound = w.Box()  # a fresh Audio widget goes in here for each cue
        self.status = w.HTML()
        for name in [
            "countdown",
            "phase_label",
            "cues",
            "up_next",
            "progress",
            "start_button",
            "pause_button",
            "done_button",
            "skip_button",
            "back_button",
            "stop_button",
            "sound",
            "status",
        ]:
            getattr(self, name).add_class(f"upperback-timer-{name.replace('_', '-')}")

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
            ]
        )
        super().__init__(
            [
                self.title,
                self.countdown,
                self.phase_label,
                self.cues,
                self.up_next,
                self.progress,
                buttons,
                self.status,
                self.sound,
            ]
        )
        self.add_class("upperback-timer")
        self.render()

    def _new_engine(self) -> TimerEngine:
        engine = TimerEngine(self._phases, **({"clock": self._clock} if self._clock else {}))
        engine.subscribe(self._on_event)
        return engine

    # -- controls ------------------------------------------------------------------------

    def _start(self, _=None) -> None:
        if self.engine.state in ("finished", "stopped"):
            self.engine = self._new_engine()  # run the routine again from the top
        if self.engine.state != "ready":
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
        if self.on_end is not None:
            self.on_end(self)

    def _pause_or_resume(self, _=None) -> None:
        if self.engine.state == "running":
            self.engine.pause()
        elif self.engine.state == "paused":
            self.engine.resume()
        self.render()

    def _control(self, action) -> None:
        action()
        self.render()

    # -- cues ----------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        tone = {
            "phase-start": "phase",
            "countdown": "countdown",
            "halfway": "halfway",
            "finished": "finished",
        }.get(event.kind)
        if event.kind == "phase-start" and event.phase.kind == "done":
            tone = None  # the finish tone follows at once
        if tone:
            self._play(tone)
        if event.kind in ("phase-start", "finished"):
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
        flashing = engine.clock() < self._flash_until and state in ("running", "finished")
        background = "#fde68a" if flashing else ("#e0f2fe" if phase.kind == WORK else "#f3f4f6")

        if state == "finished":
            big, label = "Done", "Well done: routine complete."
        elif state == "stopped":
            big, label = "Stopped", "Stopped early; what you did is kept."
        elif phase.timed:
            big, label = _clock_text(engine.remaining() or 0.0), phase.label()
        else:
            side = " a side" if phase.side else ""
            big, label = f"{phase.reps} reps{side}", phase.label() + " · press Done when finished"
        if state == "paused":
            label += " · paused"
        self.countdown.value = (
            f'<div class="upperback-timer-face" data-state="{state}" '
            f'data-phase="{escape(phase.kind)}" style="font-size:72px;line-height:1.15;font-weight:700;'
            f"text-align:center;padding:0.2em;border-radius:12px;background:{background};"
            f'font-variant-numeric:tabular-nums">{escape(big)}</div>'
        )
        self.phase_label.value = f"<h3 style='text-align:center;margin:0.3em'>{escape(label)}</h3>"
        self.cues.value = self._cues_html(phase) if state in ("ready", "running", "paused") else ""
        upcoming = engine.next_phase
        self.up_next.value = (
            f"<p style='text-align:center;color:#555'>Next: {escape(upcoming.label())}</p>"
            if upcoming is not None and state in ("running", "paused")
            else ""
        )
        self.progress.value = engine.progress()

        active = state in ("running", "paused")
        self.start_button.disabled = state in ("running", "paused")
        self.start_button.description = (
            "Start again" if state in ("finished", "stopped") else "Start"
        )
        self.pause_button.disabled = not active
        self.pause_button.description = "Resume" if state == "paused" else "Pause"
        self.pause_button.icon = "play" if state == "paused" else "pause"
        self.done_button.disabled = not (active and phase.kind == WORK and not phase.timed)
        for button in (self.skip_button, self.back_button, self.stop_button):
            button.disabled = not active

    def _cues_html(self, phase) -> str:
        if phase.exercise is None or phase.kind not in (WORK, GET_READY):
            return ""
        cues = self.library.exercises.loc[phase.exercise, "cues"]
        items = "".join(f"<li>{escape(c)}</li>" for c in cues)
        return f"<ol style='font-size:1.1em'>{items}</ol>"


class TimerPage(w.VBox):
    """Choose a routine (a starter or a saved one) and run it with the guided timer."""

    def __init__(self, library: Library | None = None, *, on_end=None):
        self.library = library or Library.load()
        self.on_end = on_end  # handed to each timer: called when its run ends
        self.choice = w.Dropdown(options=routine_choices(), description="Routine")
        self.open_button = w.Button(description="Open", icon="folder-open", button_style="primary")
        self.status = w.HTML()
        self.timer: GuidedTimer | None = None
        self.stage = w.Box()
        for name in ("choice", "open_button", "status", "stage"):
            getattr(self, name).add_class(f"upperback-timerpage-{name.replace('_', '-')}")
        self.open_button.on_click(self._open)
        super().__init__([w.HBox([self.choice, self.open_button]), self.status, self.stage])
        self.add_class("upperback-timerpage")

    def _open(self, _=None) -> None:
        if self.timer is not None and self.timer.engine.state in ("running", "paused"):
            self.status.value = status_html(
                "error", "Stop the running timer before opening another."
            )
            return
        try:
            routine = open_choice(self.choice.value, self.library)
            self.timer = GuidedTimer(routine, self.library)
            self.timer.on_end = self._ended
        except (RoutineError, KeyError, TypeError) as error:
            self.status.value = status_html("error", str(error))
            return
        self.status.value = ""
        self.stage.children = (self.timer,)

    def _ended(self, timer: GuidedTimer) -> None:
        self.status.value = ""  # any "stop the running timer first" no longer applies
        if self.on_end is not None:
            self.on_end(timer)
