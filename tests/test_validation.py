"""Every rule of data/README.md, each broken by a table of its own.

A coach's extra file goes through the same reader as the shipped tables, so each test
writes a small file that breaks one rule and checks the error names the file, the line
and the column, and says what is allowed.
"""

import csv

import pandas as pd
import pytest

import upperback
from upperback import TableError

GOOD_EXERCISE = {
    "id": "band-pull-apart",
    "name": "Band pull-apart",
    "aliases": "pull-apart",
    "category": "strength",
    "area": "upper-back strength",
    "equipment": "resistance band",
    "position": "standing, band held at shoulder height",
    "laterality": "bilateral",
    "dosing": "reps",
    "sets": "2",
    "reps": "12",
    "hold_seconds": "",
    "rest_seconds": "45",
    "level": "beginner",
    "cues": "Arms straight|Squeeze the shoulder blades together",
    "cautions": "",
    "description": "Pull a band apart to work the muscles between the shoulder blades.",
    "source": "references: Dosage",
}


def write_csv(path, rows, columns=None):
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def exercise_error(tmp_path, **changes) -> TableError:
    row = {**GOOD_EXERCISE, **changes}
    path = write_csv(tmp_path / "mine.csv", [row])
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    return caught.value


def test_a_good_extra_exercise_is_merged(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [GOOD_EXERCISE])
    exercises = upperback.load_exercises(path, user=False)
    assert exercises.loc["band-pull-apart", "cues"] == (
        "Arms straight",
        "Squeeze the shoulder blades together",
    )
    assert len(exercises) == len(upperback.load_exercises(user=False)) + 1


def test_the_workbook_folder_exercises_are_found_and_merged(workbook_home):
    write_csv(workbook_home / "exercises.csv", [GOOD_EXERCISE])
    write_csv(
        workbook_home / "exercise_muscles.csv",
        [
            {
                "exercise": "band-pull-apart",
                "muscle": "rhomboid-major",
                "role": "primary",
                "source": "references: Dosage",
            }
        ],
    )
    assert "band-pull-apart" in upperback.load_exercises().index
    assert "band-pull-apart" not in upperback.load_exercises(user=False).index
    found = upperback.exercises_for_muscle("rhomboid-major")
    assert "band-pull-apart" in found.index


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("category", "cardio", "use one of: mobility, strength, stretch/yoga, core"),
        ("level", "expert", "use one of: beginner, intermediate, advanced"),
        ("laterality", "left", "use one of: bilateral, unilateral, alternating"),
        ("dosing", "time", "use one of: reps, hold"),
        ("sets", "0", "use a whole number from 1 to 10"),
        ("sets", "two", "'two' is not a whole number"),
        ("reps", "500", "use a whole number from 1 to 50"),
        ("rest_seconds", "-5", "use a whole number from 0 to 600"),
        ("hold_seconds", "3.5", "not a whole number"),
        ("id", "Band Pull Apart", "lower-case letters, digits and hyphens"),
        ("name", "", "is empty"),
        ("cues", "", "is empty"),
        ("source", "  ", "is empty"),
    ],
)
def test_a_wrong_value_names_file_line_column_and_what_is_allowed(tmp_path, column, value, says):
    error = exercise_error(tmp_path, **{column: value})
    [problem] = error.problems
    assert problem.file.endswith("mine.csv")
    assert problem.line == 2
    assert problem.column == column
    assert says in problem.message
    assert f"mine.csv, line 2, column '{column}'" in str(error)


def test_a_hold_needs_a_hold_time_and_no_reps(tmp_path):
    error = exercise_error(tmp_path, dosing="hold", reps="10", hold_seconds="")
    assert {p.column for p in error.problems} == {"reps", "hold_seconds"}


def test_a_rep_based_move_needs_reps(tmp_path):
    [problem] = exercise_error(tmp_path, reps="").problems
    assert problem.column == "reps" and "needs reps" in problem.message


def test_a_taken_id_is_an_error_not_an_override(tmp_path):
    [problem] = exercise_error(tmp_path, id="can-openers").problems
    assert problem.column == "id"
    assert "exercises.csv line" in problem.message


def test_a_taken_name_is_an_error_whatever_the_letter_case(tmp_path):
    [problem] = exercise_error(tmp_path, name="WALL SPLAT").problems
    assert problem.column == "name"


