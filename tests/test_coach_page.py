"""The coach's page: the client picked on the dashboard is the one whose next week is planned."""

import pytest

from upperback.coach import CoachPage
from upperback.demo import demo_end, make_demo
from upperback.routine_files import load_routine
from upperback.routine_history import new_this_week
from upperback.store import Store

FAY = "Demo: Fay (ready for more)"
GUS = "Demo: Gus (flare-up)"


@pytest.fixture
def clinic(tmp_path, library):
    """A demo clinic of the test's own: accepting a change writes to its log."""
    store = Store(f"sqlite:///{tmp_path / 'clinic.db'}")
    make_demo(store, library)
    return store


def test_picking_a_client_on_the_dashboard_opens_their_suggestions(clinic, library, tmp_path):
    page = CoachPage(clinic, library, routines_folder=tmp_path, today=demo_end(clinic))
    assert [page.get_title(i) for i in range(2)] == ["Progress", "Plan next week"]
    page.dashboard.client.value = GUS
    assert page.review.client.value == GUS
    assert "Pull and hold" in page.review.heading.value
    assert all("ease off" in row.text.value for row in page.review.rows)
    page.review.client.value = FAY  # and the other way round
    assert page.dashboard.client.value == FAY and "Fay" in page.dashboard.summary.value


def test_accepting_on_the_coach_page_reaches_the_clients_routine(clinic, library, tmp_path):
    page = CoachPage(clinic, library, routines_folder=tmp_path, today=demo_end(clinic))
    page.dashboard.client.value = FAY
    before = page.dashboard.chart.value
    row = page.review.rows[0]
    row.accept_button.click()
    assert page.review.version.number == 2
    routine = load_routine(page.review.path)
    assert routine.client == FAY and routine.items[0] == row.suggestion.proposed
    assert new_this_week(FAY, now=page.review.version.saved_at, folder=tmp_path)
    assert page.dashboard.chart.value != before  # redrawn, the change marked on the pain chart
    [sent] = clinic.sent_routines(FAY)  # kept in the log, for Fay's page on a shared hub
    assert sent.routine == routine and sent.version.number == 2
