"""Recordings kept by choice (``attune serve --keep-recordings``), sealed like every clinical column."""

from __future__ import annotations

import base64

from sqlalchemy import delete, select

from .clock import now
from .crypto import Sealer
from .database import Database
from .schema import recordings
from .upsert import upsert

__all__ = ["RecordingRepository"]


class RecordingRepository:
    """The ``recordings`` table: one recording per session, encrypted with the session's id as context."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer

    def put(self, session_id: str, suffix: str, data: bytes) -> None:
        sealed = self.sealer.seal(base64.b64encode(data).decode("ascii"), session_id)
        with self.db.write() as conn:
            upsert(conn, recordings, {"session_id": session_id, "suffix": suffix, "data": sealed, "saved_at": now()},
                   key="session_id")

    def get(self, session_id: str) -> tuple[str, bytes] | None:
        rows = self.db.rows(select(recordings.c.suffix, recordings.c.data).where(recordings.c.session_id == session_id))
        if not rows:
            return None
        return rows[0][0], base64.b64decode(self.sealer.open(rows[0][1], session_id) or "")

    def has(self, session_id: str) -> bool:
        return bool(self.db.rows(select(recordings.c.session_id).where(recordings.c.session_id == session_id)))

    def delete(self, session_id: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(recordings).where(recordings.c.session_id == session_id))
