"""The clients' ratings of their activities as CSV, one row per activity rated: exported
and imported again without loss.

Text a spreadsheet would run as a formula is written with a leading ``'``, and reading
takes exactly that ``'`` off again (as the sessions' CSV does). Reading is strict: the
header is :data:`FUNCTION_CSV_COLUMNS`, and every check passes the rules a form keeps;
each refusal names the file and line. Nothing here touches a database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from upperback.function_checks import FunctionCheck, function_check_problems
from upperback.store.schema import StoreError

__all__ = ["FUNCTION_CSV_COLUMNS", "read_function_checks", "write_function_checks"]

FUNCTION_CSV_COLUMNS = ["client", "checked_at", "activity", "rating"]
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def _guard(text: str) -> str:
    return "'" + text if text.startswith(GUARDED_STARTS) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(GUARDED_STARTS) else text


def write_function_checks(checks: Iterable[FunctionCheck]) -> str:
    """Every rating of every check as CSV text (CRLF line ends), in the client's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FUNCTION_CSV_COLUMNS)
    for check in checks:
        for activity, rating in check.ratings:
            when = check.checked_at.isoformat()
            writer.writerow([_guard(check.client), when, _guard(activity), rating])
    return buffer.getvalue()


def read_function_checks(text: str, source: str) -> list[FunctionCheck]:
    """The checks a CSV export holds (rows of one client and time are one check).

    Raises
    ------
    StoreError
        Naming ``source`` and the line of each problem; then nothing should be written.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != FUNCTION_CSV_COLUMNS:
        raise StoreError(
            f"{source} is not an export of activity ratings: its first line should be "
            f"{', '.join(FUNCTION_CSV_COLUMNS)}. Nothing was imported."
        )
    grouped: dict[tuple[str, str], tuple[int, list]] = {}
    problems = []
    for line, row in enumerate(reader, start=2):
        if len(row) != len(FUNCTION_CSV_COLUMNS):
            problems.append(
                f"{source}, line {line}: give a client, a time, an activity and a rating."
            )
            continue
        client, when, activity, rating = row
        _first, ratings = grouped.setdefault((_unguard(client), when), (line, []))
        ratings.append((_unguard(activity), _whole(rating)))
    checks = []
    for (client, when), (line, ratings) in grouped.items():
        check = FunctionCheck(client, _moment(when), tuple(ratings))
        problems += [f"{source}, line {line}: {p}" for p in function_check_problems(check)]
        checks.append(check)
    if problems:
        raise StoreError(" ".join(problems[:20]) + " Nothing was imported.")
    return checks


def _whole(cell: str):
    """A rating's cell as a whole number; anything else as given, for the checks to refuse."""
    try:
        return int(cell.strip())
    except ValueError:
        return cell


def _moment(cell: str):
    try:
        return datetime.fromisoformat(cell.strip())
    except ValueError:
        return cell
