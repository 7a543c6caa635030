"""On a clinic's server, a client's role keeps its own warning-signs checks and clears them;
a version 1 clinic log is brought up to date by the admin's set-up, not by a client."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.test_access import clinic_db  # noqa: F401 - the shared clinic fixture
from upperback.store import Store, StoreError
from upperback.store.access import init_clinic


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


def test_a_version_one_clinic_log_waits_for_the_admin(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    with sa.create_engine(admin).begin() as conn:  # as version 1 left it
        conn.exec_driver_sql("ALTER TABLE red_flag_checks DROP COLUMN cleared_at")
        conn.exec_driver_sql("UPDATE upperback_meta SET value = '1'")
    url = engines["alice"].url.render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="the admin runs `upperback clinic init`"):
        Store(url)  # a client's role may not change the tables
    init_clinic(admin)
    assert Store(url).for_client("alice").last_red_flag_check()["cleared_at"] is None
