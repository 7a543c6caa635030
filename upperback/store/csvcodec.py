"""The log as CSV, one row per set: the interchange format of workout apps.

Writing and reading are exact inverses on the data: text a spreadsheet would run as a formula
is written with a leading ``'``, and reading takes exactly that ``'`` off again. Reading is
strict: the header holds each documented column once, every row has every cell, and every
value passes the rules of ``validate_session``; each refusal names the file, line and column.

Reading goes a chunk of rows at a time, so memory stays flat in the file's size. Within a
chunk each column's distinct values are checked once (a clinic's million rows hold a few
thousand distinct values), with the very rules a form uses, so speed costs no exactness.
Nothing here touches a database.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from itertools import islice
from typing import BinaryIO

import numpy as np
import pandas as pd

from upperback.rules.limits import PRESCRIPTION_MAX_CHARS
from upperback.sessions import (
    Problem,
    SessionError,
    SessionRecord,
    SetLog,
    check_value,
    field_label,
)
from upperback.sessions import allowed as allowed_for
from upperback.store.csvlines import RowLines, Unreadable, long_cell, text_lines

__all__ = ["CSV_COLUMNS", "Chunk", "read_chunks", "read_sessions", "write_sessions"]

SET_FIELDS = [f.name for f in fields(SetLog)]
HEAD_COLUMNS = ["session", "client", "routine", "started_at", "ended_at", "pain_before",
                "pain_after", "effort", "session_notes", "prescription"]  # fmt: skip
# A session without sets is one row with the set columns empty.
CSV_COLUMNS = [*HEAD_COLUMNS, *SET_FIELDS]
FIELD_OF_COLUMN = {column: column for column in CSV_COLUMNS} | {
    "session": "uid",
    "session_notes": "notes",
}
HEAD_FIELDS = [FIELD_OF_COLUMN[c] for c in HEAD_COLUMNS]
TEXT_COLUMNS = ("session", "client", "routine", "session_notes", "exercise", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARDED_STARTS = (*FORMULA_STARTS, "'")  # a leading ' is guarded too, so the guard reverses
WHOLE_NUMBER = re.compile(r"\s*[+-]?[0-9]{1,18}\s*")
CHUNK_ROWS = 50_000
MAX_PROBLEMS = 100  # messages kept; the rest are counted


def write_sessions(sessions: Iterable[SessionRecord]) -> str:
    """Every set of every session as CSV text (one row per set, CRLF line ends)."""
    buffer = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote a lone CR inside a note.
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for session in sessions:
        head = {
            "session": session.uid,
            "client": session.client,
            "routine": session.routine,
            "started_at": session.started_at.isoformat(),
            "ended_at": session.ended_at.isoformat() if session.ended_at else "",
            "pain_before": session.pain_before,
            "pain_after": session.pain_after,
            "effort": session.effort,
            "session_notes": session.notes,
            "prescription": ""
            if session.prescription is None
            else json.dumps(session.prescription),
        }
        for logged in session.sets or [None]:
            row = dict(head)
            if logged is not None:
                row.update(asdict(logged))
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value):
    """A CSV cell: empty for missing, and text that a spreadsheet would run made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(GUARDED_STARTS):
        return "'" + value
    return value


