"""Add to my calendar: the time, days and alarm of a routine's reminder, and its file.

The file is made again whenever a choice changes, so the link always holds what is shown.
Opening it adds a weekly event to the person's own calendar (phone or computer), which
reminds them even when the workbook is closed.
"""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo, available_timezones

import anywidget
import ipywidgets as w
import traitlets

from upperback.html import download_link_html, status_html
from upperback.reminders import (
    ALARM_LIMITS,
    WEEKDAYS,
    CalendarError,
    calendar_file_name,
    reminder_text,
    routine_calendar,
    suggested_days,
    zone_name,
)
from upperback.routines import CheckedRoutine
from upperback.text import frequency_text
from upperback.widgets.common import tag
from upperback.workbook import SettingsError, local_zone

__all__ = ["CalendarReminder"]

INTRO = (
    "A reminder your own phone or computer keeps: choose the time, the days and the alarm, "
    "then open the file to add it to your calendar. When your routine changes, add its new "
    "file: it updates the same reminder."
)
DEFAULT_TIME = time(7, 30)
# A link that reads as one wherever it is shown (Voila styles no links in a widget).
LINK_STYLE = "color:#1d4ed8;text-decoration:underline;font-weight:bold"


def _workbook_zone() -> tuple[str, bool]:
    """The zone to start from, and whether the person set it in their settings."""
    try:
        zone = local_zone()
    except SettingsError:  # the settings' zone is shown as broken where it is set
        return "", False
    return zone_name(zone), isinstance(zone, ZoneInfo)  # else the computer's own


class BrowserZone(anywidget.AnyWidget):
    """The time zone of the browser the page is open in: the person's phone or computer.

    On a shared hub the server's clock is rarely the client's, so the reminder starts from
    the zone their own device keeps, unless their settings name one.
    """

    _esm = """export default { render({ model }) {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      if (zone && model.get("zone") !== zone) { model.set("zone", zone); model.save_changes(); }
    } };"""
    zone = traitlets.Unicode("", help="the browser's zone, such as Europe/London").tag(sync=True)


def _mark(change) -> None:
    button = change["owner"]
    button.icon, button.button_style = ("check", "info") if change["new"] else ("", "")


class CalendarReminder(w.VBox):
    """The reminder's choices and a link to its calendar file, for the routine in ``checked``.

    Parameters
    ----------
    client : str, default=""
        Whose reminder it is: with the routine's name, it keeps the event the same from
        one version of the routine to the next.

    Set ``checked`` (and ``version``) to the routine; ``ics`` holds the file the link carries,
    or nothing while a choice cannot be used (the status line says why).

    Examples
    --------
    >>> from upperback.queries import Library
    >>> from upperback.routine_files import starter_routine
    >>> from upperback.routines import check_routine
    >>> library = Library.load(user=False)
    >>> reminder = CalendarReminder(client="Sam")
    >>> reminder.zone.value = "Europe/London"
    >>> reminder.checked = check_routine(starter_routine("daily-bridge"), library)
    >>> reminder.ics.startswith(b"BEGIN:VCALENDAR")
    True
    >>> reminder.time.value = None
    >>> reminder.ics, "Choose a time of day" in reminder.status.value
    (b'', True)
    """

    checked = traitlets.Instance(CheckedRoutine, allow_none=True, help="the routine reminded")
    version = traitlets.Int(1, help="the routine's version: a newer one updates the event")
    ics = traitlets.Bytes(b"", help="the calendar file the link holds; empty when none")

    def __init__(self, *, client: str = ""):
        self.client, self._quiet, self._zone_from_browser = client, False, False
        self.time = w.TimePicker(value=DEFAULT_TIME, description="Time")
        self.days = [
            w.ToggleButton(description=WEEKDAYS[day][:3], tooltip=WEEKDAYS[day], value=False)
            for day in WEEKDAYS
        ]
        start_zone, self._zone_kept = _workbook_zone()
        self.zone = w.Combobox(
            value=start_zone,
            options=sorted(available_timezones()),
            placeholder="such as Europe/London",
            description="My time zone",
        )
        low, high = ALARM_LIMITS
        self.alarm = w.BoundedIntText(
            value=10, min=low, max=high, description="Alarm, minutes before"
        )
        self.link, self.status = w.HTML(), w.HTML()
        tag(self, "calendar", "time", "zone", "alarm", "link", "status")
        for control in (self.time, self.zone, self.alarm):
            control.style.description_width = "auto"
        self.browser = BrowserZone(layout=w.Layout(display="none"))
        self.browser.observe(self._browser_zone, names="zone")
        self.zone.observe(self._zone_typed, names="value")
        for day in self.days:  # a chosen day is marked by its tick, not by colour alone
            day.observe(_mark, names="value")
        for control in (self.time, self.zone, self.alarm, *self.days):
            control.observe(self._render, names="value")
        days = w.HBox(self.days, layout=w.Layout(flex_flow="row wrap"))
        days.add_class("upperback-calendar-days")
        for day in self.days:
            day.layout.width, day.layout.min_width = "auto", "4.5em"
        super().__init__(
            [
                w.HTML(INTRO),
                self.time,
                w.HTML("Days"),
                days,
                self.zone,
                self.alarm,
                self.link,
                self.status,
                self.browser,
            ]
        )
        self.add_class("upperback-calendar")

    def _zone_typed(self, change) -> None:
        if not self._zone_from_browser:
            self._zone_kept = True  # the person's own choice: the browser's does not replace it

    def _browser_zone(self, change) -> None:
        if self._zone_kept or change["new"] not in self.zone.options:
            return
        self._zone_from_browser = True
        try:
            self.zone.value = change["new"]
        finally:
            self._zone_from_browser = False

    @property
    def chosen_days(self) -> list[str]:
        return [day for day, button in zip(WEEKDAYS, self.days, strict=True) if button.value]

    @traitlets.observe("checked")
    def _routine_changed(self, change=None) -> None:
        """A new routine starts from its own days a week, spread through the week."""
        if self.checked is not None:
            spread = suggested_days(self.checked.routine.days_per_week)
            self._quiet = True
            try:
                for day, button in zip(WEEKDAYS, self.days, strict=True):
                    button.value = day in spread
            finally:
                self._quiet = False
        self._render()

    @traitlets.observe("version")
    def _render(self, change=None) -> None:
        if self._quiet:
            return
        if self.checked is None:
            self.ics, self.link.value, self.status.value = b"", "", ""
            return
        try:
            self.ics = routine_calendar(
                self.checked,
                at=self.time.value,
                zone=self.zone.value,
                days=self.chosen_days,
                version=self.version,
                alarm_minutes=self.alarm.value,
                client=self.client,
            )
        except CalendarError as error:
            self.ics, self.link.value = b"", ""
            self.status.value = status_html("error", f"No calendar file yet: {error}")
            return
        self._show_link()

    def _show_link(self) -> None:
        name = calendar_file_name(self.checked)
        self.link.value = download_link_html(
            self.ics,
            name,
            mime="text/calendar",
            css="upperback-calendar-download",
            words=f"Add to my calendar: download {name}",
            style=LINK_STYLE,
        )
        routine = self.checked.routine
        when = reminder_text(self.chosen_days, self.time.value, self.zone.value, self.alarm.value)
        said = f"{routine.name}: {when}."
        asked = len(suggested_days(routine.days_per_week))
        if len(self.chosen_days) != asked:
            said += f" Your routine asks for {asked} days a week."
        if routine.times_per_day > 1:
            said += f" Your routine is {frequency_text(routine)}: this is for the first each day."
        self.status.value = status_html("ok", said)
