"""The log keeps one client per person: any spelling of a name reaches the same rows.

Every door a name comes in by (a session, a CSV import, a warning-signs check, a routine
sent, a client's handle) matches it by its key; a name that could show one thing and be
another is refused with nothing written; two people never reach each other's rows.
"""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.sample import T0, session
from upperback.rules.safety import RED_FLAGS
from upperback.store import Store, StoreError

SPELLINGS_OF_ZOE = ["Zoë", unicodedata.normalize("NFD", "Zoë"), "  ZOË ", "zoë"]
NAMES = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=20
).filter(lambda name: name.strip())


def test_every_spelling_of_one_person_reaches_the_same_sessions(store_url):
    store = Store(store_url)
    for day, spelling in enumerate(SPELLINGS_OF_ZOE, start=1):
        store.save_session(session(client=spelling, when=T0.replace(day=day), uid=f"z{day}"))
    assert store.clients() == ["Zoë"]  # kept as first written, composed
    for spelling in SPELLINGS_OF_ZOE:
        assert [s.uid for s in store.sessions(spelling)] == ["z1", "z2", "z3", "z4"]
        assert store.for_client(spelling).client == "Zoë"


def test_a_handle_reaches_its_own_person_in_any_spelling_and_nobody_else(store_url):
    store = Store(store_url)
    store.save_session(session(client="Sam", uid="sams"))
    store.save_session(session(client="Samuel", uid="samuels"))
    mine = store.for_client("  sam ")
    assert mine.client == "Sam"
    assert [s.uid for s in mine.sessions("SAM")] == ["sams"]
    assert mine.sessions("Samuel") == []
    samuels = store.sessions("Samuel")[0].id
    assert mine.delete_session(samuels) is False
    assert [s.uid for s in store.sessions("Samuel")] == ["samuels"]


def test_a_check_and_a_routine_sent_reach_the_person_in_any_spelling(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Zoë", {"fever": True})
    nfd = unicodedata.normalize("NFD", "ZOË")
    assert store.last_red_flag_check(nfd)["any_yes"] is True
    assert store.clients() == ["Zoë"]
    assert list(store.red_flag_summary()["client"]) == ["Zoë"]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Sam\nRobin", "a line break"),
        ("Sam\u202e", "writing-direction"),
        ("Kim\u200b", "invisible space"),
        ("\ufeffKim", "byte-order mark"),
        ("x" * 201, "200 characters"),
    ],
)
def test_a_name_that_could_show_one_thing_and_be_another_is_never_kept(store_url, name, said):
    store = Store(store_url)
    with pytest.raises(StoreError, match=said):
        store.for_client(name)
    with pytest.raises(StoreError, match=said):
        store.record_red_flag_check(name, dict.fromkeys(RED_FLAGS, False))
    with pytest.raises(Exception, match=said):  # the session's own rules refuse it first
        store.save_session(session(client=name))
    assert store.clients() == [] and store.sessions() == []


def test_an_import_with_two_spellings_of_one_person_makes_one_client(store_url, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'from.db'}")
    source.save_session(session(client="Zoë", uid="a"))
    source.save_session(session(client="Robin", uid="b"))
    nfd = unicodedata.normalize("NFD", "ZOË")  # a file edited by hand, say
    (tmp_path / "two.csv").write_text(source.export_csv().replace("Robin", nfd), encoding="utf-8")
    store = Store(store_url)
    store.save_session(session(client="zoë", uid="c"))
    assert store.import_csv(tmp_path / "two.csv") == 2
    assert store.clients() == ["zoë"]
    assert sorted(s.uid for s in store.sessions("Zoë")) == ["a", "b", "c"]


@given(st.lists(NAMES, min_size=2, max_size=4, unique_by=lambda n: n.casefold()))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_different_people_never_share_a_row(tmp_path_factory, names):
    from upperback.person_names import matching_key

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('people') / 'log.db'}")
    people = {matching_key(name): name for name in names}  # one spelling each
    for number, name in enumerate(people.values()):
        store.save_session(session(client=name, uid=f"u{number}"))
    assert len(store.clients()) == len(people)
    for number, name in enumerate(people.values()):
        assert [s.uid for s in store.sessions(name)] == [f"u{number}"]
        assert [s.uid for s in store.for_client(name).sessions()] == [f"u{number}"]
