"""The builder and the timer, driven by setting values and clicking, with no browser."""

import asyncio
import json
from html import escape

import pytest

from upperback import Library
from upperback.routine_widgets import GuidedTimer, RoutineBuilder, routines_folder
from upperback.routines import Routine, RoutineItem, starter_routine


@pytest.fixture(scope="module")
def library():
    return Library.load(user=False)


def add(builder, exercise_id):
    builder.pick.value = exercise_id
    builder.add_button.click()


# -- the builder -----------------------------------------------------------------------


def test_filters_narrow_the_library_list(library):
    builder = RoutineBuilder(library)
    builder.muscle.value = "obliques"
    builder.category.value = "core"
    assert {v for _, v in builder.pick.options} == {"side-plank", "plank-leg-lift", "plank"}


def test_adding_shows_the_dose_duration_and_muscles(library):
    builder = RoutineBuilder(library)
    assert "Add exercises" in builder.summary.value
    add(builder, "can-openers")
    add(builder, "plank")
    assert [label for label, _ in builder.items.options] == [
        "1. Can openers (2 × 8 reps a side)",
        "2. Plank (3 × 30 s hold)",
    ]
    assert builder.items.value == 1  # the item just added is chosen
    assert builder.hold_seconds.value == 30 and builder.reps.disabled
    assert "About" in builder.summary.value and "Rhomboid major" in builder.summary.value


def test_changing_a_dose_updates_the_routine_and_its_length(library):
    builder = RoutineBuilder(library)
    add(builder, "plank")
    before = builder.summary.value
    builder.sets.value = 5
    builder.hold_seconds.value = 45
    item = builder.routine.items[0]
    assert (item.sets, item.hold_seconds) == (5, 45)
    assert builder.summary.value != before
    assert builder.items.options[0][0] == "1. Plank (5 × 45 s hold)"


def test_a_bad_dose_is_refused_inside_the_builder(library):
    builder = RoutineBuilder(library)
    add(builder, "plank")
    builder.sets.value = 40
    assert "'sets': 40 is out of range" in builder.status.value
    assert builder.routine.items[0].sets is None  # the last good routine is kept
    assert builder.sets.value == 3


def test_advice_shows_as_a_note(library):
    builder = RoutineBuilder(library)
    add(builder, "cobra")
    builder.hold_seconds.value = 200
    assert "Note:" in builder.status.value and "advised for stretches" in builder.status.value


def test_reorder_and_remove(library):
    builder = RoutineBuilder(library)
    for exercise in ("plank", "cobra", "superman"):
        add(builder, exercise)
    builder.items.value = 2
    builder.up_button.click()
    assert [i.exercise for i in builder.routine.items] == ["plank", "superman", "cobra"]
    assert builder.items.value == 1
    builder.remove_button.click()
    assert [i.exercise for i in builder.routine.items] == ["plank", "cobra"]


def test_sides_offer_only_what_the_exercise_allows(library):
    builder = RoutineBuilder(library)
    add(builder, "side-plank")
    assert builder.sides.options == ("left then right", "right then left")
    builder.sides.value = "right then left"
    assert builder.routine.items[0].sides == "right then left"
    add(builder, "plank")
    assert builder.sides.disabled and builder.sides.value == "both"


def test_save_open_and_export_a_handout(library, workbook_home):
    builder = RoutineBuilder(library)
    builder.name.value = "Sam's mornings"
    builder.client.value = "Sam"
    add(builder, "can-openers")
    builder.save_button.click()
    path = routines_folder() / "sam-s-mornings.json"
    assert path.is_file() and "Saved to" in builder.status.value
    assert json.loads(path.read_text())["client"] == "Sam"
    builder.handout_button.click()
    assert path.with_suffix(".html").is_file() and "Handout written" in builder.status.value

    other = RoutineBuilder(library)
    assert ("Sam's mornings (sam-s-mornings.json)", str(path)) in other.load_choice.options
    other.load_choice.value = str(path)
    other.load_button.click()
    assert other.routine == builder.routine
    assert other.name.value == "Sam's mornings"


def test_a_starter_routine_opens(library):
    builder = RoutineBuilder(library)
    builder.load_choice.value = "starter:thoracic-five"
    builder.load_button.click()
    assert len(builder.items.options) == 5


def test_a_damaged_file_is_reported_in_the_builder(library, workbook_home):
    routines_folder().mkdir(parents=True)
    (routines_folder() / "broken.json").write_text("{oops")
    builder = RoutineBuilder(library)
    builder.load_choice.value = str(routines_folder() / "broken.json")
    builder.load_button.click()
    assert "broken JSON" in builder.status.value
    assert builder.routine.name == "My routine"  # nothing lost


def test_a_save_that_fails_says_why_in_the_builder(library, workbook_home):
    (workbook_home / "routines").write_text("a file where the folder should be")
    builder = RoutineBuilder(library)
    add(builder, "plank")
    builder.save_button.click()
    assert "Not saved" in builder.status.value


