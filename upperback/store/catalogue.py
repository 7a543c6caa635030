"""What the server's own catalogue keeps from a clinic's people.

Every role may read PostgreSQL's statistics views by default, and they count rows:
``pg_stat_user_tables`` says how many sessions the clinic has logged and how many people
``clinic_people`` holds, and ``pg_stat_activity`` lists who is connected. In the clinic's
database the public loses them, and the functions under them (``pg_stat_get_*``), which a
role could call directly, together with the live sizes of tables (``pg_relation_size`` and
its kin) and sequences' last values (``pg_sequences``). The admin, a superuser, keeps them.

Kept apart from :mod:`upperback.store.access`, which sets a clinic up and adds its people;
what cannot be closed this way (the planner's row estimates, the ids a role is handed) is
in docs/classroom.md.
"""

__all__ = ["HIDDEN_FUNCTIONS", "HIDDEN_VIEWS", "hide_statistics"]

# Views and functions of pg_catalog, as LIKE patterns ('_' escaped: it matches any letter).
HIDDEN_VIEWS = ("pg\\_stat\\_%", "pg\\_statio\\_%", "pg\\_sequences")
HIDDEN_FUNCTIONS = (
    "pg\\_stat\\_%",
    "pg\\_sequence\\_last\\_value",
    "pg\\_relation\\_size",
    "pg\\_total\\_relation\\_size",
    "pg\\_table\\_size",
    "pg\\_indexes\\_size",
    "pg\\_database\\_size",
)
# Each kind of object with the query that finds the catalogue's own ones by name.
_FOUND_BY = {
    "TABLE": "SELECT relname FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace "
    "AND relkind = 'v' AND relname LIKE ANY (:patterns)",
    "FUNCTION": "SELECT oid::regprocedure::text FROM pg_proc "
    "WHERE pronamespace = 'pg_catalog'::regnamespace AND prokind = 'f' "
    "AND proname LIKE ANY (:patterns)",
}


def hide_statistics(conn) -> None:
    """Revoke from PUBLIC, in the connected database only, what counts others' rows.

    Run as a superuser on an SQLAlchemy connection to the clinic's database; safe to run
    again. No clinic group is granted any of these, so none keeps them.
    """
    import sqlalchemy as sa

    for kind, patterns in (("TABLE", HIDDEN_VIEWS), ("FUNCTION", HIDDEN_FUNCTIONS)):
        found = conn.execute(sa.text(_FOUND_BY[kind]), {"patterns": list(patterns)})
        for name in found.scalars().all():  # the catalogue's own names, nobody's text
            conn.exec_driver_sql(f"REVOKE ALL ON {kind} pg_catalog.{name} FROM PUBLIC")
