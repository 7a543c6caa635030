"""Logging a session as a client would: from the timer or by hand, with the safety checks."""

import asyncio

import pytest

from upperback import Library
from upperback.log_widgets import ManualLog, SessionHistory, SessionLogger, TimerAndLog
from upperback.routine_widgets import GuidedTimer
from upperback.routines import Routine, RoutineItem, starter_routine
from upperback.safety import RED_FLAGS
from upperback.store import Store


@pytest.fixture(scope="module")
def library():
    return Library.load(user=False)


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'log.db'}")


def answer_check(form, ticked=()):
    [check] = form.check_area.children
    for flag in ticked:
        check.answers[flag].value = True
    check.submit.click()
    return check


def test_the_first_session_waits_for_the_warning_signs_check(store, library):
    form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
    assert form.save_button.disabled and len(form.check_area.children) == 1
    answer_check(form)
    assert not form.save_button.disabled
    assert store.last_red_flag_check("Sam")["any_yes"] is False
    # Next time the check is not asked again.
    again = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
    assert again.check_area.children == () and not again.save_button.disabled


def test_a_yes_sends_the_client_to_a_professional(store, library):
    form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Kim")
    check = answer_check(form, ticked=["fever"])
    assert "see a doctor or physiotherapist" in check.result.value
    assert store.last_red_flag_check("Kim")["answers"]["fever"] is True
    assert set(store.last_red_flag_check("Kim")["answers"]) == set(RED_FLAGS)


@pytest.mark.parametrize(
    ("before", "after", "says"),
    [(3, 7, "Pain of 7"), (2, 4, "rose by 2 points"), (8, 8, "Pain of 8")],
)
def test_high_or_rising_pain_shows_a_warning_at_once(store, library, before, after, says):
    form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
    assert form.warnings.value == ""
    form.pain_before.value = before
    form.pain_after.value = after
    assert says in form.warnings.value


def test_no_warning_when_pain_eases(store, library):
    form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
    form.pain_before.value, form.pain_after.value = 6, 3
    assert form.warnings.value == ""


def test_a_manual_log_is_saved_with_its_edits(store, library):
    page = ManualLog(store, library, client="Sam")
    page.choice.value = "starter:daily-bridge"
    page.start_button.click()
    form = page.form
    answer_check(form)
    form.pain_before.value, form.pain_after.value, form.effort.value = 5, 3, 4
    form.notes.value = "morning, before work"
    form.set_choice.value = 1
    form.reps_done.value = 6
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
    form = SessionLogger.planned(read_only, library, starter_routine("daily-bridge"), client="Sam")
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
        page = TimerAndLog(store, library, client="Sam")
        timer = GuidedTimer(routine, library, clock=lambda: clock[0])
        timer.on_end = page._log
        page.page.stage.children = (timer,)
        timer.start_button.click()
        await asyncio.sleep(0.02)
        clock[0] = 10 + 20 + 10 + 5  # first hold done, 5 s into the second
        await asyncio.sleep(0.15)
        timer.stop_button.click()  # stopped early
        await asyncio.sleep(0.15)
        return page

    page = asyncio.run(scenario())
    form = page.form
    assert form is not None and form.client.value == "Sam"
    first, second, row = form.sets
    assert first.completed and first.hold_done == 20.0
    assert not second.completed and second.hold_done == 5.0
    assert not row.completed and row.reps_done == 0 and row.reps_planned == 10
    answer_check(form)
    form.save_button.click()
    [saved] = store.sessions("Sam")
    assert saved.routine == "Short" and len(saved.sets) == 3
    assert saved.ended_at is not None


def test_history_corrects_and_deletes_after_a_confirmation(store, library):
    for pain in (6, 4):
        form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
        if form.check_area.children:
            answer_check(form)
        form.pain_before.value = pain
        form.save_button.click()
    history = SessionHistory(store, library, client="Sam")
    assert len(history.list.options) == 2
    history.list.value = history.list.options[0][1]
    history.edit_button.click()
    [editor] = history.editor.children
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
    form = SessionLogger.planned(store, library, starter_routine("daily-bridge"), client="Sam")
    assert form.pain_before.label == "not recorded" and form.effort.label == "not recorded"
    answer_check(form)
    form.pain_after.value = 2
    form.save_button.click()
    [saved] = store.sessions("Sam")
    assert saved.pain_before is None and saved.pain_after == 2 and saved.effort is None
    history = SessionHistory(store, library, client="Sam")
    history.list.value = history.list.options[0][1]
    history.edit_button.click()
    [editor] = history.editor.children
    assert editor.pain_before.label == "not recorded" and editor.pain_after.value == 2
