"""Names typed by people, and times shown in their own zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from upperback.names import name_problem
from upperback.person_names import match_name
from upperback.text import when_text
from upperback.workbook import SettingsError, local_zone, save_timezone, settings_path

KNOWN = ["Ana", "Sam", "Mary Jo"]


@pytest.mark.parametrize("typed", ["Sam", "sam", "  SAM ", "sAm\t"])
def test_a_name_matches_whatever_its_case_and_spaces(typed):
    assert match_name(typed, KNOWN) == "Sam"


def test_inner_spaces_are_folded_too():
    assert match_name("mary   jo", KNOWN) == "Mary Jo"


def test_a_near_miss_is_not_guessed_but_suggested():
    assert match_name("Sm", KNOWN) is None
    assert "did you mean 'Sam'" in name_problem("Sm", KNOWN)


def test_a_name_far_from_every_other_lists_the_clients():
    assert "Ana, Sam, Mary Jo" in name_problem("Xavier", KNOWN)


def test_times_default_to_the_machines_zone():
    assert (
        local_zone().utcoffset(datetime(2026, 11, 16))
        == datetime(2026, 11, 16).astimezone().utcoffset()
    )


def test_the_zone_setting_changes_how_times_read():
    save_timezone("America/New_York")
    moment = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
    assert when_text(moment) == "Mon 16 Nov 2026, 02:00"
    assert str(local_zone()) == "America/New_York"


def test_a_zone_that_does_not_exist_is_refused_with_its_file():
    with pytest.raises(SettingsError, match="is not a time zone; use a name such as"):
        save_timezone("Mars/Olympus")
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"timezone": "Mars/Olympus"}')
    with pytest.raises(SettingsError, match=r"settings.json, setting timezone"):
        local_zone()


def test_a_summer_time_is_shown_in_summer_time():
    berlin = ZoneInfo("Europe/Berlin")
    assert when_text(datetime(2026, 7, 1, 7, 0, tzinfo=UTC), zone=berlin).endswith("09:00")
