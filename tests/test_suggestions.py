"""Each rule of next week's suggestions on a hand-built log, and the ladders they climb."""

from datetime import UTC, date, datetime, timedelta

import pytest

from upperback.demo import LOOP_CLIENTS, demo_end, demo_routines_folder, demo_store, make_demo
from upperback.ladders import Ladders, load_ladders
from upperback.person_names import file_stem
from upperback.routine_history import client_routine_path, versions
from upperback.routines import Routine, RoutineError, RoutineItem, check_routine
from upperback.rules import MOST_SETS, Advice
from upperback.sessions import SessionRecord, planned_sets
from upperback.suggestions import accept, suggest, suggestions_for
from upperback.tables import TableError

TODAY = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ladders(library):
    return Ladders.load(exercises=library.exercises, user=False)


def routine(*items, per_week=2):
    return Routine("Mine", items=tuple(items), client="Sam", days_per_week=per_week)


def log(library, plan, sessions, *, undone=()):
    """Sessions on the last days before TODAY, oldest first: (pain before, after, effort).

    ``undone`` lists the sessions (by position) whose sets were not all finished.
    """
    sets = planned_sets(check_routine(plan, library).phases)
    records = []
    for number, (before, after, effort) in enumerate(sessions):
        when = TODAY - timedelta(days=2 * (len(sessions) - number))
        done = tuple(s if number not in undone else s.__class__(**{**s.__dict__, "completed": False})
                     for s in sets)  # fmt: skip
        records.append(SessionRecord("Sam", plan.name, when, pain_before=before, pain_after=after,
                                     effort=effort, sets=done))  # fmt: skip
    return records


def only(library, ladders, plan, sessions, **kwargs):
    [found] = suggestions_for(log(library, plan, sessions, **kwargs), plan, library,
                              ladders=ladders, today=TODAY)  # fmt: skip
    return found


EASY = [(3, 2, 3.0)] * 3


def test_easy_sessions_with_steady_pain_add_reps(library, ladders):
    found = only(library, ladders, routine(RoutineItem("superman")), EASY)
    assert found.advice == Advice.PROGRESS
    assert found.proposed.reps == 12 and found.change == "Superman: 10 → 12 reps"
    assert "effort of at most 3 (moderate)" in found.reason
    assert [d.day for d in found.sessions] == [14, 16, 18]  # the recent sessions it rests on


def test_a_hold_grows_by_a_few_seconds(library, ladders):
    found = only(library, ladders, routine(RoutineItem("knee-plank")), EASY)
    assert (found.proposed.hold_seconds, found.change) == (
        25,
        "Plank from the knees: hold 20 s → 25 s",
    )


def test_at_the_top_of_the_rep_range_the_harder_variation_is_offered(library, ladders):
    found = only(library, ladders, routine(RoutineItem("seated-row")), EASY)  # 12 reps already
    assert found.proposed == RoutineItem("single-arm-row")  # at that exercise's own dose
    assert "Single-arm row, the harder variation" in found.change


def test_with_no_harder_variation_a_set_is_added_never_past_the_limits(library, ladders):
    default = int(library.exercises.at["back-extension", "sets"])
    found = only(library, ladders, routine(RoutineItem("back-extension", reps=12)), EASY)
    assert found.proposed == RoutineItem("back-extension", reps=12, sets=default + 1)
    assert found.change == f"Back extension: {default} → {default + 1} sets"
    most = RoutineItem("back-extension", reps=12, sets=MOST_SETS)
    topped = only(library, ladders, routine(most), EASY)
    assert topped.advice == Advice.PROGRESS and not topped.changes
    assert "at the top of what the rules advise" in topped.reason


def test_pain_above_five_eases_off_to_the_easier_variation(library, ladders):
    found = only(library, ladders, routine(RoutineItem("pull-up")), [(3, 2, 5.0), (4, 6, 5.0)])
    assert found.advice == Advice.EASE_OFF
    assert found.proposed.exercise == "chin-up"
    assert "Pain reached 6 of 10" in found.reason and "above 5" in found.reason


def test_pain_higher_the_next_time_eases_off_with_fewer_reps(library, ladders):
    found = only(library, ladders, routine(RoutineItem("superman")), [(2, 2, 3.0), (4, 4, 3.0)])
    assert found.advice == Advice.EASE_OFF
    assert found.change == "Superman: 10 → 8 reps"
    assert "had not settled" in found.reason
    assert [d.day for d in found.sessions] == [18]


def test_a_rise_of_two_over_a_session_eases_off_a_hold(library, ladders):
    found = only(library, ladders, routine(RoutineItem("cobra")), [(2, 2, 3.0), (2, 4, 3.0)])
    assert found.advice == Advice.EASE_OFF
    assert found.change == "Cobra: hold 20 s → 15 s"
    assert "rose during the session: 2 to 4" in found.reason


def test_pain_wins_when_effort_says_progress(library, ladders):
    sessions = [(3, 2, 2.0), (3, 2, 2.0), (3, 6, 2.0)]  # all easy, but pain reached 6
    found = only(library, ladders, routine(RoutineItem("superman")), sessions)
    assert found.advice == Advice.EASE_OFF and found.proposed.reps == 8


