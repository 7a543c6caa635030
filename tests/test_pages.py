"""Logging a session as a client would: from the timer or by hand, with the safety checks.

These drive the pages, where the views meet: a routine picked, a timer run, a form, a
history list.
"""

import asyncio

import pytest

from upperback.pages import HistoryPage, ManualLog, SessionLog, TimerAndLog
from upperback.routine_files import starter_routine
from upperback.routines import Routine, RoutineItem, check_routine
from upperback.rules import RED_FLAGS
from upperback.sessions import session_from_plan
from upperback.store import Store
from upperback.widgets import SessionForm


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'log.db'}")


def planned(store, library, client="Sam", routine="daily-bridge"):
    """The log of a session done by hand, as the manual log page makes it."""
    session = session_from_plan(check_routine(starter_routine(routine), library), client=client)
    return SessionLog(store, session, library)


def answer_check(log, ticked=()):
    [check] = log.check_area.children
    for flag in ticked:
        check.answers[flag].value = True
    check.submit.click()
    return check


def pick(picker, label):
    picker.choice.label = label
    picker.open_button.click()


def test_the_first_session_waits_for_the_warning_signs_check(store, library):
    log = planned(store, library)
    assert log.form.save_button.disabled and len(log.check_area.children) == 1
    answer_check(log)
    assert not log.form.save_button.disabled and log.check_area.children == ()
    assert store.last_red_flag_check("Sam")["any_yes"] is False
    # Next time the check is not asked again.
    again = planned(store, library)
    assert again.check_area.children == () and not again.form.save_button.disabled


def test_a_yes_sends_the_client_to_a_professional(store, library):
    log = planned(store, library, client="Kim")
    check = answer_check(log, ticked=["fever"])
    assert "see a doctor or physiotherapist" in check.result.value
    assert store.last_red_flag_check("Kim")["answers"]["fever"] is True
    assert set(store.last_red_flag_check("Kim")["answers"]) == set(RED_FLAGS)


@pytest.mark.parametrize(
    ("before", "after", "says"),
    [(3, 7, "Pain of 7"), (2, 4, "rose by 2 points"), (8, 8, "Pain of 8")],
)
def test_high_or_rising_pain_shows_a_warning_at_once(store, library, before, after, says):
    form = planned(store, library).form
    assert form.warnings.value == ""
    form.pain_before.value = before
    form.pain_after.value = after
    assert says in form.warnings.value


def test_no_warning_when_pain_eases(store, library):
    form = planned(store, library).form
    form.pain_before.value, form.pain_after.value = 6, 3
    assert form.warnings.value == ""


def test_a_manual_log_is_saved_with_its_edits(store, library):
    page = ManualLog(store, library, client="Sam")
    pick(page.picker, "starter: Daily bridge")
    answer_check(page.session_log)
    form = page.session_log.form
    form.pain_before.value, form.pain_after.value, form.effort.value = 5, 3, 4
    form.notes.value = "morning, before work"
    form.set_choice.value = 1
    form.reps_done.value = "6"
    form.completed.value = False
    form.set_note.value = "tired"
    form.save_button.click()
    assert "Saved" in form.status.value
    [saved] = store.sessions("Sam")
    assert (saved.pain_before, saved.pain_after, saved.effort) == (5, 3, 4)
    assert saved.sets[1].reps_done == 6 and not saved.sets[1].completed
    assert saved.sets[1].note == "tired" and saved.sets[0].completed
    assert saved.prescription["name"] == "Daily bridge"


def test_a_log_that_cannot_be_written_is_reported_in_the_form(tmp_path, library):
    Store(f"sqlite:///{tmp_path / 'log.db'}").record_red_flag_check(
        "Sam", dict.fromkeys(RED_FLAGS, False)
    )
    read_only = Store(f"sqlite:///file:{tmp_path / 'log.db'}?mode=ro&uri=true")
    form = planned(read_only, library).form
    form.pain_before.value = 4
    form.save_button.click()
    assert "Not saved" in form.status.value and "Traceback" not in form.status.value
    assert form.pain_before.value == 4  # nothing typed is lost


