"""Routine files of any shape: each one opens, or is refused with a message naming the field.

A coach edits routine files by hand and clients copy them around, so a file may hold any
JSON at all. Whatever it holds, the workbook must say what is wrong, where, and keep
working: the routine list, the picker, the builder, the timer page and the client app.
"""

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upperback import Store
from upperback.app import ClientApp
from upperback.handout import handout_html
from upperback.pages import ManualLog, TimerPage
from upperback.routine_files import (
    MAX_FILE_BYTES,
    load_routine,
    routine_choices,
    routine_from_dict,
    routines_folder,
)
from upperback.routines import (
    DOSE_FIELDS,
    SIDES,
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
)
from upperback.widgets import RoutineBuilder
from upperback.widgets.picker import RoutinePicker


def routine_doc(**changes):
    """A good routine file's data, with some fields changed (``...`` removes a field)."""
    doc = {
        "format": "upperback-routine",
        "version": 1,
        "name": "Desk break",
        "client": "Sam",
        "times_per_day": 1,
        "days_per_week": 3,
        "items": [{"exercise": "can-openers", "sets": 2}, {"exercise": "plank"}],
    }
    doc.update(changes)
    return {key: value for key, value in doc.items() if value is not ...}


def item_doc(**changes):
    """The data of a routine whose first item has the given fields changed."""
    item = {"exercise": "plank", "sets": 2, **changes}
    return routine_doc(items=[{k: v for k, v in item.items() if v is not ...}])


def refusal(tmp_path, data) -> str:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data))
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    message = str(caught.value)
    assert str(path) in message
    return message


# -- the files found in the issue, and their kin --------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (routine_doc(version=True), "field 'version': true is not a routine version"),
        (routine_doc(version=1.0), "field 'version': 1.0 is not a routine version"),
        (routine_doc(version=10**40), "newer upperback"),
        (routine_doc(name=...), "field 'name': the routine needs a name"),
        (routine_doc(name=None), "field 'name': null is not text"),
        (routine_doc(name="   "), "field 'name': the routine needs a name"),
        (routine_doc(name="x" * 201), "field 'name': 201 characters is too long; use at most 200"),
        (routine_doc(goal=["a"]), "field 'goal': a list [...] is not text"),
        (routine_doc(client={"a": 1}), "field 'client': a group of fields {...} is not text"),
        (routine_doc(times_per_day=None), "field 'times_per_day': null is not a whole number"),
        (routine_doc(days_per_week=True), "field 'days_per_week': true is not a whole number"),
        (routine_doc(days_per_week=10**30), "field 'days_per_week': 1000000"),
        (routine_doc(items=None), "field 'items': null is not a list"),
        (routine_doc(items="plank"), "field 'items': \"plank\" is not a list"),
        (routine_doc(items=[5]), "item 1: 5 is not an exercise"),
        (routine_doc(items=[None]), "item 1: null is not an exercise"),
        (routine_doc(items=[[{"exercise": "plank"}]]), "item 1: a list [...] is not an exercise"),
        (routine_doc(items=[{}]), "item 1 needs an 'exercise'"),
        (item_doc(exercise=5), "item 1 (5), field 'exercise': 5 is not text"),
        (item_doc(exercise=None), "item 1 (null), field 'exercise': null is not text"),
        (item_doc(exercise=""), "field 'exercise': give the exercise's name or id"),
        (item_doc(note=5), "item 1 ('plank'), field 'note': 5 is not text"),
        (item_doc(note=None), "field 'note': null is not text"),
        (item_doc(sets=True), "field 'sets': true is not a whole number; use 1 to 10"),
        (item_doc(sets=3.5), "field 'sets': 3.5 is not a whole number"),
        (item_doc(sets=float("nan")), "field 'sets': NaN is not a whole number"),
        (item_doc(sets=float("inf")), "field 'sets': Infinity is not a whole number"),
        (item_doc(sets=10**300), "field 'sets': 1000000"),
        (item_doc(reps=-1), "field 'reps': -1 is out of range"),
        (item_doc(sides=3), "field 'sides': 3 is not allowed; use one of: both"),
        (item_doc(sides=["left"]), "field 'sides': a list [...] is not allowed"),
        (item_doc(colour="red"), "item 1: unknown field(s) ['colour']"),
    ],
)
def test_each_bad_field_is_named_with_what_is_allowed(tmp_path, data, says):
    assert says in refusal(tmp_path, data)


