"""On a clinic's server, each client keeps and reads only their own ratings of their
activities, and a coach reads only their own clients' (as two clients and a coach)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.test_access import ACTIVITIES, clinic_db  # noqa: F401 - the shared clinic fixture
from upperback.function_checks import function_check
from upperback.sessions import now_utc
from upperback.store import Store, StoreError

LATER = {"Reaching a high shelf": 7, "Driving": 6, "Carrying shopping": 4}


def _as(engines, name: str) -> Store:
    return Store(engines[name].url.render_as_string(hide_password=False))


def test_two_clients_and_a_coach_each_see_only_their_own_ratings(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    alice, bob, carol = (_as(engines, name) for name in ("alice", "bob", "carol"))
    later = now_utc() + timedelta(seconds=1)
    alice.for_client("alice").record_function_scores(function_check("alice", LATER, when=later))
    assert [c.client for c in alice.function_scores()] == ["alice", "alice"]
    assert [c.as_dict for c in alice.function_scores("alice")] == [ACTIVITIES, LATER]
    assert alice.function_scores("bob") == []  # bob's rows are not there to read
    assert [c.client for c in bob.function_scores()] == ["bob"]
    assert [c.client for c in carol.function_scores()] == ["alice", "alice", "bob"]
    dana = _as(engines, "dana")
    assert [c.client for c in dana.function_scores()] == ["erin"]
    for store in (alice, bob, carol, dana):
        store.close()


def test_a_client_cannot_keep_ratings_for_someone_else(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    alice = _as(engines, "alice")
    with pytest.raises(StoreError, match="could not be written"):  # row-level security
        alice.record_function_scores(function_check("bob", LATER))
    carol = _as(engines, "carol")
    with pytest.raises(StoreError, match="could not be written"):  # dana's client, not hers
        carol.record_function_scores(function_check("erin", LATER))
    everyone = Store(admin)
    assert [c.as_dict for c in everyone.function_scores("bob")] == [ACTIVITIES]
    assert [c.as_dict for c in everyone.function_scores("erin")] == [ACTIVITIES]
    for store in (alice, carol, everyone):
        store.close()


def test_a_coach_keeps_ratings_for_their_own_client(clinic_db):  # noqa: F811
    """A coach may note the ratings a client gave in a visit; the client then sees them."""
    _admin, engines = clinic_db
    carol = _as(engines, "carol")
    later = now_utc() + timedelta(seconds=1)
    carol.record_function_scores(function_check("bob", LATER, when=later))
    bob = _as(engines, "bob")
    assert [c.as_dict for c in bob.function_scores()] == [ACTIVITIES, LATER]
    for store in (carol, bob):
        store.close()