def test_an_alias_may_not_be_another_exercises_name(tmp_path):
    [problem] = exercise_error(tmp_path, aliases="Wall splat").problems
    assert problem.column == "aliases" and "wall-splat" in problem.message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    rows = [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "second", "name": "Second", "level": "pro"}]
    rows.append({**GOOD_EXERCISE, "id": "third", "name": "Third", "sets": "99"})
    write_csv(tmp_path / "mine.csv", rows)
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(tmp_path / "mine.csv", user=False)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "level"), (4, "sets")]


def test_line_numbers_count_multi_line_cells(tmp_path):
    rows = [
        {**GOOD_EXERCISE, "description": "Two\nlines"},
        {**GOOD_EXERCISE, "id": "second", "name": "Second", "level": "pro"},
    ]
    write_csv(tmp_path / "mine.csv", rows)
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(tmp_path / "mine.csv", user=False)
    assert caught.value.problems[0].line == 4


def test_a_missing_column_is_named(tmp_path):
    columns = [c for c in GOOD_EXERCISE if c != "cues"]
    write_csv(tmp_path / "mine.csv", [GOOD_EXERCISE], columns=columns)
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(tmp_path / "mine.csv", user=False)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, "cues")
    assert "missing" in problem.message


def test_an_unknown_column_lists_the_real_ones(tmp_path):
    write_csv(tmp_path / "mine.csv", [{**GOOD_EXERCISE, "colour": "red"}])
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(tmp_path / "mine.csv", user=False)
    [problem] = caught.value.problems
    assert problem.column == "colour" and "dosing" in problem.message


def test_a_row_with_the_wrong_number_of_cells_is_named(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [GOOD_EXERCISE])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("just,three,cells\n")
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    [problem] = caught.value.problems
    assert problem.line == 3 and "3 cells" in problem.message


def test_an_empty_or_missing_file_is_named(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(TableError, match=r"empty\.csv: is empty"):
        upperback.load_exercises(tmp_path / "empty.csv", user=False)
    with pytest.raises(TableError, match=r"nowhere\.csv: cannot be read"):
        upperback.load_exercises(tmp_path / "nowhere.csv", user=False)


def test_a_file_that_is_not_text_is_named(tmp_path):
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00\x81 not utf-8")
    with pytest.raises(TableError, match=r"binary\.csv"):
        upperback.load_exercises(tmp_path / "binary.csv", user=False)


def test_a_spreadsheets_byte_order_mark_is_accepted(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [GOOD_EXERCISE])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "band-pull-apart" in upperback.load_exercises(path, user=False).index


LINK = {
    "exercise": "can-openers",
    "muscle": "levator-scapulae",
    "role": "secondary",
    "source": "references: Dosage",
}


def link_error(tmp_path, **changes) -> TableError:
    path = write_csv(tmp_path / "links.csv", [{**LINK, **changes}])
    with pytest.raises(TableError) as caught:
        upperback.load_exercise_muscles(path, user=False)
    return caught.value


def test_a_link_to_an_unknown_muscle_suggests_the_closest(tmp_path):
    [problem] = link_error(tmp_path, muscle="rhomboid-majr").problems
    assert problem.column == "muscle"
    assert "not an id in muscles.csv" in problem.message
    assert "did you mean 'rhomboid-major'" in problem.message


def test_a_link_to_an_unknown_exercise_is_named(tmp_path):
    [problem] = link_error(tmp_path, exercise="can-opener").problems
    assert problem.column == "exercise" and "'can-openers'" in problem.message


def test_a_link_given_twice_is_an_error(tmp_path):
    [problem] = link_error(tmp_path, muscle="rhomboid-major").problems
    assert problem.column == "exercise and muscle"


def test_a_link_role_must_be_known(tmp_path):
    [problem] = link_error(tmp_path, role="main").problems
    assert "use one of: stabiliser, secondary, primary" in problem.message


# -- files that are not UTF-8 text: named by the line the bad byte is on ------------------


def latin1_file(tmp_path, rows):
    """A CSV saved as Latin-1, as older spreadsheets do: 'é' becomes the lone byte 0xE9."""
    path = write_csv(tmp_path / "mine.csv", rows)
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    return path


def test_a_latin1_byte_is_named_by_its_own_line_and_column(tmp_path):
    rows = [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "second", "name": "Écarté pull"}]
    path = latin1_file(tmp_path, rows)
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 3, "name")
    assert "byte 0xC9 is not UTF-8 text; save the file as UTF-8" in problem.message
    str(caught.value).encode("utf-8")  # the message itself prints anywhere


