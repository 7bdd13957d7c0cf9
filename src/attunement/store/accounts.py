"""The store's accounts, supervision and audit tables (part of the one gateway, :class:`~attunement.store.Store`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from .clock import now

__all__ = ["ROLES", "User", "AccountsMixin"]

ROLES = ("trainee", "supervisor", "admin")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str


class AccountsMixin:
    """Users, assignments, session ownership, comments and the audit log."""

    # ``connect`` and ``_transaction`` come from Store.

    # -- users ------------------------------------------------------------
    def add_user(self, name: str, role: str, password_hash: str) -> User:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")

        with self._transaction() as tx:
            if tx.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise StoreError(f"a user called {name!r} exists already")
            cursor = tx.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                                (name, role, password_hash, now()))
        return User(int(cursor.lastrowid), name, role)

    def user(self, name: str) -> tuple[User, str] | None:
        """The user and their password hash, or None."""
        row = self.connect().execute("SELECT id, name, role, password_hash FROM users WHERE name = ?", (name,)).fetchone()
        return (User(row[0], row[1], row[2]), row[3]) if row else None

    def user_by_id(self, user_id: int) -> User | None:
        row = self.connect().execute("SELECT id, name, role FROM users WHERE id = ?", (user_id,)).fetchone()
        return User(*row) if row else None

    def set_password(self, user_id: int, password_hash: str) -> None:
        with self._transaction() as tx:
            tx.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))

    def users(self) -> list[User]:
        return [User(*row) for row in self.connect().execute("SELECT id, name, role FROM users ORDER BY name")]

    def assign(self, supervisor: str, trainee: str) -> None:
        found = {name: self.user(name) for name in (supervisor, trainee)}
        for name, entry in found.items():
            if entry is None:
                raise StoreError(f"no user called {name!r}", hint="add them with 'attune users add'")
        sup, tra = found[supervisor][0], found[trainee][0]  # type: ignore[index]
        if sup.role != "supervisor" or tra.role != "trainee":
            raise StoreError(f"{supervisor!r} must be a supervisor and {trainee!r} a trainee")
        with self._transaction() as tx:
            tx.execute("INSERT OR IGNORE INTO assignments VALUES (?, ?)", (sup.id, tra.id))

    def trainees_of(self, supervisor_id: int) -> list[int]:
        rows = self.connect().execute("SELECT trainee_id FROM assignments WHERE supervisor_id = ?", (supervisor_id,))
        return [int(r[0]) for r in rows]

    # -- ownership and visibility ----------------------------------------
    def set_owner(self, session_id: str, owner_id: int, *, pseudonym: str = "", session_date: str = "",
                  status: str = "queued") -> None:
        with self._transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO ownership (session_id, owner_id, pseudonym, session_date, status, error) "
                       "VALUES (?, ?, ?, ?, ?, '')", (session_id, owner_id, self._seal(pseudonym, session_id), session_date, status))

    def set_status(self, session_id: str, status: str, error: str = "") -> None:
        with self._transaction() as tx:
            tx.execute("UPDATE ownership SET status = ?, error = ? WHERE session_id = ?", (status, error, session_id))

    def ownership(self, session_id: str) -> dict[str, Any] | None:
        row = self.connect().execute(
            "SELECT o.session_id, o.owner_id, u.name, o.pseudonym, o.session_date, o.status, o.error "
            "FROM ownership o JOIN users u ON u.id = o.owner_id WHERE o.session_id = ?", (session_id,)).fetchone()
        keys = ("session_id", "owner_id", "owner", "pseudonym", "session_date", "status", "error")
        if not row:
            return None
        found = dict(zip(keys, row))
        found["pseudonym"] = self._open(found["pseudonym"], session_id) or ""
        return found

    def can_see(self, user: User, session_id: str, *, owned: dict[str, Any] | None = None) -> bool:
        """A trainee sees their own sessions, a supervisor those of their trainees, an admin none by default.

        ``owned`` is the session's ownership row when the caller has already read it.
        """
        owned = owned if owned is not None else self.ownership(session_id)
        if owned is None:
            return False
        if user.role == "trainee":
            return owned["owner_id"] == user.id
        if user.role == "supervisor":
            return owned["owner_id"] in self.trainees_of(user.id) or owned["owner_id"] == user.id
        return False

    def visible_sessions(self, user: User) -> list[dict[str, Any]]:
        owners = [user.id] + (self.trainees_of(user.id) if user.role == "supervisor" else [])
        if user.role == "admin":
            return []
        marks = ",".join("?" * len(owners))
        rows = self.connect().execute(
            "SELECT o.session_id, u.name, o.pseudonym, o.session_date, o.status, s.n_utterances, s.saved_at "
            f"FROM ownership o JOIN users u ON u.id = o.owner_id JOIN sessions s ON s.id = o.session_id "
            f"WHERE o.owner_id IN ({marks}) ORDER BY s.saved_at DESC", owners)
        keys = ("id", "owner", "pseudonym", "session_date", "status", "n_utterances", "saved_at")
        found = [dict(zip(keys, r)) for r in rows]
        for item in found:
            item["pseudonym"] = self._open(item["pseudonym"], item["id"]) or ""
        return found

    def growth(self, owner_ids: list[int]) -> list[dict[str, Any]]:
        """Per analysed session of these owners, oldest first: id, owner, pseudonym, date and the report document.

        The figures to follow come from :func:`attunement.report.growth_figures`; the store only stores.
        """
        if not owner_ids:
            return []
        marks = ",".join("?" * len(owner_ids))
        rows = self.connect().execute(
            "SELECT o.session_id, u.name, o.pseudonym, o.session_date, s.saved_at, r.report_json FROM ownership o "
            "JOIN users u ON u.id = o.owner_id JOIN sessions s ON s.id = o.session_id "
            f"JOIN reports r ON r.session_id = o.session_id WHERE o.owner_id IN ({marks}) AND o.status = 'ready' "
            "ORDER BY COALESCE(NULLIF(o.session_date, ''), s.saved_at)", owner_ids)
        return [{"id": session_id, "owner": owner, "pseudonym": self._open(pseudonym, session_id) or "",
                 "date": date or saved[:10], "report": json.loads(self._open(document, session_id) or "{}")}
                for session_id, owner, pseudonym, date, saved, document in rows]

    # -- supervision ------------------------------------------------------
    def add_comment(self, session_id: str, author_id: int, *, kind: str, body: str = "", utterance_index: int | None = None,
                    code: str = "", correction: str = "", parent_id: int | None = None) -> int:

        with self._transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO comments (session_id, utterance_index, author_id, kind, code, correction, body, parent_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, utterance_index, author_id, kind, code, correction, self._seal(body, session_id), parent_id, now()))
        return int(cursor.lastrowid)

    def comments(self, session_id: str) -> list[dict[str, Any]]:
        rows = self.connect().execute(
            "SELECT c.id, c.utterance_index, u.name, u.role, c.kind, c.code, c.correction, c.body, c.parent_id, c.created_at "
            "FROM comments c JOIN users u ON u.id = c.author_id WHERE c.session_id = ? ORDER BY c.id", (session_id,))
        keys = ("id", "utterance_index", "author", "role", "kind", "code", "correction", "body", "parent_id", "created_at")
        found = [dict(zip(keys, r)) for r in rows]
        for item in found:
            item["body"] = self._open(item["body"], session_id) or ""
        return found

    def corrections(self) -> list[dict[str, Any]]:
        """Every disagreement with a code, with the utterance and the corrected value (training data)."""
        rows = self.connect().execute(
            "SELECT c.session_id, c.utterance_index, c.code, c.correction, s.session_json FROM comments c "
            "JOIN sessions s ON s.id = c.session_id WHERE c.kind = 'disagree' AND c.correction != ''")
        out = []
        for session_id, index, code, correction, document in rows:
            utterances = json.loads(self._open(document, session_id))["utterances"]
            if index is not None and 0 <= index < len(utterances):
                out.append({"session_id": session_id, "index": index, "code": code, "correction": correction,
                            "text": utterances[index]["text"]})
        return out

    # -- audit ------------------------------------------------------------
    def audit(self, actor: str, action: str, target: str = "") -> None:

        with self._transaction() as tx:
            tx.execute("INSERT INTO audit (actor, action, target, at) VALUES (?, ?, ?, ?)", (actor, action, target, now()))

    def audit_many(self, entries: list[tuple[str, str, str, str]]) -> None:
        """Write several ``(actor, action, target, at)`` entries in one transaction."""
        with self._transaction() as tx:
            tx.executemany("INSERT INTO audit (actor, action, target, at) VALUES (?, ?, ?, ?)", entries)

    def audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self.connect().execute("SELECT actor, action, target, at FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(zip(("actor", "action", "target", "at"), r)) for r in rows]
