"""The explorer, driven as a person would: set the filters, pick an exercise, read the view."""

import csv

from upperback.widgets import ExerciseExplorer, safety_note

PNG = b"\x89PNG"


def test_it_opens_on_every_exercise_with_the_first_shown(library):
    explorer = ExerciseExplorer(library)
    assert len(explorer.matches.options) == len(library.exercises)
    assert explorer.matches.value == "rhomboid-push-up"
    assert "Rhomboid push-up" in explorer.details.value
    assert bytes(explorer.chart.png).startswith(PNG)
    assert explorer.chart.words.startswith("Which of ")  # the chart's alt text
    assert f"each of {len(library.exercises)} exercises works" in explorer.chart.words
    assert f"{len(library.exercises)} of {len(library.exercises)}" in explorer.count.value


def test_filters_narrow_the_list_and_the_chart(library):
    explorer = ExerciseExplorer(library)
    full_chart = explorer.chart.png
    explorer.muscle.value = "erector-spinae"
    explorer.primary_only.value = True
    explorer.category.value = "strength"
    ids = [ex_id for _, ex_id in explorer.matches.options]
    assert ids == ["deadlift", "back-extension", "superman"]
    assert bytes(explorer.chart.png).startswith(PNG) and explorer.chart.png != full_chart
    assert "each of 3 exercises works" in explorer.chart.words
    explorer.equipment.value = "barbell"
    assert [ex_id for _, ex_id in explorer.matches.options] == ["deadlift"]


def test_level_shows_that_level_and_easier(library):
    explorer = ExerciseExplorer(library)
    explorer.level.value = "beginner"
    shown = [ex_id for _, ex_id in explorer.matches.options]
    assert "pull-up" not in shown
    assert set(library.exercises.loc[shown, "level"]) == {"beginner"}


def test_choosing_an_exercise_shows_its_dose_cues_muscles_and_cautions(library):
    explorer = ExerciseExplorer(library)
    explorer.matches.value = "can-openers"
    card = explorer.details.value
    assert "Can openers" in card
    assert "2 sets of 8 reps a side" in card
    for cue in library.exercises.loc["can-openers", "cues"]:
        assert cue.replace("'", "&#x27;") in card
    assert "Trapezius" in card and "<b>primary</b>" in card
    assert "Take care" in card
    assert bytes(explorer.body_map.png).startswith(PNG)  # the muscle map of the move
    assert explorer.body_map.words.startswith("Can openers: The muscle map marks primary:")
    assert "Trapezius" in explorer.body_map.words


def test_the_choice_survives_a_filter_that_still_includes_it(library):
    explorer = ExerciseExplorer(library)
    explorer.matches.value = "cobra"
    explorer.category.value = "stretch/yoga"
    assert explorer.matches.value == "cobra"


def test_no_match_says_so_and_hides_the_chart(library):
    explorer = ExerciseExplorer(library)
    explorer.equipment.value = "barbell"  # rows and deadlifts: none for beginners
    explorer.level.value = "beginner"
    assert explorer.matches.options == ()
    assert "No exercise matches" in explorer.details.value
    assert explorer.chart.layout.display == "none"
    assert "0 of" in explorer.count.value


def test_a_broken_file_of_the_coachs_own_is_shown_in_the_widget(workbook_home):
    with open(workbook_home / "exercises.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([["id", "name"], ["x", "y"]])
    explorer = ExerciseExplorer()
    assert "Your own exercises were not loaded" in explorer.status.value
    assert "exercises.csv" in explorer.status.value and "missing" in explorer.status.value
    # The shipped library still works.
    assert len(explorer.matches.options) > 0


def test_the_safety_note_names_the_warning_signs():
    note = safety_note().value
    assert "professional" in note and "chest pain" in note
