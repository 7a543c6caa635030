"""The coach's review by clicking: accept, edit or reject, and only a click writes."""

from datetime import UTC, date, datetime, timedelta

import pytest

from upperback.routine_files import load_routine
from upperback.routine_history import versions
from upperback.routines import Routine, RoutineItem, check_routine, routine_to_dict
from upperback.sessions import SessionRecord, planned_sets
from upperback.store import Store
from upperback.widgets.suggestions import SuggestionReview

TODAY = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
ROUTINE = Routine("Back basics", client="Sam", days_per_week=2,
                  items=(RoutineItem("superman"), RoutineItem("knee-plank")))  # fmt: skip


@pytest.fixture
def review(tmp_path, library):
    """Sam logged three easy sessions: both items are ready for a step up."""
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    sets = tuple(planned_sets(check_routine(ROUTINE, library).phases))
    for days_ago in (5, 3, 1):
        store.save_session(
            SessionRecord("Sam", ROUTINE.name, TODAY - timedelta(days=days_ago), pain_before=3,
                          pain_after=2, effort=3.0, sets=sets, prescription=routine_to_dict(ROUTINE))
        )  # fmt: skip
    return SuggestionReview(store, library, routines_folder=tmp_path / "routines", today=TODAY)


def test_the_review_lists_each_item_with_its_reason_and_writes_nothing(review, tmp_path):
    assert review.client.value == "Sam"
    assert len(review.rows) == 2
    text = review.rows[0].text.value
    assert "Routine file" not in review.heading.value and ".json" not in review.heading.value
    assert "Superman" in text and "progress" in text and "10 → 12 reps" in text
    assert "15 Nov, 17 Nov, 19 Nov" in text  # the three recent sessions it rests on
    assert not (tmp_path / "routines").exists()  # nothing changes without a click


def test_accepting_writes_a_new_version_and_shows_the_diff(review):
    review.rows[0].accept_button.click()
    assert review.version.number == 2
    assert load_routine(review.path).items[0] == RoutineItem("superman", reps=12)
    assert '+      "reps": 12' in review.diff.value
    assert "version 2" in review.rows[0].status.value
    assert review.rows[0].accept_button.disabled  # one click, one version
    review.rows[1].accept_button.click()  # the other item, on top of the first change
    assert [v.number for v in versions(review.path)] == [1, 2, 3]
    assert load_routine(review.path).items == (
        RoutineItem("superman", reps=12),
        RoutineItem("knee-plank", hold_seconds=25),
    )


def test_rejecting_leaves_the_routine_as_it_is(review):
    review.rows[0].reject_button.click()
    assert "Rejected" in review.rows[0].status.value
    assert review.version is None and not review.path.exists()
    assert review.rows[0].accept_button.disabled


def test_the_coach_can_edit_a_suggestion_before_saving_it(review):
    row = review.rows[1]
    row.edit_button.click()
    assert row.editor.layout.display is None  # the editor shows
    row.exercise.value = "plank"  # the harder variation instead of a longer hold
    row.hold.value = "20"
    row.save_button.click()
    saved = load_routine(review.path).items[1]
    assert saved == RoutineItem("plank", hold_seconds=20)
    assert "the coach's own change" in versions(review.path)[-1].change
    assert versions(review.path)[-1].reason == ""  # not the suggestion's reason for 25 s


def test_the_edit_boxes_start_from_the_dose_the_routine_has_now(review, library):
    row = review.rows[0]  # Superman, suggested 10 → 12 reps
    sets = str(library.exercises.at["superman", "sets"])
    assert (row.sets.value, row.reps.value) == (sets, "10")
    assert "default" not in row.reps.placeholder
    plank = review.rows[1]  # from the knees, 20 s; the plank starts from its own hold
    assert plank.hold.value == "20"
    plank.exercise.value = "plank"
    assert plank.hold.value == str(library.exercises.at["plank", "hold_seconds"])


def test_an_edited_change_carries_the_coachs_own_words(review):
    row = review.rows[0]
    row.edit_button.click()
    row.reps.value = "11"
    row.why.value = "  One more rep while your shoulder settles.  "
    row.save_button.click()
    last = versions(review.path)[-1]
    assert last.reason == "One more rep while your shoulder settles."
    assert "keep the dose" not in last.reason and "step up" not in last.reason
    assert load_routine(review.path).items[0] == RoutineItem("superman", reps=11)


def test_saving_the_dose_unchanged_is_refused(review):
    row = review.rows[0]
    row.edit_button.click()
    row.save_button.click()
    assert "nothing to save" in row.status.value
    assert not review.path.exists() and review.version is None


def test_a_stop_suggestion_cannot_be_accepted_or_edited(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    sets = tuple(planned_sets(check_routine(ROUTINE, library).phases))
    for days_ago, after in ((3, 2), (1, 9)):
        when = TODAY - timedelta(days=days_ago)
        record = SessionRecord(
            "Sam",
            ROUTINE.name,
            when,
            pain_before=3,
            pain_after=after,
            effort=3.0,
            sets=sets,
            prescription=routine_to_dict(ROUTINE),
        )
        store.save_session(record)
    review = SuggestionReview(store, library, routines_folder=tmp_path / "routines", today=TODAY)
    row = review.rows[0]
    assert "stop and see a professional" in row.text.value
    assert "Pain reached 9 of 10" in row.text.value
    assert row.accept_button.disabled and row.edit_button.disabled
    row.reps.value = "6"  # even a save reached some other way is refused in words
    row.save_button.click()
    assert "no change to accept or edit" in row.status.value
    assert not review.path.exists() and review.version is None


def test_a_warning_sign_waiting_for_clearance_pauses_every_item(review):
    review.store.record_red_flag_check("Sam", {"chest pain or shortness of breath": True})
    review.refresh()
    assert all("stop and see a professional" in row.text.value for row in review.rows)
    assert "no professional has cleared it" in review.rows[0].text.value
    review.store.record_coach_clearance("Sam", seen_on=date.today())  # chest pain: the coach's
    review.refresh()
    assert all("progress" in row.text.value for row in review.rows)


def test_an_edit_that_does_not_fit_is_refused_in_the_view(review):
    row = review.rows[1]
    row.edit_button.click()
    row.reps.value = "10"  # a plank is a timed hold
    row.save_button.click()
    assert "timed hold" in row.status.value
    assert not review.path.exists() and review.version is None
    row.reps.value = "ten"
    row.save_button.click()
    assert "ten" in row.status.value and not review.path.exists()
