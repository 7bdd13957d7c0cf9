"""Practice: the answers learners give to practice moments, and the sets supervisors assign."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select

from .clock import now
from .crypto import Sealer
from .database import Database
from .schema import practice_attempts, practice_sets, users

__all__ = ["PracticeRepository"]


class PracticeRepository:
    """The ``practice_attempts`` and ``practice_sets`` tables. The client's words and the answer are sealed."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer

    def add_attempt(self, learner: str, item_id: str, *, situation: str, client: str, response: str, attunement: float,
                    marker: str, set_id: int | None = None) -> int:
        context = f"practice:{learner}"
        with self.db.write() as conn:
            result = conn.execute(insert(practice_attempts).values(
                learner=learner, item_id=item_id, situation=situation, client=self.sealer.seal(client, context),
                response=self.sealer.seal(response, context), attunement=float(attunement), marker=marker, set_id=set_id,
                created_at=now()).returning(practice_attempts.c.id))
            return int(result.scalar_one())

    def attempts(self, learner: str) -> list[dict[str, Any]]:
        """A learner's attempts, oldest first, opened."""
        query = select(practice_attempts).where(practice_attempts.c.learner == learner).order_by(practice_attempts.c.id)
        out = [dict(r._mapping) for r in self.db.rows(query)]
        for row in out:
            for column in ("client", "response"):
                row[column] = self.sealer.open(row[column], f"practice:{learner}") or ""
        return out

    def assign(self, supervisor_id: int, trainee_id: int, name: str, items: list[str]) -> int:
        with self.db.write() as conn:
            result = conn.execute(insert(practice_sets).values(
                supervisor_id=supervisor_id, trainee_id=trainee_id, name=name, items=json.dumps(list(items)),
                created_at=now()).returning(practice_sets.c.id))
            return int(result.scalar_one())

    def sets_for(self, trainee_id: int) -> list[dict[str, Any]]:
        """The sets assigned to a trainee, newest first, with who assigned them."""
        query = (select(practice_sets, users.c.name.label("supervisor")).join(users, users.c.id == practice_sets.c.supervisor_id)
                 .where(practice_sets.c.trainee_id == trainee_id).order_by(practice_sets.c.id.desc()))
        return [{**dict(r._mapping), "items": json.loads(r.items)} for r in self.db.rows(query)]

    def sets_by(self, supervisor_id: int) -> list[dict[str, Any]]:
        """The sets a supervisor assigned, newest first, with the trainee's name."""
        query = (select(practice_sets, users.c.name.label("trainee")).join(users, users.c.id == practice_sets.c.trainee_id)
                 .where(practice_sets.c.supervisor_id == supervisor_id).order_by(practice_sets.c.id.desc()))
        return [{**dict(r._mapping), "items": json.loads(r.items)} for r in self.db.rows(query)]

    def remove_set(self, set_id: int, supervisor_id: int) -> bool:
        with self.db.write() as conn:
            return bool(conn.execute(delete(practice_sets).where(practice_sets.c.id == set_id,
                                                                 practice_sets.c.supervisor_id == supervisor_id)).rowcount)
