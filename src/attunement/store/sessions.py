"""Sessions and their reports: save, list, read, delete, purge."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, insert, select

from ..errors import StoreError
from ..model import Session
from ..sessionjson import session_from_dict, session_to_dict
from ..version import __version__
from .clock import now
from .crypto import Sealer
from .database import Database
from .schema import audit, reports, sessions
from .upsert import upsert

__all__ = ["StoredSession", "SessionRepository"]


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A row of the session list."""

    id: str
    source: str
    format: str
    n_utterances: int
    saved_at: str
    has_report: bool


class SessionRepository:
    """The ``sessions`` and ``reports`` tables."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer

    def save(self, session: Session, *, report_json: str | None = None, report_html: str | None = None) -> str:
        """Keep a session (and its rendered report, if given); returns its id. Saving again replaces both.

        The store never renders: the report's JSON text and HTML page come from
        :func:`attunement.report.render` (:meth:`attunement.service.Service.save` does both).
        """
        seal = self.sealer.seal
        document = json.dumps(session_to_dict(session), ensure_ascii=False)
        with self.db.write() as conn:
            upsert(conn, sessions, {"id": session.id, "source": seal(session.source, session.id), "format": session.format,
                                    "n_utterances": len(session), "saved_at": now(),
                                    "session_json": seal(document, session.id)}, key="id")
            if report_json is not None:
                upsert(conn, reports, {"session_id": session.id, "version": __version__, "created_at": now(),
                                       "report_json": seal(report_json, session.id),
                                       "report_html": seal(report_html or "", session.id)}, key="session_id")
        return session.id

    def list(self) -> list[StoredSession]:
        """Every stored session, newest first."""
        query = (select(sessions.c.id, sessions.c.source, sessions.c.format, sessions.c.n_utterances, sessions.c.saved_at,
                        reports.c.session_id.is_not(None).label("has_report"))
                 .select_from(sessions.outerjoin(reports, reports.c.session_id == sessions.c.id))
                 .order_by(sessions.c.saved_at.desc(), sessions.c.id))
        return [StoredSession(id=r.id, source=self.sealer.open(r.source, r.id) or "", format=r.format,
                              n_utterances=r.n_utterances, saved_at=r.saved_at, has_report=bool(r.has_report))
                for r in self.db.rows(query)]

    def resolve(self, prefix: str) -> str:
        """The full id of the session whose id starts with ``prefix``."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.rows(select(sessions.c.id).where(sessions.c.id.like(pattern, escape="\\")))
        if not rows:
            raise StoreError(f"no stored session with id {prefix!r}", hint="run 'attune sessions list'")
        if len(rows) > 1:
            raise StoreError(f"{len(rows)} sessions start with {prefix!r}", hint="give more characters of the id")
        return str(rows[0][0])

    def get(self, session_id: str) -> Session:
        """The stored session (an id prefix is enough)."""
        full = self.resolve(session_id)
        row = self.db.rows(select(sessions.c.session_json).where(sessions.c.id == full))[0]
        return session_from_dict(json.loads(self.sealer.open(row[0], full) or "{}"), path=f"store:{session_id}")

    def report(self, session_id: str) -> dict[str, Any] | None:
        """The stored report document, or None if the session was saved unanalysed."""
        full = self.resolve(session_id)
        rows = self.db.rows(select(reports.c.report_json).where(reports.c.session_id == full))
        return json.loads(self.sealer.open(rows[0][0], full) or "{}") if rows else None

    def reports(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every stored report document with its session id, oldest first, in one query."""
        query = (select(reports.c.session_id, reports.c.report_json)
                 .select_from(reports.join(sessions, reports.c.session_id == sessions.c.id))
                 .order_by(sessions.c.saved_at, sessions.c.id))
        for row in self.db.rows(query):
            yield row.session_id, json.loads(self.sealer.open(row.report_json, row.session_id) or "{}")

    def report_html(self, session_id: str) -> str | None:
        """The stored HTML report, or None."""
        full = self.resolve(session_id)
        rows = self.db.rows(select(reports.c.report_html).where(reports.c.session_id == full))
        return self.sealer.open(rows[0][0], full) if rows and rows[0][0] else None

    def report_version(self, session_id: str) -> str | None:
        """When the stored report was made (changes whenever the session is analysed again), or None."""
        rows = self.db.rows(select(reports.c.created_at, reports.c.version).where(reports.c.session_id == session_id))
        return f"{rows[0][0]}{rows[0][1]}" if rows else None

    def delete(self, session_id: str, *, actor: str = "cli") -> str:
        """Delete a session with its report, ownership, notes and comments; returns the full id.

        The audit log keeps that the deletion happened (who, when, which id), never the content.
        """
        full = self.resolve(session_id)
        with self.db.write() as conn:
            conn.execute(delete(sessions).where(sessions.c.id == full))
            conn.execute(insert(audit).values(actor=actor, action="delete session", target=full, at=now()))
        return full

    def purge(self, *, older_than: timedelta, actor: str = "cli") -> list[str]:
        """Delete every session saved before now − ``older_than``; returns their ids."""
        cutoff = (datetime.now(timezone.utc) - older_than).isoformat(timespec="seconds")
        old = [row[0] for row in self.db.rows(select(sessions.c.id).where(sessions.c.saved_at < cutoff))]
        for session_id in old:
            self.delete(session_id, actor=actor)
        return old
