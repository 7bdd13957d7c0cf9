"""The session store: one gateway over SQLite or PostgreSQL, composed of repositories.

:class:`Store` is the only code that touches the database. It holds one
:class:`~attunement.store.database.Database` (SQLAlchemy Core; the schema in ``schema.py``,
defined once for both databases) and the repositories that read and write its tables:
``store.sessions`` (sessions and reports), ``store.accounts`` (users, assignments, ownership),
``store.comments`` (supervision), ``store.practice`` (practice attempts and assigned sets),
``store.recordings`` (recordings kept by choice) and ``store.audit`` (the audit log). The clinical columns
are sealed with the user's key (``crypto.py``). The store only stores: it never renders a
report or interprets one.

The database lives in the platform's user data folder (platformdirs) unless ``--db`` or
``ATTUNEMENT_DB`` says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text, update

from .. import environment
from .accounts import ROLES, AccountRepository, User
from .audit import AuditRepository
from .comments import CommentRepository
from .crypto import Cipher, Sealer
from .database import Database, is_url
from . import schema
from .practice import PracticeRepository
from .recordings import RecordingRepository
from .sessions import SessionRepository, StoredSession

__all__ = ["Store", "StoredSession", "User", "ROLES", "default_db_path"]


def default_db_path() -> Path:
    """Where the database lives: ``$ATTUNEMENT_DB``, else the platform's user data folder."""
    if environment.get("ATTUNEMENT_DB"):
        return Path(environment.get("ATTUNEMENT_DB"))  # type: ignore[arg-type]
    import platformdirs

    return Path(platformdirs.user_data_dir("attunement", appauthor=False)) / "attunement.db"


class Store:
    """Gateway to the session store.

    Parameters
    ----------
    path
        A SQLite file (created with its folder if missing), ``":memory:"`` for tests, or a
        ``postgresql://`` URL; ``$ATTUNEMENT_DB``, else the user data folder, if None.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None and is_url(environment.get("ATTUNEMENT_DB")):
            path = environment.get("ATTUNEMENT_DB")
        self.path: Path | str = (str(path) if is_url(str(path)) or str(path) == ":memory:"
                                 else Path(path) if path else default_db_path())
        self.db = Database(self.path)
        self.sealer = Sealer()
        self.sessions = SessionRepository(self.db, self.sealer)
        self.accounts = AccountRepository(self.db, self.sealer)
        self.comments = CommentRepository(self.db, self.sealer)
        self.practice = PracticeRepository(self.db, self.sealer)
        self.recordings = RecordingRepository(self.db, self.sealer)
        self.audit = AuditRepository(self.db)

    def connect(self) -> Store:
        """Open the database now (and bring its schema up to date), so a bad location fails early."""
        _ = self.db.engine
        return self

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Store:
        return self.connect()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.rows(select(func.max(schema.schema_migrations.c.version)))[0][0] or 0)

    def sql(self, statement: str, params: dict[str, Any] | None = None) -> list[Any]:
        """Run one SQL statement and return its rows (maintenance and tests only).

        Statements run in a write transaction, except SQLite's PRAGMAs (a checkpoint cannot run inside one).
        """
        pragma = statement.lstrip().upper().startswith("PRAGMA")
        with (self.db.read() if pragma else self.db.write()) as conn:
            result = conn.execute(text(statement), params or {})
            return list(result) if result.returns_rows else []

    def rotate_key(self, new: bytes) -> int:
        """Re-encrypt every stored value with a new key, in one transaction; returns the values rewritten."""
        old, fresh = self.sealer.cipher, Cipher(new)
        sessions, reports, ownership, comments = schema.sessions, schema.reports, schema.ownership, schema.comments
        attempts, kept = schema.practice_attempts, schema.recordings
        sealed = ((sessions, sessions.c.id, sessions.c.id, ("source", "session_json")),
                  (reports, reports.c.session_id, reports.c.session_id, ("report_json", "report_html")),
                  (ownership, ownership.c.session_id, ownership.c.session_id, ("pseudonym",)),
                  (comments, comments.c.id, comments.c.session_id, ("body",)),
                  (attempts, attempts.c.id, attempts.c.learner, ("client", "response")),
                  (kept, kept.c.session_id, kept.c.session_id, ("data",)))
        count = 0
        with self.db.write() as conn:
            for table, key, context, columns in sealed:
                for row in conn.execute(select(key, context, *(table.c[c] for c in columns))).all():
                    context = f"practice:{row[1]}" if table is attempts else row[1]
                    values = {c: fresh.encrypt(old.decrypt(row[2 + i], context=context), context=context)
                              for i, c in enumerate(columns)}
                    conn.execute(update(table).where(key == row[0]).values(**values))
                    count += len(columns)
        self.sealer.replace(fresh)
        return count

    def integrity_check(self) -> bool:
        """True when SQLite finds the database file sound (always true on PostgreSQL)."""
        if self.db.postgres:
            return True
        with self.db.read() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar()) == "ok"
