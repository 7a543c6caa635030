"""The routine builder, driven by setting values and clicking, with no browser."""

import base64
import json
import re

import ipywidgets as w

from upperback.person_names import file_stem
from upperback.routine_files import routine_choices, routines_folder, save_routine
from upperback.routines import Routine, RoutineItem
from upperback.widgets import RoutineBuilder


def add(builder, exercise_id):
    builder.pick.value = exercise_id
    builder.add_button.click()


# -- the builder -----------------------------------------------------------------------


def test_filters_narrow_the_library_list(library):
    builder = RoutineBuilder(library)
    builder.muscle.value = "obliques"
    builder.category.value = "core"
    assert {v for _, v in builder.pick.options} == {
        "side-plank",
        "bent-knee-side-plank",
        "plank-leg-lift",
        "plank",
        "knee-plank",
    }


def test_adding_shows_the_dose_duration_and_muscles(library):
    builder = RoutineBuilder(library)
    assert "Add exercises" in builder.summary.value
    add(builder, "can-openers")
    add(builder, "plank")
    assert [label for label, _ in builder.items.options] == [
        "1. Can openers (2 × 8 reps a side)",
        "2. Plank (3 × 30 s hold)",
    ]
    assert builder.items.value == 1  # the item just added is chosen
    assert builder.hold_seconds.value == 30 and builder.reps.disabled
    assert "About" in builder.summary.value and "Rhomboid major" in builder.summary.value


def test_changing_a_dose_updates_the_routine_and_its_length(library):
    builder = RoutineBuilder(library)
    add(builder, "plank")
    before = builder.summary.value
    builder.sets.value = 5
    builder.hold_seconds.value = 45
    item = builder.routine.items[0]
    assert (item.sets, item.hold_seconds) == (5, 45)
    assert builder.summary.value != before
    assert builder.items.options[0][0] == "1. Plank (5 × 45 s hold)"


def test_a_bad_dose_is_refused_inside_the_builder(library):
    builder = RoutineBuilder(library)
    add(builder, "plank")
    builder.sets.value = 40
    assert "'sets': 40 is out of range" in builder.status.value
    assert builder.routine.items[0].sets is None  # the last good routine is kept
    assert builder.sets.value == 3


def test_advice_shows_as_a_note(library):
    builder = RoutineBuilder(library)
    add(builder, "cobra")
    builder.hold_seconds.value = 200
    assert "Note:" in builder.status.value and "advised for stretches" in builder.status.value


def test_reorder_and_remove(library):
    builder = RoutineBuilder(library)
    for exercise in ("plank", "cobra", "superman"):
        add(builder, exercise)
    builder.items.value = 2
    builder.up_button.click()
    assert [i.exercise for i in builder.routine.items] == ["plank", "superman", "cobra"]
    assert builder.items.value == 1
    builder.remove_button.click()
    assert [i.exercise for i in builder.routine.items] == ["plank", "cobra"]


def test_sides_offer_only_what_the_exercise_allows(library):
    builder = RoutineBuilder(library)
    add(builder, "side-plank")
    assert builder.sides.options == ("left then right", "right then left")
    builder.sides.value = "right then left"
    assert builder.routine.items[0].sides == "right then left"
    add(builder, "plank")
    assert builder.sides.disabled and builder.sides.value == "both"


def test_save_open_and_export_a_handout(library, workbook_home):
    builder = RoutineBuilder(library)
    builder.name.value = "Sam's mornings"
    builder.client.value = "Sam"
    add(builder, "can-openers")
    builder.save_button.click()
    path = routines_folder() / f"sam-s-mornings-{file_stem('Sam')}.json"  # Sam's own file
    assert path.is_file() and "Saved to" in builder.status.value
    assert json.loads(path.read_text())["client"] == "Sam"
    builder.handout_button.click()
    handout = path.with_suffix(".html")
    assert handout.is_file() and "Handout written" in builder.status.value
    # The link the coach clicks gives the browser the handout itself, under its name.
    link = re.search(r'download="([^"]+)" href="data:text/html;charset=utf-8;base64,([^"]+)"',
                     builder.status.value)  # fmt: skip
    assert link and link.group(1) == handout.name
    assert base64.b64decode(link.group(2)) == handout.read_bytes()

    other = RoutineBuilder(library)
    assert f"Sam's mornings ({path.name})" in [label for label, _ in other.load_choice.options]
    other.load_choice.label = f"Sam's mornings ({path.name})"
    other.load_button.click()
    assert other.routine == builder.routine
    assert other.name.value == "Sam's mornings"


