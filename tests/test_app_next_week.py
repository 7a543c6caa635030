"""The coach's loop on the client's page: "new this week", and planning one's own next week."""

from datetime import timedelta

from upperback.app import ClientApp
from upperback.identity import Identity
from upperback.person_names import file_stem
from upperback.progress import load_progress
from upperback.routine_history import client_routine_path
from upperback.routines import Routine, RoutineItem, check_routine, routine_to_dict
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, now_utc, planned_sets
from upperback.store import Store
from upperback.suggestions import accept, suggest

ROUTINE = Routine("Back basics", client="Sam", days_per_week=2,
                  items=(RoutineItem("superman"), RoutineItem("knee-plank")))  # fmt: skip


def easy_week(tmp_path, library, client="Sam"):
    """Three easy sessions this week, every set done: ready for a step up."""
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.record_red_flag_check(client, dict.fromkeys(RED_FLAGS, False))
    sets = tuple(planned_sets(check_routine(ROUTINE, library).phases))
    for days_ago in (5, 3, 1):
        store.save_session(
            SessionRecord(client, ROUTINE.name, now_utc() - timedelta(days=days_ago),
                          pain_before=3, pain_after=2, effort=3.0, sets=sets,
                          prescription=routine_to_dict(ROUTINE))
        )  # fmt: skip
    return store


def test_a_change_the_coach_accepted_shows_as_new_this_week(tmp_path, library):
    store = easy_week(tmp_path, library)
    first = suggest(store, "Sam", library)[0]
    accept(first, client_routine_path("Sam", ROUTINE.name), library)  # the coach's click
    app = ClientApp(store, library, identity=Identity("Sam", "hub"))
    news = app.news.value
    assert "New this week" in news and "Back basics" in news
    assert "Superman: 10 → 12 reps" in news and "Why: " in news
    picker = app.timer_and_log.page.picker
    assert (
        picker.choice.label == f"Back basics (back-basics-{file_stem('Sam')}.json)"
    )  # the new version first
    assert picker.choice.value.open(library).items[0] == RoutineItem("superman", reps=12)


def test_nobody_else_sees_the_news(tmp_path, library):
    store = easy_week(tmp_path, library)
    accept(suggest(store, "Sam", library)[0], client_routine_path("Sam", ROUTINE.name), library)
    app = ClientApp(store, library, identity=Identity("Kim", "hub"))
    assert app.news.value == ""
    labels = [label for label, _ in app.timer_and_log.page.picker.choice.options]
    assert not any("Back basics" in label for label in labels)


def test_on_the_hub_the_coach_plans_so_there_is_no_next_week_tab(tmp_path, library):
    app = ClientApp(easy_week(tmp_path, library), library, identity=Identity("Sam", "hub"))
    titles = [app.tabs.get_title(i) for i in range(len(app.tabs.children))]
    assert "Next week" not in titles and app.plan is None


def test_a_client_without_a_coach_accepts_their_own_next_step(tmp_path, library):
    store = easy_week(tmp_path, library)
    app = ClientApp(store, library, identity=Identity("Sam", "profile"))
    assert app.tabs.get_title(4) == "Next week" and app.news.value == ""
    app.tabs.selected_index = 4
    assert app.plan.client.options == ("Sam",)  # their own, and nobody else's
    assert len(app.plan.rows) == 2 and not (tmp_path / "workbook" / "routines").exists()
    app.plan.rows[0].accept_button.click()
    assert "Superman: 10 → 12 reps" in app.news.value
    labels = [label for label, _ in app.timer_and_log.page.picker.choice.options]
    assert labels[0] == "Back basics (latest version)"  # kept in the log too
    assert not any(
        f"back-basics-{file_stem('Sam')}.json" in label for label in labels
    )  # listed once


def test_on_a_hub_the_coachs_change_reaches_the_client_through_the_log(tmp_path, library):
    """The coach's routine files are on the coach's server: the client's has only the log."""
    store = easy_week(tmp_path, library)
    coach_folder = tmp_path / "coach-routines"
    first = suggest(store, "Sam", library)[0]
    accept(first, client_routine_path("Sam", ROUTINE.name, coach_folder), library, store=store)
    app = ClientApp(store, library, identity=Identity("Sam", "hub"))
    assert "Superman: 10 → 12 reps" in app.news.value
    picker = app.timer_and_log.page.picker
    assert picker.choice.label == "Back basics (latest version)"
    assert picker.choice.value.open(library).items[0] == RoutineItem("superman", reps=12)
    progress = load_progress(app.client_store, "Sam", library)
    assert list(progress.versions["version"]) == [2]  # marked on the pain chart
    kim = ClientApp(store, library, identity=Identity("Kim", "hub"))
    assert kim.news.value == "" and kim.client_store.sent_routines("Sam") == []


def test_a_client_may_keep_only_their_own_routine_in_the_log(tmp_path, library):
    import pytest

    from upperback.routine_history import Version
    from upperback.store import StoreError

    mine = easy_week(tmp_path, library).for_client("Sam")
    version = Version(2, now_utc(), "Superman: 10 → 12 reps", "", ())
    with pytest.raises(StoreError, match="Sam's answers only, not Kim's"):
        mine.send_routine(ROUTINE.__class__(**{**ROUTINE.__dict__, "client": "Kim"}), version)


def test_next_week_says_what_it_waits_for_before_the_first_session(tmp_path, library):
    app = ClientApp(Store(f"sqlite:///{tmp_path / 'log.db'}"), library,
                    identity=Identity("Sam", "profile"))  # fmt: skip
    app.tabs.selected_index = 4
    assert app.plan.rows == []
    assert "No session of a routine logged for Sam yet" in app.plan.status.value
