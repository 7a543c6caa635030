"""The coach's dashboard on the demo clinic, driven by setting values."""

import datetime as dt

import pytest

from upperback.demo import DEMO_CLIENTS
from upperback.store import Store
from upperback.widgets import CoachDashboard

PNG = b"\x89PNG"


def test_the_dashboard_shows_a_client_and_every_client(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    first = sorted(DEMO_CLIENTS)[0]
    assert dashboard.client.value == first
    assert bytes(dashboard.chart.png).startswith(PNG)
    assert bytes(dashboard.body_map.png).startswith(PNG)  # the map shaded by volume
    # Each image says what it shows, from the numbers the summary gives.
    summary = dashboard.table.value
    assert "Pain over time: Pain fell from" in dashboard.chart.words
    start, now = (f"{dashboard._clinic.loc[first, c]:.1f}" for c in ("baseline", "now"))
    assert f"from {start} to {now} out of 10" in dashboard.chart.words and start in summary
    assert "Most time under tension" in dashboard.body_map.words
    assert 'alt="A map of the body' in dashboard.body_map.value
    assert f"{first}'s pain is down" in dashboard.summary.value  # to the coach, about the client
    assert " you " not in dashboard.summary.value
    for name in DEMO_CLIENTS:
        assert name.split(" (")[0] in dashboard.clinic.value


def test_the_dashboard_date_range_and_sorting(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    dashboard.client.value = "Demo: Cleo (stopped coming)"
    dashboard.start.value = dt.date(2026, 10, 1)
    assert "No sessions in these dates" in dashboard.summary.value
    dashboard.start.value = None
    assert "pain is" in dashboard.summary.value
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


def test_the_client_summary_reads_as_words_not_raw_values(clinic, library):
    table = CoachDashboard(clinic, library).table.value
    assert "Clear improvement" in table and "%" in table
    for raw in ("True", "False", "+00:00", "0.66", "NaN", "first_session"):
        assert raw not in table


def test_a_typed_name_finds_the_client_whatever_its_case(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    dashboard.find.value = "  demo: cleo (STOPPED coming) "
    assert dashboard.client.value == "Demo: Cleo (stopped coming)"
    dashboard.find.value = "Demo: Cleo (stoped coming)"
    assert "did you mean 'Demo: Cleo (stopped coming)'" in dashboard.status.value
    assert dashboard.client.value == "Demo: Cleo (stopped coming)"  # nothing else chosen


@pytest.fixture
def two_clients(tmp_path):
    from datetime import UTC, datetime, timedelta

    from upperback.rules import RED_FLAGS
    from upperback.sessions import SessionRecord

    store = Store(f"sqlite:///{tmp_path / 'two.db'}")
    for name, pain in (("Sam", 5), ("Ana", 3)):
        store.save_session(
            SessionRecord(name, "Daily", datetime.now(UTC) - timedelta(days=1), pain_before=pain)
        )
    store.record_red_flag_check("Sam", {**dict.fromkeys(RED_FLAGS, False), RED_FLAGS[0]: True})
    return store


def test_the_warning_signs_column_and_its_filter(two_clients, library):
    dashboard = CoachDashboard(two_clients, library)
    clinic = dashboard.clinic.value
    assert "Warning signs" in clinic and "never checked" in clinic  # Ana was never asked
    # The table says it short, so a row stays on a line or two; the client's own view
    # names the sign itself, not only that one was ticked.
    assert "yes, not cleared; next " in clinic
    assert "ticked pain at night" not in clinic
    dashboard.client.value = "Sam"
    signs = dashboard.summary.value
    assert "Warning signs:" in signs
    assert "ticked pain at night or at rest that does not ease" in signs
    assert "not cleared by a professional" in signs and "due again" in signs
    dashboard.client.value = "Ana"
    assert "Warning signs:</b> never checked" in dashboard.summary.value
    dashboard.only_flagged.value = True
    assert "Sam" in dashboard.clinic.value and "Ana" not in dashboard.clinic.value


def test_the_warning_signs_check_falls_due_after_twelve_weeks():
    from upperback.widgets.dashboard import warning_signs_table

    checked = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    cleared = dt.datetime(2026, 1, 9, tzinfo=dt.UTC)
    check = {
        "checked_at": checked,
        "any_yes": True,
        "urgent": False,
        "cleared_at": cleared,
        "answers": {"fever": True, "a history of cancer": False},
    }
    table = warning_signs_table({"Sam": check}, today="2026-03-01")
    assert table.loc["Sam", "due"] == dt.date(2026, 3, 30)
    assert table.loc["Sam", "status"] == "yes, cleared 09 Jan; next 30 Mar"
    assert table.loc["Sam", "words"] == (
        "checked 05 Jan 2026: ticked fever; a professional's all-clear recorded 09 Jan 2026; "
        "due again 30 Mar 2026"
    )
    later = warning_signs_table({"Sam": check}, today="2026-04-01")
    assert "due again since 30 Mar 2026" in later.loc["Sam", "words"]
    assert later.loc["Sam", "status"] == "yes, cleared 09 Jan; due again"


def test_the_warning_signs_read_what_the_store_returns_urgent_first(tmp_path):
    """Fed the store's own checks: a clearance shows as one, and an urgent sign comes first."""
    from upperback.rules import RED_FLAGS
    from upperback.rules.safety import URGENT_FLAGS
    from upperback.widgets.dashboard import warning_signs_table

    store = Store(f"sqlite:///{tmp_path / 'signs.db'}")
    none = dict.fromkeys(RED_FLAGS, False)
    store.record_red_flag_check("Ana", {**none, "fever": True})
    store.record_red_flag_check("Bo", {**none, "fever": True, URGENT_FLAGS[0]: True})
    store.record_red_flag_check("Cy", {**none, "fever": True})
    store.record_professional_clearance("Cy")
    store.record_red_flag_check("Di", none)
    names = ["Ana", "Bo", "Cy", "Di", "Eve"]
    table = warning_signs_table({name: store.last_red_flag_check(name) for name in names})
    assert table.index.tolist() == ["Bo", "Ana", "Cy", "Di", "Eve"]
    assert table.loc["Bo", "words"].startswith("checked ")
    assert (
        "URGENT: ticked chest pain or shortness of breath (urgent) and fever"
        in (table.loc["Bo", "words"])
    )
    assert "all-clear recorded" in table.loc["Cy", "words"] and table.loc["Cy", "cleared"]
    assert "not cleared" in table.loc["Ana", "words"] and not table.loc["Ana", "cleared"]
    assert "clearance not recorded" not in " ".join(table["words"])
    assert "all no" in table.loc["Di", "words"] and table.loc["Eve", "words"] == "never checked"
    # In the all-clients table: a few words, the urgent one plain to see.
    assert table.loc["Bo", "status"].startswith("URGENT, not cleared; next ")
    assert table.loc["Ana", "status"].startswith("yes, not cleared; next ")
    assert table.loc["Cy", "status"].startswith("yes, cleared ")
    assert table.loc["Di", "status"].startswith("all no; next ")
    assert table.loc["Eve", "status"] == "never checked"
