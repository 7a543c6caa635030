"""Warning-signs checks: a yes waits for a professional, every answer is asked again in time."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from upperback.rules.safety import RED_FLAG_RECHECK_WEEKS, RED_FLAGS, URGENT_FLAGS
from upperback.store import Store
from upperback.store.checks import gate_reason
from upperback.store.schema import clients, red_flag_checks


def test_a_yes_keeps_the_timer_closed_until_a_professional_has_seen_the_client(store_url):
    store = Store(store_url)
    assert "Answer the warning signs" in gate_reason(store.last_red_flag_check("Sam"))
    assert store.record_professional_clearance("Sam") is False  # nothing to clear yet
    store.record_red_flag_check("Sam", {"fever": True})
    check = store.last_red_flag_check("Sam")
    assert check["any_yes"] and not check["urgent"] and check["cleared_at"] is None
    assert "until a professional has seen you" in gate_reason(check)
    assert store.record_professional_clearance("Sam") is True
    check = store.last_red_flag_check("Sam")
    assert abs(check["cleared_at"] - datetime.now(UTC)) < timedelta(minutes=1)
    assert gate_reason(check) is None


def test_chest_pain_is_marked_urgent(store_url):
    store = Store(store_url)
    store.record_red_flag_check("Sam", dict.fromkeys(URGENT_FLAGS, True))
    assert store.last_red_flag_check("Sam")["urgent"]


def test_an_urgent_sign_keeps_the_timer_closed_that_day_whatever_the_client_confirms(
    store_url, monkeypatch
):
    """Chest pain ticked at 23:30 local time, cleared at 23:45: still closed; open next day."""
    from zoneinfo import ZoneInfo

    import upperback.store.checks as checks

    # Far from UTC, so the day that counts is the person's, not the server's.
    monkeypatch.setattr(checks, "local_zone", lambda: ZoneInfo("Pacific/Auckland"))
    store = Store(store_url)
    store.record_red_flag_check("Sam", {**dict.fromkeys(RED_FLAGS, False), URGENT_FLAGS[0]: True})
    store.record_professional_clearance("Sam")
    check = store.last_red_flag_check("Sam")
    zone = ZoneInfo("Pacific/Auckland")
    late = datetime(2026, 3, 2, 23, 30, tzinfo=zone)
    check = {**check, "checked_at": late.astimezone(UTC), "due_at": late + timedelta(weeks=12)}
    same_day = (late + timedelta(minutes=29)).astimezone(UTC)
    next_day = (late + timedelta(minutes=31)).astimezone(UTC)
    assert "closed until tomorrow at the earliest" in gate_reason(check, now=same_day)
    assert gate_reason(check, now=next_day) is None  # cleared, and a new day
    uncleared = {**check, "cleared_at": None}
    assert "until a professional has seen you" in gate_reason(uncleared, now=next_day)
    other = {**check, "urgent": False}  # any other sign: the client's own word opens it
    assert gate_reason(other, now=same_day) is None


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
    store.record_professional_clearance("Cy")
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


def _session(client):
    from upperback.sessions import SessionRecord

    return SessionRecord(client, "Daily bridge", datetime(2026, 3, 2, tzinfo=UTC))
