"""Users, supervision assignments, session ownership and who may see what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from ..errors import StoreError
from .clock import now
from .crypto import Sealer
from .database import Database
from .schema import assignments, comments, ownership, practice_attempts, reports, sessions, users
from .upsert import insert_or_ignore, upsert

__all__ = ["ROLES", "User", "AccountRepository"]

ROLES = ("trainee", "supervisor", "admin")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str


#: The password hash of a locked account: no password verifies against it.
LOCKED = "!locked"


class AccountRepository:
    """The ``users``, ``assignments`` and ``ownership`` tables."""

    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer

    # -- users ------------------------------------------------------------
    def add_user(self, name: str, role: str, password_hash: str) -> User:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        with self.db.write() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).first():
                raise StoreError(f"a user called {name!r} exists already")
            result = conn.execute(insert(users).values(name=name, role=role, password_hash=password_hash, created_at=now())
                                  .returning(users.c.id))
            return User(int(result.scalar_one()), name, role)

    def user(self, name: str) -> tuple[User, str] | None:
        """The user and their password hash, or None."""
        rows = self.db.rows(select(users.c.id, users.c.name, users.c.role, users.c.password_hash).where(users.c.name == name))
        return (User(rows[0][0], rows[0][1], rows[0][2]), rows[0][3]) if rows else None

    def user_by_id(self, user_id: int) -> User | None:
        rows = self.db.rows(select(users.c.id, users.c.name, users.c.role).where(users.c.id == user_id))
        return User(*rows[0]) if rows else None

    def set_password(self, user_id: int, password_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    def remove_user(self, name: str) -> str:
        """Remove a user; one who owns sessions, wrote comments or practised is locked instead, so nothing they wrote is lost.

        Returns "removed" or "locked". A locked account cannot log in; its sessions and comments stay.
        """
        entry = self.user(name)
        if entry is None:
            raise StoreError(f"no user called {name!r}", hint="see 'attune users list'")
        user = entry[0]
        with self.db.write() as conn:
            owns = conn.execute(select(func.count()).select_from(ownership).where(ownership.c.owner_id == user.id)).scalar_one()
            wrote = conn.execute(select(func.count()).select_from(comments).where(comments.c.author_id == user.id)).scalar_one() \
                + conn.execute(select(func.count()).select_from(practice_attempts).where(practice_attempts.c.learner == user.name)).scalar_one()
            conn.execute(delete(assignments).where((assignments.c.supervisor_id == user.id) | (assignments.c.trainee_id == user.id)))
            if owns or wrote:
                conn.execute(update(users).where(users.c.id == user.id).values(password_hash=LOCKED))
                return "locked"
            conn.execute(delete(users).where(users.c.id == user.id))
            return "removed"

    def unassign(self, supervisor: str, trainee: str) -> bool:
        """Stop SUPERVISOR seeing TRAINEE's sessions; False if they were not assigned."""
        found = {name: self.user(name) for name in (supervisor, trainee)}
        for name, entry in found.items():
            if entry is None:
                raise StoreError(f"no user called {name!r}", hint="see 'attune users list'")
        with self.db.write() as conn:
            result = conn.execute(delete(assignments).where(assignments.c.supervisor_id == found[supervisor][0].id,  # type: ignore[index]
                                                            assignments.c.trainee_id == found[trainee][0].id))  # type: ignore[index]
            return bool(result.rowcount)

    def users(self) -> list[User]:
        return [User(*row) for row in self.db.rows(select(users.c.id, users.c.name, users.c.role).order_by(users.c.name))]

    def assign(self, supervisor: str, trainee: str) -> None:
        found = {name: self.user(name) for name in (supervisor, trainee)}
        for name, entry in found.items():
            if entry is None:
                raise StoreError(f"no user called {name!r}", hint="add them with 'attune users add'")
        sup, tra = found[supervisor][0], found[trainee][0]  # type: ignore[index]
        if sup.role != "supervisor" or tra.role != "trainee":
            raise StoreError(f"{supervisor!r} must be a supervisor and {trainee!r} a trainee")
        with self.db.write() as conn:
            insert_or_ignore(conn, assignments, {"supervisor_id": sup.id, "trainee_id": tra.id})

    def trainees_of(self, supervisor_id: int) -> list[int]:
        rows = self.db.rows(select(assignments.c.trainee_id).where(assignments.c.supervisor_id == supervisor_id))
        return [int(r[0]) for r in rows]

    # -- ownership and visibility ----------------------------------------
    def set_owner(self, session_id: str, owner_id: int, *, pseudonym: str = "", session_date: str = "",
                  status: str = "queued") -> None:
        with self.db.write() as conn:
            upsert(conn, ownership, {"session_id": session_id, "owner_id": owner_id,
                                     "pseudonym": self.sealer.seal(pseudonym, session_id), "session_date": session_date,
                                     "status": status, "error": ""}, key="session_id")

    def set_status(self, session_id: str, status: str, error: str = "") -> None:
        with self.db.write() as conn:
            conn.execute(update(ownership).where(ownership.c.session_id == session_id).values(status=status, error=error))

    def ownership(self, session_id: str) -> dict[str, Any] | None:
        query = (select(ownership.c.session_id, ownership.c.owner_id, users.c.name.label("owner"), ownership.c.pseudonym,
                        ownership.c.session_date, ownership.c.status, ownership.c.error)
                 .join(users, users.c.id == ownership.c.owner_id).where(ownership.c.session_id == session_id))
        rows = self.db.rows(query)
        if not rows:
            return None
        found = dict(rows[0]._mapping)
        found["pseudonym"] = self.sealer.open(found["pseudonym"], session_id) or ""
        return found

    def can_see(self, user: User, session_id: str, *, owned: dict[str, Any] | None = None) -> bool:
        """A trainee sees their own sessions, a supervisor those of their trainees, an admin none by default.

        ``owned`` is the session's ownership row when the caller has already read it.
        """
        owned = owned if owned is not None else self.ownership(session_id)
        if owned is None:
            return False
        if user.role == "trainee":
            return bool(owned["owner_id"] == user.id)
        if user.role == "supervisor":
            return owned["owner_id"] in self.trainees_of(user.id) or owned["owner_id"] == user.id
        return False

    def visible_sessions(self, user: User) -> list[dict[str, Any]]:
        if user.role == "admin":
            return []
        owners = [user.id] + (self.trainees_of(user.id) if user.role == "supervisor" else [])
        query = (select(ownership.c.session_id.label("id"), users.c.name.label("owner"), ownership.c.pseudonym,
                        ownership.c.session_date, ownership.c.status, sessions.c.n_utterances, sessions.c.saved_at)
                 .join(users, users.c.id == ownership.c.owner_id).join(sessions, sessions.c.id == ownership.c.session_id)
                 .where(ownership.c.owner_id.in_(owners)).order_by(sessions.c.saved_at.desc()))
        found = [dict(r._mapping) for r in self.db.rows(query)]
        for item in found:
            item["pseudonym"] = self.sealer.open(item["pseudonym"], item["id"]) or ""
        return found

    def growth(self, owner_ids: list[int]) -> list[dict[str, Any]]:
        """Per analysed session of these owners, oldest first: id, owner, pseudonym, date and the report document.

        The figures to follow come from :func:`attunement.report.growth_figures`; the store only stores.
        """
        if not owner_ids:
            return []
        query = (select(ownership.c.session_id, users.c.name, ownership.c.pseudonym, ownership.c.session_date,
                        sessions.c.saved_at, reports.c.report_json)
                 .join(users, users.c.id == ownership.c.owner_id).join(sessions, sessions.c.id == ownership.c.session_id)
                 .join(reports, reports.c.session_id == ownership.c.session_id)
                 .where(ownership.c.owner_id.in_(owner_ids), ownership.c.status == "ready")
                 .order_by(func.coalesce(func.nullif(ownership.c.session_date, ""), sessions.c.saved_at)))
        return [{"id": session_id, "owner": owner, "pseudonym": self.sealer.open(pseudonym, session_id) or "",
                 "date": date or saved[:10], "report": json.loads(self.sealer.open(document, session_id) or "{}")}
                for session_id, owner, pseudonym, date, saved, document in self.db.rows(query)]
