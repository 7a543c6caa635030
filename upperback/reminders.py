"""A routine as a reminder in the client's own calendar: an iCalendar (``.ics``) file.

One weekly event on the routine's days, at the time the client picks, in their time zone,
with an alarm before it. Its UID is the same for a client's routine whatever its version,
and its SEQUENCE is the version number, so a calendar that opens the file of a new version
updates the event it already has instead of adding a second one. The file is written by
the ``icalendar`` library (the ``calendar`` extra: ``pip install upperback[calendar]``).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from upperback.queries import Library
from upperback.routines import CheckedRoutine, Routine, check_routine
from upperback.rules.safety import RED_FLAGS, SAFETY_NOTE
from upperback.text import dose_text, frequency_text

__all__ = [
    "WEEKDAYS",
    "CalendarError",
    "calendar_file_name",
    "days_text",
    "reminder_text",
    "routine_calendar",
    "suggested_days",
    "zone_name",
]

# The days of the week as iCalendar names them (BYDAY), Monday first, and in words.
WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
# A routine says how many days a week, not which: these spread them through the week,
# with a day of rest between sessions where the week allows it.
SPREAD = {
    1: ("MO",),
    2: ("MO", "TH"),
    3: ("MO", "WE", "FR"),
    4: ("MO", "TU", "TH", "FR"),
    5: ("MO", "TU", "WE", "TH", "FR"),
    6: ("MO", "TU", "WE", "TH", "FR", "SA"),
    7: tuple(WEEKDAYS),
}
ALARM_LIMITS = (0, 24 * 60)  # minutes before the session
PRODUCT = "-//upperback//Add to my calendar//EN"
UID_SPACE = uuid.UUID("5d0c3f8e-1b7a-4c59-9a0e-2f6f3c1d7b22")  # upperback's own, made once


class CalendarError(ValueError):
    """A reminder that cannot be made; the message says what to choose instead."""


def suggested_days(days_per_week: int) -> tuple[str, ...]:
    """The days a routine of ``days_per_week`` days falls on until the client picks others.

    Examples
    --------
    >>> suggested_days(3)
    ('MO', 'WE', 'FR')
    """
    return SPREAD[min(max(int(days_per_week), 1), 7)]


def days_text(days: Sequence[str]) -> str:
    """The days in words, in the week's order.

    Examples
    --------
    >>> days_text(["FR", "MO", "WE"])
    'Monday, Wednesday and Friday'
    >>> days_text(list(WEEKDAYS))
    'every day'
    """
    names = [WEEKDAYS[day] for day in WEEKDAYS if day in days]
    if len(names) == 7:
        return "every day"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def reminder_text(days: Sequence[str], at: time, zone: tzinfo | str, alarm_minutes: int) -> str:
    """When the reminder comes, in words.

    Examples
    --------
    >>> reminder_text(["MO", "TH"], time(7, 30), "Europe/London", 10)
    'Monday and Thursday at 07:30 (Europe/London), with an alarm 10 minutes before'
    """
    name = zone if isinstance(zone, str) else zone_name(zone)
    alarm = "at the start" if alarm_minutes == 0 else f"{alarm_minutes} minutes before"
    return f"{days_text(days)} at {at:%H:%M} ({name}), with an alarm {alarm}"


def _zone(zone: tzinfo | str) -> ZoneInfo:
    if isinstance(zone, ZoneInfo):
        return zone
    if isinstance(zone, str) and zone.strip():
        try:
            return ZoneInfo(zone.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise CalendarError(
        f"{zone!s} is not a time zone a calendar knows; choose one by its name, such as "
        "Europe/London or America/New_York"
    )


def zone_name(zone: tzinfo) -> str:
    """The zone's name a calendar knows (``"Europe/London"``), or "" when it has none.

    Examples
    --------
    >>> from datetime import timezone
    >>> zone_name(ZoneInfo("Asia/Tokyo")), zone_name(UTC), zone_name(timezone(timedelta(hours=2)))
    ('Asia/Tokyo', 'UTC', '')
    """
    name = getattr(zone, "key", None) or zone.tzname(None) or ""
    try:
        return _zone(name).key
    except CalendarError:
        return ""


def _days(days: Sequence[str] | None, routine: Routine) -> list[str]:
    chosen = suggested_days(routine.days_per_week) if days is None else days
    unknown = [day for day in chosen if day not in WEEKDAYS]
    if unknown:
        raise CalendarError(
            f"{', '.join(map(str, unknown))} is not a day; use {', '.join(WEEKDAYS)}"
        )
    if not chosen:
        raise CalendarError("Choose at least one day of the week for the reminder.")
    return [day for day in WEEKDAYS if day in chosen]


def _check_time(at: object) -> time:
    if not isinstance(at, time):
        raise CalendarError("Choose a time of day for the reminder, such as 07:30.")
    return at.replace(second=0, microsecond=0, tzinfo=None)


def _check_alarm(minutes: object) -> int:
    low, high = ALARM_LIMITS
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise CalendarError(
            f"The alarm goes {minutes!s} minutes before; use a whole number from {low} to {high}."
        )
    return minutes


def first_day(days: Sequence[str], start: date) -> date:
    """The first of ``days`` on or after ``start``: the event's first session."""
    weekdays = [list(WEEKDAYS).index(day) for day in days]
    return min(start + timedelta((day - start.weekday()) % 7) for day in weekdays)