def test_a_bad_byte_inside_a_multi_line_cell_is_on_its_real_line(tmp_path):
    rows = [
        {**GOOD_EXERCISE, "position": "one\ntwo", "description": "three\nfour\nfive é"},
        {**GOOD_EXERCISE, "id": "second", "name": "Second", "level": "pro"},
    ]
    path = latin1_file(tmp_path, rows)
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    assert [(p.line, p.column) for p in caught.value.problems] == [
        (5, "description"),  # the row starts on line 2; the byte is three line breaks on
        (6, "level"),  # and the rest of the file is still checked
    ]


def test_a_bad_byte_in_the_header_is_on_line_1(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [GOOD_EXERCISE])
    path.write_bytes(b"r\xe9f," + path.read_bytes())
    with pytest.raises(TableError, match=r"mine\.csv, line 1: byte 0xE9 is not UTF-8"):
        upperback.load_exercises(path, user=False)


def test_a_file_with_zero_bytes_says_to_save_it_as_csv_utf8(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes("id,name\nplank,Plank\n".encode("utf-16"))
    with pytest.raises(TableError, match=r"mine\.csv, line 1: holds a zero byte.*CSV UTF-8"):
        upperback.load_exercises(path, user=False)


def test_a_column_given_twice_is_named(tmp_path):
    columns = [*GOOD_EXERCISE, "level"]
    path = tmp_path / "mine.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([columns, [*GOOD_EXERCISE.values(), "advanced"]])
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, "level") and "appears twice" in problem.message


def test_old_mac_line_endings_count_lines_too(tmp_path):
    rows = [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "second", "name": "Second", "level": "pro"}]
    path = write_csv(tmp_path / "mine.csv", rows)
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\r"))
    with pytest.raises(TableError) as caught:
        upperback.load_exercises(path, user=False)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "level")]


def test_a_latin1_file_in_the_workbook_folder_names_its_line(workbook_home):
    latin1_file(workbook_home, [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "x", "name": "Café"}])
    (workbook_home / "mine.csv").rename(workbook_home / "exercises.csv")
    with pytest.raises(TableError, match=r"exercises\.csv, line 3, column 'name': byte 0xE9"):
        upperback.Library.load()


# -- sources and the target --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("my notes", "has no tag; start it with one of: seed, references, text, anatomy"),
        ("Seed: the article", "has no tag"),  # tags are lower case, as documented
        ("anatomy:", "says nothing after its tag"),
        ("references: Stretching", "is not a section of the references; use one of: "),
        ("references: Safety|blog post", "'blog post' has no tag"),
    ],
)
def test_a_source_without_a_known_tag_is_named(tmp_path, source, says):
    error = exercise_error(tmp_path, source=source)
    assert "mine.csv, line 2, column 'source'" in str(error) and says in str(error)


@pytest.mark.parametrize(
    "source",
    [
        "text: Neumann, Kinesiology of the Musculoskeletal System, 2017",
        "anatomy: general anatomy|references: Progressing and easing off",
        "coaching practice: cues|seed: Back extensions can be done with or without equipment",
    ],
)
def test_every_documented_tag_is_accepted(tmp_path, source):
    path = write_csv(tmp_path / "mine.csv", [{**GOOD_EXERCISE, "source": source}])
    exercises = upperback.load_exercises(path, user=False)
    assert exercises.loc["band-pull-apart", "source"] == tuple(source.split("|"))


def test_a_coach_file_may_give_a_target_or_leave_the_column_out(tmp_path):
    without = write_csv(tmp_path / "old.csv", [GOOD_EXERCISE])  # written before the column
    given = {**GOOD_EXERCISE, "id": "face-pull", "name": "Face pull", "aliases": ""}
    given["target"] = "Drawing the shoulder blades back (retraction)"
    mine = write_csv(tmp_path / "new.csv", [given])
    exercises = upperback.load_exercises([without, mine], user=False)
    assert pd.isna(exercises.at["band-pull-apart", "target"])
    assert exercises.at["face-pull", "target"] == given["target"]
    assert exercises.loc["wall-splat", "target"] == "Thoracic extension"
    shipped = upperback.load_exercises(user=False)
    assert shipped["target"].notna().all() and shipped["target"].str.strip().ne("").all()
