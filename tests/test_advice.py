"""Dose advice a coach sees in the builder: every hold too short or too long, strength too often."""

import re

import pytest

from upperback.routine_files import starter_routines
from upperback.routines import Routine, RoutineItem, check_routine


def warnings_for(library, *items, **routine):
    return check_routine(Routine("Advice", items=items, **routine), library).warnings


@pytest.mark.parametrize("seconds", [3, 9, 61, 300])
def test_a_plank_held_too_short_or_too_long_is_flagged(library, seconds):
    for exercise in ("plank", "side-plank"):
        found = warnings_for(library, RoutineItem(exercise, hold_seconds=seconds))
        assert len(found) == 1 and "advised for core holds" in found[0], found
        assert f"a {seconds} s hold" in found[0]


@pytest.mark.parametrize("seconds", [10, 30, 60])
def test_a_plank_held_within_the_advice_is_not(library, seconds):
    assert warnings_for(library, RoutineItem("plank", hold_seconds=seconds)) == []


def test_a_stretch_hold_keeps_its_own_range(library):
    found = warnings_for(library, RoutineItem("cobra", hold_seconds=5))
    assert len(found) == 1 and "advised for stretches" in found[0]


def test_strength_every_day_many_times_and_many_sets_is_flagged_each_way(library):
    found = warnings_for(
        library, RoutineItem("seated-row", sets=10), times_per_day=6, days_per_week=7
    )
    text = " | ".join(found)
    assert "10 sets is more than the 1-3 advised" in text
    assert "7 days a week is more than the 2-3 days advised" in text
    assert "6 times a day is more than the once a day advised" in text
    assert len(found) == 3


def test_core_work_counts_as_strength_for_how_often(library):
    found = warnings_for(library, RoutineItem("plank"), days_per_week=6)
    assert found == [
        "strength work 6 days a week is more than the 2-3 days advised: muscles grow "
        "stronger on the rest days between"
    ]


def test_mobility_every_day_is_fine(library):
    assert warnings_for(library, RoutineItem("can-openers"), times_per_day=3, days_per_week=7) == []


def test_strength_within_the_advice_gets_no_note(library):
    assert warnings_for(library, RoutineItem("seated-row", sets=3), days_per_week=3) == []


def test_every_starter_follows_the_advice(library):
    for key, routine in starter_routines().items():
        assert check_routine(routine, library).warnings == [], key


def test_a_beginner_can_start_strength_work_from_a_starter(library):
    starters = starter_routines()
    levels = library.exercises["level"]
    beginners = starters["upper-back-strength-beginners"]
    assert {levels[item.exercise] for item in beginners.items} == {"beginner"}
    # Each harder move of the full starter names a beginner swap that is in the library.
    names = {name.lower(): ex_id for ex_id, name in library.exercises["name"].items()}
    for item in starters["upper-back-strength"].items:
        if levels[item.exercise] == "beginner":
            continue
        swap = re.search(r"Beginner swap: ([A-Za-z -]+?)(,|$)", item.note)
        assert swap, f"{item.exercise} names no beginner swap"
        assert levels[names[swap.group(1).strip().lower()]] == "beginner"
