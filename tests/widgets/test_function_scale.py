"""The functional scale's form on its own, and the client's progress beside pain: name the
activities once, rate them each time, and read what changed in the client's own words."""

from datetime import UTC, datetime, timedelta

import pytest

from upperback.function_checks import function_check
from upperback.store import Store
from upperback.widgets import ClientProgress
from upperback.widgets.function_scale import FunctionScale

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
NAMES = ("Reaching a high shelf", "Driving", "Carrying shopping")


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'log.db'}")


def _rated(*ratings: int) -> dict:
    return dict(zip(NAMES, ratings, strict=True))


def _fill(form: FunctionScale, ratings: dict) -> None:
    for box, rating, (name, value) in zip(form.names, form.ratings, ratings.items(), strict=False):
        box.value, rating.value = name, value


def test_a_first_visit_names_the_activities_rates_them_and_keeps_them(store):
    form = FunctionScale(store, "Sam")
    assert form.due and "Name 3 to 5 activities" in form.children[0].value
    assert all(box.value == "" for box in form.names) and len(form.names) == 5
    _fill(form, _rated(3, 5, 4))
    form.save.click()
    assert "average 4.0 out of 10" in form.status.value and form.save.disabled
    assert form.saved.activities == NAMES and not form.due
    assert [c.as_dict for c in store.for_client("Sam").function_scores()] == [_rated(3, 5, 4)]


def test_the_next_time_the_activities_are_filled_in_and_only_rated(store):
    store.record_function_scores(function_check("Sam", _rated(3, 5, 4), when=T0))
    form = FunctionScale(store.for_client("Sam"), "Sam")
    assert [box.value for box in form.names] == [*NAMES, "", ""]
    assert all(rating.value is None for rating in form.ratings)  # rated afresh each time
    assert form.due  # two weeks and more since T0
    for rating, value in zip(form.ratings, (7, 6, 4), strict=False):
        rating.value = value
    form.save.click()
    assert [c.score for c in store.function_scores("Sam")] == [4.0, pytest.approx(17 / 3)]


def test_what_is_missing_is_said_in_words_and_nothing_is_kept(store):
    form = FunctionScale(store, "Sam")
    _fill(form, {"Driving": 4, "Lifting": None})
    form.save.click()
    assert "Not kept yet" in form.status.value
    assert "Name 3 to 5 activities your back makes hard." in form.status.value
    assert "Give each activity a rating from 0 to 10" in form.status.value
    assert "rating" not in form.status.value.split("Give each")[0].lower()
    assert store.function_scores("Sam") == [] and form.saved is None


def test_a_coach_who_asks_weekly_sees_it_due_after_a_week(store):
    store.record_function_scores(
        function_check("Sam", _rated(3, 5, 4), when=datetime.now(UTC) - timedelta(days=8))
    )
    assert FunctionScale(store, "Sam", interval_weeks=1).due
    assert not FunctionScale(store, "Sam").due  # every two weeks without a coach's word


def test_progress_says_what_changed_in_the_clients_words_beside_pain(store, library):
    store.record_function_scores(function_check("Sam", _rated(3, 5, 4), when=T0))
    later = T0 + timedelta(weeks=2)
    store.record_function_scores(function_check("Sam", _rated(7, 6, 4), when=later))
    progress = ClientProgress(store, library, "Sam", draw=True)
    shown = progress.function.value
    assert "Reaching a high shelf: 3 → 7 (a real change)" in shown
    assert "Driving: 5 → 6</li>" in shown
    assert "from 4.0 to 5.7 out of 10 on average: not yet a real change" in shown
    assert 'alt="3 activities rated 2 times: the average went from 4.0 to 5.7' in (
        progress.function_chart.value
    )
    assert "Show as a table" in progress.function_chart.value
