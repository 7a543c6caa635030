"""The coach's review by clicking: accept, edit or reject, and only a click writes."""

from datetime import UTC, datetime, timedelta

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
    assert "Superman" in text and "progress" in text and "10 → 12 reps" in text
    assert "15 Nov, 17 Nov, 19 Nov" not in text and "17 Nov, 19 Nov" in text  # the sessions
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