def test_every_bad_field_is_listed_at_once_with_its_item(tmp_path):
    data = routine_doc(
        name=5, items=[{"exercise": "plank"}, 7, {"exercise": "cobra", "sets": "two"}]
    )
    message = refusal(tmp_path, data)
    assert "field 'name': 5 is not text" in message
    assert "item 2: 7 is not an exercise" in message
    assert "item 3 ('cobra'), field 'sets': \"two\" is not a whole number" in message


def test_a_flood_of_errors_is_cut_short(tmp_path):
    message = refusal(tmp_path, routine_doc(items=[None] * 500))
    assert "item 20: null" in message and "item 21:" not in message
    assert message.endswith("and 480 more")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "upperback-routine", "version": 1, "items": [' * 5000, "nested too deeply"),
        ('{"version": ' + "9" * 5000 + "}", "a number too long to read"),
        ("", "broken JSON at line 1, column 1"),
        ('{"a": 1,\n "b": }', "broken JSON at line 2"),
        ("null", "is not an upperback routine"),
        ("42", "is not an upperback routine"),
    ],
)
def test_json_that_python_cannot_take_is_refused_plainly(tmp_path, text, says):
    path = tmp_path / "odd.json"
    path.write_text(text)
    with pytest.raises(RoutineError, match=re.escape(says)):
        load_routine(path)


def test_a_bad_byte_is_named_by_its_line(tmp_path):
    good = json.dumps(routine_doc(), indent=1).encode()
    path = tmp_path / "latin.json"
    path.write_bytes(good + b'\n"caf\xe9"')
    line = good.count(b"\n") + 2
    with pytest.raises(RoutineError, match=rf"line {line} is not text \(byte 0xE9 is not UTF-8\)"):
        load_routine(path)


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(routine_doc()).encode())
    assert load_routine(path).name == "Desk break"


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "video.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 50)  # sparse: large on paper, cheap to make
    with pytest.raises(RoutineError, match="is not a routine file: it is over 1000 kB"):
        load_routine(path)


def test_a_folder_named_like_a_file_cannot_be_read(tmp_path):
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(RoutineError, match=r"folder\.json cannot be read"):
        load_routine(tmp_path / "folder.json")


def test_a_routine_built_in_python_with_wrong_types_is_refused_not_crashed(library):
    routine = Routine(5, items=(RoutineItem(None), RoutineItem("plank", note=3)), goal=None)
    with pytest.raises(RoutineError) as caught:
        check_routine(routine, library)
    message = str(caught.value)
    for part in ("field 'name': 5", "field 'goal': null", "item 1 (null)", "field 'note': 3"):
        assert part in message


# -- fuzz: every mutation of a good file opens or names what was mutated --------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=300),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
ROUTINE_KEYS = ["name", "goal", "client", "notes", "times_per_day", "days_per_week", "items"]
ITEM_KEYS = ["exercise", "sets", "reps", "hold_seconds", "rest_seconds", "rest_after_seconds",
             "sides", "note"]  # fmt: skip
MISSING = object()


@st.composite
def mutated(draw):
    """A good routine with one field replaced, removed, or wrapped in more nesting.

    Returns the data and the pattern the refusal must name if the mutation is refused.
    """
    doc = routine_doc()
    value = draw(st.one_of(json_values, st.just(MISSING)))
    if draw(st.booleans()):
        key = draw(st.sampled_from(ROUTINE_KEYS))
        where = rf"field '{key}'"
        if key == "items":
            where = r"field 'items'|item \d+"
        target = doc
    else:
        index = draw(st.integers(0, 1))
        key = draw(st.sampled_from([*ITEM_KEYS, None]))
        where = rf"item {index + 1}\b"
        if key is None:  # the whole item replaced
            doc["items"][index] = [doc["items"][index]] if value is MISSING else value
            return doc, where
        target = doc["items"][index]
    if value is MISSING:
        target.pop(key, None)
    else:
        target[key] = value
    return doc, where


@settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(mutated())
def test_fuzzed_routine_files_load_or_name_the_field(tmp_path_factory, library, case):
    data, where = case
    path = tmp_path_factory.getbasetemp() / "fuzzed.json"
    path.write_text(json.dumps(data))
    try:
        routine = load_routine(path)
    except RoutineError as error:
        message = str(error)
        assert message.startswith(str(path)) and re.search(where, message), message
        return
    # What loads holds only what the workbook can use, and it checks plainly against the tables.
    assert well_formed(routine), routine
    try:
        checked = check_routine(routine, library)
    except RoutineError as error:
        assert re.search(r"item \d+", str(error)), str(error)
        return
    assert len(checked.doses) == len(routine.items)
    assert handout_html(checked, library).startswith("<!DOCTYPE html>")


