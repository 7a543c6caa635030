"""The clients' ratings of their activities in the log, on SQLite and on PostgreSQL: kept
whole and in the client's words, read back in order, and refused in words when wrong."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from upperback.function_checks import FunctionCheck, FunctionCheckError, function_check
from upperback.store import Store, StoreError
from upperback.store.schema import function_scores

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FIRST = {"Reaching a high shelf": 3, "Driving": 5, "Carrying shopping": 4}
LATER = {"Reaching a high shelf": 7, "Driving": 6, "Carrying shopping": 4, "Café stools": 8}


def test_each_check_reads_back_as_it_was_given_oldest_first(store_url):
    store = Store(store_url)
    store.record_function_scores(function_check("Sam", LATER, when=T0 + timedelta(weeks=2)))
    store.record_function_scores(function_check("Sam", FIRST, when=T0))
    store.record_function_scores(function_check("Robin", FIRST, when=T0))
    checks = store.function_scores("Sam")
    assert [c.checked_at for c in checks] == [T0, T0 + timedelta(weeks=2)]
    assert [c.as_dict for c in checks] == [FIRST, LATER]
    assert list(checks[1].activities) == list(LATER)  # the client's own order
    assert checks[0].score == 4.0 and all(c.client == "Sam" for c in checks)
    assert [c.client for c in store.function_scores()] == ["Robin", "Sam", "Sam"]
    assert store.function_scores("Nobody") == []


def test_a_check_that_may_not_be_kept_is_refused_in_words_and_nothing_is_written(store_url):
    store = Store(store_url)
    bad = FunctionCheck("Sam", T0, (("Driving", 4), ("Lifting", 11)))
    with pytest.raises(FunctionCheckError) as refused:
        store.record_function_scores(bad)
    assert refused.value.problems[0] == "Name 3 to 5 activities your back makes hard."
    assert "rating from 0 to 10" in refused.value.problems[1]
    assert store.function_scores("Sam") == []


def test_the_same_check_twice_is_refused_and_the_first_is_kept(store_url):
    store = Store(store_url)
    store.record_function_scores(function_check("Sam", FIRST, when=T0))
    with pytest.raises(StoreError, match=r"could not be written.*Nothing was saved"):
        store.record_function_scores(function_check("Sam", LATER, when=T0))
    assert [c.as_dict for c in store.function_scores("Sam")] == [FIRST]


def test_a_clients_page_keeps_and_reads_only_their_own_ratings(store_url):
    store = Store(store_url)
    store.record_function_scores(function_check("Robin", FIRST, when=T0))
    sam = store.for_client("Sam")
    sam.record_function_scores(function_check("Sam", LATER, when=T0))
    with pytest.raises(StoreError, match="keeps Sam's answers only, not Robin's"):
        sam.record_function_scores(function_check("Robin", LATER, when=T0 + timedelta(days=1)))
    assert [c.client for c in sam.function_scores()] == ["Sam"]
    assert sam.function_scores("Robin") == []
    assert [c.as_dict for c in store.function_scores("Robin")] == [FIRST]


@pytest.mark.parametrize(
    "values",
    [
        {"rating": 11},
        {"rating": -1},
        {"position": 5},
        {"activity": "  "},
        {"activity": "x" * 101},
    ],
)
def test_on_a_server_raw_sql_cannot_keep_what_the_form_refuses(postgres, values):
    """Everyone of a clinic can run raw SQL: the schema itself refuses these."""
    store = Store(postgres.new_database())
    store.record_function_scores(function_check("Sam", FIRST, when=T0))
    row = dict(client_id=1, checked_at=T0 + timedelta(days=1), position=0, activity="Driving")
    row |= {"rating": 5, **values}
    with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as conn:
        conn.execute(function_scores.insert().values(**row))
    assert len(store.function_scores("Sam")) == 1
    store.close()