def test_the_timer_run_fills_the_form_planned_against_actual(store, library):
    clock = [0.0]
    routine = Routine(
        "Short",
        items=(
            RoutineItem("plank", sets=2, hold_seconds=20, rest_seconds=10),
            RoutineItem("seated-row", sets=1, reps=10),
        ),
    )

    async def scenario():
        page = TimerAndLog(store, library, client="Sam", clock=lambda: clock[0])
        page.page.gate.check.submit.click()  # no warning signs: the timer opens
        page.page.picker.checked = check_routine(routine, library)  # as if picked and opened
        timer = page.page.timer
        timer.start_button.click()
        await asyncio.sleep(0.02)
        clock[0] = 10 + 20 + 10 + 5  # first hold done, 5 s into the second
        await asyncio.sleep(0.15)
        timer.stop_button.click()  # stopped early
        await asyncio.sleep(0.15)
        return page

    page = asyncio.run(scenario())
    assert page.session_log is not None
    form = page.session_log.form
    assert form.client.value == "Sam"
    first, second, row = form.sets
    assert first.completed and first.hold_done == 20.0
    assert not second.completed and second.hold_done == 5.0
    assert not row.completed and row.reps_done == 0 and row.reps_planned == 10
    assert page.session_log.check_area.children == ()  # answered before the timer
    form.save_button.click()
    [saved] = store.sessions("Sam")
    assert saved.routine == "Short" and len(saved.sets) == 3
    assert saved.ended_at is not None


def test_history_corrects_and_deletes_after_a_confirmation(store, library):
    for pain in (6, 4):
        log = planned(store, library)
        if log.check_area.children:
            answer_check(log)
        log.form.pain_before.value = pain
        log.form.save_button.click()
    page = HistoryPage(store, library, client="Sam")
    history = page.history
    assert len(history.list.options) == 2
    history.list.value = history.list.options[0][1]
    history.edit_button.click()
    [editor] = page.editor.children
    editor.pain_after.value = 2
    editor.save_button.click()
    assert sorted(s.pain_after for s in store.sessions("Sam") if s.pain_after is not None) == [2]
    assert len(store.sessions("Sam")) == 2  # corrected, not duplicated

    history.delete_button.click()
    assert history.confirm.layout.display is None  # asks first
    history.cancel_button.click()
    assert len(store.sessions("Sam")) == 2
    history.delete_button.click()
    history.confirm_button.click()
    assert len(store.sessions("Sam")) == 1 and len(history.list.options) == 1


def test_unscored_pain_reads_not_recorded_and_is_stored_as_missing(store, library):
    log = planned(store, library)
    form = log.form
    assert form.pain_before.label == "not recorded" and form.effort.label == "not recorded"
    answer_check(log)
    form.pain_after.value = 2
    form.save_button.click()
    [saved] = store.sessions("Sam")
    assert saved.pain_before is None and saved.pain_after == 2 and saved.effort is None
    page = HistoryPage(store, library, client="Sam")
    page.history.list.value = page.history.list.options[0][1]
    page.history.edit_button.click()
    [editor] = page.editor.children
    assert isinstance(editor, SessionForm)
    assert editor.pain_before.label == "not recorded" and editor.pain_after.value == 2


def test_the_calendar_reminder_hides_while_the_warning_signs_close_the_timer(store, library):
    from upperback.pages import TimerPage

    store.record_red_flag_check("Kim", dict.fromkeys(RED_FLAGS, False))
    page = TimerPage(library, store=store, client="Kim")
    assert page.calendar.layout.display == "none"  # no routine open yet
    pick(page.picker, "starter: Daily bridge")
    assert page.calendar.layout.display is None and page.reminder.ics
    store.record_red_flag_check("Kim", {**dict.fromkeys(RED_FLAGS, False), "fever": True})
    page.gate.refresh()
    assert not page.may_start
    assert page.calendar.layout.display == "none"  # no reminder to exercise until seen
