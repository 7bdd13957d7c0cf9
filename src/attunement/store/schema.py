"""The store's schema, defined once for SQLite and PostgreSQL (SQLAlchemy Core), and its migrations.

Clinical text columns hold AES-GCM ciphertext (``crypto.py``). Versions are recorded in
``schema_migrations`` as before: a new store is created at the newest version in one step; an
older one is brought up to date by the steps it lacks, in order, each in its own transaction;
a store written by a newer attunement is refused.

To change the schema: change the tables below and add the next step to :data:`MIGRATIONS`
(a function of the connection, written with SQLAlchemy so that it runs on both databases).
Never change a step that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (CheckConstraint, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, inspect, text)
from sqlalchemy.engine import Connection

__all__ = ["METADATA", "sessions", "reports", "users", "assignments", "ownership", "comments", "audit",
           "practice_attempts", "practice_sets", "recordings", "schema_migrations", "MIGRATIONS", "NEWEST"]

METADATA = MetaData()

schema_migrations = Table(
    "schema_migrations", METADATA,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text),
    Column("applied_at", Text),
)

sessions = Table(
    "sessions", METADATA,
    Column("id", String(64), primary_key=True),  # content-derived session id
    Column("source", Text, nullable=False),  # sealed: the path or name it was read from
    Column("format", Text, nullable=False),
    Column("n_utterances", Integer, nullable=False),
    Column("saved_at", Text, nullable=False),  # ISO 8601, UTC
    Column("session_json", Text, nullable=False),  # sealed: the attunement.session/1 document
)

reports = Table(
    "reports", METADATA,
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Text, nullable=False),  # attunement version that made it
    Column("created_at", Text, nullable=False),
    Column("report_json", Text, nullable=False),  # sealed: the attunement.report/1 document
    Column("report_html", Text, nullable=False, server_default=""),  # sealed: the rendered HTML report
)

users = Table(
    "users", METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", Text, CheckConstraint("role IN ('trainee', 'supervisor', 'admin')"), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

assignments = Table(
    "assignments", METADATA,
    Column("supervisor_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("trainee_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

ownership = Table(
    "ownership", METADATA,
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("owner_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("pseudonym", Text, nullable=False, server_default=""),  # sealed
    Column("session_date", Text, nullable=False, server_default=""),
    Column("status", Text, nullable=False, server_default="queued"),  # confirm (roles to check) | queued | analysing | ready | failed
    Column("error", Text, nullable=False, server_default=""),
)

comments = Table(
    "comments", METADATA,
    Column("id", Integer, primary_key=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("utterance_index", Integer),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("kind", Text, CheckConstraint("kind IN ('comment', 'agree', 'disagree', 'discuss', 'reaction')"), nullable=False),
    Column("code", Text, nullable=False, server_default=""),  # for agree/disagree: which code, and the corrected value
    Column("correction", Text, nullable=False, server_default=""),
    Column("body", Text, nullable=False, server_default=""),  # sealed
    Column("parent_id", Integer, ForeignKey("comments.id", ondelete="CASCADE")),
    Column("created_at", Text, nullable=False),
)

audit = Table(
    "audit", METADATA,
    Column("id", Integer, primary_key=True),
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("target", Text, nullable=False, server_default=""),
    Column("at", Text, nullable=False),
)

practice_attempts = Table(
    "practice_attempts", METADATA,
    Column("id", Integer, primary_key=True),
    Column("learner", Text, nullable=False),  # an account name in the web app; the user's name at the command line
    Column("item_id", Text, nullable=False),
    Column("situation", Text, nullable=False),
    Column("client", Text, nullable=False),  # sealed: the client's words answered
    Column("response", Text, nullable=False),  # sealed: the learner's answer
    Column("attunement", Float, nullable=False),
    Column("marker", Text, nullable=False),
    Column("set_id", Integer, ForeignKey("practice_sets.id", ondelete="SET NULL")),
    Column("created_at", Text, nullable=False),
)

practice_sets = Table(
    "practice_sets", METADATA,
    Column("id", Integer, primary_key=True),
    Column("supervisor_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("trainee_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("items", Text, nullable=False),  # JSON list of practice moment ids
    Column("created_at", Text, nullable=False),
)

recordings = Table(
    "recordings", METADATA,
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("suffix", Text, nullable=False),  # ".wav", ".mp4"…: how to serve it
    Column("data", Text, nullable=False),  # sealed: the recording, base64
    Column("saved_at", Text, nullable=False),
)


def _sessions(conn: Connection) -> None:
    for table in (sessions, reports):
        table.create(conn, checkfirst=True)


def _web(conn: Connection) -> None:
    for table in (users, assignments, ownership, comments, audit):
        table.create(conn, checkfirst=True)


def _report_html(conn: Connection) -> None:
    if "report_html" not in {c["name"] for c in inspect(conn).get_columns("reports")}:
        conn.execute(text("ALTER TABLE reports ADD COLUMN report_html TEXT NOT NULL DEFAULT ''"))


def _practice(conn: Connection) -> None:
    for table in (practice_sets, practice_attempts):
        table.create(conn, checkfirst=True)


def _recordings(conn: Connection) -> None:
    recordings.create(conn, checkfirst=True)


#: Every schema step, in order: (version, name, step). The names are those of the SQL files they replaced.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "0001_sessions.sql", _sessions),
    (2, "0002_web.sql", _web),
    (3, "0003_report_html.sql", _report_html),
    (4, "0004_practice", _practice),
    (5, "0005_recordings", _recordings),
]
NEWEST = MIGRATIONS[-1][0]
