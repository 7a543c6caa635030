"""The timer engine on a fake clock: every boundary of a long routine, and every control."""

import pytest

from upperback.routines import Routine, RoutineItem, check_routine
from upperback.schedule import Phase, PhaseKind, planned_seconds
from upperback.timer import TimerEngine

GET_READY, WORK, SWITCH_SIDES, REST, NEXT_EXERCISE, DONE = PhaseKind


def build_schedule(routine, library):
    return check_routine(routine, library).phases


class FakeClock:
    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def engine_for(routine, library):
    """An engine for the routine, on a fake clock the test moves by hand."""
    clock = FakeClock()
    return TimerEngine(build_schedule(routine, library), clock=clock), clock


@pytest.fixture(scope="module")
def half_hour(library):
    """A 30-minute routine of holds, sided holds and rep-based sets."""
    items = (
        RoutineItem("plank", sets=4, hold_seconds=45, rest_seconds=40),
        RoutineItem("side-plank", sets=3, hold_seconds=30, rest_seconds=30),
        RoutineItem("eleven-fifteen-stretch", sets=3, hold_seconds=30),
        RoutineItem("can-openers", sets=3, reps=8),
        RoutineItem("seated-row", sets=3, reps=10, rest_seconds=60, rest_after_seconds=60),
        RoutineItem("cobra", sets=3, hold_seconds=30),
        RoutineItem("downward-dog", sets=2, hold_seconds=30, rest_seconds=30),
        RoutineItem("superman", sets=3, reps=10),
        RoutineItem("cat-cow", sets=3, reps=10),
    )
    return build_schedule(Routine("Half hour", items=items), library)


def run_through(engine, clock, step=0.1):
    """Tick like a view would; mark rep-based sets done after their estimate."""
    events = []
    engine.subscribe(events.append)
    engine.start()
    while engine.state == "running":
        if not engine.phase.timed:
            # The client marks the set done exactly when the plan expects it.
            clock.advance(engine.phase.estimate - engine.elapsed())
            engine.done()
        else:
            clock.advance(step)
            engine.tick()
    return events


def test_the_test_routine_lasts_about_half_an_hour(half_hour):
    assert 28 * 60 <= planned_seconds(half_hour) <= 40 * 60, planned_seconds(half_hour)


def test_every_boundary_of_a_long_run_falls_on_its_plan(half_hour):
    clock = FakeClock()
    engine = TimerEngine(half_hour, clock=clock)
    run_through(engine, clock, step=0.37)  # an awkward tick that never lands on a boundary
    assert engine.state == "finished"
    assert [r.index for r in engine.records] == list(range(len(half_hour)))
    for record in engine.records:
        assert record.outcome == "completed"
        assert record.actual_start == pytest.approx(record.planned_start, abs=1e-6)
        assert record.actual_end == pytest.approx(record.planned_end, abs=1e-6)


def test_events_are_never_late_by_more_than_one_tick(half_hour):
    clock = FakeClock()
    engine = TimerEngine(half_hour, clock=clock)
    events = run_through(engine, clock, step=0.25)
    ends = [e for e in events if e.kind == "phase-end"]
    assert len(ends) == len(half_hour) - 1
    assert all(0 <= e.at - e.due <= 0.25 + 1e-9 for e in events)


def test_halfway_and_the_last_three_seconds_are_announced(library):
    routine = Routine("Hold", items=(RoutineItem("plank", sets=1, hold_seconds=20),))
    engine, clock = engine_for(routine, library)
    events = run_through(engine, clock, step=0.05)
    work_start = next(e.due for e in events if e.kind == "phase-start" and e.phase.kind == WORK)
    [halfway] = [e for e in events if e.kind == "halfway"]
    assert halfway.due == pytest.approx(work_start + 10)
    counts = [(e.value, e.phase.kind) for e in events if e.kind == "countdown"]
    assert counts == [
        (3, GET_READY),
        (2, GET_READY),
        (1, GET_READY),
        (3, WORK),
        (2, WORK),
        (1, WORK),
    ]


def test_time_paused_does_not_count(library):
    routine = Routine("Hold", items=(RoutineItem("plank", sets=1, hold_seconds=30),))
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(10)
    engine.tick()  # get ready ends, the 30 s hold begins
    assert engine.phase.kind == WORK
    clock.advance(12)
    engine.pause()
    clock.advance(300)  # a long phone call
    assert engine.remaining() == pytest.approx(18)
    assert engine.tick() == []
    engine.resume()
    assert engine.remaining() == pytest.approx(18)
    clock.advance(17.9)
    engine.tick()
    assert engine.phase.kind == WORK
    clock.advance(0.2)
    engine.tick()
    assert engine.state == "finished"
    hold = engine.records[1]
    assert hold.paused == pytest.approx(300)
    assert hold.active_seconds == pytest.approx(30)


