"""Every bad file of the import audit is refused with the store's own error, by line and column,
and nothing is written."""

import csv
import io

import pytest

from tests.store.sample import session
from upperback.sessions import SessionError
from upperback.store import Store
from upperback.store.csvcodec import CSV_COLUMNS, write_sessions

GOOD = write_sessions([session(uid="s1")])  # a header and three set rows, CRLF line ends


def _lines():
    return GOOD.splitlines()


def _with(line: int, raw: str | None = None, **cells) -> str:
    """GOOD with some cells of one line replaced (``raw`` replaces the prescription unquoted)."""
    rows = list(csv.reader(io.StringIO(GOOD)))
    rows[line - 1] = [
        cells.get(c, cell) for c, cell in zip(CSV_COLUMNS, rows[line - 1], strict=True)
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    if raw is not None:
        lines = text.split("\r\n")
        lines[line - 1] = lines[line - 1].replace("PRESCRIPTION", raw)
        text = "\r\n".join(lines)
    return text


def _refused(store_url, tmp_path, content, *, encoding="utf-8"):
    path = tmp_path / "log.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    store = Store(store_url)
    with pytest.raises(SessionError) as caught:
        store.import_csv(path)
    assert store.sessions() == [] and store.clients() == []
    return str(caught.value)


def test_the_sample_file_is_accepted(tmp_path):
    (tmp_path / "log.csv").write_text(GOOD)
    assert Store(f"sqlite:///{tmp_path / 'log.db'}").import_csv(tmp_path / "log.csv") == 1


@pytest.mark.parametrize(
    ("header", "says"),
    [
        (",".join([*CSV_COLUMNS, "extra"]), "not in the log: 'extra'"),
        (",".join([*CSV_COLUMNS[:-1], "client"]), "given twice: 'client'"),
        (",".join(CSV_COLUMNS[:-1]), "missing column(s) 'note'"),
    ],
)
def test_a_header_with_extra_twice_or_missing_columns_is_refused(store_url, tmp_path, header, says):
    text = _refused(store_url, tmp_path, header + "\r\n" + "\r\n".join(_lines()[1:]))
    assert "log.csv, line 1" in text and says in text


def test_a_row_with_too_many_or_too_few_cells_is_refused(store_url, tmp_path):
    lines = _lines()
    lines[1] += ",surplus"
    lines[3] = lines[3].rsplit(",", 2)[0]
    text = _refused(store_url, tmp_path, "\r\n".join(lines))
    assert "log.csv, line 2: this row has 20 cells" in text
    assert "log.csv, line 4: this row has 17 cells" in text


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        ({"started_at": "2999-01-01T00:00:00+00:00"}, "started_at", "in the future"),
        ({"started_at": "1899-12-31T00:00:00+00:00"}, "started_at", "before 1900"),
        ({"started_at": "9999-12-31T23:59:59-05:00"}, "started_at", "in the future"),
        ({"started_at": "0001-01-01T00:00:00+05:00"}, "started_at", "before 1900"),
        ({"session": "x" * 5000}, "session", "session id is 5000 characters"),
        ({"client": "Sam\0"}, "client", "NUL"),
        ({"session_notes": "a\0b"}, "session_notes", "NUL"),
        ({"exercise": "e" * 101}, "exercise", "101 characters"),
        ({"exercise": ""}, "exercise", "no exercise"),
        ({"reps_done": "-1"}, "reps_done", "reps done can't be negative"),
        ({"set_number": "two"}, "set_number", "'two' is not a whole number"),
        ({"completed": "maybe"}, "completed", "neither true nor false"),
    ],
)
def test_a_bad_cell_is_named_by_line_and_column(store_url, tmp_path, cells, column, says):
    text = _refused(store_url, tmp_path, _with(3, **cells))
    assert f"log.csv, line 3, column {column}: " in text and says in text


@pytest.mark.parametrize(
    ("prescription", "says"),
    [
        ('"[1, 2]"', "must be a JSON object"),
        ('"{""a"": }"', "the prescription is not valid JSON"),
        ('"' + "[" * 100_000 + '"', "the prescription is 100000 characters long"),
        ('"' + "[" * 140_000 + '"', "a cell holds more than 131072 characters"),
        ('"' + "[" * 20_000 + "]" * 20_000 + '"', "nested far too deeply"),
        ('"' + '{""a"":' * 11 + "1" + "}" * 11 + '"', "more than 10 levels deep"),
    ],
)
def test_a_bad_prescription_is_named(store_url, tmp_path, prescription, says):
    text = _refused(store_url, tmp_path, _with(2, prescription="PRESCRIPTION", raw=prescription))
    assert "log.csv, line 2" in text and says in text


@pytest.mark.parametrize("column", ["session_notes", "prescription"])
def test_a_cell_too_long_to_read_is_named_by_line_and_column(store_url, tmp_path, column):
    text = _with(3, **{column: "LONG"}).replace("LONG", '"' + "[" * 140_000 + '"')
    text = _refused(store_url, tmp_path, text)
    assert f"log.csv, line 3, column {column}: " in text
    assert "a cell holds more than 131072 characters" in text


def test_a_file_that_is_not_utf8_names_its_line(store_url, tmp_path):
    content = _with(3, session_notes="café").encode("latin-1")
    text = _refused(store_url, tmp_path, content)
    assert "log.csv, line 3: byte" in text and "UTF-8" in text


def test_rows_of_one_session_that_disagree_name_the_field(store_url, tmp_path):
    text = _refused(store_url, tmp_path, _with(4, pain_before="6"))
    assert (
        "log.csv, line 4, column pain_before: the rows of session s1 disagree about the pain before"
        in text
    )
    assert "same session values as line 2" in text


def test_a_line_break_inside_a_note_keeps_the_line_numbers_true(store_url, tmp_path):
    lines = _lines()
    lines[1] = lines[1].replace(",set 1", ',"set\n1"')
    lines[3] = lines[3].replace(",true,", ",maybe,")
    text = _refused(store_url, tmp_path, "\r\n".join(lines) + "\r\n")
    assert "log.csv, line 5, column completed" in text


def test_a_bad_row_late_in_a_big_file_writes_nothing(store_url, tmp_path):
    good = [session(uid=f"s{n}", n_sets=2) for n in range(30_000)]
    lines = write_sessions(good).splitlines()
    lines[-1] = lines[-1].replace(",true,", ",yes,")
    text = _refused(store_url, tmp_path, "\r\n".join(lines) + "\r\n")
    assert f"log.csv, line {len(lines)}, column completed" in text


def test_prescription_comes_back_as_an_object(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    (tmp_path / "log.csv").write_text(GOOD)
    store.import_csv(tmp_path / "log.csv")
    [loaded] = store.sessions()
    assert loaded.prescription == session().prescription


def test_the_text_limits_are_the_column_sizes_of_the_log():
    from upperback.rules import TEXT_LIMITS
    from upperback.store.schema import clients, sessions, set_logs

    sizes = {"client": clients.c.name, "routine": sessions.c.routine, "uid": sessions.c.uid,
             "exercise": set_logs.c.exercise, "side": set_logs.c.side}  # fmt: skip
    assert {field: column.type.length for field, column in sizes.items()} == {
        field: TEXT_LIMITS[field] for field in sizes
    }
