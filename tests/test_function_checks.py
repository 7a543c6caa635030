"""A client's activities on the functional scale: what may be kept, in words for people,
and when they are asked again (every two weeks, or the week a coach chooses)."""

from datetime import UTC, datetime, timedelta

import pytest

from upperback.function_checks import (
    FunctionCheck,
    FunctionCheckError,
    function_check,
    function_check_problems,
    function_due,
    next_function_check,
)

NOW = datetime.now(UTC)
THREE = {"Reaching a high shelf": 3, "Driving": 6, "Carrying shopping": 4}
RATE = "Give each activity a rating from 0 to 10"
NAME = "Name 3 to 5 activities your back makes hard."


def _problems(ratings, **changes) -> list[str]:
    check = FunctionCheck("Sam", NOW, tuple(ratings.items()))
    for name, value in changes.items():
        check = FunctionCheck(**{**check.__dict__, name: value})
    return function_check_problems(check)


def test_three_to_five_rated_activities_are_kept_with_their_mean():
    check = function_check("Sam", THREE)
    assert check.score == pytest.approx(13 / 3)
    assert check.activities == ("Reaching a high shelf", "Driving", "Carrying shopping")
    five = {**THREE, "Sleeping on my side": 0, "Turning to reverse": 10}
    assert function_check("Sam", five).score == pytest.approx(23 / 5)


@pytest.mark.parametrize("count", [0, 1, 2, 6])
def test_fewer_than_three_or_more_than_five_activities_are_refused(count):
    ratings = {f"Activity {n}": 5 for n in range(count)}
    assert _problems(ratings) == [NAME]


@pytest.mark.parametrize("rating", [-1, 11, None, 4.5, "7", True, float("nan")])
def test_a_rating_outside_0_to_10_or_not_whole_is_refused(rating):
    problems = _problems({**THREE, "Driving": rating})
    assert len(problems) == 1 and problems[0].startswith(RATE)
    assert "0 = you can't do it, 10 = as well as before your back hurt" in problems[0]


@pytest.mark.parametrize("rating", [0, 10])
def test_the_ends_of_the_scale_are_kept(rating):
    assert _problems({**THREE, "Driving": rating}) == []


def test_names_are_trimmed_and_kept_in_one_unicode_form():
    typed = {"  Reaching  a high\tshelf ": 3, "Cafe\u0301 chairs": 2, "Driving": 5}
    check = function_check("  Sam ", typed)
    assert check.client == "Sam"
    assert check.activities == ("Reaching a high shelf", "Caf\u00e9 chairs", "Driving")


def test_the_same_activity_twice_is_refused():
    with pytest.raises(FunctionCheckError) as refused:
        function_check("Sam", {"Driving": 3, " driving ": 4, "Lifting": 5})
    assert refused.value.problems == ["Name each activity only once."]


def test_an_empty_or_long_activity_name_is_refused():
    assert _problems({**THREE, "  ": 5}) == ["Give each activity a name, in your own words."]
    assert _problems({**THREE, "x" * 101: 5}) == ["Keep each activity's name to 100 characters."]


def test_every_problem_is_named_at_once_in_words_for_people():
    with pytest.raises(FunctionCheckError) as refused:
        function_check("", {"Driving": 12})
    assert refused.value.problems == [
        "Give the client's name.",
        NAME,
        f"{RATE} (0 = you can't do it, 10 = as well as before your back hurt).",
    ]
    assert "ratings" not in str(refused.value) and "_" not in str(refused.value)


def test_a_date_in_the_future_or_without_a_zone_is_refused():
    assert _problems(THREE, checked_at=NOW + timedelta(days=1)) == [
        "The date of the ratings can't be in the future or before 1900."
    ]
    assert _problems(THREE, checked_at=NOW.replace(tzinfo=None)) == [
        "Give the date and time of the ratings, with its time zone."
    ]


LAST = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_never_asked_is_due_now():
    assert function_due(None) is True and function_due(None, 1) is True
    assert next_function_check(None) is None


@pytest.mark.parametrize(
    "weeks, days_later, due",
    [(None, 13, False), (None, 14, True), (2, 14, True), (1, 6, False), (1, 7, True)],
)
def test_asked_again_after_the_coachs_interval_or_two_weeks(weeks, days_later, due):
    assert function_due(LAST, weeks, now=LAST + timedelta(days=days_later)) is due


def test_an_interval_other_than_a_week_or_two_is_refused_in_words():
    with pytest.raises(ValueError, match="Ask about activities every 1 or 2 weeks, not every 6"):
        function_due(LAST, 6)
