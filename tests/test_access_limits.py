"""On a clinic's server the schema itself refuses what the form refuses, the keys are
bigint, and who sent a routine version is the database's word, not the sender's.

Raw SQL as the clients and coaches of the clinic fixture (tests/test_access.py), on a real
PostgreSQL server.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.test_access import a_session, a_version, clinic_db, owners  # noqa: F401
from upperback.rules.limits import HOLD_LIMITS, SETS_PER_SESSION, TEXT_LIMITS, WHOLE_LIMITS
from upperback.store import Store, StoreError
from upperback.store.access import init_clinic
from upperback.store.migrations import downgrade

REFUSED = pytest.raises(sa.exc.IntegrityError, match="violates check constraint")
A_SET = (
    "INSERT INTO set_logs (session_id, position, exercise, set_number, completed, note) "
    "VALUES (:session, :position, 'plank', 1, true, '')"
)


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def alices_session(admin: str) -> int:
    return next(i for i, n in owners(admin, "sessions").items() if n == "alice")


def run(engine, statement: str, **values) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(statement), values)


def test_a_64_mb_note_is_refused(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    huge = "x" * (64 * 1024 * 1024)
    session = alices_session(admin)
    with REFUSED:
        run(
            engines["alice"],
            A_SET.replace("''", ":note"),
            session=session,
            position=7,
            note=huge,
        )
    with REFUSED:
        run(
            engines["alice"],
            "INSERT INTO sessions (uid, client_id, routine, started_at, notes) "
            "SELECT 'big', client_id, 'r', now(), :notes FROM sessions WHERE id = :s",
            notes=huge,
            s=session,
        )


@pytest.mark.parametrize(
    ("table", "column", "limit"),
    [("set_logs", "note", TEXT_LIMITS["note"]), ("sessions", "notes", TEXT_LIMITS["notes"])],
)
def test_notes_as_long_as_the_form_allows_are_kept_one_more_is_refused(
    clinic_db,  # noqa: F811
    table,
    column,
    limit,
):
    admin, engines = clinic_db
    session = alices_session(admin)
    key = "id" if table == "sessions" else "session_id"
    copy = (
        "INSERT INTO set_logs (session_id, position, exercise, set_number, completed, note) "
        "VALUES (:s, :p, 'plank', 1, true, :text)"
        if table == "set_logs"
        else "INSERT INTO sessions (uid, client_id, routine, started_at, notes) "
        "SELECT :u, client_id, 'r', now(), :text FROM sessions WHERE id = :s"
    )
    run(engines["alice"], copy, s=session, p=20, u="at-limit", text="é" * limit)
    with REFUSED:
        run(engines["alice"], copy, s=session, p=21, u="over", text="é" * (limit + 1))
    with engines["alice"].connect() as conn:
        longest = f"SELECT max(length({column})) FROM {table} WHERE {key} >= :s"
        assert conn.execute(sa.text(longest), {"s": session}).scalar() == limit


def test_two_hundred_thousand_sets_are_refused_and_the_form_limit_is_kept(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    session = alices_session(admin)  # holds one set, at place 0
    many = (
        "INSERT INTO set_logs (session_id, position, exercise, set_number, completed, note) "
        "SELECT :s, g, 'plank', 1, true, '' FROM generate_series(1, :last) g"
    )
    with REFUSED:
        run(engines["alice"], many, s=session, last=200_000)
    with pytest.raises(sa.exc.IntegrityError, match="duplicate key"):  # all at one place
        run(engines["alice"], A_SET.replace(":position", "0"), session=session)
    run(engines["alice"], many, s=session, last=SETS_PER_SESSION - 1)  # the most allowed
    with REFUSED:
        run(engines["alice"], A_SET, session=session, position=SETS_PER_SESSION)
    with engines["alice"].connect() as conn:
        count = "SELECT count(*) FROM set_logs WHERE session_id = :s"
        assert conn.execute(sa.text(count), {"s": session}).scalar() == SETS_PER_SESSION


SET_NUMBERS = [(name, *WHOLE_LIMITS[name]) for name in ("set_number", "reps_planned", "reps_done")]
SET_NUMBERS += [(name, *HOLD_LIMITS) for name in ("hold_planned", "hold_done")]


@pytest.mark.parametrize(("column", "low", "high"), SET_NUMBERS)
def test_set_numbers_out_of_the_forms_range_are_refused(clinic_db, column, low, high):  # noqa: F811
    admin, engines = clinic_db
    session = alices_session(admin)
    values = {"set_number": "1", column: ":value"}  # set_number may be the one tried
    statement = (
        f"INSERT INTO set_logs (session_id, position, exercise, completed, note, "
        f"{', '.join(values)}) VALUES (:session, :position, 'plank', true, '', "
        f"{', '.join(values.values())})"
    )
    for place, value in ((30, low), (31, high)):
        run(engines["alice"], statement, session=session, position=place, value=value)
    for value in (low - 1, high + 1):
        with REFUSED:
            run(engines["alice"], statement, session=session, position=32, value=value)


@pytest.mark.parametrize(
    ("column", "value"),
    [("pain_before", 11), ("pain_before", -1), ("pain_after", 11), ("effort", 10.5)],
)
def test_scores_out_of_range_are_refused(clinic_db, column, value):  # noqa: F811
    admin, engines = clinic_db
    statement = (
        f"INSERT INTO sessions (uid, client_id, routine, started_at, notes, {column}) "
        "SELECT 'out', client_id, 'r', now(), '', :v FROM sessions WHERE id = :s"
    )
    with REFUSED:
        run(engines["alice"], statement, v=value, s=alices_session(admin))


def test_the_form_refuses_more_sets_than_the_schema_allows(clinic_db):  # noqa: F811
    from upperback.sessions import SessionError

    _admin, engines = clinic_db
    session = a_session("alice", 3)
    alice = Store(url_of(engines["alice"]))
    too_many = session.sets * (SETS_PER_SESSION + 1)
    with pytest.raises(SessionError, match=f"at most {SETS_PER_SESSION} sets"):
        alice.save_session(type(session)(**{**session.__dict__, "sets": too_many}))
    alice.save_session(type(session)(**{**session.__dict__, "sets": too_many[:-1]}))
    alice.close()


def test_ids_are_bigint_and_go_on_past_the_int4_range(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    engine = sa.create_engine(admin)
    with engine.begin() as conn:
        kinds = set(
            conn.exec_driver_sql(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE column_name IN ('id', 'client_id', 'session_id') "
                "AND table_schema = 'public' AND table_name NOT LIKE 'clinic%%'"
            ).all()
        )
        sequences = set(
            conn.exec_driver_sql("SELECT data_type FROM information_schema.sequences").scalars()
        )
        conn.exec_driver_sql("SELECT setval('sessions_id_seq', 3000000000)")
    engine.dispose()
    assert {kind for _table, _column, kind in kinds} == {"bigint"}
    assert len(kinds) == 11  # function_scores' id and client_id among them
    assert sequences == {"bigint"}
    alice = Store(url_of(engines["alice"]))
    saved = alice.save_session(a_session("alice", 2))
    assert saved.id == 3_000_000_001
    assert [s.id for s in alice.sessions()][-1] == saved.id
    assert alice.delete_session(saved.id) is True
    alice.close()


def test_a_clinic_log_upgraded_to_bigint_keeps_every_row(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    before = {table: owners(admin, table) for table in ("sessions", "set_logs", "clients")}
    alice_before = [(s.id, s.pain_before, len(s.sets)) for s in Store(admin).sessions("alice")]
    with sa.create_engine(admin).begin() as conn:
        downgrade(conn, "0003_routine_versions")
    with pytest.raises(StoreError, match="clinic init"):
        Store(url_of(engines["alice"]))  # waits for the admin
    init_clinic(admin)
    assert {table: owners(admin, table) for table in before} == before
    alice = Store(url_of(engines["alice"]))
    assert [(s.id, s.pain_before, len(s.sets)) for s in alice.sessions()] == alice_before
    assert [s.client for s in alice.sessions()] == ["alice", "alice"]
    alice.close()


def sent_by(admin: str) -> dict[tuple[str, int], str]:
    engine = sa.create_engine(admin)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.name, v.number, v.sent_by FROM routine_versions v "
            "JOIN clients c ON c.id = v.client_id"
        ).all()
    engine.dispose()
    return {(name, number): who for name, number, who in rows}


FORGED = (
    "INSERT INTO routine_versions (client_id, routine, number, saved_at, change, reason, "
    "sessions, body, sent_by) SELECT id, 'Daily bridge', :n, now(), 'forged', '', '[]', "
    "'{}', :who FROM clients WHERE name = :client"
)


def test_who_sent_a_version_is_set_from_the_role_whatever_the_insert_says(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    run(engines["alice"], FORGED, n=7, who="coach", client="alice")
    run(engines["carol"], FORGED, n=8, who="client", client="alice")
    run(
        engines["alice"], FORGED.replace(", sent_by", "").replace(", :who", ""), n=9, client="alice"
    )
    seen = sent_by(admin)
    assert seen[("alice", 7)] == "client"  # alice cannot pass hers off as her coach's
    assert seen[("alice", 8)] == "coach"
    assert seen[("alice", 9)] == "client"
    Store(url_of(engines["carol"])).send_routine(*a_version("bob", 4), sent_by="client")
    Store(url_of(engines["bob"])).for_client("bob").send_routine(*a_version("bob", 5))
    seen = sent_by(admin)
    assert (seen[("bob", 4)], seen[("bob", 5)]) == ("coach", "client")


def test_no_client_writes_another_clients_versions_or_changes_any(clinic_db):  # noqa: F811
    admin, engines = clinic_db
    before = sent_by(admin)
    alice = next(i for i, n in owners(admin, "clients").items() if n == "alice")
    by_id = FORGED.replace("SELECT id,", "VALUES (:id,").replace(
        " FROM clients WHERE name = :client", ")"
    )
    for person in ("bob", "dana"):  # another client; a coach, not hers
        with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
            run(engines[person], by_id, id=alice, n=7, who="coach")
    for statement in (
        "UPDATE routine_versions SET sent_by = 'coach'",
        "DELETE FROM routine_versions",
    ):
        for person in ("alice", "carol"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                run(engines[person], statement)
    assert sent_by(admin) == before
