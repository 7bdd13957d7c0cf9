"""Insert-or-update and insert-or-ignore, in each database's own words (SQLAlchemy's dialect inserts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

__all__ = ["upsert", "insert_or_ignore"]


def _insert(conn: Connection, table: Table) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def upsert(conn: Connection, table: Table, values: dict[str, Any], *, key: str) -> None:
    """Insert the row, or update every other column of the row with the same ``key``."""
    statement = _insert(conn, table).values(**values)
    conn.execute(statement.on_conflict_do_update(index_elements=[key],
                                                 set_={k: statement.excluded[k] for k in values if k != key}))


def insert_or_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> None:
    """Insert the row unless one with the same key exists."""
    conn.execute(_insert(conn, table).values(**values).on_conflict_do_nothing())
