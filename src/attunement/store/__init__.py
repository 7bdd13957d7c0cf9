"""The session store: one SQLite database, one gateway class.

:class:`Store` is the only code that touches the database. Its schema is built
by numbered migrations (``store/migrations/NNNN_name.sql``), applied in order
inside transactions and recorded in ``schema_migrations``. The database lives in
the platform's user data folder (platformdirs) unless ``ATTUNEMENT_DB`` or an
explicit path says otherwise.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from .. import environment
from ..version import __version__
from ..errors import StoreError
from ..model import Session
from ..sessionjson import session_from_dict, session_to_dict
from .accounts import AccountsMixin, User
from .clock import now
from .crypto import Cipher, load_key
from .postgres import PgConnection, is_url

__all__ = ["Store", "StoredSession", "User", "default_db_path"]


def default_db_path() -> Path:
    """Where the database lives: ``$ATTUNEMENT_DB``, else the platform's user data folder."""
    if environment.get("ATTUNEMENT_DB"):
        return Path(environment.get("ATTUNEMENT_DB"))  # type: ignore[arg-type]
    import platformdirs

    return Path(platformdirs.user_data_dir("attunement", appauthor=False)) / "attunement.db"


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A row of the session list."""

    id: str
    source: str
    format: str
    n_utterances: int
    saved_at: str
    has_report: bool


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("attunement.store").joinpath("migrations")
    found = []
    for item in folder.iterdir():
        name = item.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, item.read_text("utf-8")))
    return sorted(found)


class Store(AccountsMixin):
    """Gateway to the SQLite session store.

    Parameters
    ----------
    path
        Database file; created with its folder if missing. ``":memory:"`` for tests.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None and is_url(environment.get("ATTUNEMENT_DB")):
            path = environment.get("ATTUNEMENT_DB")
        self.path: Path | str = (str(path) if is_url(str(path)) or str(path) == ":memory:"
                                 else Path(path) if path else default_db_path())
        self._local = threading.local()  # one connection per thread (the web app serves from several)
        self._migrated = False
        self._lock = threading.Lock()
        self._cipher: Cipher | None = None

    @property
    def cipher(self) -> Cipher:
        """Encryption of the clinical content, with the user's key (loaded once)."""
        if self._cipher is None:
            self._cipher = Cipher(load_key())
        return self._cipher

    def _seal(self, text: str | None, context: str) -> str | None:
        return self.cipher.encrypt(text, context=context)

    def _open(self, value: str | None, context: str) -> str | None:
        return self.cipher.decrypt(value, context=context)

    @property
    def _conn(self) -> sqlite3.Connection | None:
        return getattr(self._local, "conn", None)

    @_conn.setter
    def _conn(self, conn: sqlite3.Connection | None) -> None:
        self._local.conn = conn

    # -- connection -------------------------------------------------------
    def connect(self) -> sqlite3.Connection:
        if self._conn is None and is_url(self.path):
            try:
                self._conn = PgConnection(str(self.path))  # type: ignore[assignment]
            except Exception as exc:  # psycopg's errors, or psycopg missing
                raise StoreError(f"cannot open the PostgreSQL store: {exc}",
                                 hint="check the URL, that the server runs, and pip install 'psycopg[binary]'") from exc
            with self._lock:
                if not self._migrated:
                    self._migrate()
                    self._migrated = True
        if self._conn is None:
            target = str(self.path)
            on_disk = isinstance(self.path, Path)
            try:
                if on_disk:
                    self.path.parent.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
                    self.path.touch(mode=0o600, exist_ok=True)  # type: ignore[union-attr]
                conn = sqlite3.connect(target, isolation_level=None)
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # WAL: consistent after any crash; fsync at checkpoints
                conn.execute("PRAGMA busy_timeout = 30000")
            except (sqlite3.Error, OSError) as exc:
                raise StoreError(f"cannot open the session store at {target}: {exc}") from exc
            self._conn = conn
            with self._lock:
                if not self._migrated or str(self.path) == ":memory:":
                    self._migrate()
                    self._migrated = True
        return self._conn  # type: ignore[return-value]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _migrate(self) -> None:
        conn = self._conn
        assert conn is not None
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        known = _migrations()
        newest = max((v for v, _, _ in known), default=0)
        if done and max(done) > newest:
            raise StoreError(
                f"the store at {self.path} was written by a newer attunement (schema {max(done)}); upgrade attunement"
            )
        for version, name, sql in known:
            if version in done:
                continue
            with self._transaction() as tx:
                for statement in (s for s in sql.split(";\n") if s.strip()):
                    tx.execute(statement)
                tx.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))

    @property
    def schema_version(self) -> int:
        row = self.connect().execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- sessions ---------------------------------------------------------
    def save(self, session: Session, *, report_json: str | None = None, report_html: str | None = None) -> str:
        """Keep a session (and its rendered report, if given); returns its id. Saving again replaces both.

        The store never renders: the report's JSON text and HTML page come from
        :func:`attunement.report.render` (:meth:`attunement.service.Service.save` does both).
        """
        document = json.dumps(session_to_dict(session), ensure_ascii=False)
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO sessions (id, source, format, n_utterances, saved_at, session_json) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET source=excluded.source, format=excluded.format, "
                "n_utterances=excluded.n_utterances, saved_at=excluded.saved_at, session_json=excluded.session_json",
                (session.id, self._seal(session.source, session.id), session.format, len(session), now(),
                 self._seal(document, session.id)),
            )
            if report_json is not None:
                tx.execute(
                    "INSERT OR REPLACE INTO reports (session_id, version, created_at, report_json, report_html) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (session.id, __version__, now(),
                     self._seal(report_json, session.id), self._seal(report_html or "", session.id)),
                )
        return session.id

    def list_sessions(self) -> list[StoredSession]:
        """Every stored session, newest first."""
        rows = self.connect().execute(
            "SELECT s.id, s.source, s.format, s.n_utterances, s.saved_at, r.session_id IS NOT NULL AS has_report "
            "FROM sessions s LEFT JOIN reports r ON r.session_id = s.id ORDER BY s.saved_at DESC, s.id"
        )
        out = []
        for row in rows:
            values = {k: row[k] for k in row.keys()}
            values["source"] = self._open(values["source"], values["id"])
            out.append(StoredSession(**values))
        return out

    def resolve(self, prefix: str) -> str:
        """The full id of the session whose id starts with ``prefix``."""
        rows = self.connect().execute("SELECT id FROM sessions WHERE id LIKE ? || '%'", (prefix,)).fetchall()
        if not rows:
            raise StoreError(f"no stored session with id {prefix!r}", hint="run 'attune sessions list'")
        if len(rows) > 1:
            raise StoreError(f"{len(rows)} sessions start with {prefix!r}", hint="give more characters of the id")
        return str(rows[0][0])

    def session(self, session_id: str) -> Session:
        """The stored session."""
        full = self.resolve(session_id)
        row = self.connect().execute("SELECT session_json FROM sessions WHERE id = ?", (full,)).fetchone()
        return session_from_dict(json.loads(self._open(row[0], full)), path=f"store:{session_id}")

    def report(self, session_id: str) -> dict[str, Any] | None:
        """The stored report document, or None if the session was saved unanalysed."""
        full = self.resolve(session_id)
        row = self.connect().execute("SELECT report_json FROM reports WHERE session_id = ?", (full,)).fetchone()
        return json.loads(self._open(row[0], full)) if row else None

    def report_version(self, session_id: str) -> str | None:
        """When the stored report was made (changes whenever the session is analysed again), or None."""
        row = self.connect().execute("SELECT created_at || version FROM reports WHERE session_id = ?", (session_id,)).fetchone()
        return row[0] if row else None

    def report_html(self, session_id: str) -> str | None:
        """The stored HTML report, or None."""
        full = self.resolve(session_id)
        row = self.connect().execute("SELECT report_html FROM reports WHERE session_id = ?", (full,)).fetchone()
        return self._open(row[0], full) if row and row[0] else None

    def delete(self, session_id: str, *, actor: str = "cli") -> str:
        """Delete a session with its report, ownership, notes and comments; returns the full id.

        The audit log keeps that the deletion happened (who, when, which id), never the content.
        """
        full = self.resolve(session_id)
        with self._transaction() as tx:
            tx.execute("DELETE FROM sessions WHERE id = ?", (full,))
            tx.execute("INSERT INTO audit (actor, action, target, at) VALUES (?, ?, ?, ?)", (actor, "delete session", full, now()))
        return full

    def purge(self, *, older_than: timedelta, actor: str = "cli") -> list[str]:
        """Delete every session saved before now − ``older_than``; returns their ids."""
        cutoff = (datetime.now(timezone.utc) - older_than).isoformat(timespec="seconds")
        old = [row[0] for row in self.connect().execute("SELECT id FROM sessions WHERE saved_at < ?", (cutoff,))]
        for session_id in old:
            self.delete(session_id, actor=actor)
        return old

    def rotate_key(self, new: bytes) -> int:
        """Re-encrypt every stored value with a new key, in one transaction; returns the values rewritten."""
        old, fresh = self.cipher, Cipher(new)
        tables = (("sessions", "id", "id", ("source", "session_json")),
                  ("reports", "session_id", "session_id", ("report_json", "report_html")),
                  ("ownership", "session_id", "session_id", ("pseudonym",)),
                  ("comments", "id", "session_id", ("body",)))
        count = 0
        with self._transaction() as tx:
            for table, key, context, columns in tables:
                rows = tx.execute(f"SELECT {key}, {context}, {', '.join(columns)} FROM {table}").fetchall()
                for row in rows:
                    values = [fresh.encrypt(old.decrypt(row[2 + i], context=row[1]), context=row[1]) for i in range(len(columns))]
                    tx.execute(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in columns)} WHERE {key} = ?", (*values, row[0]))
                    count += len(columns)
        self._cipher = fresh
        return count

    def integrity_check(self) -> bool:
        """True when SQLite finds the database file sound."""
        return str(self.connect().execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