def _unguard(text: str) -> str:
    """The exact inverse of the guard ``_cell`` puts on text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(GUARDED_STARTS) else text


# -- reading one cell ------------------------------------------------------------------------


def parse_cell(column: str, cell: str):
    """The value of one cell, checked by the session rules; a Problem when it may not be stored."""
    name = FIELD_OF_COLUMN[column]
    try:
        value = _read_cell(column, name, cell.strip() if column not in TEXT_COLUMNS else cell)
    except ValueError as error:
        return Problem(name, str(error), allowed_for(name))
    return check_value(name, value) or value


def _read_cell(column: str, name: str, cell: str):
    if column in TEXT_COLUMNS:
        return _unguard(cell)
    if not cell:
        return None
    if column in ("pain_before", "pain_after", "set_number", "reps_planned", "reps_done"):
        if not WHOLE_NUMBER.fullmatch(cell):
            raise ValueError(f"{cell[:40]!r} is not a whole number")
        return int(cell)
    if column in ("effort", "hold_planned", "hold_done"):
        try:
            return float(cell)
        except ValueError:
            raise ValueError(f"{cell[:40]!r} is not a number") from None
    if column in ("started_at", "ended_at"):
        return _read_time(cell, name)
    if column == "completed":
        if cell.lower() not in ("true", "false"):
            raise ValueError(f"{cell[:40]!r} is neither true nor false")
        return cell.lower() == "true"
    if column == "prescription":
        return _read_prescription(cell)
    return cell  # side: checked by its rule


def _read_time(cell: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(cell)
    except ValueError:
        raise ValueError(
            f"{cell[:40]!r} is not a date and time like 2026-11-02T07:30:00+00:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _read_prescription(cell: str):
    if len(cell) > PRESCRIPTION_MAX_CHARS:
        raise ValueError(f"the prescription is {len(cell)} characters long")
    try:
        return json.loads(cell)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"the prescription is not valid JSON ({error.msg}, at character {error.pos + 1})"
        ) from None
    except RecursionError:  # brackets nested thousands deep: no routine looks like that
        raise ValueError("the prescription is nested far too deeply") from None


# -- reading a file ----------------------------------------------------------------------------


@dataclass
class Chunk:
    """The valid rows of one part of a file, parsed, as columns ready for a bulk insert.

    ``sessions`` holds the sessions this chunk starts (fields of ``HEAD_FIELDS``, the
    prescription as JSON text); ``sets`` one entry per set with its session's ``uid``.
    """

    sessions: dict[str, np.ndarray]
    sets: dict[str, np.ndarray]


class _Report:
    """The problems found so far: the first ``MAX_PROBLEMS`` kept, the rest counted."""

    def __init__(self, label: str):
        self.label, self.kept, self.more = label, [], 0

    def add(self, line: int, column: str, problem: Problem) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem.located(self.label, line, column))
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.kept:
            more = [f"{self.label}: and {self.more} more problem(s)"] if self.more else []
            raise SessionError([*self.kept, *more])


def _header_order(header: list[str] | None, label: str) -> dict[str, int]:
    """Where each column is; SessionError unless every documented column is there once."""
    header = header or []
    twice = sorted({name for name in header if header.count(name) > 1})
    foreign = [name for name in header if name not in CSV_COLUMNS]
    missing = [name for name in CSV_COLUMNS if name not in header]
    problems = [f"{what} {', '.join(map(repr, names))}" for what, names in
                [("missing column(s)", missing), ("column(s) given twice:", twice),
                 ("column(s) not in the log:", foreign)] if names]  # fmt: skip
    if problems:
        allowed = f"the first line names each of these once: {', '.join(CSV_COLUMNS)}"
        raise SessionError([f"{label}, line 1: {'; '.join(problems)} ({allowed})"])
    return {name: header.index(name) for name in CSV_COLUMNS}


def read_chunks(handle: BinaryIO, label: str, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """The file's valid rows, chunk by chunk; SessionError at the end if any row was bad.

    Once a problem is found no more chunks are given, but the file is read to its end so
    every bad row is named. ``handle`` is a file opened in binary mode.
    """
    report, order = _Report(label), {}
    lines = RowLines(text_lines(handle))
    reader = csv.reader(lines, strict=True)
    rows_read = lines.rows(reader)
    try:
        order = _header_order(next(rows_read, None), label)
        seen: dict[str, tuple[int, bytes]] = {}  # session id: first line, values' digest
        counts: dict[str, int] = {}  # session id: sets so far
        while True:
            first_line = reader.line_num + 1
            if not (rows := list(islice(rows_read, chunk_rows))):
                break
            chunk = _check_chunk(rows, first_line, reader.line_num, order, seen, counts, report)
            if not report.kept:
                yield chunk
    except csv.Error as error:
        text, column = str(error), ""
        if "field larger than field limit" in text:
            text = f"a cell holds more than {csv.field_size_limit()} characters"
            place = long_cell("".join(lines.current), csv.field_size_limit())
            column = next((name for name, at in order.items() if at == place), "")
        report.add(reader.line_num, column, Problem("", f"this row cannot be read as CSV: {text}"))
    except Unreadable as error:
        report.add(error.line, "", Problem("", error.text, error.allowed))
    report.raise_any()


def _line_numbers(rows: list[list[str]], first_line: int, last_line: int) -> np.ndarray:
    """The line each row starts on: one line a row, unless a quoted cell holds line breaks."""
    if last_line - first_line + 1 == len(rows):
        return np.arange(first_line, last_line + 1)
    spans = np.fromiter((1 + sum(c.count("\n") for c in row) for row in rows), int, len(rows))
    return last_line + 1 - np.cumsum(spans[::-1])[::-1]


def _check_chunk(rows, first_line, last_line, order, seen, counts, report) -> Chunk:
    """Check a chunk of rows; the problems go to ``report``, the valid data is returned."""
    lines = _line_numbers(rows, first_line, last_line)
    widths = np.fromiter(map(len, rows), int, len(rows))
    for index in np.flatnonzero((widths != len(CSV_COLUMNS)) & (widths > 0)):
        text = f"this row has {widths[index]} cells"
        allowed = f"every row has {len(CSV_COLUMNS)} cells, one per column"
        report.add(int(lines[index]), "", Problem("", text, allowed))
    whole = widths == len(CSV_COLUMNS)  # blank lines are skipped
    lines = lines[whole]
    cells = list(zip(*[row for row, keep in zip(rows, whole, strict=True) if keep], strict=True))
    if not cells:
        return Chunk({}, {})
    columns = {name: np.array(cells[order[name]], dtype=object) for name in CSV_COLUMNS}
    sessions, row_uids = _check_sessions(columns, lines, seen, report)
    return Chunk(sessions, _check_sets(columns, row_uids, lines, counts, report))


def _parsed(column: str, cells: np.ndarray, lines: np.ndarray, report: _Report) -> np.ndarray:
    """A column's values, each distinct cell parsed once; its bad cells reported by line."""
    codes, distinct = pd.factorize(cells)
    values = np.empty(len(distinct), dtype=object)
    for code, cell in enumerate(distinct):
        values[code] = parse_cell(column, cell)
    bad = [code for code, value in enumerate(values) if isinstance(value, Problem)]
    if bad:
        for row in np.flatnonzero(np.isin(codes, bad)):
            report.add(int(lines[row]), column, values[codes[row]])
    return values[codes]


