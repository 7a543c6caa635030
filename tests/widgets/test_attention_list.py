"""The attention list at the top of the coach's dashboard: a click opens the client."""

from datetime import UTC, datetime

from upperback.coach import CoachPage
from upperback.rules.safety import RED_FLAGS, URGENT_FLAGS
from upperback.sessions import SessionRecord
from upperback.store import Store
from upperback.widgets import CoachDashboard


def answered(store, client, ticked):
    store.record_red_flag_check(client, {flag: flag in ticked for flag in RED_FLAGS})


def test_clicking_a_client_on_the_list_opens_them(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    answered(store, "Ann", [])
    answered(store, "Bo", ["fever"])
    answered(store, "Sam", URGENT_FLAGS)
    dashboard = CoachDashboard(store, library)
    assert dashboard.children[0] is dashboard.attention  # at the top
    assert [b.description for b in dashboard.attention.buttons] == ["Sam", "Bo"]
    items = [reasons.value for reasons in dashboard.attention.reasons]
    assert "ticked chest pain or shortness of breath on " in items[0] and "(urgent)" in items[0]
    assert "ticked fever on " in items[1] and "not cleared yet" in items[1]
    assert dashboard.client.value == "Ann"  # the first by name, until the coach picks
    dashboard.attention.buttons[1].click()
    assert dashboard.client.value == "Bo"
    assert "fever" in dashboard.clearance.words.value  # Bo's warning signs, opened
    dashboard.client.value = "Ann"
    dashboard.attention.buttons[1].click()  # the same client again, after another
    assert dashboard.client.value == "Bo"


def test_the_all_clear_takes_the_client_off_the_list(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    answered(store, "Sam", URGENT_FLAGS)
    dashboard = CoachDashboard(store, library)
    dashboard.attention.buttons[0].click()
    dashboard.clearance.record.click()
    assert dashboard.attention.buttons == []
    assert "No client needs you now." in dashboard.attention.items.children[0].value


def test_an_empty_list_says_so(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    when = datetime(2026, 11, 2, 9, tzinfo=UTC)
    store.save_session(SessionRecord("Ann", "Free session", when, pain_before=2, pain_after=2))
    dashboard = CoachDashboard(store, library)
    assert dashboard.attention.buttons == []
    assert "No client needs you now." in dashboard.attention.items.children[0].value


def test_the_coach_page_opens_the_listed_client_on_both_tabs(clinic, library, tmp_path):
    page = CoachPage(clinic, library, routines_folder=tmp_path)
    jo = next(b for b in page.dashboard.attention.buttons if b.description.startswith("Demo: Jo"))
    jo.click()
    assert page.dashboard.client.value == page.review.client.value == "Demo: Jo (pain of 8)"
