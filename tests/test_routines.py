"""Routines: checked against the tables, saved and loaded, shipped as starters, handed out."""

import json

import pytest

from upperback.handout import handout_html, save_handout
from upperback.routine_files import load_routine, save_routine, starter_routine, starter_routines
from upperback.routines import (
    Routine,
    RoutineError,
    RoutineItem,
    check_routine,
    muscles_covered,
    routine_to_dict,
)


def one(**item) -> Routine:
    return Routine("Test", items=(RoutineItem(**item),))


def test_doses_fall_back_to_the_exercise_defaults(library):
    [dose] = one(exercise="Can openers").doses(library)
    assert (dose.exercise, dose.sets, dose.reps, dose.hold_seconds) == ("can-openers", 2, 8, 3)
    assert dose.sides == "left then right"
    [dose] = one(exercise="plank", sets=5).doses(library)
    assert (dose.sets, dose.reps, dose.hold_seconds, dose.sides) == (5, None, 30, "both")


def test_an_unknown_exercise_suggests_the_closest(library):
    with pytest.raises(
        RoutineError, match=r"item 1: 'wall splt' is not an exercise; did you mean 'Wall splat'"
    ):
        one(exercise="wall splt").doses(library)


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ({"exercise": "plank", "reps": 10}, "is a timed hold; set hold_seconds instead of reps"),
        ({"exercise": "plank", "sets": 0}, "field 'sets': 0 is out of range; use a whole number"),
        ({"exercise": "plank", "sets": -2}, "field 'sets': -2 is out of range"),
        ({"exercise": "plank", "hold_seconds": 5000}, "'hold_seconds': 5000 is out of range"),
        ({"exercise": "pull-up", "reps": 1000}, "'reps': 1000 is out of range"),
        ({"exercise": "plank", "rest_seconds": 2.5}, "2.5 is not a whole number"),
        ({"exercise": "plank", "sides": "left then right"}, "bilateral, so its sides are 'both'"),
        ({"exercise": "side-plank", "sides": "both"}, "so its sides are one side at a time"),
        ({"exercise": "side-plank", "sides": "up"}, "use one of: both, left then right"),
    ],
)
def test_a_dose_the_exercise_cannot_take_is_refused(library, item, says):
    with pytest.raises(RoutineError, match="item 1") as caught:
        one(**item).doses(library)
    assert says in str(caught.value)


def test_every_error_is_listed_at_once(library):
    routine = Routine(
        "", items=(RoutineItem("plank", sets=0), RoutineItem("nothing")), days_per_week=9
    )
    with pytest.raises(RoutineError) as caught:
        routine.doses(library)
    message = str(caught.value)
    for part in ("needs a name", "'days_per_week': 9", "item 1", "item 2: 'nothing'"):
        assert part in message


def test_doses_outside_the_advice_are_warned_about_not_refused(library):
    for item in (
        {"exercise": "cobra", "hold_seconds": 3},
        {"exercise": "cobra", "hold_seconds": 300},
    ):
        warnings = check_routine(one(**item), library).warnings
        assert len(warnings) == 1 and "10-60 s advised for stretches" in warnings[0]
    warnings = check_routine(one(exercise="seated-row", reps=30), library).warnings
    assert "8-12 advised for strength work" in warnings[0]
    warnings = check_routine(one(exercise="cobra", hold_seconds=30), library).warnings
    assert warnings == []


def test_editing_returns_a_new_routine(library):
    routine = Routine("R").add(RoutineItem("plank")).add(RoutineItem("cobra"))
    moved = routine.move(1, -1)
    assert [i.exercise for i in moved.items] == ["cobra", "plank"]
    assert [i.exercise for i in routine.items] == ["plank", "cobra"]
    assert moved.move(0, -1) is moved  # the first cannot go higher
    assert [i.exercise for i in moved.remove(0).items] == ["plank"]
    assert moved.update(1, sets=4).items[1].sets == 4


def test_duration_and_muscles_covered(library):
    routine = starter_routine("thoracic-five")
    minutes = check_routine(routine, library).minutes
    assert 8 < minutes < 20
    covered = muscles_covered(routine, library)
    assert {"rhomboid-major", "rhomboid-minor", "trapezius"} <= set(
        covered.query("role == 'primary'").index
    )
    assert "Can openers" in covered.loc["trapezius", "exercises"]


