"""The session log on disk: SQLite by default, PostgreSQL for a clinic or a class.

Three parts, each with its own tests: ``schema`` (the tables and opening a database safely),
``log`` (the :class:`Store` itself) and ``csvcodec`` (the log as CSV, one row per set).
"""

from upperback.store.client_names import NameCollisionWarning
from upperback.store.csvcodec import CSV_COLUMNS
from upperback.store.log import Store
from upperback.store.schema import SCHEMA_VERSION, StoreError, database_url

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "NameCollisionWarning",
    "Store",
    "StoreError",
    "database_url",
]
