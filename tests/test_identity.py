"""Who the client is: the hub's login, else the name given once on this computer."""

from __future__ import annotations

import json

import pytest

from upperback import Library
from upperback.app import ClientApp
from upperback.identity import (
    Identity,
    ProfileError,
    current_identity,
    profile_path,
    save_profile,
)
from upperback.rules import RED_FLAGS
from upperback.sessions import SessionRecord, now_utc
from upperback.store import Store


@pytest.fixture(autouse=True)
def no_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    for client, pain in (("alice", 6), ("bob", 3)):
        store.save_session(SessionRecord(client, "Daily bridge", now_utc(), pain_before=pain))
        store.record_red_flag_check(client, dict.fromkeys(RED_FLAGS, False))
    return store


def test_nobody_is_known_until_they_say_and_then_always(workbook_home):
    assert current_identity() is None
    assert save_profile("  Sam ") == Identity("Sam", "profile")
    assert current_identity() == Identity("Sam", "profile")
    assert oct(profile_path().stat().st_mode & 0o777) == "0o600"  # the folder's owner only


def test_the_hub_login_wins_and_cannot_be_overwritten(monkeypatch):
    save_profile("Sam")
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    assert current_identity() == Identity("alice", "hub")
    with pytest.raises(ProfileError, match="the one you logged in with"):
        save_profile("bob")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Type your name first"),
        ("   ", "Type your name first"),
        ("x" * 201, "up to 200 characters"),
        ("Sam\nBob", "can't contain a line break"),
        ("Sam\u202eboB", "can't contain a hidden writing-direction change"),
        ("Kim\u200b", "can't contain an invisible space"),
        ("\ufeffSam", "byte-order mark"),
    ],
)
def test_a_name_that_cannot_be_kept_is_explained(name, message):
    with pytest.raises(ProfileError, match=message):
        save_profile(name)
    assert not profile_path().exists()


def test_a_name_is_kept_as_people_write_it_once_spaces_are_tidied():
    assert save_profile("  Zoe\u0308   Martin ") == Identity("Zo\u00eb Martin", "profile")
    assert current_identity() == Identity("Zo\u00eb Martin", "profile")
    assert save_profile("x" * 200).name == "x" * 200  # the longest a name may be


def test_a_broken_profile_is_named_and_left_alone(workbook_home):
    profile_path().write_text("{not json")
    with pytest.raises(ProfileError, match=r"profile\.json cannot be read as your profile"):
        current_identity()
    assert profile_path().read_text() == "{not json"


def test_on_the_hub_the_app_opens_as_the_login_with_no_name_box(monkeypatch, store):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    app = ClientApp(store, Library.load(user=False))
    assert app.first_run.layout.display == "none"
    assert "Welcome, alice" in app.status.value
    assert [t for t in (app.tabs.get_title(i) for i in range(4))][1] == "Log by hand"
    app.tabs.selected_index = 3
    history = app.history.history
    assert history.client.value == "alice" and history.client.disabled
    assert len(history.list.options) == 1  # alice's one session, not bob's


def test_the_first_run_asks_once_and_keeps_the_answer(store):
    first = ClientApp(store, Library.load(user=False))
    assert first.first_run.layout.display != "none" and first.tabs.children == ()
    first.name.value = "bob"
    first.open_button.click()
    assert json.loads(profile_path().read_text()) == {"name": "bob"}
    assert first.first_run.layout.display == "none"
    again = ClientApp(store, Library.load(user=False))  # the next time the page loads
    assert again.first_run.layout.display == "none"
    assert "Welcome, bob" in again.status.value
    assert "pain" in again.progress.summary.value.lower()


def test_a_broken_profile_shows_in_the_app(store):
    profile_path().write_text('{"name": 7}')
    app = ClientApp(store, Library.load(user=False))
    assert "cannot be read as your profile" in app.status.value and app.tabs.children == ()


def test_a_notebook_page_asks_for_the_name_before_opening_anyones_data(store, library):
    from upperback.pages import TimerPage, for_me
    from upperback.widgets.first_visit import FirstVisit

    made = []
    page = for_me(lambda name: made.append(name) or TimerPage(library, store=store, client=name))
    visit, area = page.children
    assert isinstance(visit, FirstVisit) and made == [] and area.children == ()
    visit.name.value = "  Tess "
    visit.open_button.click()
    assert made == ["Tess"] and isinstance(area.children[0], TimerPage)
    assert visit.layout.display == "none"
    again = for_me(lambda name: made.append(name) or TimerPage(library, store=store, client=name))
    assert isinstance(again, TimerPage) and made == ["Tess", "Tess"]  # asked once only