def test_the_starters_are_the_seeds_sequences(library):
    starters = starter_routines()
    assert [i.exercise for i in starters["thoracic-five"].items] == [
        "rhomboid-push-up",
        "wall-splat",
        "can-openers",
        "eleven-fifteen-stretch",
        "bridge-and-reach-over",
    ]
    daily = starters["daily-bridge"]
    assert daily.days_per_week == 7
    assert "bridge-and-reach-over" in {i.exercise for i in daily.items}
    strength = {i.exercise for i in starters["upper-back-strength"].items}
    assert {"seated-row", "back-extension", "plank"} <= strength
    for routine in starters.values():
        check_routine(routine, library)  # all valid


def test_save_and_load_round_trip(tmp_path, library):
    routine = Routine(
        "For Sam",
        items=(RoutineItem("can-openers", sets=3, note="slowly"), RoutineItem("plank")),
        goal="Less stiffness at the desk",
        client="Sam",
        times_per_day=2,
        days_per_week=5,
    )
    path = save_routine(routine, tmp_path / "sam.json", library)
    assert load_routine(path, library) == routine
    data = json.loads(path.read_text())
    assert data["format"] == "upperback-routine" and data["version"] == 1
    # Defaults stay out of the file, so it is short and diffs well.
    assert data["items"][1] == {"exercise": "plank"}
    assert path.read_text().endswith("}\n") and "\n  " in path.read_text()


def test_an_invalid_routine_is_not_saved(tmp_path, library):
    with pytest.raises(RoutineError):
        save_routine(one(exercise="plank", reps=3), tmp_path / "saved" / "bad.json", library)
    assert not (tmp_path / "saved").exists()


def test_saving_replaces_the_file_whole(tmp_path, library, monkeypatch):
    path = save_routine(one(exercise="plank"), tmp_path / "saved" / "r.json", library)
    before = path.read_text()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("upperback.workbook.os.replace", crash)
    with pytest.raises(OSError):
        save_routine(one(exercise="cobra"), path, library)
    assert path.read_text() == before
    assert [p.name for p in path.parent.iterdir()] == ["r.json"]  # no temporary left behind


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "broken JSON at line 1"),
        ('{"name": "x"}', "is not an upperback routine"),
        ('["a", "list"]', "is not an upperback routine"),
        ('{"format": "upperback-routine", "version": 7, "name": "x"}', "newer upperback"),
        ('{"format": "upperback-routine", "version": "one", "name": "x"}', "'version'"),
        ('{"format": "upperback-routine", "version": 1, "name": "x", "colour": 1}', "colour"),
        ('{"format": "upperback-routine", "version": 1, "name": "x", "items": {}}', "'items'"),
        ('{"format": "upperback-routine", "version": 1, "name": "x", "items": [{}]}', "item 1"),
        (
            '{"format": "upperback-routine", "version": 1, "name": "x",'
            ' "items": [{"exercise": "plank", "sets": "3"}]}',
            "'sets': \"3\" is not a whole number",  # as the file wrote it
        ),
        (
            '{"format": "upperback-routine", "version": 1, "name": "x",'
            ' "items": [{"exercise": "plank", "speed": 3}]}',
            "unknown field(s) ['speed']",
        ),
    ],
)
def test_a_damaged_or_foreign_file_gives_a_clear_error(tmp_path, content, says):
    path = tmp_path / "routine.json"
    path.write_text(content)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert says in str(caught.value) and "routine.json" in str(caught.value)


def test_a_routine_that_names_an_unknown_exercise_fails_on_load(tmp_path, library):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(routine_to_dict(one(exercise="plankk"))))
    with pytest.raises(RoutineError, match=r"r\.json.*'plankk' is not an exercise"):
        load_routine(path, library)


def test_a_missing_or_binary_file_gives_a_clear_error(tmp_path):
    with pytest.raises(RoutineError, match="cannot be read"):
        load_routine(tmp_path / "nowhere.json")
    (tmp_path / "b.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RoutineError, match="not text"):
        load_routine(tmp_path / "b.json")


def test_the_handout_holds_everything_a_client_needs(tmp_path, library):
    routine = starter_routine("thoracic-five")
    path = save_handout(routine, tmp_path / "handout.html", library)
    page = path.read_text()
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "Thoracic five" in page and "once a day, 3 days a week" in page
    for exercise in ("Rhomboid push-up", "Wall splat", "Can openers", "11:15 stretch"):
        assert exercise in page
    assert "2 sets of 8 reps a side, holding 3 s each" in page
    assert "Safety first" in page and "chest pain" in page
    assert "<script" not in page  # a plain page: prints and opens anywhere


def test_the_handout_escapes_what_a_coach_types(library):
    routine = Routine("<b>Sam</b>", items=(RoutineItem("plank", note="<script>x</script>"),))
    page = handout_html(routine, library)
    assert "<script>x" not in page and "&lt;script&gt;" in page
