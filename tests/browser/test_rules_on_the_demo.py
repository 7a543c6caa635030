"""The rules as a coach meets them on the demo clinic, in a real browser: pain of 8 stops an
exercise with no change to accept, an urgent sign waiting heads the all-clients table, and
the report says which signs were ticked and whether anyone cleared them."""

from __future__ import annotations

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, choose, open_voila, text
from tests.browser.test_coach_loop import clinic_home  # noqa: F401 - the demo clinic's folder
from upperback.report import write_report

JO, KIT = "Demo: Jo (pain of 8)", "Demo: Kit (waiting for clearance)"


def test_pain_of_eight_stops_the_exercise_with_nothing_to_accept(page, clinic_home):  # noqa: F811
    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "08-plan-next-week.ipynb", ".upperback-review-client")
        choose(page, ".upperback-review-client", JO)
        page.wait_for_function(
            "document.querySelector('.upperback-review-rows').innerText"
            ".includes('stop and see a professional')",
            timeout=WAIT,
        )
        stopped = page.locator(".upperback-review-row", has_text="stop and see a professional")
        assert stopped.count() >= 1
        row = stopped.first
        assert "8" in row.inner_text()  # the pain that decided it, named
        assert row.locator(".upperback-review-accept-button button, button").first.is_disabled()
        row.scroll_into_view_if_needed()
        shot(page, "plan-next-week-stop")
        assert not page.errors
    finally:
        coach.stop()


def test_the_dashboard_lists_the_urgent_sign_first(page, clinic_home):  # noqa: F811
    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "06-coach-dashboard.ipynb", ".upperback-dashboard")
        table = page.locator(".upperback-clinic-box")
        table.wait_for(timeout=WAIT)
        first = page.locator(".upperback-clinic tbody tr").first.inner_text()
        assert KIT in first and "urgent: not cleared" in first
        table.scroll_into_view_if_needed()
        shot(page, "dashboard-urgent-first")
        assert not page.errors
    finally:
        coach.stop()


def test_the_report_says_which_signs_wait_for_an_all_clear(page, clinic_home, tmp_path):  # noqa: F811
    database = f"sqlite:///{clinic_home / 'sessions.db'}"
    report = write_report(KIT, tmp_path / "kit.html", database=database)
    page.goto(report.as_uri(), timeout=WAIT)
    signs = page.locator("h2", has_text="Warning signs")
    signs.wait_for(timeout=WAIT)
    body = text(page, "body")
    assert "answered yes to chest pain or shortness of breath (urgent)" in body
    assert "not cleared yet" in body and "see a doctor or physiotherapist" in body
    assert "Change in percent" in body  # words for people, not the table's column names
    assert not {"change_pct", "responder", "last_session", "True", "False"} & set(body.split())
    signs.scroll_into_view_if_needed()
    shot(page, "report-warning-signs")
