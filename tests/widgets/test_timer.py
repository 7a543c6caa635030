"""The guided timer, driven by clicking on a fake clock, with no browser.

The face is drawn in the browser; ``timer.display`` holds what the kernel reckons it shows,
and the anchors the kernel sends it.
"""

import asyncio
from html import escape

from upperback.routine_files import starter_routine
from upperback.routines import Routine, RoutineItem
from upperback.widgets import GuidedTimer


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
    assert timer.display.countdown == "0:10"
    assert "Get ready: Side plank" in timer.display.label
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
        assert timer.display.anchor["state"] == "running" and timer.display.anchor["index"] == 0
        assert timer.display.anchor["left"] == 10.0  # the get-ready phase, as it was sent
        anchors = timer.display.anchors_sent

        clock.now = 12.0  # into the left side's 20 s hold
        await asyncio.sleep(0.15)
        assert "Side plank, set 1 of 1, left side" in timer.display.label
        assert timer.display.countdown == "0:18"
        assert "Next: Side plank, set 1 of 1, right side" in timer.display.up_next
        first_cue = library.exercises.loc["side-plank", "cues"][0]
        assert escape(first_cue, quote=False) in timer.display.cues_html
        assert timer.display.anchors_sent == anchors  # a phase ending on time sends nothing

        timer.pause_button.click()
        assert timer.pause_button.description == "Resume"
        clock.now = 100.0
        await asyncio.sleep(0.15)
        assert timer.display.countdown == "0:18" and "paused" in timer.display.label
        assert timer.display.anchor["state"] == "paused" and timer.display.anchor["left"] == 18.0
        timer.pause_button.click()
        assert timer.display.anchor["state"] == "running"

        clock.now = 108.0 + 18 + 5  # hold ends, switch sides ends
        await asyncio.sleep(0.15)
        assert "right side" in timer.display.label
        timer.skip_button.click()  # skip the right side
        assert "Seated row" in timer.display.label
        assert timer.display.anchor["left"] is None  # a rep-based set: no deadline
        assert "10 reps" in timer.display.countdown and not timer.done_button.disabled
        progress_before = timer.display.progress
        timer.done_button.click()
        await asyncio.sleep(0.15)
        assert timer.engine.state == "finished" and timer.display.countdown == "Done"
        assert timer.display.progress == 1.0 > progress_before
        assert timer.task.done() and timer.display.anchor["state"] == "finished"
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
    assert timer.engine.state == "stopped" and timer.display.countdown == "Stopped"
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
        assert "Get ready" in timer.display.label
        assert timer.display.anchor["run"] == 2  # the browser starts its cues afresh
        timer.stop_button.click()
        await asyncio.sleep(0.15)

    asyncio.run(scenario())


def test_the_plan_carries_the_spoken_words_and_the_chimes(library):
    timer = GuidedTimer(short_routine(), library)
    words = [step["words"] for step in timer.display.plan]
    assert words[0] == "Get ready: Side plank"
    assert "Side plank, left side, 20 seconds" in words
    assert "Switch sides" in words and "Seated row, 10 reps" in words and words[-1] == "Done"
    halfway = [step["halfway"] for step in timer.display.plan]
    assert halfway == [p.kind == "work" and p.timed for p in timer.engine.phases]
    assert set(timer.display.tones) == {"phase", "countdown", "halfway", "finished"}
    assert timer.display.speech  # on unless the client turns it off


def test_the_keyboard_starts_pauses_skips_and_goes_back(library):
    clock = FakeClock()

    async def scenario():
        timer = GuidedTimer(short_routine(), library, clock=clock)
        press = timer.display._msg_callbacks  # what a key press in the browser sends
        press(timer.display, {"action": "start-or-pause"}, [])
        assert timer.engine.state == "running"
        press(timer.display, {"action": "start-or-pause"}, [])
        assert timer.engine.state == "paused"
        press(timer.display, {"action": "skip"}, [])
        assert timer.engine.index == 1 and timer.engine.state == "paused"
        press(timer.display, {"action": "back"}, [])  # ←: back to the step before
        assert timer.engine.index == 0 and timer.engine.state == "paused"
        timer.stop_button.click()
        await asyncio.sleep(0.15)

    asyncio.run(scenario())
