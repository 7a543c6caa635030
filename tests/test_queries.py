"""The coach's questions: which exercises work a muscle, which muscles an exercise works."""

import pandas as pd
import pytest

import upperback
from upperback import UnknownName


def test_exercises_for_a_muscle_by_role(library):
    primary = upperback.exercises_for_muscle("Rhomboid major", role="primary", library=library)
    assert {"bent-over-row", "seated-row", "pull-up", "can-openers"} <= set(primary.index)
    assert (primary["role"] == "primary").all()
    every = upperback.exercises_for_muscle("rhomboid-major", library=library)
    assert len(every) >= len(primary)
    # Strongest role first.
    assert every["role"].is_monotonic_decreasing


def test_muscles_for_an_exercise_by_alias_or_name(library):
    by_id = upperback.muscles_for_exercise("seated-row", library=library)
    by_name = upperback.muscles_for_exercise("SEATED ROW", library=library)
    pd.testing.assert_frame_equal(by_id, by_name)
    assert {"trapezius", "latissimus-dorsi"} <= set(by_id.index)
    some = upperback.muscles_for_exercise(
        "seated-row", role=["secondary", "stabiliser"], library=library
    )
    assert "trapezius" not in some.index


def test_an_unknown_name_suggests_the_closest(library):
    with pytest.raises(UnknownName, match=r"did you mean 'Can openers' \(can-openers\)\?"):
        upperback.muscles_for_exercise("can-openrs", library=library)
    with pytest.raises(UnknownName, match="is not a muscle; did you mean 'Trapezius'"):
        upperback.exercises_for_muscle("Trapezus", library=library)


def test_a_family_name_suggests_each_member(library):
    with pytest.raises(UnknownName) as caught:
        upperback.muscles_for_exercise("rows", library=library)
    for row in ("bent-over-row", "seated-row", "single-arm-row"):
        assert f"({row})" in str(caught.value)


def test_an_unknown_role_lists_the_roles(library):
    with pytest.raises(ValueError, match="use one of: stabiliser, secondary, primary"):
        upperback.exercises_for_muscle("trapezius", role="main", library=library)


def test_the_matrix_holds_every_link_once(library):
    matrix = upperback.muscle_matrix(library=library)
    assert list(matrix.index) == list(library.exercises.index)
    assert matrix.notna().sum().sum() == len(library.links)
    for (exercise, muscle), role in library.links["role"].items():
        assert matrix.loc[exercise, muscle] == role


def test_the_matrix_of_chosen_exercises_keeps_their_order_and_their_muscles(library):
    matrix = upperback.muscle_matrix(["plank", "Pull-up"], library=library)
    assert list(matrix.index) == ["plank", "pull-up"]
    assert matrix.notna().any().all()  # no column of muscles neither works
    regions = library.muscles.loc[matrix.columns, "region"]
    assert regions.is_monotonic_increasing  # upper back first