# -- the timer -------------------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def short_routine():
    return Routine(
        "Short",
        items=(
            RoutineItem("side-plank", sets=1, hold_seconds=20, rest_after_seconds=0),
            RoutineItem("seated-row", sets=1, reps=10),
        ),
    )


def test_the_timer_shows_what_to_do_before_it_starts(library):
    timer = GuidedTimer(short_routine(), library)
    assert "0:10" in timer.countdown.value
    assert "Get ready: Side plank" in timer.phase_label.value
    assert not timer.start_button.disabled and timer.pause_button.disabled


def test_the_timer_needs_a_running_kernel_loop(library):
    timer = GuidedTimer(short_routine(), library)
    timer.start_button.click()  # no event loop here
    assert "needs a running notebook kernel" in timer.status.value
    assert timer.engine.state == "ready"


def test_a_whole_run_by_clicking(library):
    clock = FakeClock()

    async def scenario():
        timer = GuidedTimer(short_routine(), library, clock=clock)
        timer.start_button.click()
        assert timer.task is not None
        await asyncio.sleep(0.02)
        assert timer.engine.state == "running" and timer.start_button.disabled
        assert "upperback-timer-tone-phase" in timer.sound.children[0]._dom_classes

        clock.now = 12.0  # into the left side's 20 s hold
        await asyncio.sleep(0.15)
        assert "Side plank, set 1 of 1, left side" in timer.phase_label.value
        assert "0:18" in timer.countdown.value
        assert "Next: Side plank, set 1 of 1, right side" in timer.up_next.value
        first_cue = library.exercises.loc["side-plank", "cues"][0]
        assert escape(first_cue, quote=False) in timer.cues.value

        timer.pause_button.click()
        assert timer.pause_button.description == "Resume"
        clock.now = 100.0
        await asyncio.sleep(0.15)
        assert "0:18" in timer.countdown.value and "paused" in timer.phase_label.value
        timer.pause_button.click()

        clock.now = 108.0 + 18 + 5  # hold ends, switch sides ends
        await asyncio.sleep(0.15)
        assert "right side" in timer.phase_label.value
        timer.skip_button.click()  # skip the right side
        assert "Seated row" in timer.phase_label.value
        assert "10 reps" in timer.countdown.value and not timer.done_button.disabled
        progress_before = timer.progress.value
        timer.done_button.click()
        await asyncio.sleep(0.15)
        assert timer.engine.state == "finished" and "Done" in timer.countdown.value
        assert timer.progress.value == 1.0 > progress_before
        assert timer.task.done()
        assert "upperback-timer-tone-finished" in timer.sound.children[0]._dom_classes
        return timer

    timer = asyncio.run(scenario())
    outcomes = [(r.phase.kind, r.outcome) for r in timer.engine.records]
    assert ("work", "skipped") in outcomes and outcomes[-1] == ("done", "completed")


def test_other_work_runs_while_the_timer_counts(library):
    """The timer is a task on the loop: it never blocks other cells or clicks."""

    async def scenario():
        timer = GuidedTimer(starter_routine("daily-bridge"), library)
        timer.start_button.click()
        other = 0
        for _ in range(20):
            other += 1
            await asyncio.sleep(0.01)
        assert timer.engine.state == "running"
        timer.stop_button.click()
        await asyncio.sleep(0.15)
        return timer, other

    timer, other = asyncio.run(scenario())
    assert other == 20
    assert timer.engine.state == "stopped" and "Stopped" in timer.countdown.value
    assert timer.skip_button.disabled and timer.stop_button.disabled


def test_a_stopped_timer_can_start_again(library):
    async def scenario():
        timer = GuidedTimer(short_routine(), library)
        timer.start_button.click()
        await asyncio.sleep(0.02)
        timer.stop_button.click()
        await asyncio.sleep(0.15)
        assert not timer.start_button.disabled
        assert timer.start_button.description == "Start again"
        first = timer.engine
        timer.start_button.click()
        await asyncio.sleep(0.02)
        assert timer.engine is not first and timer.engine.state == "running"
        assert "Get ready" in timer.phase_label.value
        timer.stop_button.click()
        await asyncio.sleep(0.15)

    asyncio.run(scenario())


def test_saved_routines_are_listed_by_their_names(library, workbook_home):
    from upperback.routine_widgets import routine_choices
    from upperback.routines import save_routine

    save_routine(
        Routine("Sam's mornings", items=(RoutineItem("plank"),)), routines_folder() / "sam.json"
    )
    (routines_folder() / "broken.json").write_text("{")
    labels = [label for label, _ in routine_choices()]
    assert "Sam's mornings (sam.json)" in labels
    assert "broken.json (cannot be read)" in labels
    assert "starter: Thoracic five" in labels
