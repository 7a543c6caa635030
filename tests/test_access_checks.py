"""On a clinic's server, a client's role keeps its own warning-signs checks and clears them;
a version 1 clinic log, made before migrations or at the first revision, is brought up to
date by the admin's set-up, not by a client."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.test_access import clinic_db  # noqa: F401 - the shared clinic fixture
from upperback.store import Store, StoreError
from upperback.store.access import init_clinic
from upperback.store.migrations import VERSION_TABLE, downgrade, head


def test_a_client_role_clears_only_its_own_check(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    alice = Store(engines["alice"].url.render_as_string(hide_password=False))
    mine = alice.for_client("alice")
    mine.record_red_flag_check("alice", {"fever": True})
    assert mine.record_professional_clearance("alice") is True
    assert alice.record_professional_clearance("bob") is False  # bob's rows are not there
    summary = Store(admin).red_flag_summary().set_index("client")
    assert summary.loc["alice", "cleared"] and not summary.loc["bob", "any_yes"]
    assert alice.red_flag_summary()["client"].tolist() == ["alice"]


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
