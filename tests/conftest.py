"""Shared fixtures: small sessions built in code, the bundled examples, a network blocker."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from attunement.model import Annotation, Session, Speaker, Utterance

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA_DIR = ROOT.parent / "shared" / "data"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def tiny_session() -> Session:
    """Four utterances, two speakers, one cue, start and end times."""
    therapist = Speaker("Therapist", "therapist")
    client = Speaker("Client", "client")
    utterances = (
        Utterance(0, therapist, "How are you feeling today?", 0.0, 2.0, line=1),
        Utterance(1, client, "Not happy. I feel tight in my chest.", 6.0, 9.0,
                  annotations=(Annotation("fidgeting", "[fidgeting]", 10),), line=2),
        Utterance(2, therapist, "That sounds hard.", 9.5, 11.0, line=3),
        Utterance(3, client, "No problems otherwise.", 11.5, 13.0, line=4),
    )
    return Session(id="tiny", source="tiny", format="text", utterances=utterances,
                   speakers=(therapist, client))


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Fail any attempt to open an outbound connection; returns the attempts seen."""
    attempts: list[tuple] = []

    def refuse(self, address, *args, **kwargs):  # noqa: ANN001
        attempts.append(address)
        raise NetworkBlocked(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: refuse(None, host))
    return attempts


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def _postgres_url(tmp_name: str):
    """A fresh PostgreSQL schema for one test, or None when no test server is configured."""
    import os
    import re

    base = os.environ.get("ATTUNEMENT_TEST_POSTGRES")
    if not base:
        return None, None
    import psycopg

    schema = "t_" + re.sub(r"\W", "_", tmp_name)[-40:].lower()
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3D{schema}", (base, schema)


def _drop(handle) -> None:
    if handle:
        import psycopg

        base, schema = handle
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request, tmp_path):
    """A store location: a SQLite file, or a fresh PostgreSQL schema (skipped without a test server)."""
    if request.param == "sqlite":
        yield tmp_path / "store.db"
        return
    url, handle = _postgres_url(request.node.name)
    if url is None:
        pytest.skip("set ATTUNEMENT_TEST_POSTGRES to a PostgreSQL URL to test the PostgreSQL store")
    yield url
    _drop(handle)


def pytest_configure(config):
    """Tests never touch the user's real key: one throwaway key file for the whole run."""
    import os
    import tempfile

    if "ATTUNEMENT_KEY" not in os.environ and "ATTUNEMENT_KEY_FILE" not in os.environ:
        os.environ["ATTUNEMENT_KEY_FILE"] = os.path.join(tempfile.mkdtemp(prefix="attunement-key-"), "store.key")
