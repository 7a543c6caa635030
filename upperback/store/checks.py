"""The warning-signs checks: the answers, the all-clear after a yes, and when to ask again.

A client answers the warning signs before their first session and again every
:data:`~upperback.rules.safety.RED_FLAG_RECHECK_WEEKS` weeks. A "yes" keeps the timer closed
until a professional has seen the client; the all-clear is kept on the check it answers,
with who gave it (the client, or their coach) and the day the client was seen.

An urgent sign (:data:`~upperback.rules.safety.URGENT_FLAGS`) needs care the same day, so
the client's own word cannot clear it on the day it was ticked: from the next day on (in the
client's time zone) it can, and a coach may record the all-clear at any time.
:func:`clear_latest` is the one place a clearance is written, and :func:`awaits_clearance`
the one answer to "a sign answered yes and not cleared".
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, tzinfo
from typing import TypedDict

import sqlalchemy as sa

from upperback.rules.safety import RECHECK_AFTER, RED_FLAG_RECHECK_WEEKS, RED_FLAGS, URGENT_FLAGS
from upperback.store.changes import clear_check
from upperback.store.client_names import client_id, client_is
from upperback.store.schema import StoreError, as_utc, clients, red_flag_checks
from upperback.workbook import local_zone

__all__ = [
    "CLEARED_BY",
    "Check",
    "ClearanceError",
    "awaits_clearance",
    "check_from_row",
    "check_words",
    "clear_latest",
    "clearance_problem",
    "gate_reason",
    "insert_check",
    "latest_checks",
    "short_status",
    "standing_frame",
]

CLEARED_BY = ("client", "coach")  # who may give the all-clear after a yes
RECHECK = RECHECK_AFTER  # the older name, kept for code that imports it from here


class Check(TypedDict):
    """A stored check, as every reader of the log gets it (one shape, from one place)."""

    checked_at: datetime  # when the client answered (UTC)
    answers: dict[str, bool]  # each warning sign asked, ticked or not
    any_yes: bool
    urgent: bool  # an urgent sign was ticked
    ticked: list[str]  # the signs answered yes, urgent ones first
    cleared_at: datetime | None  # when the all-clear was recorded (UTC), None until then
    cleared_by: str | None  # "client" or "coach"; None until cleared
    seen_on: date | None  # the day a professional saw the client
    due_at: datetime  # when the signs are asked again


class ClearanceError(StoreError):
    """An all-clear that may not be recorded; the message says why and what to do."""


def insert_check(conn, client: str, answers: dict[str, bool]) -> bool:
    """Store a client's answers, dated now; True when any is yes."""
    unknown = set(answers) - set(RED_FLAGS)
    if unknown or not all(isinstance(v, bool) for v in answers.values()):
        raise ClearanceError(
            "These answers could not be kept: each warning sign is answered by ticking its "
            "box or leaving it empty, and only the signs listed here can be answered. Nothing "
            "was saved; reload the page and answer again."
        )
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


def _day(moment: datetime, zone: tzinfo | None) -> date:
    """The day ``moment`` falls on where the person is."""
    return moment.astimezone(zone or local_zone()).date()


def _urgent_same_day(check: Check, now: datetime, zone: tzinfo | None) -> bool:
    return check["urgent"] and _day(now, zone) <= _day(check["checked_at"], zone)


