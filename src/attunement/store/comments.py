"""Supervision: comments, reactions and code corrections on sessions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, select

from .clock import now
from .crypto import Sealer
from .database import Database
from .schema import comments, sessions, users

__all__ = ["CommentRepository"]


class CommentRepository:
    """The ``comments`` table."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer

    def add(self, session_id: str, author_id: int, *, kind: str, body: str = "", utterance_index: int | None = None,
            code: str = "", correction: str = "", parent_id: int | None = None) -> int:
        with self.db.write() as conn:
            result = conn.execute(insert(comments).values(
                session_id=session_id, utterance_index=utterance_index, author_id=author_id, kind=kind, code=code,
                correction=correction, body=self.sealer.seal(body, session_id), parent_id=parent_id, created_at=now(),
            ).returning(comments.c.id))
            return int(result.scalar_one())

    def of(self, session_id: str) -> list[dict[str, Any]]:
        """A session's comments, oldest first, with their authors."""
        query = (select(comments.c.id, comments.c.utterance_index, users.c.name.label("author"), users.c.role, comments.c.kind,
                        comments.c.code, comments.c.correction, comments.c.body, comments.c.parent_id, comments.c.created_at)
                 .join(users, users.c.id == comments.c.author_id).where(comments.c.session_id == session_id)
                 .order_by(comments.c.id))
        found = [dict(r._mapping) for r in self.db.rows(query)]
        for item in found:
            item["body"] = self.sealer.open(item["body"], session_id) or ""
        return found

    def corrections(self) -> list[dict[str, Any]]:
        """Every disagreement with a code, with the utterance and the corrected value (training data)."""
        query = (select(comments.c.session_id, comments.c.utterance_index, comments.c.code, comments.c.correction,
                        sessions.c.session_json)
                 .join(sessions, sessions.c.id == comments.c.session_id)
                 .where(comments.c.kind == "disagree", comments.c.correction != ""))
        out = []
        for session_id, index, code, correction, document in self.db.rows(query):
            utterances = json.loads(self.sealer.open(document, session_id) or "{}")["utterances"]
            if index is not None and 0 <= index < len(utterances):
                out.append({"session_id": session_id, "index": index, "code": code, "correction": correction,
                            "text": utterances[index]["text"]})
        return out
