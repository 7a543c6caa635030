"""The "Add to my calendar" file, read back with the icalendar library as a phone would."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from upperback.queries import Library
from upperback.reminders import (
    CalendarError,
    calendar_file_name,
    days_text,
    routine_calendar,
    suggested_days,
)
from upperback.routines import Routine, RoutineItem, check_routine
from upperback.rules.safety import SAFETY_NOTE

LIBRARY = Library.load(user=False)
MONDAY = date(2026, 3, 23)  # the week before the clocks go forward in London
CORE = Routine(
    "Sam's core",
    items=(RoutineItem("plank", sets=2, hold_seconds=30), RoutineItem("can-openers")),
    client="Sam",
    days_per_week=3,
)


def read(routine=CORE, **options):
    settings = {"at": time(7, 30), "zone": "Europe/London", "start": MONDAY, "library": LIBRARY}
    ics = routine_calendar(routine, **{**settings, **options})
    calendar = icalendar.Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def occurrences(event, count):
    """The first sessions the event's rule gives, as a calendar app works them out."""
    from dateutil.rrule import rrulestr

    start = event["DTSTART"].dt
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return list(rule[:count])


def test_the_event_falls_on_the_routine_days_at_the_chosen_time():
    _, event = read()
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    start = event["DTSTART"].dt
    assert (start.date(), start.time()) == (MONDAY, time(7, 30))
    assert [d.strftime("%a") for d in occurrences(event, 6)] == ["Mon", "Wed", "Fri"] * 2


def test_the_event_is_in_the_client_zone_with_its_rules():
    calendar, event = read(zone="America/New_York")
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "America/New_York"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_session_stays_at_the_same_clock_time_across_the_change_to_summer_time():
    _, event = read()  # London's clocks go forward on Sunday 29 March 2026
    sessions = occurrences(event, 6)
    assert [s.time() for s in sessions] == [time(7, 30)] * 6
    offsets = [s.utcoffset() for s in sessions]
    assert offsets == [timedelta(0)] * 3 + [timedelta(hours=1)] * 3
    assert [s.astimezone(UTC).hour for s in sessions] == [7, 7, 7, 6, 6, 6]


def test_the_alarm_goes_before_the_session():
    _, event = read(alarm_minutes=15)
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-15)
    assert "Sam's core" in alarm["DESCRIPTION"]


def test_the_event_says_what_the_routine_is_and_how_long_it_takes():
    _, event = read()
    checked = check_routine(CORE, LIBRARY)
    assert event["SUMMARY"] == "Sam's core"
    minutes = event["DURATION"].dt / timedelta(minutes=1)
    assert minutes >= checked.minutes and minutes - checked.minutes < 1
    notes = event["DESCRIPTION"]
    assert "Plank: 2 holds of 30 s" in notes
    assert "Can openers" in notes
    assert "3 days a week" in notes
    assert SAFETY_NOTE in notes
    assert "chest pain or shortness of breath" in notes  # the warning signs the note names


def test_a_new_version_updates_the_same_event():
    _, first = read(version=1, now=datetime(2026, 3, 20, 9, tzinfo=UTC))
    harder = CORE.update(0, hold_seconds=45)
    changed = replace(harder, days_per_week=4)
    _, second = read(changed, version=2, now=datetime(2026, 3, 27, 9, tzinfo=UTC))
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second["DTSTAMP"].dt > first["DTSTAMP"].dt
    assert second["LAST-MODIFIED"].dt > first["LAST-MODIFIED"].dt
    assert second["RRULE"]["BYDAY"] == ["MO", "TU", "TH", "FR"]
    assert "2 holds of 45 s" in second["DESCRIPTION"]
    assert second["DURATION"].dt > first["DURATION"].dt


def test_another_client_or_routine_is_another_event():
    _, sam = read()
    _, ana = read(replace(CORE, client="Ana"))
    _, starter = read(replace(CORE, client=""), client="Sam")
    assert ana["UID"] != sam["UID"]
    assert starter["UID"] == sam["UID"]  # a starter the client runs is theirs, by their name


@pytest.mark.parametrize(
    ("days", "expected"),
    [(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 7), (["SU"], 1), (["FR", "MO"], 2)],
)
def test_the_client_picks_the_days(days, expected):
    _, event = read(days=days)
    assert len(event["RRULE"]["BYDAY"]) == expected
    sessions = occurrences(event, 14)
    assert {s.strftime("%a").upper()[:2] for s in sessions} == set(days)
    assert sessions[0].date() >= MONDAY


