"""The client app, driven by clicking: name, run and log, progress, past sessions."""

import asyncio

from tests.test_validation import GOOD_EXERCISE, write_csv
from upperback import Library
from upperback.app import ClientApp
from upperback.rules import RED_FLAGS
from upperback.store import Store


def test_the_app_asks_for_a_name_then_opens_its_tabs(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    app = ClientApp(store, Library.load(user=False))
    # The name first (on a phone, on the first screen), the safety note open right under it.
    order = list(app.children)
    assert order.index(app.first_run) < order.index(app.safety)
    assert order.index(app.safety) < order.index(app.tabs)
    assert "Safety first" in app.safety.value and "<details open" in app.safety.value
    app.open_button.click()
    assert "Type your name first" in app.first_run.status.value and app.tabs.children == ()
    app.name.value = "Sam"
    app.open_button.click()
    titles = [app.tabs.get_title(i) for i in range(len(app.tabs.children))]
    # On one's own laptop, with no coach on a hub, a person plans their own next week.
    assert titles == ["Run my routine", "Log by hand", "My progress", "My sessions", "Next week"]
    assert "No sessions logged yet" in app.progress.summary.value


def test_a_logged_session_shows_in_progress_and_history(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    app = ClientApp(store, Library.load(user=False))
    app.name.value = "Sam"
    app.open_button.click()
    manual = app.tabs.children[1]
    manual.picker.choice.label = "starter: Daily bridge"
    manual.picker.open_button.click()
    form = manual.session_log.form
    form.pain_before.value, form.pain_after.value = 5, 3
    form.save_button.click()
    app.tabs.selected_index = 2
    words = app.progress.summary.value
    assert "Too early to show a trend" in words and "5 before and 3 after" in words
    assert bytes(app.progress.chart.png).startswith(b"\x89PNG")
    assert "One pain score so far: 5 out of 10" in app.progress.chart.words
    app.tabs.selected_index = 3
    assert len(app.history.history.list.options) == 1


def test_the_app_page_runs_the_timer_without_blocking(tmp_path):
    async def scenario():
        app = ClientApp(Store(f"sqlite:///{tmp_path / 'log.db'}"), Library.load(user=False))
        app.name.value = "Sam"
        app.open_button.click()
        page = app.tabs.children[0].page
        assert page.picker.layout.display == "none"  # the warning signs come first
        page.gate.check.submit.click()
        page.picker.choice.label = "starter: Daily bridge"
        page.picker.open_button.click()
        page.timer.start_button.click()
        await asyncio.sleep(0.05)
        assert page.timer.engine.state == "running"
        page.timer.stop_button.click()
        await asyncio.sleep(0.2)
        return app

    app = asyncio.run(scenario())
    assert app.tabs.children[0].session_log is not None  # the log form appeared after the run


def test_a_broken_own_exercises_file_opens_the_app_with_the_shipped_tables(tmp_path, workbook_home):
    path = write_csv(
        workbook_home / "exercises.csv",
        [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "cafe-stretch", "name": "Café stretch"}],
    )
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))  # é on line 3
    app = ClientApp(Store(f"sqlite:///{tmp_path / 'log.db'}"))
    shown = app.tables_status.value
    assert "Your own exercises were not loaded" in shown
    assert f"{path}, line 3, column 'name': byte 0xE9 is not UTF-8" in shown
    assert "plank" in app.library.exercises.index
    app.name.value = "Sam"
    app.open_button.click()
    assert len(app.tabs.children) == 5
    assert "Your own exercises were not loaded" in app.tables_status.value  # still said


def test_add_to_my_calendar_follows_the_routine_the_coach_sent(tmp_path):
    """The client's reminder is the routine's own, at its version: the coach's new version
    gives a file that updates the event the client's calendar already holds."""
    import base64
    import re
    from datetime import UTC, datetime

    import icalendar

    from upperback.routine_history import next_sent
    from upperback.routines import Routine, RoutineItem

    def event_in_link(page):
        [encoded] = re.findall(r'base64,([^"]+)"', page.reminder.link.value)
        [event] = icalendar.Calendar.from_ical(base64.b64decode(encoded)).walk("VEVENT")
        return event

    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    core = Routine("Sam's core", items=(RoutineItem("plank"),), client="Sam", days_per_week=2)
    first = next_sent([], core, when=datetime(2026, 11, 2, tzinfo=UTC))
    store.send_routine(core, first)
    app = ClientApp(store, Library.load(user=False))
    app.name.value = "Sam"
    app.open_button.click()
    page = app.tabs.children[0].page
    assert page.calendar.layout.display == "none"  # nothing to remind of before a routine
    page.picker.open_button.click()  # the routine made for Sam is chosen already
    assert page.calendar.get_title(0) == "Add to my calendar"
    assert page.calendar.layout.display is None
    before = event_in_link(page)
    assert (before["SUMMARY"], before["SEQUENCE"]) == ("Sam's core", 1)
    assert before["RRULE"]["BYDAY"] == ["MO", "TH"]

    harder = Routine(core.name, (RoutineItem("plank", sets=4),), client="Sam", days_per_week=3)
    store.send_routine(harder, next_sent(store.sent_routines("Sam"), harder))
    page.picker.refresh()
    page.picker.open_button.click()
    after = event_in_link(page)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == 2
    assert after["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert "4 holds" in after["DESCRIPTION"]
