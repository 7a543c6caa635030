"""A routine's versions: each change a new file, the old kept, what changed and why."""

from datetime import UTC, date, datetime, timedelta

import pytest

from upperback.routine_files import load_routine, routines_folder, save_routine
from upperback.routine_history import (
    changes_since,
    client_routine_path,
    client_versions,
    load_version,
    new_this_week,
    save_version,
    version_diff,
    version_number,
    versions,
    versions_frame,
)
from upperback.routines import Routine, RoutineError, RoutineItem

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
V1 = Routine("Core", items=(RoutineItem("plank", hold_seconds=30),), client="Sam")


def two_changes(path, library):
    v2 = V1.update(0, hold_seconds=35)
    save_version(path, v2, change="Plank: hold 30 s → 35 s", reason="Easy twice running.",
                 sessions=(date(2026, 11, 12), date(2026, 11, 14)), made_from=V1,
                 library=library, when=MONDAY)  # fmt: skip
    v3 = v2.update(0, sets=4)
    save_version(path, v3, change="Plank: 3 → 4 sets", reason="Still easy.", made_from=v2,
                 library=library, when=FRIDAY)  # fmt: skip
    return v2, v3


def test_every_version_is_kept_and_the_file_holds_the_latest(tmp_path, library):
    path = tmp_path / "core.json"
    save_routine(V1, path)
    v2, v3 = two_changes(path, library)
    assert load_routine(path) == v3
    assert [load_version(path, n) for n in (1, 2, 3)] == [V1, v2, v3]
    kept = versions(path)
    assert [v.number for v in kept] == [1, 2, 3]
    assert kept[1].sessions == (date(2026, 11, 12), date(2026, 11, 14))
    assert kept[1].reason == "Easy twice running." and kept[1].saved_at == MONDAY


def test_a_version_shows_its_change_as_a_diff(tmp_path, library):
    path = tmp_path / "core.json"
    two_changes(path, library)  # no file yet: the routine it was made from is version 1
    diff = version_diff(path, 2)
    assert '-      "hold_seconds": 30' in diff and '+      "hold_seconds": 35' in diff
    assert '+      "sets": 4' in version_diff(path)  # the latest by default


def test_changes_since_says_what_changed_and_why_in_plain_words(tmp_path, library):
    path = tmp_path / "core.json"
    two_changes(path, library)
    assert changes_since(path, date(2026, 11, 18)) == [
        "20 Nov 2026: Plank: 3 → 4 sets. Why: Still easy."
    ]
    assert len(changes_since(path, date(2026, 11, 1))) == 2  # the first version is no change
    assert changes_since(path, datetime(2026, 11, 21, tzinfo=UTC)) == []


def test_the_frame_for_the_pain_chart_has_a_row_per_version(tmp_path, library):
    path = tmp_path / "core.json"
    two_changes(path, library)
    frame = versions_frame(path)
    assert list(frame.columns) == ["version", "date", "change"]
    assert frame["version"].tolist() == [1, 2, 3]
    assert frame["date"].iloc[-1] == FRIDAY and frame["change"].iloc[-1] == "Plank: 3 → 4 sets"
    assert versions_frame(tmp_path / "none.json").empty


def test_a_file_edited_since_is_not_overwritten(tmp_path, library):
    path = tmp_path / "core.json"
    edited = V1.update(0, hold_seconds=40)
    save_routine(edited, path)
    with pytest.raises(RoutineError, match="has changed since"):
        save_version(path, V1.update(0, hold_seconds=35), change="x", made_from=V1)
    assert load_routine(path) == edited and versions(path) == []


def test_a_routine_that_does_not_fit_the_tables_writes_nothing(tmp_path, library):
    path = tmp_path / "core.json"
    save_routine(V1, path)
    with pytest.raises(RoutineError, match="timed hold"):
        save_version(path, V1.update(0, reps=10), change="x", made_from=V1, library=library)
    assert load_routine(path) == V1 and versions(path) == []


def test_an_unknown_version_names_the_ones_there_are(tmp_path, library):
    path = tmp_path / "core.json"
    two_changes(path, library)
    with pytest.raises(RoutineError, match="no version 7; versions: 1, 2, 3"):
        load_version(path, 7)


