"""Logging a real week: earlier days, times in the person's zone, numbers typed by hand."""

import csv
import datetime as dt
import io

import pytest

from upperback.pages import HistoryPage, SessionLog
from upperback.person_names import file_stem
from upperback.routine_files import starter_routine
from upperback.routines import check_routine
from upperback.rules import RED_FLAGS
from upperback.sessions import session_from_plan
from upperback.store import Store
from upperback.widgets.history import SessionHistory
from upperback.widgets.session_form import whole_number
from upperback.workbook import save_timezone


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    return store


def form_for(store, library, routine="daily-bridge"):
    session = session_from_plan(check_routine(starter_routine(routine), library), client="Sam")
    return SessionLog(store, session, library).form


def first_reps_set(form):
    return next(i for i, s in enumerate(form.sets) if s.reps_planned is not None)


@pytest.mark.parametrize("typed", ["1e3", "6.5", "six", "", "0x10"])
def test_what_is_not_a_whole_number_is_refused_and_kept(store, library, typed):
    form = form_for(store, library)
    index = first_reps_set(form)
    before = form.sets[index].reps_done
    form.set_choice.value = index
    form.reps_done.value = typed
    assert form.sets[index].reps_done == before  # not 13, not 1000
    name = library.exercises.at[form.sets[index].exercise, "name"]
    assert f"Reps done must be a whole number, like 8; not “{typed}” (set {index + 1}, {name})" in (
        form.problems.value
    )
    form.save_button.click()
    assert store.sessions("Sam") == [] and "Not saved" in form.status.value
    assert form.reps_done.value == typed  # what was typed is still there to fix


def test_a_message_names_the_set_by_its_exercise_and_goes_when_fixed(store, library):
    form = form_for(store, library)
    index = first_reps_set(form)
    form.set_choice.value = index
    form.reps_done.value = "-5"
    name = library.exercises.at[form.sets[index].exercise, "name"]
    assert "Reps done can't be negative" in form.problems.value
    assert f"(set {index + 1}, {name})" in form.problems.value
    assert "reps_done" not in form.problems.value and "field" not in form.problems.value
    form.reps_done.value = "7"
    assert form.problems.value == ""
    form.save_button.click()
    assert store.sessions("Sam")[0].sets[index].reps_done == 7


def test_a_session_is_logged_for_an_earlier_day_in_the_persons_zone(store, library):
    save_timezone("America/New_York")
    form = form_for(store, library)
    form.day.value = dt.date(2026, 11, 16)
    form.time.value = dt.time(7, 30)
    assert "Mon 16 Nov 2026, 07:30" in form.title.value
    form.save_button.click()
    [saved] = store.sessions("Sam")
    assert saved.started_at == dt.datetime(2026, 11, 16, 12, 30, tzinfo=dt.UTC)
    assert "Saved: Daily bridge, Mon 16 Nov 2026, 07:30" in form.status.value
    assert "UTC" not in form.status.value


def test_the_future_is_refused_with_a_clear_message(store, library):
    form = form_for(store, library)
    form.day.value = dt.date.today() + dt.timedelta(days=2)
    assert "The start time is in the future" in form.problems.value
    form.save_button.click()
    assert store.sessions("Sam") == []
    form.day.value = dt.date.today() - dt.timedelta(days=1)
    assert form.problems.value == ""
    form.save_button.click()
    assert len(store.sessions("Sam")) == 1


def test_the_date_is_corrected_in_the_history_and_the_list_follows(store, library):
    save_timezone("Europe/Berlin")
    form = form_for(store, library)
    form.save_button.click()
    page = HistoryPage(store, library, client="sam ")  # typed as a person would
    history = page.history
    assert history.client.value == "Sam"
    history.list.value = history.list.options[0][1]
    history.edit_button.click()
    [editor] = page.editor.children
    editor.day.value, editor.time.value = dt.date(2026, 11, 10), dt.time(18, 5)
    editor.save_button.click()
    [corrected] = store.sessions("Sam")
    assert corrected.started_at == dt.datetime(2026, 11, 10, 17, 5, tzinfo=dt.UTC)
    assert history.list.options[0][0].startswith("Tue 10 Nov 2026, 18:05")  # no Refresh


def test_whole_numbers():
    assert [whole_number(t) for t in ("8", " 12", "+3", "1e3", "٣", "")] == [
        8,
        12,
        3,
        None,
        None,
        None,
    ]


def test_delete_asks_about_the_session_picked_and_deletes_only_that_one(store, library):
    for day in (10, 12):
        form = form_for(store, library)
        form.day.value = dt.date(2026, 11, day)
        form.save_button.click()
    page = HistoryPage(store, library, client="Sam")
    history = page.history
    newest, oldest = (value for _, value in history.list.options)
    history.list.value = newest
    history.edit_button.click()  # the 12th is open in the editor
    history.list.value = oldest
    history.delete_button.click()  # ... and the 10th is picked when Delete is clicked
    assert "10 Nov 2026" in history.confirm_text.value
    assert "12 Nov" not in history.confirm_text.value
    history.confirm_button.click()
    [kept] = store.sessions("Sam")
    assert kept.id == newest and page.editor.children  # the open session stays open
    assert "Deleted the session of Tue 10 Nov 2026" in history.status.value


def test_picking_another_session_withdraws_the_question(store, library):
    for day in (10, 12):
        form = form_for(store, library)
        form.day.value = dt.date(2026, 11, day)
        form.save_button.click()
    history = HistoryPage(store, library, client="Sam").history
    first, second = (value for _, value in history.list.options)
    history.list.value = first
    history.delete_button.click()
    history.list.value = second
    assert history.confirm.layout.display == "none" and history.to_delete is None
    history.confirm_button.click()  # a stale click deletes nothing
    assert len(store.sessions("Sam")) == 2


def test_a_name_not_in_the_log_gets_a_suggestion_for_the_coach_only(store, library):
    form_for(store, library).save_button.click()
    coach = SessionHistory(store, library, client="Sma")  # the coach's view of the whole log
    assert "did you mean 'Sam'" in coach.status.value and coach.list.options == ()
    client = HistoryPage(store, library, client="Sma").history  # a client's page
    assert "Sam" not in client.status.value and "Sam" not in str(client.client.options)
    assert client.list.options == ()


def test_the_export_is_written_only_when_asked(store, library):
    from upperback.workbook import workbook_folder

    form_for(store, library).save_button.click()
    history = HistoryPage(store, library, client="Sam").history
    assert not list(workbook_folder().glob("*.csv"))  # opening the list writes nothing
    history.export_button.click()
    [written] = workbook_folder().glob("*.csv")
    assert (
        written.name == f"sessions-{file_stem('Sam')}.csv"
        and "Exported 1 session to" in history.status.value
    )
    rows = list(csv.DictReader(io.StringIO(written.read_text())))
    assert len(rows) == len(store.sessions("Sam")[0].sets)  # one row per set
    assert {row["client"] for row in rows} == {"Sam"}


def test_a_name_typed_in_another_case_logs_to_the_same_client(store, library):
    form = form_for(store, library)
    form.client.value = "  sAM "
    assert not form.needs_check  # Sam has answered already
    form.save_button.click()
    assert store.clients() == ["Sam"] and len(store.sessions("Sam")) == 1
