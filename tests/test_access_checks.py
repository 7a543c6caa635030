"""On a clinic's server, a client's role keeps its own warning-signs checks and clears them;
a version 1 clinic log, made before migrations or at the first revision, is brought up to
date by the admin's set-up, not by a client."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.test_access import clinic_db  # noqa: F401 - the shared clinic fixture
from upperback.rules.safety import URGENT_FLAGS
from upperback.store import Store, StoreError
from upperback.store.access import init_clinic
from upperback.store.migrations import VERSION_TABLE, downgrade, head

CHEST = URGENT_FLAGS[0]


def test_a_client_role_clears_only_its_own_check(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    alice = Store(engines["alice"].url.render_as_string(hide_password=False))
    mine = alice.for_client("alice")
    mine.record_red_flag_check("alice", {"fever": True})
    assert mine.record_professional_clearance("alice", seen_on=date.today()) is True
    assert (
        alice.record_professional_clearance("bob", seen_on=date.today()) is False
    )  # bob's rows are not there
    summary = Store(admin).red_flag_summary().set_index("client")
    assert summary.loc["alice", "cleared"] and not summary.loc["bob", "any_yes"]
    assert alice.red_flag_summary()["client"].tolist() == ["alice"]


def test_the_database_decides_who_cleared_and_keeps_chest_pain_closed_that_day(clinic_db):  # noqa: F811
    """Raw SQL as a client: claiming to be the coach, clearing chest pain at once, or
    giving a day seen in the future changes nothing; the coach's all-clear is the coach's."""
    admin, engines = clinic_db
    url = {
        name: engine.url.render_as_string(hide_password=False) for name, engine in engines.items()
    }
    Store(url["alice"]).for_client("alice").record_red_flag_check("alice", {CHEST: True})
    Store(url["bob"]).for_client("bob").record_red_flag_check("bob", {"fever": True})
    clear = sa.text("SELECT upperback_clear_check(p_id => :id, p_by => :by, p_seen_on => :day)")
    newest = "SELECT max(id) FROM red_flag_checks"
    today, tomorrow = date.today(), date.today() + timedelta(days=1)
    with engines["alice"].begin() as conn:
        check = conn.exec_driver_sql(newest).scalar()
        for by, day in (("coach", today), ("client", today), ("client", tomorrow)):
            assert conn.execute(clear, {"id": check, "by": by, "day": day}).scalar() is False
    with engines["bob"].begin() as conn:
        check = conn.exec_driver_sql(newest).scalar()
        assert conn.execute(clear, {"id": check, "by": "client", "day": tomorrow}).scalar() is False
        assert conn.execute(clear, {"id": check, "by": "coach", "day": today}).scalar() is True
    assert Store(admin).last_red_flag_check("bob")["cleared_by"] == "client"  # not "coach"
    assert Store(admin).last_red_flag_check("alice")["cleared_at"] is None
    with engines["dana"].begin() as conn:  # another coach's client: nothing to clear
        assert conn.execute(clear, {"id": 1, "by": "coach", "day": today}).scalar() is False
    assert Store(url["carol"]).record_coach_clearance("alice", seen_on=today) is True
    cleared = Store(admin).last_red_flag_check("alice")
    assert (cleared["cleared_by"], cleared["seen_on"]) == ("coach", today)


def _made_before_migrations(conn) -> None:
    downgrade(conn, "0001_first_log")
    conn.exec_driver_sql(f"DROP TABLE {VERSION_TABLE}")  # version 1 had no migrations


def _at_the_first_revision(conn) -> None:
    downgrade(conn, "0001_first_log")


@pytest.mark.parametrize(
    "as_left", [_made_before_migrations, _at_the_first_revision], ids=["before-alembic", "0001"]
)
def test_a_version_one_clinic_log_waits_for_the_admin(clinic_db, as_left):  # noqa: F811
    admin, engines = clinic_db
    with sa.create_engine(admin).begin() as conn:  # as an older upperback left it
        as_left(conn)
    url = engines["alice"].url.render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="the admin runs `upperback clinic init`"):
        Store(url)  # a client's role may not change the tables
    init_clinic(admin)
    assert Store(url).for_client("alice").last_red_flag_check()["cleared_at"] is None
    with engines["alice"].connect() as conn:  # the client sees the log is current
        assert conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all() == [(head(),)]


def test_a_client_cannot_change_the_migrations_record(clinic_db):  # noqa: F811
    _admin, engines = clinic_db
    refused = pytest.raises(sa.exc.ProgrammingError, match="permission denied")
    with refused, engines["alice"].begin() as conn:
        conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = '0001_first_log'")