def test_a_client_gets_their_own_file_not_a_shared_one(workbook_home):
    save_routine(Routine("Core", items=V1.items), routines_folder() / "core.json")  # shared
    path = client_routine_path("Sam", "Core")
    assert path.parent == routines_folder() and path.name.startswith("core-sam-")
    assert client_routine_path(" sam ", "Core") == path  # one person, one file
    assert client_routine_path("Sam!", "Core") != path  # another person, another file
    save_routine(V1, routines_folder() / "sams-core.json")  # made for Sam
    assert client_routine_path("Sam", "Core") == routines_folder() / "sams-core.json"


def test_new_this_week_names_the_changed_routine_and_says_why(workbook_home, library):
    path = routines_folder() / "sams-core.json"
    save_routine(V1, path)
    two_changes(path, library)
    news = new_this_week("sam", now=FRIDAY + timedelta(days=1))  # names match in any case
    assert list(news) == ["Core"]
    assert news["Core"] == [
        "16 Nov 2026: Plank: hold 30 s → 35 s. Why: Easy twice running.",
        "20 Nov 2026: Plank: 3 → 4 sets. Why: Still easy.",
    ]
    assert new_this_week("Sam", now=FRIDAY + timedelta(days=6)) == {
        "Core": ["20 Nov 2026: Plank: 3 → 4 sets. Why: Still easy."]
    }
    assert new_this_week("Sam", now=FRIDAY + timedelta(days=8)) == {}  # old news
    assert new_this_week("Kim", now=FRIDAY) == {}  # nobody else's routine


def test_a_clients_changes_are_listed_across_their_routines_by_date(tmp_path, library):
    two_changes(tmp_path / "core.json", library)  # Sam's: changed on Monday and Friday
    rows = Routine("Rows", items=(RoutineItem("seated-row"),), client=" sam ")  # any case
    save_version(tmp_path / "rows.json", rows.update(0, sets=4), change="Seated row: 3 → 4 sets",
                 made_from=rows, when=datetime(2026, 11, 18, 9, 0, tzinfo=UTC))  # fmt: skip
    ana = Routine("Core", items=V1.items, client="Ana")
    save_version(tmp_path / "core-ana.json", ana.update(0, hold_seconds=40), change="Ana's",
                 made_from=ana, when=MONDAY)  # fmt: skip
    found = client_versions("Sam", folder=tmp_path)
    assert list(found.columns) == ["routine", "version", "date", "change"]
    assert list(found.itertuples(index=False, name=None)) == [
        ("Core", 2, MONDAY, "Plank: hold 30 s → 35 s"),
        ("Rows", 2, datetime(2026, 11, 18, 9, 0, tzinfo=UTC), "Seated row: 3 → 4 sets"),
        ("Core", 3, FRIDAY, "Plank: 3 → 4 sets"),
    ]  # version 1, the routine as it was, is no change
    assert str(found["date"].dt.tz) == "UTC"
    assert client_versions("Ben", folder=tmp_path).empty


def test_damaged_files_are_skipped_and_the_rest_still_listed(tmp_path, library):
    two_changes(tmp_path / "core.json", library)
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    other = Routine("Rows", items=(RoutineItem("seated-row"),), client="Sam")
    save_version(tmp_path / "rows.json", other.update(0, sets=4), change="x", made_from=other)
    (tmp_path / "history" / "rows" / "versions.json").write_text("[{", encoding="utf-8")
    assert client_versions("Sam", folder=tmp_path)["version"].tolist() == [2, 3]


def test_without_a_folder_the_workbooks_routines_are_read(workbook_home, library):
    assert client_versions("Sam").empty  # no routines folder yet
    two_changes(routines_folder() / "core.json", library)
    assert client_versions("Sam")["change"].tolist() == [
        "Plank: hold 30 s → 35 s",
        "Plank: 3 → 4 sets",
    ]


def test_the_version_a_reminder_carries(tmp_path, library):
    """A calendar reminder is as new as the routine: the log's number, else the file's."""
    from upperback.routine_history import Sent, next_sent

    path = tmp_path / "core.json"
    assert version_number(V1) == version_number(V1, path=path) == 1  # nothing kept yet
    two_changes(path, library)
    assert version_number(load_routine(path), path=path) == 3
    first = next_sent([], V1, when=MONDAY)
    sent = [Sent(V1, first)]
    v2 = V1.update(0, hold_seconds=35)
    sent.append(Sent(v2, next_sent(sent, v2, when=FRIDAY)))
    assert version_number(v2, sent=sent, path=path) == 2  # the log's count comes first
    assert version_number(V1, sent=sent) == 1
