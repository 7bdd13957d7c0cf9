"""Connections to the store's database, SQLite or PostgreSQL, through SQLAlchemy Core.

SQLite files are opened in WAL mode with foreign keys on and a 30 s busy timeout; writes take
the write lock up front (``BEGIN IMMEDIATE``), so a read-then-write transaction never fails
half-way under concurrent writers; reads run without holding it. PostgreSQL (a
``postgresql://`` URL; the ``[postgres]`` extra) uses ordinary transactions. Each thread gets
its own connection from SQLAlchemy's pool, so the web app's threads never share one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool, StaticPool

from ..errors import StoreError
from .clock import now
from .schema import MIGRATIONS, NEWEST, schema_migrations

__all__ = ["Database", "is_url"]


def is_url(target: object) -> bool:
    """True for a PostgreSQL URL."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Database:
    """One database: an engine, read and write transactions, and the schema brought up to date once.

    Parameters
    ----------
    target
        A SQLite file (created with its folder, mode 0600), ``":memory:"``, or a PostgreSQL URL.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.postgres = is_url(str(target))
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    engine = self._postgres() if self.postgres else self._sqlite()
                    self._migrate(engine)
                    self._engine = engine
        return self._engine

    def _sqlite(self) -> Engine:
        target = str(self.target)
        memory = target == ":memory:"
        try:
            if not memory:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                Path(target).touch(mode=0o600, exist_ok=True)
            sqlite3.connect(target).close()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the session store at {target}: {exc}") from exc

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 30000")
            if not memory:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # WAL: consistent after any crash; fsync at checkpoints
            return conn

        # The URL names no file (``creator`` opens it), so the pool is chosen here: one shared connection for
        # ":memory:", else a queue of connections handed to one thread at a time.
        pool = {"poolclass": StaticPool} if memory else {"poolclass": QueuePool, "pool_size": 4, "max_overflow": 16,
                                                         "pool_timeout": 60}
        engine = create_engine("sqlite://", creator=connect, **pool)
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")  # we say BEGIN ourselves
        return engine

    def _postgres(self) -> Engine:
        url = str(self.target).replace("postgres://", "postgresql://", 1).replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            engine = create_engine(url, pool_pre_ping=True)
            with engine.connect():
                pass
        except (SQLAlchemyError, ImportError) as exc:  # psycopg's errors, or psycopg missing
            raise StoreError(f"cannot open the PostgreSQL store: {exc}",
                             hint="check the URL, that the server runs, and pip install 'psycopg[binary]'") from exc
        return engine

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (no write lock held)."""
        with self.engine.connect() as conn:
            yield conn
            if self.postgres:
                conn.commit()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction: everything inside is written, or nothing."""
        if self.postgres:
            with self.engine.begin() as conn:
                yield conn
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")

    def _migrate(self, engine: Engine) -> None:
        self._engine = engine  # read and write below use it
        try:
            with self.write() as conn:
                schema_migrations.create(conn, checkfirst=True)
                done = {row[0] for row in conn.execute(select(schema_migrations.c.version))}
            if done and max(done) > NEWEST:
                raise StoreError(f"the store at {self.target} was written by a newer attunement (schema {max(done)}); "
                                 "upgrade attunement")
            for version, name, step in MIGRATIONS:
                if version not in done:
                    with self.write() as conn:
                        step(conn)
                        conn.execute(insert(schema_migrations).values(version=version, name=name, applied_at=now()))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the session store at {self.target}: {exc}") from exc
        finally:
            self._engine = None

    def dispose(self) -> None:
        """Close every pooled connection (the store can be opened again)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def rows(self, statement: Any) -> list[Any]:
        """The rows of a query."""
        with self.read() as conn:
            return list(conn.execute(statement))
