"""Every page a person opens passes axe-core's WCAG 2.2 A and AA audit (tests/browser/audit.py)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from tests.browser.audit import assert_accessible
from tests.browser.servers import APP, Server
from tests.browser.test_browser import WAIT, choose, open_my_workbook, pass_the_warning_signs
from upperback import Library
from upperback.demo import make_demo
from upperback.sessions import now_utc
from upperback.store import Store

FAY = "Demo: Fay (ready for more)"


def tab(page, title: str) -> None:
    page.locator(".upperback-app-tabs .lm-TabBar-tab", has_text=title).click()
    time.sleep(0.5)


def test_the_client_app_passes_in_every_state(page, voila_app):
    page.goto(voila_app.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-app-name input", timeout=WAIT)
    assert_accessible(page, "first visit")
    open_my_workbook(page, "Audit Sam")
    page.wait_for_selector(".upperback-log-flag", timeout=WAIT)
    assert_accessible(page, "warning signs")
    pass_the_warning_signs(page)
    assert_accessible(page, "run my routine")
    choose(page, ".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    page.locator(".upperback-timerpage .upperback-picker-open-button").click()
    page.locator(".upperback-timer-start-button").click()
    time.sleep(1.5)
    assert_accessible(page, "the timer running")
    page.locator(".upperback-timer-stop-button").click()
    page.wait_for_selector(".upperback-log-form", timeout=WAIT)
    page.wait_for_function("!document.querySelector('.upperback-log-save').disabled")
    choose(page, ".upperback-log-pain-before", "6")
    choose(page, ".upperback-log-pain-after", "8")
    page.wait_for_function(
        "document.querySelector('.upperback-log-warnings').innerText.includes('Pain of 8')"
    )
    assert_accessible(page, "the log form, with a pain warning")
    page.locator(".upperback-log-save").click()
    page.wait_for_function(
        "document.querySelector('.upperback-log-status').innerText.includes('Saved')"
    )
    assert_accessible(page, "a saved session")
    tab(page, "Log by hand")
    assert_accessible(page, "log by hand")
    tab(page, "My progress")
    page.wait_for_selector(".upperback-progress-chart", state="visible", timeout=WAIT)
    assert_accessible(page, "my progress")
    tab(page, "My sessions")
    assert_accessible(page, "my sessions")
    tab(page, "Next week")
    page.wait_for_selector(".upperback-review-heading", state="attached", timeout=WAIT)
    assert_accessible(page, "next week")
    assert not page.errors


@pytest.fixture
def clinic_home(tmp_path):
    """A workbook folder whose log holds the demo clinic, its last session yesterday."""
    home = tmp_path / "clinic"
    home.mkdir(mode=0o700)
    store = Store(f"sqlite:///{home / 'sessions.db'}")
    make_demo(store, Library.load(user=False), end=now_utc() - timedelta(days=1))
    store.close()
    return home


def test_new_this_week_passes(page, clinic_home):
    """A client who plans their own week accepts a suggestion; the page says what is new."""
    client = Server("voila", APP, clinic_home)
    try:
        page.goto(client.url(""), timeout=WAIT)
        open_my_workbook(page, FAY)
        page.wait_for_selector(".upperback-app-tabs", timeout=WAIT)
        tab(page, "Next week")
        page.wait_for_selector(".upperback-review-accept-button", timeout=WAIT)
        assert_accessible(page, "next week, with suggestions")
        page.locator(".upperback-review-accept-button").first.click()
        page.wait_for_selector(".upperback-news", timeout=WAIT)
        assert "New this week" in page.locator(".upperback-news").inner_text()
        assert_accessible(page, "new this week")
        assert not page.errors
    finally:
        client.stop()


def test_the_handout_and_the_report_pass(page, tmp_path, monkeypatch):
    monkeypatch.setenv("UPPERBACK_HOME", str(tmp_path))
    from upperback.handout import save_handout
    from upperback.report import write_report
    from upperback.routine_files import starter_routine

    library = Library.load(user=False)
    handout = tmp_path / "handout.html"
    save_handout(starter_routine("thoracic-five"), handout, library)
    page.goto(handout.as_uri())
    assert_accessible(page, "the handout")

    store = Store(f"sqlite:///{tmp_path / 'sessions.db'}")
    make_demo(store, library, end=now_utc() - timedelta(days=1))
    store.close()
    report = write_report(
        FAY, tmp_path / "report.html", database=f"sqlite:///{tmp_path / 'sessions.db'}"
    )
    page.goto(report.as_uri())
    assert_accessible(page, "the progress report")