def description(checked: CheckedRoutine) -> str:
    """The event's notes: how often, each exercise and its dose, then the safety note."""
    routine = checked.routine
    lines = [f"{routine.name}: {frequency_text(routine)}, about {_minutes(checked)} minutes."]
    if routine.goal:
        lines.append(f"Goal: {routine.goal}")
    lines += [f"- {dose.name}: {dose_text(dose)}" for dose in checked.doses]
    lines += ["", f"Safety first. {SAFETY_NOTE}", "Warning signs: " + "; ".join(RED_FLAGS) + "."]
    return "\n".join(lines)


def _minutes(checked: CheckedRoutine) -> int:
    return max(1, math.ceil(checked.minutes))


def event_uid(routine: Routine, client: str = "") -> str:
    """The event's UID: the same for every version of one client's routine.

    Examples
    --------
    >>> one = event_uid(Routine("Core", client="Sam"))
    >>> one == event_uid(Routine("Core", client=" sam ", days_per_week=5))
    True
    >>> one == event_uid(Routine("Core", client="Ana"))
    False
    """
    who = (client or routine.client).strip().casefold()
    key = "\n".join((who, routine.name.strip()))
    return f"{uuid.uuid5(UID_SPACE, key)}@upperback"


def routine_calendar(
    routine: Routine | CheckedRoutine,
    *,
    at: time,
    zone: tzinfo | str,
    days: Sequence[str] | None = None,
    version: int = 1,
    alarm_minutes: int = 10,
    client: str = "",
    library: Library | None = None,
    start: date | None = None,
    now: datetime | None = None,
) -> bytes:
    """The routine as an iCalendar file: one weekly event, with an alarm before it.

    Parameters
    ----------
    routine : Routine or CheckedRoutine
        The routine; a plain Routine is checked against ``library`` (then required).
    at : datetime.time
        When the session starts on each of its days, in ``zone``.
    zone : ZoneInfo or str
        The client's time zone, such as ``"Europe/London"``; the file carries its rules.
    days : sequence of str, default=None
        The days as iCalendar names them (``"MO"`` ...); else :func:`suggested_days`.
    version : int, default=1
        The routine's version: the event's SEQUENCE, so a newer file updates the event.
    alarm_minutes : int, default=10
        How long before the session the alarm goes.
    client : str, default=""
        Whose routine it is, when the routine does not say; part of the event's UID.
    start, now : date and datetime, default=None
        The first day the reminder may fall on (today), and when the file is made (now).

    Raises ``CalendarError`` for a time, zone, day or alarm that cannot be used.

    Examples
    --------
    >>> from icalendar import Calendar
    >>> from upperback.routines import RoutineItem
    >>> routine = Routine("Core", items=(RoutineItem("plank"),), days_per_week=3)
    >>> ics = routine_calendar(routine, at=time(7, 30), zone="Europe/London",
    ...                        library=Library.load(user=False), start=date(2026, 3, 24))
    >>> event = Calendar.from_ical(ics).walk("VEVENT")[0]
    >>> event["RRULE"]["BYDAY"], event["DTSTART"].dt.isoformat()
    (['MO', 'WE', 'FR'], '2026-03-25T07:30:00+00:00')
    """
    icalendar = _icalendar()
    routine = _checked(routine, library)
    zone, chosen = _zone(zone), _days(days, routine.routine)
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    start = start or now.astimezone(zone).date()
    first = datetime.combine(first_day(chosen, start), _check_time(at), tzinfo=zone)
    event = _event(icalendar, routine, first, chosen)
    stamps = {"uid": event_uid(routine.routine, client), "sequence": max(int(version), 0)}
    for name, value in {**stamps, "dtstamp": now, "last-modified": now}.items():
        event.add(name, value)
    event.add_component(_alarm(icalendar, routine.routine.name, _check_alarm(alarm_minutes)))
    return _calendar(icalendar, event, zone, start).to_ical()


def _checked(routine: Routine | CheckedRoutine, library: Library | None) -> CheckedRoutine:
    if isinstance(routine, CheckedRoutine):
        return routine
    if library is None:
        raise TypeError("routine_calendar needs the library to check a Routine against")
    return check_routine(routine, library)


def _icalendar():
    try:
        import icalendar
    except ImportError:
        raise CalendarError(
            "Calendar files need the icalendar library: install upperback[calendar]"
        ) from None
    return icalendar


def _event(icalendar, checked: CheckedRoutine, first: datetime, days: list[str]):
    """The weekly event, from its first session on: what, when and for how long."""
    event = icalendar.Event()
    event.add("summary", checked.routine.name)
    event.add("dtstart", first)
    event.add("duration", timedelta(minutes=_minutes(checked)))
    event.add("rrule", {"freq": "weekly", "byday": days})
    event.add("description", description(checked))
    return event


def _calendar(icalendar, event, zone: ZoneInfo, start: date):
    """The file around the event, with the rules of its time zone from ``start`` on."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", zone.key)
    calendar.add_component(event)
    calendar.add_missing_timezones(first_date=start)
    return calendar


def _alarm(icalendar, name: str, minutes: int):
    """A reminder on the screen ``minutes`` before the session."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-minutes))
    alarm.add("description", f"{name}: time for your routine")
    return alarm


def calendar_file_name(routine: Routine | CheckedRoutine) -> str:
    """The file's name, from the routine's, in letters, digits and dashes.

    Examples
    --------
    >>> calendar_file_name(Routine("Sam's core, week 2"))
    'sams-core-week-2.ics'
    """
    name = routine.routine.name if isinstance(routine, CheckedRoutine) else routine.name
    kept = name.casefold().replace("'", "").replace("\u2019", "")  # "Sam's" is "sams"
    slug = "-".join("".join(c if c.isalnum() else " " for c in kept).split())
    return f"{slug or 'routine'}.ics"
