"""The coach's loop on the client's page: "new this week", and planning one's own next week."""

from datetime import timedelta

from upperback.app import ClientApp
from upperback.identity import Identity
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
    assert picker.choice.label == "Back basics (back-basics-sam.json)"  # the new version first
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
    picker = app.timer_and_log.page.picker
    assert picker.choice.options[0][0] == "Back basics (back-basics-sam.json)"
