"""One client per person: each client's name gets its matching key (version 6).

Revision ID: 0006_one_client_per_name
Revises: 0005_clearance_details
Create Date: 2026-12-04

Clients were matched by their name as typed, trimmed, so "Sam" and "sam", or the two
Unicode spellings of "Zoë", could be two clients. This revision adds ``clients.name_key``
(the name with spaces collapsed, composed (NFC) and case folded, as
upperback.person_names makes it) under a unique index, and every lookup uses it.

A log that already holds two spellings of one person is not changed silently: no row is
merged or lost, and the upgrade does not fail. The first spelling (the client added first)
takes the key; the later ones keep a NULL key, which the unique index allows, and are
found by no name until the admin joins them: opening the log as the admin warns, naming
them, and ``upperback clinic merge-names OLD NEW`` (Store.merge_names) moves everything of
OLD to NEW in one transaction and gives the key to whoever is left.

On PostgreSQL, a clinic's row policies match a person's login name with clients' names;
where `upperback clinic init` has made them, they match it with the key instead (the login
names are lower-case letters, digits, '-' and '_', so each is its own key), so a client
whose log name is "Sam" still reaches their rows as the role of "sam".

The key is computed here, not imported, so this revision does what it did when written;
a test keeps it equal to upperback.person_names.matching_key.
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_one_client_per_name"
down_revision: str | None = "0005_clearance_details"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = "6"
META = sa.table("upperback_meta", sa.column("key", sa.String), sa.column("value", sa.String))
CLIENTS = sa.table(
    "clients", sa.column("id", sa.BigInteger), sa.column("name", sa.String), sa.column("name_key")
)
VISIBLE_IDS = """
CREATE OR REPLACE FUNCTION upperback_visible_client_ids() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT id FROM clients WHERE {column} IN (SELECT upperback_visible_clients())
$$
"""
CLIENTS_POLICY = "ALTER POLICY own_rows ON clients USING ({rule}) WITH CHECK ({rule})"
RULE = "{column} IN (SELECT upperback_visible_clients())"


def matching_key(text: str) -> str:
    """A name's key: line breaks and controls as spaces, invisible marks gone, spaces
    collapsed, composed, case folded, composed again."""
    kept = []
    for character in text:
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category not in ("Cf", "Cs"):
            kept.append(character)
    shown = unicodedata.normalize("NFC", " ".join("".join(kept).split()))
    return unicodedata.normalize("NFC", shown.casefold())


def _set_version(value: str) -> None:
    op.execute(META.update().where(META.c.key == "schema_version").values(value=value))


def _match_clients_by(column: str) -> None:
    """Point a clinic's row policies (if it has them) at clients' ``column``."""
    if op.get_context().dialect.name != "postgresql":
        return
    conn = op.get_bind()
    if conn.exec_driver_sql("SELECT to_regprocedure('upperback_visible_client_ids()')").scalar():
        op.execute(VISIBLE_IDS.format(column=column))
    policy = "SELECT 1 FROM pg_policies WHERE tablename = 'clients' AND policyname = 'own_rows'"
    if conn.exec_driver_sql(policy).scalar():
        op.execute(CLIENTS_POLICY.format(rule=RULE.format(column=column)))


def upgrade() -> None:
    """Add the key, give it to the first client of each, index it, match the policies."""
    op.add_column("clients", sa.Column("name_key", sa.String(600)))
    conn = op.get_bind()
    taken = set()
    for row_id, name in conn.execute(sa.select(CLIENTS.c.id, CLIENTS.c.name).order_by("id")):
        key = matching_key(name)
        if key not in taken:  # a later spelling of someone waits for merge-names
            taken.add(key)
            conn.execute(CLIENTS.update().where(CLIENTS.c.id == row_id).values(name_key=key))
    op.create_index("one_client_per_key", "clients", ["name_key"], unique=True)
    _match_clients_by("name_key")
    _set_version(SCHEMA_VERSION)


def downgrade() -> None:
    """Back to version 5: clients matched by their names again; the keys go."""
    _match_clients_by("name")
    op.drop_index("one_client_per_key", "clients")
    with op.batch_alter_table("clients") as table:
        table.drop_column("name_key")
    _set_version(str(int(down_revision.split("_", 1)[0])))
