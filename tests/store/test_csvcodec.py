"""The log as CSV: exported, imported, and every bad row named by line and field."""

import csv
import io
from datetime import timedelta

import pytest

from tests.store.sample import T0, session
from upperback.sessions import SessionError
from upperback.store import Store


def test_csv_round_trip_is_lossless(store_url, tmp_path):
    store = Store(store_url)
    store.save_session(session(notes='=HYPERLINK("x")', pain_after=None, effort=0.5))
    store.save_session(session(client="Alex", n_sets=0, notes="no sets, just notes"))
    store.save_session(session(client="Émile, Jr.", when=T0 + timedelta(days=1), notes="a\nb"))
    exported = store.export_csv(tmp_path / "log.csv")

    fresh = Store(f"sqlite:///{tmp_path / 'other.db'}")
    assert fresh.import_csv(tmp_path / "log.csv") == 3
    assert fresh.export_csv() == exported
    assert [(s.client, s.uid, s.sets) for s in fresh.sessions()] == [
        (s.client, s.uid, s.sets) for s in store.sessions()
    ]
    assert fresh.import_csv(tmp_path / "log.csv") == 0  # importing twice adds nothing


def test_exported_text_cannot_run_as_a_spreadsheet_formula(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    for text in ("=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx"):
        store.save_session(session(notes=text))
    rows = list(csv.DictReader(io.StringIO(store.export_csv())))
    assert {row["session_notes"][0] for row in rows} == {"'"}


def test_a_bad_import_names_each_row_and_writes_nothing(store_url, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    source.save_session(session(n_sets=3))
    lines = source.export_csv().splitlines()
    lines[2] = lines[2].replace(",5,3,4.0,", ",15,3,4.0,")  # pain before 15 on line 3
    lines[3] = lines[3].replace(",true,", ",maybe,")  # line 4
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n")

    store = Store(store_url)
    with pytest.raises(SessionError) as caught:
        store.import_csv(tmp_path / "bad.csv")
    text = str(caught.value)
    assert "bad.csv, line 3" in text and "pain_before" in text
    assert "bad.csv, line 4" in text and "completed" in text
    assert store.sessions() == []


def test_an_import_missing_columns_is_refused(tmp_path):
    (tmp_path / "x.csv").write_text("date,exercise\n2026-01-01,plank\n")
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    with pytest.raises(SessionError, match="line 1: missing column"):
        store.import_csv(tmp_path / "x.csv")