def test_a_starter_routine_opens(library):
    builder = RoutineBuilder(library)
    builder.load_choice.label = "starter: Thoracic five"
    builder.load_button.click()
    assert len(builder.items.options) == 5


def test_a_damaged_file_is_reported_in_the_builder(library, workbook_home):
    routines_folder().mkdir(parents=True)
    (routines_folder() / "broken.json").write_text("{oops")
    builder = RoutineBuilder(library)
    builder.load_choice.label = "broken.json (cannot be read)"
    builder.load_button.click()
    assert "broken JSON" in builder.status.value
    assert builder.routine.name == "My routine"  # nothing lost


def test_a_save_that_fails_says_why_in_the_builder(library, workbook_home):
    (workbook_home / "routines").write_text("a file where the folder should be")
    builder = RoutineBuilder(library)
    add(builder, "plank")
    builder.save_button.click()
    assert "Not saved" in builder.status.value


def test_saved_routines_are_listed_by_their_names(library, workbook_home):
    save_routine(
        Routine("Sam's mornings", items=(RoutineItem("plank"),)), routines_folder() / "sam.json"
    )
    (routines_folder() / "broken.json").write_text("{")
    labels = [choice.label for choice in routine_choices()]
    assert "Sam's mornings (sam.json)" in labels
    assert "broken.json (cannot be read)" in labels
    assert "starter: Thoracic five" in labels


def test_a_plank_too_long_and_strength_too_often_show_as_notes(library):
    builder = RoutineBuilder(library)
    add(builder, "plank")
    builder.hold_seconds.value = 300
    assert "300 s hold is outside the 10-60 s advised for core holds" in builder.status.value
    builder.hold_seconds.value = 3
    assert "3 s hold is outside" in builder.status.value
    builder.sets.value = 10
    builder.days_per_week.value = 7
    builder.times_per_day.value = 6
    for advice in ("10 sets is more than", "7 days a week", "6 times a day"):
        assert advice in builder.status.value
    builder.sets.value, builder.hold_seconds.value = 3, 30
    builder.days_per_week.value, builder.times_per_day.value = 3, 1
    assert builder.status.value == ""  # within the advice: nothing to note


def test_the_columns_wrap_to_fit_rather_than_fixed_widths(library):
    builder = RoutineBuilder(library)
    grid = builder.children[1]
    assert "auto-fit" in grid.layout.grid_template_columns
    for column in grid.children:
        assert all(control.layout.width == "auto" for control in column.children)


def test_a_routine_saved_for_a_client_reaches_their_page_through_the_log(library, tmp_path):
    from upperback.app import ClientApp
    from upperback.identity import Identity
    from upperback.store import Store

    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    builder = RoutineBuilder(library, store=store)
    builder.name.value, builder.client.value = "Sam's mornings", "Sam"
    add(builder, "can-openers")
    builder.save_button.click()
    assert "Sam's page has it" in builder.status.value
    builder.save_button.click()  # saved again unchanged: nothing new to send
    add(builder, "cat-cow")
    builder.save_button.click()
    assert [s.version.number for s in store.sent_routines("Sam")] == [1, 2]
    # Sam's own server: another workbook folder, with only the log in common.
    routines_folder().rename(tmp_path / "coach-routines")
    app = ClientApp(store, library, identity=Identity("Sam", "hub"))
    choice = app.timer_and_log.page.picker.choice
    assert choice.label == "Sam's mornings (latest version)"
    assert [i.exercise for i in choice.value.open(library).items] == [
        "can-openers",
        "cat-cow",
    ]
    assert "Changed in the routine builder" in app.news.value
    assert store.sent_routines("Kim") == []


def test_a_routine_for_nobody_in_particular_stays_a_file(library, tmp_path):
    from upperback.store import Store

    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    builder = RoutineBuilder(library, store=store)
    add(builder, "can-openers")
    builder.save_button.click()
    assert "Saved to" in builder.status.value and "page has it" not in builder.status.value
    assert store.clients() == []  # no client made up for it


def test_every_item_of_the_routine_shows_whole(library):
    """A long item ("2. Can openers (2 × 8 reps a side)") wraps in its list, never cut."""
    builder = RoutineBuilder(library)
    builder.pick.value = "can-openers"
    builder.add_button.click()
    label = builder.items.options[0][0]
    assert label.startswith("1. Can openers (") and label.endswith(")")  # name and dose whole
    # A list of its own, whose items wrap (a Select's options cannot break their spaces).
    assert isinstance(builder.items, w.RadioButtons)
    style = "".join(c.value for c in builder.children if isinstance(c, w.HTML))
    assert ".upperback-builder-items .widget-radio-box label" in style
    assert "white-space: normal" in style and "height: auto" in style
