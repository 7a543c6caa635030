"""The guided timer, driven by clicking on a fake clock, with no browser."""

import asyncio
from html import escape

import pytest

from upperback import Library
from upperback.routine_files import starter_routine
from upperback.routines import Routine, RoutineItem
from upperback.widgets import GuidedTimer


@pytest.fixture(scope="module")
def library():
    return Library.load(user=False)


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
