"""The audit log: who did what to which session, and when (never the content)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from .clock import now
from .database import Database
from .schema import audit

__all__ = ["AuditRepository"]


class AuditRepository:
    """The ``audit`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def write(self, actor: str, action: str, target: str = "") -> None:
        self.write_many([(actor, action, target, now())])

    def write_many(self, entries: list[tuple[str, str, str, str]]) -> None:
        """Write several ``(actor, action, target, at)`` entries in one transaction."""
        if entries:
            with self.db.write() as conn:
                conn.execute(insert(audit), [dict(zip(("actor", "action", "target", "at"), e)) for e in entries])

    def log(self, limit: int = 200) -> list[dict[str, Any]]:
        """The newest entries first."""
        query = select(audit.c.actor, audit.c.action, audit.c.target, audit.c.at).order_by(audit.c.id.desc()).limit(limit)
        return [dict(r._mapping) for r in self.db.rows(query)]