def test_effort_in_the_working_range_keeps_the_dose(library, ladders):
    found = only(library, ladders, routine(RoutineItem("superman")), [(3, 2, 5.0)] * 3)
    assert found.advice == Advice.KEEP and not found.changes
    assert "working range" in found.reason


def test_missed_sessions_keep_the_dose_even_when_it_is_easy(library, ladders):
    found = only(library, ladders, routine(RoutineItem("superman"), per_week=5), EASY)
    assert found.advice == Advice.KEEP and not found.changes
    assert "3 of 10 planned sessions" in found.reason


def test_unfinished_sets_keep_the_dose(library, ladders):
    found = only(library, ladders, routine(RoutineItem("superman")), EASY, undone={2})
    assert found.advice == Advice.KEEP and "Not every set was finished" in found.reason


def test_pain_a_point_higher_keeps_the_dose(library, ladders):
    found = only(
        library, ladders, routine(RoutineItem("superman")), [(2, 2, 3.0), (2, 2, 3.0), (3, 3, 3.0)]
    )
    assert found.advice == Advice.KEEP and "Pain was higher on 18 Nov" in found.reason


def test_pain_creeping_up_two_points_over_the_sessions_eases_off(library, ladders):
    sessions = [(2, 2, 3.0), (3, 3, 3.0), (4, 4, 3.0)]  # never 2 above the time before
    found = only(library, ladders, routine(RoutineItem("superman")), sessions)
    assert found.advice == Advice.EASE_OFF and found.change == "Superman: 10 → 8 reps"
    assert "crept up from 2 on 14 Nov to 4 on 18 Nov" in found.reason


def test_at_its_lightest_nothing_is_offered_but_the_reason_says_what_to_do(library, ladders):
    plan = routine(RoutineItem("superman", sets=1, reps=4))
    found = only(library, ladders, plan, [(3, 7, 5.0)])
    assert found.advice == Advice.EASE_OFF and not found.changes
    assert "leaving it out" in found.reason and "professional" in found.reason


def test_sessions_older_than_two_weeks_do_not_count(library, ladders):
    old = [SessionRecord("Sam", "Mine", TODAY - timedelta(days=30), pain_before=3, pain_after=8)]
    [found] = suggestions_for(old, routine(RoutineItem("superman")), library, ladders=ladders,
                              today=TODAY)  # fmt: skip
    assert found.advice == Advice.KEEP and found.sessions == ()


# -- the ladders ------------------------------------------------------------------------


def test_the_references_ladders_are_in_the_table(ladders):
    assert ladders.ladder("chin-up") == ["assisted-pull-up", "chin-up", "pull-up"]
    assert ladders.ladder("single-arm-row") == ["seated-row", "single-arm-row", "bent-over-row"]
    assert ladders.ladder("plank") == ["knee-plank", "plank", "plank-leg-lift"]
    assert ladders.ladder("side-plank") == ["bent-knee-side-plank", "side-plank"]
    assert ladders.ladder("rhomboid-push-up") == ["knee-rhomboid-push-up", "rhomboid-push-up"]


def write(tmp_path, rows):
    path = tmp_path / "ladders.csv"
    path.write_text("easier,harder,change,source\n" + "".join(f"{r},x,coaching practice: mine\n"
                                                              for r in rows))  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        (["plank,plank-lift"], "line 2, column 'harder': 'plank-lift' is not an id in exercises.csv"),
        (["plank,plank"], "'plank' cannot be a step up from itself"),
        (["pull-up,chin-up"], "'pull-up' is already harder than 'chin-up' (ladders.csv line 4)"),
        (["pull-up,assisted-pull-up"], "this step closes a loop (assisted-pull-up → chin-up → "
                                       "pull-up → assisted-pull-up)"),
        (["chin-up,pull-up"], "('chin-up', 'pull-up') is already used at ladders.csv line 4"),
    ],
)  # fmt: skip
def test_a_coachs_ladder_is_checked_like_their_exercises(tmp_path, rows, says):
    path = write(tmp_path, rows)
    with pytest.raises(TableError) as error:
        load_ladders(path, user=False)
    assert str(path) in str(error.value) and says in str(error.value)


def test_a_coachs_own_step_is_merged_from_the_workbook_folder(workbook_home):
    write(workbook_home, ["superman,back-extension"])
    steps = load_ladders()
    assert ("superman", "back-extension") in steps.index


# -- the demo clinic ------------------------------------------------------------------------


def test_every_demo_client_gets_a_suggestion_with_its_reason(library):
    clinic = demo_store(library)
    assert_each_kind(clinic, library, today=demo_end(clinic))


