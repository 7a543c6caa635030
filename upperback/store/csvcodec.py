"""The log as CSV, one row per set: the interchange format of workout apps.

Writing and reading are exact inverses: text a spreadsheet would run as a formula is written
inert, and reading takes that guard off again. Reading checks every row and reports each bad
one by line and field; nothing here touches a database.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import UTC, datetime

from upperback.sessions import SessionError, SessionRecord, SetLog, validate_session

__all__ = ["CSV_COLUMNS", "read_sessions", "write_sessions"]

SET_FIELDS = [f.name for f in fields(SetLog)]
# A session without sets is one row with the set columns empty.
CSV_COLUMNS = [
    "session",
    "client",
    "routine",
    "started_at",
    "ended_at",
    "pain_before",
    "pain_after",
    "effort",
    "session_notes",
    "prescription",
    *SET_FIELDS,
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_sessions(sessions: Iterable[SessionRecord]) -> str:
    """Every set of every session as CSV text (one row per set)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
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
            "prescription": json.dumps(session.prescription) if session.prescription else "",
        }
        for logged in session.sets or [None]:
            row = dict(head)
            if logged is not None:
                row.update(asdict(logged))
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def read_sessions(handle, label: str) -> list[SessionRecord]:
    """Sessions from CSV text; SessionError naming every bad row by line and field."""
    parsed, problems = _parse_csv(handle, label)
    if problems:
        raise SessionError(problems)
    return parsed


def _cell(value):
    """A CSV cell: empty for missing, and text that a spreadsheet would run made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def _parse_csv(handle, label: str) -> tuple[list[SessionRecord], list[str]]:
    """Sessions from CSV rows, or the problems of every bad row by line and field."""
    reader = csv.DictReader(handle)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"{label}, line 1: missing column(s) {', '.join(missing)}"]
    problems: list[str] = []
    heads: dict[str, tuple[int, dict]] = {}
    grouped: dict[str, list[SetLog]] = {}
    for row in reader:
        line = reader.line_num
        try:
            head, logged = _parse_row(row)
        except (ValueError, json.JSONDecodeError) as error:
            problems.append(f"{label}, line {line}: {error}")
            continue
        try:
            validate_session(SessionRecord(**head, sets=(logged,) if logged else ()))
        except SessionError as error:
            problems += [f"{label}, line {line}: {p}" for p in error.problems]
        uid = head["uid"]
        if uid in heads and heads[uid][1] != head:
            problems.append(
                f"{label}, line {line}: the rows of session {uid} disagree about the session "
                f"(see line {heads[uid][0]})"
            )
        heads.setdefault(uid, (line, head))
        grouped.setdefault(uid, [])
        if logged is not None:
            grouped[uid].append(logged)
    sessions_found = [
        SessionRecord(**head, sets=tuple(grouped[uid])) for uid, (_, head) in heads.items()
    ]
    return sessions_found, problems


def _parse_row(row: dict) -> tuple[dict, SetLog | None]:
    """One row's session fields, and its set (None for a session without sets)."""
    uid = row["session"].strip()
    if not uid:
        raise ValueError("field 'session': give the session id")
    head = {
        "client": _text(row["client"]),
        "routine": _text(row["routine"]),
        "started_at": _parse_time(row["started_at"], "started_at"),
        "ended_at": _parse_time(row["ended_at"], "ended_at") if row["ended_at"] else None,
        "pain_before": _parse_number(row["pain_before"], "pain_before"),
        "pain_after": _parse_number(row["pain_after"], "pain_after"),
        "effort": _parse_number(row["effort"], "effort", float),
        "notes": _text(row["session_notes"]),
        "prescription": json.loads(row["prescription"]) if row["prescription"] else None,
        "uid": uid,
    }
    if not row["exercise"]:
        return head, None
    logged = SetLog(
        exercise=_text(row["exercise"]),
        set_number=_parse_number(row["set_number"], "set_number"),
        side=row["side"] or None,
        reps_planned=_parse_number(row["reps_planned"], "reps_planned"),
        reps_done=_parse_number(row["reps_done"], "reps_done"),
        hold_planned=_parse_number(row["hold_planned"], "hold_planned", float),
        hold_done=_parse_number(row["hold_done"], "hold_done", float),
        completed=_parse_bool(row["completed"]),
        note=_text(row["note"]),
    )
    return head, logged


def _parse_time(text: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"field '{name}': {text!r} is not a date and time (ISO 8601)") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _parse_number(text: str, name: str, kind=int):
    """An empty cell is missing; anything else must read as ``kind`` (int or float)."""
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"field '{name}': {text!r} is not {what}") from None


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value not in ("true", "false"):
        raise ValueError(f"field 'completed': {text!r}; use true or false")
    return value == "true"
