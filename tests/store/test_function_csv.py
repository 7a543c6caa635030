"""The ratings of activities as CSV: exported and imported again without loss, on SQLite
and PostgreSQL; a bad file refused by line, with nothing written."""

from datetime import UTC, datetime, timedelta

import pytest

from upperback.function_checks import function_check
from upperback.store import Store, StoreError
from upperback.store.function_csv import FUNCTION_CSV_COLUMNS

T0 = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
ODD = {
    "=SUM(A1) lifting": 3,  # a spreadsheet would run it
    "'Quoted' reaching": 0,
    'Café, "stools" and steps': 10,
    "-1 stairs": 5,
}


def _filled(store: Store) -> None:
    store.record_function_scores(function_check("Sam", ODD, when=T0))
    store.record_function_scores(
        function_check("Sam", dict.fromkeys(ODD, 6), when=T0 + timedelta(weeks=2))
    )
    store.record_function_scores(function_check("Zoë", {"A": 1, "B": 2, "C": 3}, when=T0))


def test_an_export_imported_into_an_empty_log_gives_back_every_rating(store_url, tmp_path):
    store = Store(store_url)
    _filled(store)
    path = tmp_path / "ratings.csv"
    text = store.export_function_csv(path)
    assert text.splitlines()[0] == ",".join(FUNCTION_CSV_COLUMNS)
    assert "'=SUM(A1) lifting" in text  # inert in a spreadsheet
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    assert other.import_function_csv(path) == 3
    assert other.function_scores() == store.function_scores()
    assert list(other.function_scores("Sam")[0].ratings) == list(ODD.items())
    assert other.import_function_csv(path) == 0  # already there: left as they are
    assert len(other.function_scores()) == 3


def test_a_bad_file_is_refused_by_line_and_nothing_is_imported(store_url, tmp_path):
    store = Store(store_url)
    good = f"Sam,{T0.isoformat()},Driving,4\r\nSam,{T0.isoformat()},Lifting,5\r\n"
    path = tmp_path / "bad.csv"
    path.write_text(
        ",".join(FUNCTION_CSV_COLUMNS) + "\r\n" + good + f"Sam,{T0.isoformat()},Reaching,11\r\n"
        f"Kim,{T0.isoformat()},Driving,4\r\n"
    )
    with pytest.raises(StoreError) as refused:
        store.import_function_csv(path)
    message = str(refused.value)
    assert "bad.csv, line 2: Give each activity a rating from 0 to 10" in message
    assert "bad.csv, line 5: Name 3 to 5 activities" in message
    assert message.endswith("Nothing was imported.")
    assert store.function_scores() == []


def test_a_file_that_is_not_an_export_is_named_as_such(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    path = tmp_path / "sessions.csv"
    path.write_text("session,client\r\n")
    with pytest.raises(StoreError, match="is not an export of activity ratings"):
        store.import_function_csv(path)


def test_a_clients_page_exports_only_their_own_ratings(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    _filled(store)
    text = store.for_client("Zoë").export_function_csv()
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == {"Zoë"}
    with pytest.raises(StoreError, match="exports Zoë's ratings only"):
        store.for_client("Zoë").export_function_csv(client="Sam")