def well_formed(routine: Routine) -> bool:
    """Text where text belongs, whole numbers (or the default) where numbers do."""
    texts = [routine.name, routine.goal, routine.client, routine.notes]
    texts += [text for item in routine.items for text in (item.exercise, item.note)]
    counts = [routine.times_per_day, routine.days_per_week]
    doses = [getattr(item, name) for item in routine.items for name in DOSE_FIELDS]
    return (
        all(type(text) is str for text in texts)
        and all(type(number) is int for number in counts)
        and all(number is None or type(number) is int for number in doses)
        and all(item.sides is None or item.sides in SIDES for item in routine.items)
    )


any_routine_fields = st.fixed_dictionaries(
    {"format": st.just("upperback-routine"), "version": st.just(1)},
    optional={key: json_values for key in ROUTINE_KEYS},
)


@settings(max_examples=300, deadline=None, database=None)
@given(json_values | any_routine_fields)
def test_data_of_any_shape_is_a_routine_or_a_routine_error(data):
    try:
        routine_from_dict(data, source="any.json")
    except RoutineError as error:
        assert str(error).startswith("any.json")


# -- a bad file never breaks the list, the picker, the builder, the pages or the app -------

BAD_FILES = {
    "version-true.json": json.dumps(routine_doc(version=True)),
    "note-number.json": json.dumps(item_doc(note=5)),
    "no-name.json": json.dumps(routine_doc(name=...)),
    "item-five.json": json.dumps(routine_doc(items=[5])),
    "item-null.json": json.dumps(routine_doc(items=[None])),
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "broken.json": "{oops",
    "latin.json": b'{"name": "caf\xe9"}',
}


@pytest.fixture
def damaged_folder(workbook_home):
    folder = routines_folder()
    folder.mkdir(parents=True)
    for name, content in BAD_FILES.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    os.symlink(folder / "nowhere.json", folder / "dangling.json")
    (folder / "good.json").write_text(json.dumps(routine_doc(name="Good one")))
    return folder


def test_the_list_shows_each_bad_file_as_unreadable_with_why(damaged_folder):
    choices = {c.path.name: c for c in routine_choices() if c.path is not None}
    assert set(choices) == {*BAD_FILES, "dangling.json", "good.json"}
    assert choices["good.json"].label == "Good one (good.json)" and not choices["good.json"].problem
    for name in [*BAD_FILES, "dangling.json"]:
        choice = choices[name]
        assert choice.label == f"{name} (cannot be read)"
        assert choice.problem.startswith(str(damaged_folder / name))
    assert "field 'note'" in choices["note-number.json"].problem
    assert "nested too deeply" in choices["deep.json"].problem


def test_the_picker_says_why_a_file_cannot_open_and_opens_the_good_one(damaged_folder, library):
    picker = RoutinePicker(library)
    picker.choice.label = "item-five.json (cannot be read)"
    picker.open_button.click()
    assert "item 1: 5 is not an exercise" in picker.status.value and picker.checked is None
    picker.choice.label = "Good one (good.json)"
    picker.open_button.click()
    assert picker.checked.routine.name == "Good one" and picker.status.value == ""


def test_the_builder_reports_a_bad_file_and_keeps_its_routine(damaged_folder, library):
    builder = RoutineBuilder(library)
    builder.load_choice.label = "no-name.json (cannot be read)"
    builder.load_button.click()
    assert "the routine needs a name" in builder.status.value
    assert builder.routine.name == "My routine"


def test_the_timer_page_and_the_manual_log_open_beside_bad_files(damaged_folder, library):
    page = TimerPage(library)
    page.picker.choice.label = "starter: Daily bridge"
    page.picker.open_button.click()
    assert page.timer is not None
    manual = ManualLog(Store(f"sqlite:///{damaged_folder / 'log.db'}"), library, client="Sam")
    manual.picker.choice.label = "Good one (good.json)"
    manual.picker.open_button.click()
    assert manual.session_log is not None


def test_the_client_app_opens_its_tabs_beside_bad_files(damaged_folder, library):
    app = ClientApp(Store(f"sqlite:///{damaged_folder / 'log.db'}"), library)
    app.name.value = "Sam"
    app.open_button.click()
    assert len(app.tabs.children) == 5
    app.tabs.selected_index = 4  # next week's plan, beside the same files
    assert "error" not in app.plan.status.value
