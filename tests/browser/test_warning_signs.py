"""Chest pain in a real browser: the client's timer stays closed that day whatever they tick,
and their coach sees them first, marked urgent, and may record the all-clear."""

from __future__ import annotations

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, choose, open_my_workbook, open_voila, text
from tests.browser.test_coach_loop import clinic_home  # noqa: F401 - the demo clinic's folder

RIA = "Ria Novak"
CHEST = "chest pain or shortness of breath"


def test_chest_pain_keeps_the_timer_closed_today_and_the_coach_sees_it_first(
    page,
    clinic_home,  # noqa: F811
):
    client = Server("voila", "app/my-back.ipynb", clinic_home)
    try:
        page.goto(client.url(""), timeout=WAIT)
        open_my_workbook(page, RIA)
        page.wait_for_selector(".upperback-log-flag", timeout=WAIT)
        page.locator(".upperback-log-flag", has_text=CHEST).locator("input").check()
        page.locator(".upperback-log-flag-submit").click()
        page.wait_for_function(
            "document.querySelector('.upperback-gate-why')?.innerText.includes('closed today')",
            timeout=WAIT,
        )
        advice = text(page, ".upperback-safety-gate")
        assert "emergency services" in advice and "see a doctor or physiotherapist" in advice
        # Nothing to tick today, and no way to the timer.
        assert page.locator(".upperback-log-flag-seen").count() == 0 or not (
            page.locator(".upperback-log-flag-seen").is_visible()
        )
        assert not page.locator(".upperback-timerpage .upperback-picker-choice").is_visible()
        shot(page, "chest-pain-keeps-the-timer-closed")
        page.reload()  # opened again the same day: still closed, still nothing to tick
        page.wait_for_selector(".upperback-gate-why", timeout=WAIT)
        assert "closed today" in text(page, ".upperback-gate-why")
        assert not page.locator(".upperback-log-flag-seen").is_visible()
        assert not page.locator(".upperback-timerpage .upperback-picker-choice").is_visible()
        assert not page.errors
    finally:
        client.stop()

    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "06-coach-dashboard.ipynb", ".upperback-dashboard")
        page.wait_for_selector(".upperback-clinic tbody tr", timeout=WAIT)
        rows = page.locator(".upperback-clinic tbody tr")
        shown = [row.replace("\xa0", " ") for row in rows.all_inner_texts()]
        urgent = [row for row in shown if "urgent: not cleared" in row]
        assert shown[: len(urgent)] == urgent  # every urgent sign waiting comes first
        assert any(RIA in row for row in urgent)  # a first visit's, with no session yet
        mine = rows.filter(has_text=RIA).locator(".upperback-clinic-signs")
        weight = mine.evaluate("cell => getComputedStyle(cell).fontWeight")
        assert int(weight) >= 600  # marked, not only worded
        choose(page, ".upperback-dashboard-client", RIA)
        page.wait_for_function(
            "document.querySelector('.upperback-clearance-words')?.innerText.includes('urgent')",
            timeout=WAIT,
        )
        assert CHEST in text(page, ".upperback-clearance-words")
        shot(page, "coach-sees-chest-pain-first")
        page.locator(".upperback-clearance-record").click()
        page.wait_for_function(
            "document.querySelector('.upperback-clearance-message')?.innerText"
            ".includes('recorded')",
            timeout=WAIT,
        )
        assert "cleared by their coach" in text(page, ".upperback-clearance-words")
        assert not page.errors
    finally:
        coach.stop()

    client = Server("voila", "app/my-back.ipynb", clinic_home)
    try:  # the coach's all-clear opens the timer the same day
        page.goto(client.url(""), timeout=WAIT)
        picker = page.locator(".upperback-timerpage .upperback-picker-choice select")
        picker.wait_for(timeout=WAIT)
        assert picker.locator("option").count() > 0  # the routine menu is filled, not blank
        assert not page.errors
    finally:
        client.stop()