def _check_sets(columns: dict, row_uids, lines, counts, report) -> dict[str, np.ndarray]:
    """The sets of the rows that have one; a row with set values but no exercise is refused."""
    has_set = columns["exercise"] != ""
    empty_rows = ~has_set
    for name in SET_FIELDS[1:]:
        for row in np.flatnonzero(empty_rows & (columns[name] != "")):
            text = f"this row has a {field_label(name)} but no exercise"
            allowed = (
                "name the exercise, or leave every set column empty for a session without sets"
            )
            report.add(int(lines[row]), "exercise", Problem("exercise", text, allowed))
    sets = {"uid": row_uids[has_set], "position": _positions(row_uids[has_set], counts)}
    for name in SET_FIELDS:
        sets[name] = _parsed(name, columns[name][has_set], lines[has_set], report)
    return sets


def _positions(uids: np.ndarray, counts: dict[str, int]) -> np.ndarray:
    """Each set's place in its session, from 0, counting on from the chunks before."""
    series = pd.Series(uids, dtype=object)
    within = series.groupby(series, sort=False).cumcount().to_numpy()
    before = np.fromiter((counts.get(uid, 0) for uid in series.unique()), int)
    firsts = pd.factorize(series)[0]
    for uid, total in zip(series.unique(), before + np.bincount(firsts), strict=True):
        counts[uid] = int(total)
    return (before[firsts] + within).astype(object)