def test_sides_run_left_switch_right_in_every_set(library):
    routine = Routine("Sides", items=(RoutineItem("side-plank", sets=2, rest_seconds=15),))
    phases = build_schedule(routine, library)
    assert [(p.kind, p.side, p.set_number) for p in phases] == [
        (GET_READY, None, None),
        (WORK, "left", 1),
        (SWITCH_SIDES, "right", None),
        (WORK, "right", 1),
        (REST, None, None),
        (WORK, "left", 2),
        (SWITCH_SIDES, "right", None),
        (WORK, "right", 2),
        (DONE, None, None),
    ]
    right_first = Routine("R", items=(RoutineItem("side-plank", sets=1, sides="right then left"),))
    sides = [p.side for p in build_schedule(right_first, library) if p.kind == WORK]
    assert sides == ["right", "left"]


def test_a_rep_based_set_waits_until_it_is_marked_done(library):
    routine = Routine("Reps", items=(RoutineItem("seated-row", sets=1, reps=10),))
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(10)
    engine.tick()
    assert engine.phase.kind == WORK and engine.remaining() is None
    clock.advance(600)  # however long it takes
    engine.tick()
    assert engine.phase.kind == WORK
    engine.done()
    assert engine.state == "finished"
    work = engine.records[1]
    assert work.outcome == "completed" and work.active_seconds == pytest.approx(600)


def test_skip_and_back(library):
    routine = Routine(
        "Two", items=(RoutineItem("plank", sets=2, hold_seconds=30, rest_seconds=20),)
    )
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(3)
    engine.skip()  # skip the get-ready
    assert engine.phase.kind == WORK and engine.remaining() == pytest.approx(30)
    clock.advance(5)
    engine.skip()  # skip the first hold
    assert engine.phase.kind == REST
    clock.advance(2)
    engine.back()  # back to the first hold, from its start
    assert engine.phase.kind == WORK and engine.phase.set_number == 1
    assert engine.remaining() == pytest.approx(30)
    assert [r.outcome for r in engine.records] == ["skipped", "skipped", "went back", "running"]
    clock.advance(30)
    engine.tick()
    assert engine.phase.kind == REST
    # Phases run twice keep two records; the rest of the run still follows its plan.
    run_rest = [r.index for r in engine.records]
    assert run_rest == [0, 1, 2, 1, 2]


def test_back_at_the_first_phase_restarts_it(library):
    routine = Routine("One", items=(RoutineItem("plank", sets=1),))
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(6)
    engine.back()
    assert engine.index == 0 and engine.remaining() == pytest.approx(10)


def test_skipping_while_paused_stays_paused(library):
    routine = Routine("One", items=(RoutineItem("plank", sets=1, hold_seconds=30),))
    engine, clock = engine_for(routine, library)
    engine.start()
    engine.pause()
    clock.advance(50)
    engine.skip()
    assert engine.state == "paused" and engine.phase.kind == WORK
    assert engine.remaining() == pytest.approx(30)
    clock.advance(20)
    engine.resume()
    assert engine.remaining() == pytest.approx(30)


def test_stop_keeps_what_was_done(library):
    routine = Routine("Two", items=(RoutineItem("plank", sets=2, hold_seconds=30),))
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(25)
    engine.tick()
    engine.stop()
    assert engine.state == "stopped"
    assert [r.outcome for r in engine.records] == ["completed", "stopped"]
    assert engine.records[-1].actual_end == pytest.approx(25)
    assert engine.tick() == [] and engine.skip() == []


def test_a_kernel_stall_ends_each_phase_at_its_own_deadline(library):
    routine = Routine(
        "Holds", items=(RoutineItem("plank", sets=3, hold_seconds=20, rest_seconds=5),)
    )
    engine, clock = engine_for(routine, library)
    engine.start()
    clock.advance(78.5)  # the kernel was busy: five phases ended unseen
    events = engine.tick()
    assert [e.kind for e in events].count("phase-end") == 5
    for record in engine.records[:-1]:
        assert record.actual_end == pytest.approx(record.planned_end)
    # 1.5 s are left of the last hold: only the count now due is sent, not a stale burst.
    assert [e.value for e in events if e.kind == "countdown"] == [2]


def test_progress_runs_from_zero_to_one(library):
    routine = Routine("Hold", items=(RoutineItem("plank", sets=1, hold_seconds=30),))
    engine, clock = engine_for(routine, library)
    assert engine.progress() == 0
    engine.start()
    clock.advance(25)
    engine.tick()
    assert engine.progress() == pytest.approx(25 / 40)
    clock.advance(20)
    engine.tick()
    assert engine.progress() == 1


def test_wall_clock_times_follow_the_run(library):
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    routine = Routine("Hold", items=(RoutineItem("plank", sets=1, hold_seconds=30),))
    clock = FakeClock()
    engine = TimerEngine(build_schedule(routine, library), clock=clock, wall_clock=lambda: start)
    engine.start()
    clock.advance(41)
    engine.tick()
    assert engine.records[1].started_at == start + timedelta(seconds=10)
    assert engine.records[1].ended_at == start + timedelta(seconds=40)


def test_a_schedule_must_end_with_done():
    with pytest.raises(ValueError, match="done"):
        TimerEngine([Phase(WORK, 5.0, 5.0)])


def test_a_finished_timer_cannot_be_started_again(library):
    routine = Routine("Hold", items=(RoutineItem("plank", sets=1),))
    engine = TimerEngine(build_schedule(routine, library), clock=FakeClock())
    engine.start()
    with pytest.raises(RuntimeError):
        engine.start()
    assert NEXT_EXERCISE  # the kinds are importable constants
