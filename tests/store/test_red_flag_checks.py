"""Warning-signs checks: a yes waits for a professional, every answer is asked again in time."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from upperback.rules.safety import RED_FLAG_RECHECK_WEEKS, RED_FLAGS, URGENT_FLAGS
from upperback.store import Store
from upperback.store.checks import (
    ClearanceError,
    awaits_clearance,
    check_words,
    clearance_problem,
    gate_reason,
    short_status,
)
from upperback.store.schema import clients, red_flag_checks

TODAY = date.today  # the workbook's zone is this machine's in the tests
CHEST = URGENT_FLAGS[0]


def test_a_yes_keeps_the_timer_closed_until_a_professional_has_seen_the_client(store_url):
    store = Store(store_url)
    assert "Answer the warning signs" in gate_reason(store.last_red_flag_check("Sam"))
    assert store.record_professional_clearance("Sam", seen_on=TODAY()) is False  # nothing yet
    store.record_red_flag_check("Sam", {"fever": True})
    check = store.last_red_flag_check("Sam")
    assert check["any_yes"] and not check["urgent"] and check["cleared_at"] is None
    assert check["ticked"] == ["fever"] and awaits_clearance(check)
    assert "until a professional has seen you" in gate_reason(check)
    assert store.record_professional_clearance("Sam", seen_on=TODAY()) is True
    check = store.last_red_flag_check("Sam")
    assert abs(check["cleared_at"] - datetime.now(UTC)) < timedelta(minutes=1)
    assert (check["cleared_by"], check["seen_on"]) == ("client", TODAY())
    assert gate_reason(check) is None and not awaits_clearance(check)


def test_chest_pain_is_marked_urgent(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Sam", dict.fromkeys(URGENT_FLAGS, True))
    assert store.last_red_flag_check("Sam")["urgent"]


def test_the_check_is_asked_again_after_the_interval(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    check = store.last_red_flag_check("Sam")
    assert check["due_at"] - check["checked_at"] == timedelta(weeks=RED_FLAG_RECHECK_WEEKS)
    assert gate_reason(check) is None
    later = check["due_at"] + timedelta(minutes=1)
    assert f"{RED_FLAG_RECHECK_WEEKS} weeks or more" in gate_reason(check, now=later)


def test_the_summary_shows_each_clients_standing(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Ann", dict.fromkeys(RED_FLAGS, False))
    store.record_red_flag_check("Bo", {"fever": True})
    store.record_red_flag_check("Cy", {"fever": True})
    store.record_professional_clearance("Cy", seen_on=TODAY())
    store.record_red_flag_check("Old", dict.fromkeys(RED_FLAGS, False))
    with store.engine.begin() as conn:  # Old answered half a year ago
        old = sa.select(clients.c.id).where(clients.c.name == "Old").scalar_subquery()
        conn.execute(
            red_flag_checks.update()
            .where(red_flag_checks.c.client_id == old)
            .values(checked_at=datetime.now(UTC) - timedelta(weeks=26))
        )
    store.record_red_flag_check("Ann", {"fever": False})  # Ann's new answer is the latest
    store.save_session(_session("Dee"))  # logged, never asked
    summary = store.red_flag_summary().set_index("client")
    assert summary.loc["Ann", "checked_at"] > datetime.now(UTC) - timedelta(minutes=1)
    assert summary["any_yes"].to_dict() == {
        "Ann": False, "Bo": True, "Cy": True, "Dee": False, "Old": False}  # fmt: skip
    assert summary["cleared"].to_dict() == {
        "Ann": False, "Bo": False, "Cy": True, "Dee": False, "Old": False}  # fmt: skip
    assert summary["due"].to_dict() == {
        "Ann": False, "Bo": False, "Cy": False, "Dee": True, "Old": True}  # fmt: skip
    assert summary["checked_at"].isna().to_dict()["Dee"]
    assert summary["status"].to_dict() == {
        "Ann": "all no",
        "Bo": "yes: not cleared",
        "Cy": f"yes: cleared by client {TODAY():%-d %b}",
        "Dee": "never checked",
        "Old": "due again",
    }


def _session(client):
    from upperback.sessions import SessionRecord

    return SessionRecord(client, "Daily bridge", datetime(2026, 3, 2, tzinfo=UTC))


def _answered_days_ago(store, client, days):
    with store.engine.begin() as conn:
        who = sa.select(clients.c.id).where(clients.c.name == client).scalar_subquery()
        conn.execute(
            red_flag_checks.update()
            .where(red_flag_checks.c.client_id == who)
            .values(checked_at=datetime.now(UTC) - timedelta(days=days))
        )


@pytest.mark.parametrize(
    ("days_before_today", "kept"), [(-1, False), (0, True), (2, True), (3, False)]
)
def test_the_day_seen_is_between_the_check_and_today(store_url, days_before_today, kept):
    """Answered two days ago: seen on that day, yesterday or today is kept; the day before
    the check, or tomorrow, is refused in words, and nothing is stored."""
    store = Store(store_url)
    store.record_red_flag_check("Sam", {"fever": True})
    _answered_days_ago(store, "Sam", 2)
    seen = TODAY() - timedelta(days=days_before_today)
    if kept:
        assert store.record_professional_clearance("Sam", seen_on=seen) is True
        assert store.last_red_flag_check("Sam")["seen_on"] == seen
        return
    words = "before the day you answered" if days_before_today > 0 else "in the future"
    with pytest.raises(ClearanceError, match=f"{words}.*Nothing was saved"):
        store.record_professional_clearance("Sam", seen_on=seen)
    assert store.last_red_flag_check("Sam")["cleared_at"] is None


@pytest.mark.parametrize("seen", [None, "2026-12-01", datetime.now(UTC)])
def test_a_day_seen_that_is_not_a_date_is_refused(store_url, seen):
    store = Store(store_url)
    store.record_red_flag_check("Sam", {"fever": True})
    with pytest.raises(ClearanceError, match="Give the day a professional saw you, as a date"):
        store.record_professional_clearance("Sam", seen_on=seen)


def test_chest_pain_is_not_cleared_the_same_day_by_the_clients_own_word(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Sam", {CHEST: True, "fever": True})
    check = store.last_red_flag_check("Sam")
    assert check["ticked"] == [CHEST, "fever"]  # the urgent sign first
    assert "stays closed today" in gate_reason(check)
    with pytest.raises(ClearanceError, match="from tomorrow; your coach can record it sooner"):
        store.record_professional_clearance("Sam", seen_on=TODAY())
    assert store.for_client("Sam").last_red_flag_check()["cleared_at"] is None
    assert short_status(store.last_red_flag_check("Sam")) == "urgent: not cleared"
    _answered_days_ago(store, "Sam", 1)  # the next day, the client's word is enough
    assert "until a professional has seen you" in gate_reason(store.last_red_flag_check("Sam"))
    assert store.for_client("Sam").record_professional_clearance("Sam", seen_on=TODAY())
    assert gate_reason(store.last_red_flag_check("Sam")) is None


def test_a_coach_clears_chest_pain_the_same_day(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Sam", {CHEST: True})
    assert store.record_coach_clearance("Sam", seen_on=TODAY()) is True
    check = store.last_red_flag_check("Sam")
    assert (check["cleared_by"], check["seen_on"]) == ("coach", TODAY())
    assert gate_reason(check) is None
    assert short_status(check) == f"yes: cleared by coach {TODAY():%-d %b}"
    assert "cleared by their coach" in check_words(check)
    assert not hasattr(store.for_client("Sam"), "record_coach_clearance")
    with pytest.raises(ClearanceError, match="cannot be in the future"):
        store.record_coach_clearance("Sam", seen_on=TODAY() + timedelta(days=1))


def test_the_next_day_is_the_clients_own_day():
    """Ticked at 23:30 UTC: in London it is the next day by morning; in Berlin the tick was
    already after midnight, so the same morning is still the day of the check."""
    check = {
        "checked_at": datetime(2026, 12, 3, 23, 30, tzinfo=UTC),
        "any_yes": True,
        "urgent": True,
        "cleared_at": None,
    }
    morning = datetime(2026, 12, 4, 9, tzinfo=UTC)
    london, berlin = ZoneInfo("Europe/London"), ZoneInfo("Europe/Berlin")
    assert (
        clearance_problem(check, by="client", seen_on=date(2026, 12, 4), now=morning, zone=london)
        is None
    )
    assert "from tomorrow" in clearance_problem(
        check, by="client", seen_on=date(2026, 12, 4), now=morning, zone=berlin
    )
    assert "before the day you answered" in clearance_problem(
        check, by="client", seen_on=date(2026, 12, 3), now=morning, zone=berlin
    )
    assert (
        clearance_problem(check, by="coach", seen_on=date(2026, 12, 4), now=morning, zone=berlin)
        is None
    )
    with pytest.raises(ValueError, match="use one of: client, coach"):
        clearance_problem(check, by="neighbour", seen_on=date(2026, 12, 4), now=morning)


def test_an_urgent_sign_a_client_cleared_on_the_day_opens_the_next_day():
    """Logs from before version 5 may hold one; the timer opens from the next day on."""
    ticked = datetime(2026, 12, 3, 9, tzinfo=UTC)
    check = {
        "checked_at": ticked,
        "any_yes": True,
        "urgent": True,
        "ticked": [CHEST],
        "cleared_at": ticked,
        "cleared_by": "client",
        "seen_on": ticked.date(),
        "due_at": ticked + timedelta(weeks=12),
    }
    same_day, next_day = ticked.replace(hour=20), ticked + timedelta(days=1)
    assert awaits_clearance(check, now=same_day, zone=UTC)
    assert "stays closed today" in gate_reason(check, now=same_day, zone=UTC)
    assert "opens from the next day" in check_words(check, now=same_day, zone=UTC)
    assert not awaits_clearance(check, now=next_day, zone=UTC)
    assert gate_reason(check, now=next_day, zone=UTC) is None
    assert not awaits_clearance({**check, "cleared_by": "coach"}, now=same_day, zone=UTC)


def test_the_checks_words_name_the_signs_urgent_first_and_who_cleared():
    ticked = datetime(2026, 12, 3, 9, tzinfo=UTC)
    check = {
        "checked_at": ticked,
        "any_yes": True,
        "urgent": True,
        "ticked": [CHEST, "fever"],
        "cleared_at": None,
        "cleared_by": None,
        "seen_on": None,
        "due_at": ticked + timedelta(weeks=12),
    }
    now = ticked + timedelta(days=1)
    assert check_words(check, now=now, zone=UTC) == (
        f"checked 3 Dec 2026: answered yes to {CHEST} (urgent); fever, not cleared yet; "
        "due again 25 Feb 2027"
    )
    cleared = {**check, "cleared_at": now, "cleared_by": "coach", "seen_on": date(2026, 12, 3)}
    assert check_words(cleared, now=now, zone=UTC).endswith(
        "fever, cleared by their coach, seen on 3 Dec 2026; due again 25 Feb 2027"
    )
    assert short_status(cleared, now=now, zone=UTC) == "yes: cleared by coach 3 Dec"
