"""A client's handle on the log reaches that client's rows only, whatever a page passes."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from upperback.rules.safety import RED_FLAGS
from upperback.sessions import SessionRecord, SetLog
from upperback.store import Store, StoreError

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def logged(client, hours=0, pain=4):
    return SessionRecord(
        client, "Daily bridge", T0 + timedelta(hours=hours), pain_before=pain,
        sets=(SetLog("bridge-and-reach-over", 1, side="left", reps_planned=8, reps_done=8),),
    )  # fmt: skip


@pytest.fixture
def two_clients(store_url):
    """A log with a session each for Sam and Kim, and Sam's own handle on it."""
    store = Store(store_url)
    kim = store.save_session(logged("Kim", pain=7))
    store.record_red_flag_check("Kim", dict.fromkeys(RED_FLAGS, True))
    sam = store.save_session(logged("Sam", hours=1))
    return store, store.for_client("Sam"), sam, kim


def test_reading_gives_only_the_clients_own_rows(two_clients):
    store, mine, sam, _ = two_clients
    assert mine.clients() == ["Sam"]
    for asked in (None, "Sam", " Sam "):
        assert [s.id for s in mine.sessions(asked)] == [sam.id]
        assert mine.sessions_frame(asked)["client"].tolist() == ["Sam"]
        assert mine.sets_frame(asked)["client"].tolist() == ["Sam"]
    assert mine.sessions("Kim") == []
    assert mine.sessions_frame("Kim").empty and mine.sets_frame("Kim").empty
    assert mine.last_red_flag_check("Kim") is None
    assert store.last_red_flag_check("Kim")["any_yes"]


def test_the_csv_export_holds_only_the_clients_sets(two_clients, tmp_path):
    _, mine, _, _ = two_clients
    text = mine.export_csv(tmp_path / "mine.csv")
    assert "Sam" in text and "Kim" not in text
    assert (tmp_path / "mine.csv").read_bytes() == text.encode()
    with pytest.raises(StoreError, match="Sam's sessions only"):
        mine.export_csv(client="Kim")


def test_a_session_of_another_name_is_refused_and_nothing_is_written(two_clients):
    store, mine, _, kim = two_clients
    with pytest.raises(StoreError, match=r"logged for 'Kim'.*Sam's sessions only"):
        mine.save_session(logged("Kim", hours=5))
    with pytest.raises(StoreError, match="logged for 'Kim'"):
        mine.save_session(replace(kim, pain_before=0))
    assert [(s.id, s.pain_before) for s in store.sessions("Kim")] == [(kim.id, 7)]


def test_a_correction_may_not_take_another_clients_session(two_clients):
    store, mine, sam, kim = two_clients
    stolen = replace(sam, id=kim.id, uid=kim.uid)
    with pytest.raises(StoreError, match=f"Session {kim.id} is not one of Sam's sessions"):
        mine.save_session(stolen)
    assert [s.client for s in store.sessions()] == ["Kim", "Sam"]
    assert store.sessions("Kim")[0].pain_before == 7


def test_the_clients_own_sessions_are_saved_corrected_and_deleted(two_clients):
    store, mine, sam, _ = two_clients
    new = mine.save_session(logged("Sam", hours=3))
    mine.save_session(replace(sam, pain_before=1))
    assert [s.pain_before for s in mine.sessions()] == [1, 4]
    assert mine.delete_session(new.id) is True
    assert [s.id for s in store.sessions("Sam")] == [sam.id]


def test_deleting_another_clients_session_deletes_nothing(two_clients):
    store, mine, _, kim = two_clients
    assert mine.delete_session(kim.id) is False
    assert mine.delete_session(10_000) is False
    assert [s.id for s in store.sessions("Kim")] == [kim.id]
    assert len(store.sets_frame("Kim")) == 1


def test_warning_signs_are_kept_for_the_client_only(two_clients):
    store, mine, _, _ = two_clients
    with pytest.raises(StoreError, match="Sam's answers only"):
        mine.record_red_flag_check("Kim", dict.fromkeys(RED_FLAGS, False))
    with pytest.raises(StoreError, match="Sam's answers only"):
        mine.record_professional_clearance("Kim", seen_on=date.today())
    assert store.last_red_flag_check("Kim")["cleared_at"] is None
    assert mine.record_red_flag_check("Sam", {"fever": True}) is True
    assert mine.last_red_flag_check()["any_yes"]
    assert mine.record_professional_clearance("Sam", seen_on=date.today()) is True
    assert mine.last_red_flag_check("Sam")["cleared_at"] is not None


def test_a_client_page_needs_a_name(store_url):
    with pytest.raises(StoreError, match="needs the client's name"):
        Store(store_url).for_client("  ")
