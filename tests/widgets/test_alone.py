"""Each logging view on its own: set values, click, and read what it produced.

The pages wire these views together (tests/test_pages.py); here each one stands alone, with
nothing but a store and the tables, as a view should.
"""

from datetime import UTC, datetime

import pytest

from upperback.routine_files import routines_folder, save_routine
from upperback.routines import Routine, RoutineItem
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, SetLog
from upperback.store import Store
from upperback.widgets import (
    ClientProgress,
    RedFlagCheck,
    RoutinePicker,
    SessionForm,
    SessionHistory,
)

T0 = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'log.db'}")


def a_session(**changes):
    values = dict(client="Sam", routine="Daily bridge", started_at=T0,
                  sets=(SetLog("plank", 1, hold_planned=30.0, hold_done=30.0),))  # fmt: skip
    return SessionRecord(**(values | changes))


def test_the_picker_opens_a_routine_and_reports_a_broken_file(library, workbook_home):
    save_routine(Routine("Mine", items=(RoutineItem("plank"),)), routines_folder() / "mine.json")
    (routines_folder() / "broken.json").write_text("{")
    picker = RoutinePicker(library)
    picker.choice.label = "Mine (mine.json)"
    picker.open_button.click()
    assert picker.checked.routine.name == "Mine" and picker.status.value == ""
    picker.choice.label = "broken.json (cannot be read)"
    picker.open_button.click()
    assert "broken JSON" in picker.status.value
    assert picker.checked.routine.name == "Mine"  # the last good one stays


def test_the_check_stores_the_answers_and_says_what_a_yes_means(store):
    check = RedFlagCheck(store, "Kim")
    assert not check.answered
    check.answers["fever"].value = True
    check.submit.click()
    assert check.answered and check.any_yes and check.submit.disabled
    assert "see a doctor or physiotherapist" in check.result.value
    assert set(store.last_red_flag_check("Kim")["answers"]) == set(RED_FLAGS)


def test_chest_pain_keeps_the_gate_closed_that_day_with_nothing_to_tick(store):
    from upperback.rules.safety import URGENT_FLAGS
    from upperback.widgets.red_flags import SafetyGate

    gate = SafetyGate(store, "Kim")
    gate.check.answers[URGENT_FLAGS[0]].value = True
    gate.check.submit.click()
    assert not gate.may_exercise and "urgent medical care" in gate.check.result.value
    assert gate.check.clearance.layout.display == "none"  # the client's word waits a day
    assert "stays closed today" in gate.reason.value and "coach" in gate.reason.value
    assert store.last_red_flag_check("Kim")["cleared_at"] is None


def test_the_form_waits_for_the_check_then_saves(store, library):
    form = SessionForm(store, a_session(), library=library)
    assert form.needs_check and form.save_button.disabled
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    form.refresh_check()
    assert not form.needs_check and not form.save_button.disabled
    form.pain_before.value = 4
    form.save_button.click()
    assert form.saved is not None and form.saved.pain_before == 4
    assert [s.pain_before for s in store.sessions("Sam")] == [4]


def test_the_history_offers_a_session_to_correct(store, library):
    store.save_session(a_session(pain_before=6))
    history = SessionHistory(store, library, client="Sam")
    [(label, session_id)] = history.list.options
    assert "pain 6" in label
    history.list.value = session_id
    history.edit_button.click()
    assert history.chosen is not None and history.chosen.id == session_id


def test_progress_shows_the_words_and_the_charts(store, library):
    store.save_session(a_session(pain_before=5, pain_after=3))
    view = ClientProgress(store, library, "Sam")
    assert "Pain" in view.summary.value
    assert bytes(view.chart.png).startswith(b"\x89PNG")
    # The chart says what it shows (its alt text) and offers its data as a table.
    assert 'alt="Pain over time: One pain score so far: 5 out of 10' in view.chart.value
    assert "<summary>Show as a table</summary>" in view.chart.value
