"""Rating one's activities in a real browser: the app says when they are due, the form heads
the progress tab, and once kept the progress says what changed in the client's own words."""

from __future__ import annotations

from datetime import timedelta

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, open_my_workbook, text
from upperback.function_checks import function_check
from upperback.rules.safety import RED_FLAGS
from upperback.sessions import SessionRecord, now_utc
from upperback.store import Store

MO = "Mo Reyes"
FIRST = {"Reaching a high shelf": 3, "Sitting through a meeting": 4, "Sleeping on my side": 5}


def test_a_client_rates_their_activities_and_sees_what_changed(page, tmp_path):
    home = tmp_path / "mo"
    home.mkdir(mode=0o700)
    store = Store(f"sqlite:///{home / 'sessions.db'}")
    three_weeks_ago = now_utc() - timedelta(weeks=3)
    store.record_function_scores(function_check(MO, FIRST, when=three_weeks_ago))
    for days in (20, 13, 6):
        started = now_utc() - timedelta(days=days)
        store.save_session(SessionRecord(MO, "Daily bridge", started, pain_before=5, pain_after=4))
    store.record_red_flag_check(MO, dict.fromkeys(RED_FLAGS, False))
    store.close()
    app = Server("voila", "app/my-back.ipynb", home)
    try:
        page.goto(app.url(""), timeout=WAIT)
        open_my_workbook(page, MO)
        page.wait_for_selector(".upperback-app-function-due", timeout=WAIT)
        assert "Time to rate your activities" in text(page, ".upperback-app-function-due")
        page.locator(".upperback-app .lm-TabBar-tab", has_text="My progress").click()
        form = page.locator(".upperback-function-scale")
        form.wait_for(timeout=WAIT)
        names = form.locator(".upperback-function-activity input")
        assert [names.nth(n).input_value() for n in range(3)] == list(FIRST)  # last time's
        for n, rating in enumerate((7, 6, 5)):
            form.locator(".upperback-function-rating select").nth(n).select_option(str(rating))
        shot(page, "app-rate-activities")
        form.locator(".upperback-function-save").click()
        page.wait_for_function(
            "document.querySelector('.upperback-app').innerText"
            ".includes('Reaching a high shelf: 3 → 7')",
            timeout=WAIT,
        )
        assert page.locator(".upperback-app-function-due").count() == 0  # the line goes
        page.get_by_text("Reaching a high shelf: 3 → 7").first.scroll_into_view_if_needed()
        shot(page, "app-activities-changed")
        assert not page.errors
    finally:
        app.stop()