def test_the_first_session_is_the_first_chosen_day_from_the_start():
    _, event = read(days=["SU"])
    assert event["DTSTART"].dt.date() == date(2026, 3, 29)


@pytest.mark.parametrize("days_per_week", range(1, 8))
def test_the_days_a_week_are_spread_through_the_week(days_per_week):
    days = suggested_days(days_per_week)
    assert len(days) == days_per_week == len(set(days))
    _, event = read(replace(CORE, days_per_week=days_per_week))
    assert event["RRULE"]["BYDAY"] == list(days)


@pytest.mark.parametrize("at", [time(0, 0), time(23, 59)])
def test_midnight_and_a_minute_before(at):
    _, event = read(at=at, days=["MO"])
    start = event["DTSTART"].dt
    assert (start.date(), start.time()) == (MONDAY, at)
    assert event["DTSTART"].params["TZID"] == "Europe/London"


@pytest.mark.parametrize(
    "name", ["Core, week 2; harder", "Morning\nroutine", "背中のストレッチ", "Ρουτίνα: πλάτη, ώμοι"]
)
def test_any_routine_name_comes_back_as_written(name):
    calendar, event = read(replace(CORE, name=name))
    assert event["SUMMARY"] == name
    assert event["DESCRIPTION"].startswith(name)
    assert len(calendar.walk("VEVENT")) == 1  # nothing in the name broke the file apart


def test_the_library_escapes_what_would_break_the_file():
    ics = routine_calendar(
        replace(CORE, name="Core, week 2; harder\nevenings"),
        at=time(7),
        zone="UTC",
        library=LIBRARY,
    )
    assert b"SUMMARY:Core\\, week 2\\; harder\\nevenings\r\n" in ics
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))  # long lines folded


def test_the_file_name_is_safe_to_save():
    assert calendar_file_name(Routine("Core, week 2; harder\n")) == "core-week-2-harder.ics"
    assert calendar_file_name(Routine("!!!")) == "routine.ics"


def test_a_zone_object_works_as_its_name_does():
    _, by_name = read(zone="Asia/Tokyo")
    _, by_zone = read(zone=ZoneInfo("Asia/Tokyo"))
    assert by_zone["DTSTART"].dt == by_name["DTSTART"].dt


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"at": None}, "Choose a time of day"),
        ({"at": "7:30"}, "Choose a time of day"),
        ({"zone": "Mars/Olympus"}, "not a time zone"),
        ({"zone": ""}, "not a time zone"),
        ({"days": []}, "at least one day"),
        ({"days": ["Monday"]}, "not a day"),
        ({"alarm_minutes": -5}, "whole number from 0"),
        ({"alarm_minutes": 1.5}, "whole number from 0"),
    ],
)
def test_what_cannot_be_used_is_said_in_words(options, words):
    with pytest.raises(CalendarError, match=words):
        read(**options)


def test_days_in_words():
    assert days_text(["SU"]) == "Sunday"
    assert days_text(["WE", "MO"]) == "Monday and Wednesday"


def test_the_handout_says_when_and_carries_the_file(tmp_path):
    import base64
    import re

    from upperback.handout import handout_html, save_handout

    options = {"at": time(18, 0), "zone": "Europe/Paris", "days": ["TU", "TH"], "version": 2}
    path = save_handout(CORE, tmp_path / "sam.html", LIBRARY, reminder=options)
    page = path.read_text()
    assert "Tuesday and Thursday at 18:00 (Europe/Paris), with an alarm 10 minutes before" in page
    [encoded] = re.findall(
        r'download="sams-core.ics" href="data:text/calendar;base64,([^"]+)"', page
    )
    for ics in (base64.b64decode(encoded), (tmp_path / "sam.ics").read_bytes()):
        [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert event["RRULE"]["BYDAY"] == ["TU", "TH"]
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["SEQUENCE"] == 2
    assert "Safety first" in page  # the advice keeps its note
    assert "Add to my calendar" not in handout_html(CORE, LIBRARY)  # only when asked for
    save_handout(CORE, tmp_path / "plain.html", LIBRARY)
    assert not (tmp_path / "plain.ics").exists()


def test_without_its_extra_the_file_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if not installed
    with pytest.raises(CalendarError, match=r"install upperback\[calendar\]"):
        read()
