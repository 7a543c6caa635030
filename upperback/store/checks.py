"""The warning-signs checks: the answers, a professional's all-clear, and when to ask again.

A client answers the warning signs before their first session and again every
:data:`~upperback.rules.safety.RED_FLAG_RECHECK_WEEKS` weeks. A "yes" keeps the timer closed
until the client confirms a professional has seen them; that confirmation is kept, dated,
on the check it answers. An urgent sign (chest pain, breathlessness) keeps it closed for the
rest of that day whatever the client confirms: it calls for urgent care, not exercise.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from upperback.rules.safety import RED_FLAG_RECHECK_WEEKS, RED_FLAGS, URGENT_FLAGS
from upperback.sessions import SessionError
from upperback.store.changes import clear_check
from upperback.store.schema import as_utc, client_id, client_is, clients, red_flag_checks
from upperback.workbook import local_zone

__all__ = [
    "check_from_row",
    "clear_latest",
    "gate_reason",
    "insert_check",
    "latest_checks",
    "standing_frame",
    "urgent_today",
]

RECHECK = timedelta(weeks=RED_FLAG_RECHECK_WEEKS)


def insert_check(conn, client: str, answers: dict[str, bool]) -> bool:
    """Store a client's answers, dated now; True when any is yes."""
    unknown = set(answers) - set(RED_FLAGS)
    if unknown or not all(isinstance(v, bool) for v in answers.values()):
        raise SessionError(["field 'answers': answer yes or no to the listed signs only"])
    any_yes = any(answers.values())
    conn.execute(
        red_flag_checks.insert().values(
            client_id=client_id(conn, client),
            checked_at=datetime.now(UTC),
            answers=json.dumps(answers),
            any_yes=any_yes,
        )
    )
    return any_yes


def latest_checks(client: str | None = None):
    """A query for each client's latest check (one client's, or everyone's), with the name."""
    newest = (
        sa.select(
            red_flag_checks,
            clients.c.name.label("client"),
            sa.func.row_number()
            .over(
                partition_by=red_flag_checks.c.client_id,
                order_by=(red_flag_checks.c.checked_at.desc(), red_flag_checks.c.id.desc()),
            )
            .label("newness"),
        )
        .join(clients)
        .where(sa.true() if client is None else client_is(client))
        .subquery()
    )
    return sa.select(newest).where(newest.c.newness == 1).order_by(newest.c.client)


def clear_latest(conn, client: str) -> bool:
    """Mark the client's latest check, if it had a yes, as seen by a professional now.

    Returns False when there is no such check (nothing to clear).
    """
    found = conn.execute(latest_checks(client)).mappings().first()
    if found is None or not found["any_yes"]:
        return False
    return clear_check(conn, found["id"])


def check_from_row(row) -> dict:
    """A stored check as the workbook shows it.

    Keys: ``checked_at``, ``answers``, ``any_yes``, ``urgent`` (a sign that needs care
    today), ``cleared_at`` (None until a professional's all-clear) and ``due_at`` (when to
    ask again).
    """
    answers = json.loads(row["answers"])
    checked_at = as_utc(row["checked_at"])
    return {
        "checked_at": checked_at,
        "answers": answers,
        "any_yes": bool(row["any_yes"]),
        "urgent": any(answers.get(flag) for flag in URGENT_FLAGS),
        "cleared_at": as_utc(row["cleared_at"]),
        "due_at": checked_at + RECHECK,
    }


def gate_reason(check: dict | None, *, now: datetime | None = None) -> str | None:
    """Why a client may not start the timer yet, in a sentence; None when they may.

    Examples
    --------
    >>> gate_reason(None)
    'Answer the warning signs below first: the timer opens once they are answered.'
    """
    now = now or datetime.now(UTC)
    if check is None:
        return "Answer the warning signs below first: the timer opens once they are answered."
    if now >= check["due_at"]:
        return (
            f"It is {RED_FLAG_RECHECK_WEEKS} weeks or more since you last answered the warning "
            "signs: answer them again below, and the timer opens."
        )
    if urgent_today(check, now=now):
        return (
            "You ticked chest pain or shortness of breath today. That needs urgent medical "
            "care today, not exercise: the timer stays closed until tomorrow at the earliest, "
            "and opens once a professional has seen you."
        )
    if check["any_yes"] and check["cleared_at"] is None:
        return (
            "You ticked a warning sign: the timer stays closed until a professional has seen "
            "you and you confirm it below."
        )
    return None


def urgent_today(check: dict | None, *, now: datetime | None = None) -> bool:
    """True while it is still the day (in the person's time zone) an urgent sign was ticked.

    Examples
    --------
    >>> ticked = {"urgent": True, "checked_at": datetime(2026, 3, 2, 9, tzinfo=UTC)}
    >>> urgent_today(ticked, now=datetime(2026, 3, 2, 10, tzinfo=UTC))
    True
    >>> urgent_today(ticked, now=datetime(2026, 3, 4, 10, tzinfo=UTC))
    False
    """
    if not check or not check.get("urgent"):
        return False
    zone = local_zone()
    now = now or datetime.now(UTC)
    return now.astimezone(zone).date() <= check["checked_at"].astimezone(zone).date()


def standing_frame(latest_rows, names: list[str]):
    """Each client's warning-signs standing as a DataFrame (see ``Store.red_flag_summary``),
    from their latest checks' rows and every client's name."""
    import pandas as pd

    latest = {row["client"]: check_from_row(row) for row in latest_rows}
    now, rows = datetime.now(UTC), []
    for name in names:
        check = latest.get(name)
        if check is None:
            rows.append({"client": name, "any_yes": False, "urgent": False, "due": True})
            continue
        rows.append({"client": name, **{k: v for k, v in check.items() if k != "answers"},
                     "cleared": check["cleared_at"] is not None,
                     "due": now >= check["due_at"]})  # fmt: skip
    columns = ["client", "checked_at", "any_yes", "urgent", "cleared", "cleared_at",
               "due_at", "due"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("checked_at", "cleared_at", "due_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["cleared"] = frame["cleared"].astype("boolean").fillna(False).astype(bool)
    return frame
