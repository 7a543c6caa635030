"""The coach's dashboard on the demo clinic, driven by setting values."""

import datetime as dt

import pytest

from upperback import Library
from upperback.demo import DEMO_CLIENTS
from upperback.store import Store
from upperback.widgets import CoachDashboard

PNG = b"\x89PNG"


@pytest.fixture(scope="module")
def library():
    return Library.load(user=False)


def test_the_dashboard_shows_a_client_and_every_client(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    assert dashboard.client.value == sorted(DEMO_CLIENTS)[0]
    assert bytes(dashboard.chart.value).startswith(PNG)
    assert bytes(dashboard.body_map.value).startswith(PNG)  # the map shaded by volume
    assert "Pain down" in dashboard.summary.value
    for name in DEMO_CLIENTS:
        assert name.split(" (")[0] in dashboard.clinic.value


def test_the_dashboard_date_range_and_sorting(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    dashboard.client.value = "Demo: Cleo (stopped coming)"
    dashboard.start.value = dt.date(2026, 10, 1)
    assert "No sessions in these dates" in dashboard.summary.value
    dashboard.start.value = None
    assert "Pain" in dashboard.summary.value
    dashboard.sort_by.value = "sessions"
    dashboard.descending.value = True
    first_row = dashboard.clinic.value.split("<tr>")[2]
    assert "Eli" in first_row  # the most sessions
    dashboard.descending.value = False
    assert "Cleo" in dashboard.clinic.value.split("<tr>")[2]


def test_the_dashboard_of_an_empty_log(tmp_path, library):
    dashboard = CoachDashboard(Store(f"sqlite:///{tmp_path / 'empty.db'}"), library)
    assert "No sessions logged yet" in dashboard.summary.value
    assert "No clients yet" in dashboard.clinic.value
