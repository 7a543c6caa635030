"""Add to my calendar in a real browser: the client picks a time and downloads the file."""

from __future__ import annotations

from datetime import time

import icalendar
import pytest

from tests.browser.servers import shot
from tests.browser.test_browser import (
    WAIT,
    choose,
    open_my_workbook,
    pass_the_warning_signs,
    text,
)

TIMER = ".upperback-timerpage "


@pytest.fixture
def in_london(browser):
    """A client's browser in London, whatever the server's clock says."""
    viewport = {"width": 1400, "height": 1000}
    context = browser.new_context(viewport=viewport, timezone_id="Europe/London")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def test_the_client_downloads_a_reminder_at_the_time_they_pick(in_london, voila_app):
    page = in_london
    page.goto(voila_app.url(""), timeout=WAIT)
    open_my_workbook(page, "Browser Cal")
    pass_the_warning_signs(page)
    choose(page, TIMER + ".upperback-picker-choice", "starter: Thoracic five")
    page.locator(TIMER + ".upperback-picker-open-button").click()
    fold = page.locator(".upperback-timerpage-calendar")  # folded under the routine
    fold.get_by_text("Add to my calendar", exact=True).first.click()
    page.wait_for_selector(".upperback-calendar-time input", state="visible", timeout=WAIT)
    page.locator(".upperback-calendar-time input").fill("18:45")
    page.locator(".upperback-calendar-time input").press("Tab")
    # The zone is the browser's (the server runs on UTC): nothing to type.
    page.wait_for_function(
        "document.querySelector('.upperback-calendar-status')?.innerText"
        ".includes('18:45 (Europe/London)')",
        timeout=WAIT,
    )
    assert "Monday, Wednesday and Friday at 18:45 (Europe/London)" in text(
        page, ".upperback-calendar-status"
    )
    link = page.locator(".upperback-calendar-download")
    assert link.get_attribute("download") == "thoracic-five.ics"
    shot(page, "app-add-to-my-calendar")
    with page.expect_download(timeout=WAIT) as download:
        link.click()
    ics = download.value.path().read_bytes()
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert event["SUMMARY"] == "Thoracic five"
    assert event["DTSTART"].dt.time() == time(18, 45)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event.walk("VALARM")
    assert not page.errors
