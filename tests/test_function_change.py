"""A real change in function on the Patient-Specific Functional Scale: one rule, at its
boundaries (2 points for the mean, 3 for one activity, either way), and its words."""

import math

import pytest

from upperback.rules import (
    ActivityChange,
    FunctionTrend,
    activity_change_is_real,
    function_change,
    important_size,
    mean_change_is_real,
    psfs_score,
)

SHELF, DRIVE, CARRY = "Reaching a high shelf", "Driving", "Carrying shopping"


@pytest.mark.parametrize(
    "change, real",
    [(1.9, False), (2.0, True), (-1.9, False), (-2.0, True), (0, False), (5, True)],
)
def test_the_mean_changes_for_real_from_two_points_up_or_down(change, real):
    assert mean_change_is_real(change) is real


@pytest.mark.parametrize(
    "change, real",
    [(2.9, False), (3.0, True), (-2.9, False), (-3.0, True), (2, False), (10, True)],
)
def test_one_activity_changes_for_real_from_three_points_up_or_down(change, real):
    assert activity_change_is_real(change) is real


@pytest.mark.parametrize(
    "first, last, trend",
    [
        ({SHELF: 3.0}, {SHELF: 4.9}, FunctionTrend.NOT_YET),
        ({SHELF: 3.0}, {SHELF: 5.0}, FunctionTrend.BETTER),
        ({SHELF: 5.0}, {SHELF: 3.1}, FunctionTrend.NOT_YET),
        ({SHELF: 5.0}, {SHELF: 3.0}, FunctionTrend.WORSE),
        # Whole ratings: five activities move the mean in fifths.
        ({SHELF: 3, DRIVE: 3, CARRY: 3}, {SHELF: 5, DRIVE: 5, CARRY: 5}, FunctionTrend.BETTER),
        ({SHELF: 3, DRIVE: 3, CARRY: 3}, {SHELF: 5, DRIVE: 5, CARRY: 4}, FunctionTrend.NOT_YET),
        (dict.fromkeys("abcde", 3), {**dict.fromkeys("abcd", 5), "e": 4}, FunctionTrend.NOT_YET),
        ({SHELF: 8, DRIVE: 8, CARRY: 8}, {SHELF: 6, DRIVE: 6, CARRY: 6}, FunctionTrend.WORSE),
    ],
)
def test_one_rule_for_the_mean_at_its_boundaries(first, last, trend):
    assert function_change(first, last).trend == trend
    assert function_change(first, last).real is (
        trend in (FunctionTrend.BETTER, FunctionTrend.WORSE)
    )


@pytest.mark.parametrize(
    "first, last",
    [
        (None, {SHELF: 5}),
        ({SHELF: 5}, None),
        ({SHELF: 5}, {SHELF: None}),  # not rated the second time
        ({SHELF: 5}, {DRIVE: 7}),  # nothing rated both times
        ({SHELF: math.nan}, {SHELF: 7}),
        ({}, {}),
    ],
)
def test_missing_ratings_tell_nothing_yet(first, last):
    change = function_change(first, last)
    assert change.trend == FunctionTrend.UNKNOWN and not change.real
    assert change.words == "Rate your activities twice to see how they change."


def test_an_activity_rated_only_once_does_not_move_the_mean():
    change = function_change({SHELF: 3, DRIVE: 4}, {SHELF: 3, DRIVE: None, CARRY: 10})
    assert (change.first_mean, change.last_mean) == (3.0, 3.0)
    assert change.trend == FunctionTrend.NOT_YET
    assert [a.words for a in change.activities] == [
        "Reaching a high shelf: 3 → 3",
        "Driving: 4 → not rated",
        "Carrying shopping: 10 (new)",
    ]


def test_the_same_activity_typed_differently_is_one_activity():
    change = function_change({"reaching a high shelf": 3}, {"  Reaching a HIGH  shelf": 7})
    assert [a.words for a in change.activities] == ["reaching a high shelf: 3 → 7"]
    assert change.activities[0].real and change.trend == FunctionTrend.BETTER


def test_the_words_say_what_changed_and_whether_it_counts():
    better = function_change({SHELF: 3, DRIVE: 4, CARRY: 5}, {SHELF: 7, DRIVE: 6, CARRY: 6})
    assert better.words == (
        "Your activities went from 4.0 to 6.3 out of 10 on average: a real improvement "
        "(a medium one)."
    )
    worse = function_change({SHELF: 8, DRIVE: 8, CARRY: 8}, {SHELF: 5, DRIVE: 5, CARRY: 5})
    assert worse.words.endswith("a real worsening (a large one).")
    steady = function_change({SHELF: 3}, {SHELF: 4})
    assert steady.words == (
        "Your activities went from 3.0 to 4.0 out of 10 on average: not yet a real change "
        "(that takes 2 points)."
    )


def test_an_activity_is_real_from_three_points_whatever_the_mean():
    shelf = ActivityChange(SHELF, 3, 6)
    assert shelf.real and shelf.change == 3 and shelf.words == "Reaching a high shelf: 3 → 6"
    assert not ActivityChange(SHELF, 3, 5).real
    assert not ActivityChange(SHELF, None, 9).real


def test_sizes_follow_the_important_differences():
    sizes = [important_size(c) for c in (1.2, 1.3, 2.2, 2.3, 2.6, 2.7)]
    assert sizes == [None, "small", "small", "medium", "medium", "large"]


def test_the_score_is_the_mean_of_the_activities_rated():
    assert psfs_score({SHELF: 3, DRIVE: 4, CARRY: None}) == 3.5
    assert psfs_score({SHELF: None}) is None