def clearance_problem(
    check: Check | None,
    *,
    by: str,
    seen_on: date | None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> str | None:
    """Why this all-clear may not be recorded, in a sentence; None when it may.

    Parameters
    ----------
    check : Check or None
        The client's latest check.
    by : {"client", "coach"}
        Who gives the all-clear.
    seen_on : date
        The day a professional saw the client: not before the day of the check, not later
        than today.
    now, zone : datetime and tzinfo, optional
        The moment and the time zone "today" is judged in (default: now, the workbook's zone).

    Examples
    --------
    >>> from datetime import date, datetime, UTC
    >>> check = {"checked_at": datetime(2026, 12, 3, 9, tzinfo=UTC), "any_yes": True,
    ...          "urgent": False}
    >>> clearance_problem(check, by="client", seen_on=date(2026, 12, 2),
    ...                   now=datetime(2026, 12, 4, tzinfo=UTC), zone=UTC)
    'The day you were seen cannot be before the day you answered the warning signs (3 Dec 2026): give the day a professional saw you since then.'
    """
    if by not in CLEARED_BY:
        raise ValueError(f"{by!r} cannot give an all-clear; use one of: {', '.join(CLEARED_BY)}")
    if check is None or not check["any_yes"]:
        return "There is no warning sign answered yes to clear."
    now = now or datetime.now(UTC)
    you = "you" if by == "client" else "the client"
    if not isinstance(seen_on, date) or isinstance(seen_on, datetime):
        return f"Give the day a professional saw {you}, as a date."
    checked_day, today = _day(check["checked_at"], zone), _day(now, zone)
    if seen_on < checked_day:
        return (
            f"The day {you} {'were' if by == 'client' else 'was'} seen cannot be before the "
            f"day {you} answered the warning signs ({checked_day:%-d %b %Y}): give the day a "
            f"professional saw {you} since then."
        )
    if seen_on > today:
        return (
            f"The day {you} {'were' if by == 'client' else 'was'} seen cannot be in the future "
            f"(today is {today:%-d %b %Y}): give a day that has passed, or today."
        )
    if by == "client" and _urgent_same_day(check, now, zone):
        return (
            "Chest pain or shortness of breath needs care today. Your own all-clear for it "
            "can be given from tomorrow; your coach can record it sooner."
        )
    return None


def clear_latest(
    conn,
    client: str,
    *,
    by: str,
    seen_on: date | None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> bool:
    """Record the all-clear on the client's latest check, if it had a yes: who and when.

    The one place a clearance is written. Returns False when the latest check had no yes
    (nothing to clear); raises :class:`ClearanceError` with the reason when the all-clear
    may not be recorded (see :func:`clearance_problem`).
    """
    found = conn.execute(latest_checks(client)).mappings().first()
    if found is None or not found["any_yes"]:
        return False
    now = now or datetime.now(UTC)
    problem = clearance_problem(check_from_row(found), by=by, seen_on=seen_on, now=now, zone=zone)
    if problem is not None:
        raise ClearanceError(f"{problem} Nothing was saved.")
    if not clear_check(conn, found["id"], by=by, seen_on=seen_on):
        # The clinic's server judges again by its own clock and the role that connected.
        raise ClearanceError(
            "The all-clear could not be recorded: the clinic's server refused it. Nothing "
            "was saved; try again tomorrow, or ask your coach to record it."
        )
    return True


def check_from_row(row) -> Check:
    """A stored check as the workbook shows it (see :class:`Check`)."""
    answers = json.loads(row["answers"])
    checked_at = as_utc(row["checked_at"])
    # Urgent signs first, then the list's order, then any sign the list no longer words so.
    ticked = [flag for flag in (*URGENT_FLAGS, *RED_FLAGS, *answers) if answers.get(flag)]
    return Check(
        checked_at=checked_at,
        answers=answers,
        any_yes=bool(row["any_yes"]),
        urgent=any(answers.get(flag) for flag in URGENT_FLAGS),
        ticked=list(dict.fromkeys(ticked)),
        cleared_at=as_utc(row["cleared_at"]),
        cleared_by=row["cleared_by"],
        seen_on=row["seen_on"],
        due_at=checked_at + RECHECK_AFTER,
    )


def awaits_clearance(
    check: Check | None, *, now: datetime | None = None, zone: tzinfo | None = None
) -> bool:
    """Whether a warning sign was answered yes and its all-clear has not taken effect.

    An urgent sign the client cleared on the day they ticked it (as logs from before
    version 5 may hold) takes effect the next day.
    """
    if check is None or not check["any_yes"]:
        return False
    if check["cleared_at"] is None:
        return True
    return check.get("cleared_by") != "coach" and _urgent_same_day(
        check, now or datetime.now(UTC), zone
    )


def gate_reason(
    check: Check | None, *, now: datetime | None = None, zone: tzinfo | None = None
) -> str | None:
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
    if not awaits_clearance(check, now=now, zone=zone):
        return None
    if _urgent_same_day(check, now, zone):
        return (
            "You ticked chest pain or shortness of breath: the timer stays closed today. "
            "From tomorrow it opens once you confirm below that a professional has seen you, "
            "or when your coach records the all-clear."
        )
    return (
        "You ticked a warning sign: the timer stays closed until a professional has seen "
        "you and you confirm it below, with the day you were seen."
    )


def short_status(
    check: Check | None, *, now: datetime | None = None, zone: tzinfo | None = None
) -> str:
    """A client's warning-signs standing in a few words, for a narrow table.

    Examples
    --------
    >>> short_status(None)
    'never checked'
    """
    now = now or datetime.now(UTC)
    if check is None:
        return "never checked"
    if awaits_clearance(check, now=now, zone=zone):
        return f"{'urgent' if check['urgent'] else 'yes'}: not cleared"
    if now >= check["due_at"]:
        return "due again"
    if not check["any_yes"]:
        return "all no"
    return f"yes: cleared by {check['cleared_by'] or 'client'} {_short_day(check)}"


def _short_day(check: Check) -> str:
    seen = check["seen_on"] or check["cleared_at"].date()
    return f"{seen:%-d %b}"


def check_words(
    check: Check | None, *, now: datetime | None = None, zone: tzinfo | None = None
) -> str:
    """A client's latest check in full words: when, the signs ticked (urgent first), whether
    and by whom they were cleared, and when the signs are asked again.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> check = {"checked_at": datetime(2026, 8, 3, 9, tzinfo=UTC), "any_yes": False,
    ...          "urgent": False, "ticked": [], "cleared_at": None,
    ...          "due_at": datetime(2026, 10, 26, 9, tzinfo=UTC)}
    >>> check_words(check, now=datetime(2026, 11, 25, tzinfo=UTC), zone=UTC)
    'checked 3 Aug 2026: all no; due again since 26 Oct 2026'
    """
    now = now or datetime.now(UTC)
    if check is None:
        return "never checked"
    checked_day = _day(check["checked_at"], zone)
    if not check["any_yes"]:
        answer = "all no"
    else:
        signs = "; ".join(
            f"{sign} (urgent)" if sign in URGENT_FLAGS else sign for sign in check["ticked"]
        )
        answer = f"answered yes to {signs}"
        if check["cleared_at"] is None:
            answer += ", not cleared yet"
        else:
            who = "their coach" if check.get("cleared_by") == "coach" else "the client"
            seen = check.get("seen_on")
            answer += f", cleared by {who}" + (f", seen on {seen:%-d %b %Y}" if seen else "")
            if awaits_clearance(check, now=now, zone=zone):
                answer += " (the timer opens from the next day)"
    due = _day(check["due_at"], zone)
    when = (
        f"due again since {due:%-d %b %Y}"
        if now >= check["due_at"]
        else f"due again {due:%-d %b %Y}"
    )
    return f"checked {checked_day:%-d %b %Y}: {answer}; {when}"


def standing_frame(latest_rows, names: list[str]):
    """Each client's warning-signs standing as a DataFrame (see ``Store.red_flag_summary``),
    from their latest checks' rows and every client's name."""
    import pandas as pd

    latest = {row["client"]: check_from_row(row) for row in latest_rows}
    now, rows = datetime.now(UTC), []
    for name in names:
        check = latest.get(name)
        row = {"client": name, "any_yes": False, "urgent": False, "due": True}
        if check is not None:
            row |= {key: value for key, value in check.items() if key != "answers"}
            row |= {
                "cleared": check["cleared_at"] is not None,
                "waiting": awaits_clearance(check, now=now),
                "due": now >= check["due_at"],
            }
        rows.append(row | {"status": short_status(check, now=now)})
    columns = [
        "client",
        "checked_at",
        "any_yes",
        "urgent",
        "ticked",
        "cleared",
        "waiting",
        "cleared_at",
        "cleared_by",
        "seen_on",
        "due_at",
        "due",
        "status",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("checked_at", "cleared_at", "due_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    for column in ("cleared", "waiting"):
        frame[column] = frame[column].astype("boolean").fillna(False).astype(bool)
    return frame