def assert_each_kind(clinic, library, *, today):
    kinds = {}
    for client in clinic.clients():
        found = suggest(clinic, client, library, today=today)
        assert found and all(s.reason for s in found), client
        kinds[client] = {s.advice for s in found}
    assert kinds["Demo: Fay (ready for more)"] == {Advice.PROGRESS}
    assert kinds["Demo: Gus (flare-up)"] == {Advice.EASE_OFF}
    assert kinds["Demo: Hana (working hard)"] == {Advice.KEEP}
    assert kinds["Demo: Ivo (missed sessions)"] == {Advice.KEEP}
    assert kinds["Demo: Jo (pain of 8)"] == {Advice.STOP}
    assert kinds["Demo: Kit (waiting for clearance)"] == {Advice.STOP}
    assert set(LOOP_CLIENTS) <= set(kinds)
    return kinds


# A Monday morning, a Sunday night, the last evening of a year, a leap day, a minute past
# midnight, the old fixed end: the clinic ends on the day it is written, and says the same
# on any of them (sessions can't be in the future, so these are past days).
WRITTEN = [
    "2026-09-07 08:15",
    "2026-03-01 23:50",
    "2025-12-31 18:00",
    "2024-02-29 12:00",
    "2026-10-04 00:01",
    "2026-11-20 18:00",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_the_demo_ends_on_the_day_it_is_written_and_shows_each_kind(tmp_path, library, written):
    from upperback.store import Store

    end = datetime.fromisoformat(written).replace(tzinfo=UTC)
    clinic = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    make_demo(clinic, library, end=end)
    assert demo_end(clinic) == end
    assert max(s.ended_at for s in clinic.sessions()) == end  # nothing after it
    assert_each_kind(clinic, library, today=end)
    kit = clinic.last_red_flag_check("Demo: Kit (waiting for clearance)")
    assert kit["urgent"] and kit["cleared_at"] is None
    [jo] = [s for s in clinic.sessions("Demo: Jo (pain of 8)") if s.ended_at == end]
    assert jo.pain_after == 8


def test_a_demo_written_today_gives_suggestions_from_today(tmp_path, library):
    """Written now, the clinic's last weeks are the two weeks before now: not all keep."""
    from upperback.store import Store

    clinic = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    make_demo(clinic, library)
    assert_each_kind(clinic, library, today=None)


def test_the_daily_bridge_lists_each_exercise_once(library):
    from upperback.routine_files import starter_routine

    exercises = [item.exercise for item in starter_routine("daily-bridge").items]
    assert len(exercises) == len(set(exercises)) and "bridge-and-reach-over" in exercises


def test_accepting_a_demo_suggestion_writes_a_new_version(library):
    clinic = demo_store(library)
    client = "Demo: Fay (ready for more)"
    first = suggest(clinic, client, library, today=demo_end(clinic))[0]
    path = client_routine_path(client, first.routine.name, demo_routines_folder())
    assert not path.exists()  # nothing written until the coach accepts
    version = accept(first, path, library)
    assert version.number == 2 and [v.number for v in versions(path)] == [1, 2]


def test_accepting_for_a_shared_routine_gives_the_client_a_copy_of_their_own(
    workbook_home, library
):
    from upperback.routine_files import routine_choices

    shared = Routine("Mine", items=(RoutineItem("seated-row"),), days_per_week=2)  # no client
    records = log(library, shared, EASY)
    [first] = suggestions_for(records, shared, library, today=TODAY)
    path = client_routine_path("Sam", shared.name)
    accept(first, path, library)
    mine = [c for c in routine_choices(client="Sam") if c.path == path]
    assert mine and mine[0] == routine_choices(client="Sam")[0]  # listed first on Sam's page
    assert path.name == f"mine-{file_stem('Sam')}.json"


def test_two_sessions_on_one_day_name_the_day_once(library, ladders):
    plan = routine(RoutineItem("superman"))
    records = log(library, plan, EASY)
    same_day = [r.__class__(**{**r.__dict__, "started_at": TODAY - timedelta(hours=n)})
                for n, r in zip((3, 2, 1), records, strict=True)]  # fmt: skip
    [found] = suggestions_for(same_day, plan, library, ladders=ladders, today=TODAY)
    assert "in the last 3 sessions (20 Nov)" in found.reason


def test_a_stop_suggestion_is_refused_by_accept_with_nothing_written(library, ladders, tmp_path):
    plan = routine(RoutineItem("superman"))
    found = only(library, ladders, plan, [(3, 2, 3.0), (3, 8, 3.0)])
    assert found.advice == Advice.STOP and not found.changes and found.change == ""
    path = tmp_path / "mine-sam.json"
    edit = RoutineItem("superman", reps=6)
    for proposed in (None, edit):
        with pytest.raises(RoutineError, match="see a professional, so there is no change"):
            accept(found, path, library, proposed=proposed)
    assert not path.exists()


def test_the_warning_signs_reach_the_advice_through_the_store(tmp_path, library, ladders):
    from upperback.store import Store
    from upperback.suggestions import warning_sign_waiting

    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    assert not warning_sign_waiting(store, "Sam")  # never asked: the timer's gate asks
    store.record_red_flag_check("Sam", {"fever": False})
    assert not warning_sign_waiting(store, "Sam")
    store.record_red_flag_check("Sam", {"fever": True})
    assert warning_sign_waiting(store, "Sam")
    store.record_professional_clearance("Sam", seen_on=date.today())
    assert not warning_sign_waiting(store, "Sam")