def _check_sessions(columns: dict, lines, seen: dict, report: _Report) -> tuple[dict, np.ndarray]:
    """The sessions a chunk starts, and each row's session id.

    A run of rows repeating the same session values is parsed once, at its first row.
    """
    starts = np.arange(len(lines)) == 0
    for name in HEAD_COLUMNS:
        starts[1:] |= columns[name][1:] != columns[name][:-1]
    head_lines = lines[starts]
    raw = [columns[name][starts] for name in HEAD_COLUMNS]
    heads = {
        field: _parsed(column, cells, head_lines, report)
        for field, column, cells in zip(HEAD_FIELDS, HEAD_COLUMNS, raw, strict=True)
    }
    first = np.zeros(len(head_lines), dtype=bool)
    for index, line in enumerate(head_lines):
        digest = struct.pack(f"{len(raw)}q", *(hash(cells[index]) for cells in raw))
        uid = heads["uid"][index]
        earlier = seen.setdefault(uid, (int(line), digest)) if isinstance(uid, str) else None
        first[index] = earlier is not None and earlier[0] == line
        if earlier is not None and earlier[1] != digest:
            _report_disagreement(uid, earlier, digest, int(line), report)
        ended, started = heads["ended_at"][index], heads["started_at"][index]
        if isinstance(ended, datetime) and isinstance(started, datetime) and ended < started:
            problem = Problem("ended_at", "the session can't end before it started")
            report.add(int(line), "ended_at", problem)
    return _session_values(heads, first), heads["uid"][np.cumsum(starts) - 1]


def _report_disagreement(uid, earlier, digest, line, report) -> None:
    size = len(HEAD_COLUMNS)
    before, now = struct.unpack(f"{size}q", earlier[1]), struct.unpack(f"{size}q", digest)
    column = next(name for name, a, b in zip(HEAD_COLUMNS, before, now, strict=True) if a != b)
    text = f"the rows of session {uid} disagree about the {field_label(FIELD_OF_COLUMN[column])}"
    allowed = f"give every row of a session the same session values as line {earlier[0]}"
    report.add(line, column, Problem(FIELD_OF_COLUMN[column], text, allowed))


def _session_values(heads: dict, first: np.ndarray) -> dict[str, np.ndarray]:
    values = {name: cells[first] for name, cells in heads.items()}
    texts: dict[int, str | None] = {id(None): None}  # sessions share their parsed snapshot
    for snapshot in values["prescription"]:
        if id(snapshot) not in texts:
            texts[id(snapshot)] = None if isinstance(snapshot, Problem) else json.dumps(snapshot)
    values["prescription"] = np.array([texts[id(p)] for p in values["prescription"]], dtype=object)
    return values


def read_sessions(source: str | bytes | BinaryIO, label: str) -> list[SessionRecord]:
    """Sessions from CSV text (or a binary file); SessionError naming every bad row.

    Examples
    --------
    >>> text = write_sessions([SessionRecord("Sam", "=daily", datetime(2026, 1, 5, tzinfo=UTC),
    ...                                      uid="s1")])
    >>> [(s.client, s.routine, s.uid) for s in read_sessions(text, "log.csv")]
    [('Sam', '=daily', 's1')]
    """
    if isinstance(source, str | bytes):
        source = io.BytesIO(source.encode() if isinstance(source, str) else source)
    heads: dict[str, dict] = {}
    sets: dict[str, list[SetLog]] = {}
    for chunk in read_chunks(source, label):
        for index, uid in enumerate(chunk.sessions.get("uid", [])):
            head = {name: cells[index] for name, cells in chunk.sessions.items()}
            head["prescription"] = head["prescription"] and json.loads(head["prescription"])
            heads[uid] = head
        for index, uid in enumerate(chunk.sets.get("uid", [])):
            values = {name: chunk.sets[name][index] for name in SET_FIELDS}
            sets.setdefault(uid, []).append(SetLog(**values))
    return [SessionRecord(**head, sets=tuple(sets.get(uid, ()))) for uid, head in heads.items()]
