"""The coach's loop in a real browser: the coach accepts a suggestion, the client sees it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, choose, open_my_workbook, open_voila, text
from upperback import Library
from upperback.demo import make_demo
from upperback.sessions import now_utc
from upperback.store import Store

FAY = "Demo: Fay (ready for more)"


@pytest.fixture
def clinic_home(tmp_path):
    """A coach's workbook folder whose log holds the demo clinic, its last session yesterday."""
    home = tmp_path / "coach"
    home.mkdir(mode=0o700)
    store = Store(f"sqlite:///{home / 'sessions.db'}")
    make_demo(store, Library.load(user=False), end=now_utc() - timedelta(days=1))
    store.close()
    return home


def test_the_coach_accepts_a_suggestion_and_the_client_sees_it(page, clinic_home):
    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "06-coach-dashboard.ipynb", ".upperback-coach")
        page.locator(".upperback-coach .lm-TabBar-tab", has_text="Plan next week").click()
        choose(page, ".upperback-review-client", FAY)
        page.wait_for_function(
            "document.querySelector('.upperback-review-heading').innerText.includes('Rows and planks')"
        )
        first = page.locator(".upperback-review-row").first
        assert "progress" in first.inner_text()
        change = first.inner_text().split("progress: ")[1].splitlines()[0].strip()
        first.locator(".upperback-review-accept-button").click()
        page.wait_for_function(
            "document.querySelector('.upperback-review-diff').innerText.includes('version 2')"
        )
        shot(page, "coach-accepts-a-suggestion")
        assert not page.errors
    finally:
        coach.stop()

    client = Server("voila", "app/my-back.ipynb", clinic_home)  # the same computer: a clinic's
    try:
        page.goto(client.url(""), timeout=WAIT)
        open_my_workbook(page, FAY)
        page.wait_for_selector(".upperback-news", timeout=WAIT)
        news = text(page, ".upperback-news")
        assert "New this week" in news and "Rows and planks" in news
        assert change in news and "Why:" in news
        picked = page.locator(".upperback-timerpage .upperback-picker-choice select")
        chosen = picked.evaluate("select => select.selectedOptions[0].text").replace("\xa0", " ")
        assert chosen.startswith("Rows and planks (")  # the new version, ready to run
        shot(page, "client-sees-new-this-week")
        assert not page.errors
    finally:
        client.stop()
