"""Add to my calendar, as the client uses it: choose, and take the file the link holds."""

import base64
import re
from datetime import time, timedelta

import icalendar
import pytest

from upperback.routine_files import starter_routine
from upperback.routines import check_routine
from upperback.widgets import CalendarReminder
from upperback.workbook import save_timezone


@pytest.fixture
def reminder(library):
    view = CalendarReminder(client="Sam")
    view.zone.value = "Europe/London"
    view.checked = check_routine(starter_routine("daily-bridge"), library)
    return view


def linked_event(view):
    """The event in the file the link hands the browser (not the view's own copy)."""
    [encoded] = re.findall(r'href="data:text/calendar;base64,([^"]+)"', view.link.value)
    [event] = icalendar.Calendar.from_ical(base64.b64decode(encoded)).walk("VEVENT")
    return event


def press(view, *days):
    """Leave only ``days`` pressed ("Mon", "Sun" ...), as a client clicking would."""
    for button in view.days:
        button.value = button.description in days


def test_a_routine_opened_comes_with_its_days_and_a_link(reminder):
    routine = reminder.checked.routine
    pressed = [b.description for b in reminder.days if b.value]
    assert len(pressed) == routine.days_per_week
    assert all(b.icon == "check" for b in reminder.days if b.value)  # seen without colour
    assert 'download="daily-bridge.ics"' in reminder.link.value
    assert "Add to my calendar" in reminder.link.value
    event = linked_event(reminder)
    assert event["SUMMARY"] == routine.name
    assert event["DTSTART"].dt.time() == time(7, 30)


def test_each_choice_changes_the_file(reminder):
    reminder.time.value = time(18, 45)
    press(reminder, "Tue", "Sat")
    reminder.zone.value = "Australia/Sydney"
    reminder.alarm.value = 30
    event = linked_event(reminder)
    assert event["DTSTART"].dt.time() == time(18, 45)
    assert event["DTSTART"].params["TZID"] == "Australia/Sydney"
    assert event["RRULE"]["BYDAY"] == ["TU", "SA"]
    [alarm] = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    words = reminder.status.value
    assert "Tuesday and Saturday at 18:45 (Australia/Sydney)" in words
    assert "30 minutes before" in words


def test_a_new_version_keeps_the_event_and_raises_its_sequence(reminder):
    first = linked_event(reminder)
    reminder.version = 3
    second = linked_event(reminder)
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == 3 > first["SEQUENCE"]


@pytest.mark.parametrize(
    ("choose", "words"),
    [
        (lambda view: setattr(view.time, "value", None), "Choose a time of day"),
        (lambda view: setattr(view.zone, "value", "Moon/Base"), "not a time zone"),
        (lambda view: press(view), "at least one day"),
    ],
)
def test_a_choice_that_cannot_be_used_says_so_and_takes_the_link_away(reminder, choose, words):
    choose(reminder)
    assert reminder.link.value == ""
    assert reminder.ics == b""
    assert "No calendar file yet" in reminder.status.value
    assert words in reminder.status.value


def test_more_or_fewer_days_than_the_routine_asks_are_named(reminder):
    press(reminder, "Mon")
    assert "asks for" in reminder.status.value
    assert linked_event(reminder)["RRULE"]["BYDAY"] == ["MO"]


def test_the_zone_starts_as_the_workbook_zone(library):
    save_timezone("America/Chicago")
    view = CalendarReminder()
    view.checked = check_routine(starter_routine("daily-bridge"), library)
    assert view.zone.value == "America/Chicago"
    assert linked_event(view)["DTSTART"].params["TZID"] == "America/Chicago"


def test_every_control_has_a_name_a_person_reads(reminder):
    named = [reminder.time, reminder.zone, reminder.alarm, *reminder.days]
    assert all(control.description for control in named)
    assert [b.tooltip for b in reminder.days][:2] == ["Monday", "Tuesday"]


def test_a_routine_done_more_than_once_a_day_says_the_reminder_is_for_one(library):
    from dataclasses import replace

    view = CalendarReminder()
    view.zone.value = "Europe/London"
    twice = replace(starter_routine("daily-bridge"), times_per_day=2)
    view.checked = check_routine(twice, library)
    assert "twice a day, every day: this is for the first each day" in view.status.value


def test_the_zone_is_the_one_the_client_device_keeps(library):
    """On a hub the server's clock is not the client's: their browser says their zone."""
    view = CalendarReminder()
    view.checked = check_routine(starter_routine("daily-bridge"), library)
    view.browser.zone = "Pacific/Auckland"  # as the page reports it once shown
    assert view.zone.value == "Pacific/Auckland"
    assert linked_event(view)["DTSTART"].params["TZID"] == "Pacific/Auckland"
    view.zone.value = "Europe/Lisbon"  # the client's own choice
    view.browser.zone = "Asia/Tokyo"  # a page shown again elsewhere does not undo it
    assert view.zone.value == "Europe/Lisbon"


def test_a_zone_the_workbook_settings_name_wins_over_the_device(library):
    save_timezone("America/Chicago")
    view = CalendarReminder()
    view.browser.zone = "Pacific/Auckland"
    assert view.zone.value == "America/Chicago"
