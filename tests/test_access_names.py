"""On a clinic's server, a person's role reaches their rows by their name's key.

Login names are the clinic's names (lower-case); the log may spell the same person "Alice".
The row policies match the key, so the spelling never hides a person's rows from them nor
shows them anyone else's, and a log upgraded from before keys keeps its policies right.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.test_access import a_session, clinic_db  # noqa: F401 - the shared clinic fixture
from upperback.store import Store
from upperback.store.access import ClinicError, add_person
from upperback.store.migrations import downgrade


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _sessions_seen(engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar()


def test_a_session_logged_as_alice_capitalised_is_alices_own(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    Store(admin).save_session(a_session("  ALICE ", 3))  # the coach typed it so
    alice = Store(_url(engines["alice"])).for_client("Alice")
    assert alice.client == "alice"  # as the log first kept her
    assert [s.pain_before for s in alice.sessions()] == [5, 4, 3]
    assert _sessions_seen(engines["alice"]) == 3 and _sessions_seen(engines["bob"]) == 2
    assert _sessions_seen(engines["carol"]) == 5  # alice's three and bob's two


def test_a_clinic_log_upgraded_from_before_keys_keeps_each_person_to_their_rows(
    clinic_db,  # noqa: F811
):
    admin, engines = clinic_db
    with sa.create_engine(admin).begin() as conn:  # as the previous upperback left it
        downgrade(conn, "0005_clearance_details")
    Store(admin).close()  # the admin opens it: upgraded, policies matched by key
    assert _sessions_seen(engines["alice"]) == 2
    assert _sessions_seen(engines["carol"]) == 4 and _sessions_seen(engines["dana"]) == 2
    alice = Store(_url(engines["alice"])).for_client("ALICE")
    alice.save_session(a_session("Alice", 1))
    assert [s.pain_before for s in alice.sessions()] == [5, 4, 1]
    assert _sessions_seen(engines["bob"]) == 2


def test_a_person_added_to_the_clinic_gets_their_login_name(clinic_db):  # noqa: F811
    admin, _engines = clinic_db
    assert add_person(admin, "  Frank ", kind="coach").name == "frank"
    with pytest.raises(ClinicError, match="already in the clinic"):
        add_person(admin, "FRANK", kind="coach")
    with pytest.raises(ClinicError, match="can't contain an invisible space"):
        add_person(admin, "gus\u200b", kind="client", coach="frank")
