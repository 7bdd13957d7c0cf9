"""The session store: one gateway, numbered migrations, saves and deletes whole."""

import sqlite3
import stat

import pytest

import attunement
from attunement.errors import StoreError
from attunement.service import Service
from attunement.store import Store, default_db_path


def test_save_list_show_delete(db_target, tiny_session):
    path = db_target
    analysis = attunement.analyze(tiny_session)
    with Store(path) as store:
        assert Service(store=store).save(tiny_session, analysis) == "tiny"
        rows = store.sessions.list()
        assert [(r.id, r.n_utterances, r.has_report) for r in rows] == [("tiny", 4, True)]
        assert store.sessions.get("ti") == tiny_session
        assert store.sessions.report("tiny")["scores"] == analysis.scores
        store.sessions.delete("tiny")
        assert store.sessions.list() == []
        assert store.sql("SELECT COUNT(*) FROM reports")[0][0] == 0
        assert store.integrity_check()


def test_saving_twice_replaces(db_target, tiny_session):
    with Store(db_target) as store:
        store.sessions.save(tiny_session)
        Service(store=store).save(tiny_session, attunement.analyze(tiny_session))
        assert len(store.sessions.list()) == 1 and store.sessions.list()[0].has_report


def test_migrations_are_recorded_and_idempotent(db_target):
    path = db_target
    with Store(path) as store:
        assert store.schema_version >= 3
    with Store(path) as store:
        rows = store.sql("SELECT version, name FROM schema_migrations")
        assert [tuple(r) for r in rows][:1] == [(1, "0001_sessions.sql")]
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).sql("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer attunement"):
        Store(path).connect()


def test_database_file_is_owner_only(tmp_path, tiny_session):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.sessions.save(tiny_session)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unknown_and_ambiguous_ids(db_target, tiny_session):
    with Store(db_target) as store:
        with pytest.raises(StoreError, match="no stored session"):
            store.sessions.get("zzz")


def test_location_follows_env_and_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("ATTUNEMENT_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("ATTUNEMENT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "attunement" / "attunement.db"


def test_only_the_store_package_touches_a_database():
    from pathlib import Path

    src = Path(attunement.__file__).parent
    users = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                   if any(f"import {name}" in p.read_text() or f"from {name}" in p.read_text()
                          for name in ("sqlite3", "psycopg", "sqlalchemy")))
    assert users and all(u.startswith("store/") for u in users), users


def test_unopenable_location(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot open the session store"):
        Store(blocker / "s.db").connect()


def test_wal_mode(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.sql("PRAGMA journal_mode")[0][0] == "wal"
    assert sqlite3.sqlite_version_info >= (3, 7)


def test_accounts_and_supervision_tables(db_target, tiny_session):
    with Store(db_target) as store:
        store.sessions.save(tiny_session)
        trainee = store.accounts.add_user("ana", "trainee", "hash")
        supervisor = store.accounts.add_user("sue", "supervisor", "hash")
        store.accounts.assign("sue", "ana")
        store.accounts.set_owner(tiny_session.id, trainee.id, pseudonym="A")
        store.accounts.set_owner(tiny_session.id, trainee.id, pseudonym="B")
        assert store.accounts.ownership(tiny_session.id)["pseudonym"] == "B"
        assert store.accounts.can_see(supervisor, tiny_session.id) and store.accounts.can_see(trainee, tiny_session.id)
        first = store.comments.add(tiny_session.id, supervisor.id, kind="disagree", utterance_index=2, code="behaviour",
                                  correction="reflection_simple")
        store.comments.add(tiny_session.id, trainee.id, kind="reaction", body="hm", parent_id=first)
        assert [c["kind"] for c in store.comments.of(tiny_session.id)] == ["disagree", "reaction"]
        assert store.comments.corrections()[0]["text"] == "That sounds hard."
        store.audit.write_many([("sue", "view", tiny_session.id, "2026-11-25T00:00:00+00:00")])
        assert store.audit.log()[0]["actor"] == "sue"
        with pytest.raises(StoreError, match="exists already"):
            store.accounts.add_user("ana", "trainee", "hash")


def test_delete_removes_everything_but_the_fact_of_deletion(db_target, tiny_session):
    with Store(db_target) as store:
        Service(store=store).save(tiny_session, attunement.analyze(tiny_session))
        user = store.accounts.add_user("ana", "trainee", "hash")
        store.accounts.set_owner(tiny_session.id, user.id)
        store.comments.add(tiny_session.id, user.id, kind="reaction", body="secret feeling")
        store.audit.write("ana", "view", tiny_session.id)
        store.sessions.delete(tiny_session.id, actor="ana")
        for table in ("sessions", "reports", "ownership", "comments"):
            assert store.sql(f"SELECT COUNT(*) FROM {table}")[0][0] == 0
        log = store.audit.log()
        assert log[0]["action"] == "delete session" and log[0]["target"] == tiny_session.id
        assert not any("secret" in str(entry) for entry in log)


def test_purge_older_than(db_target, tiny_session):
    from datetime import timedelta

    with Store(db_target) as store:
        store.sessions.save(tiny_session)
        assert store.sessions.purge(older_than=timedelta(days=90)) == []
        store.sql("UPDATE sessions SET saved_at = '2020-01-01T00:00:00+00:00'")
        assert store.sessions.purge(older_than=timedelta(days=90)) == [tiny_session.id]
        assert store.sessions.list() == []


def test_database_holds_no_plaintext(tmp_path, examples):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = attunement.analyze(examples / "pleasing-and-fidgeting.txt")
    path = tmp_path / "s.db"
    with Store(path) as store:
        Service(store=store).save(analysis.session, analysis)
        user = store.accounts.add_user("ana", "trainee", "hash")
        store.accounts.set_owner(analysis.session.id, user.id, pseudonym="Lena Pseudonym")
        store.comments.add(analysis.session.id, user.id, kind="reaction", body="I wanted to rescue her")
        store.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert store.sessions.get(analysis.session.id) == analysis.session
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("s.db"))
    for fragment in ("shopping", "I feel really safe", "fidgeting", "Lena Pseudonym", "rescue her", "pleasing-and-fidgeting"):
        assert fragment.encode() not in raw, fragment


def test_wrong_key_and_key_rotation(tmp_path, tiny_session, monkeypatch):
    from attunement.store.crypto import new_key, write_key

    key_file = tmp_path / "k.key"
    write_key(new_key(), key_file)
    monkeypatch.setenv("ATTUNEMENT_KEY_FILE", str(key_file))
    with Store(tmp_path / "s.db") as store:
        store.sessions.save(tiny_session)
        fresh = new_key()
        assert store.rotate_key(fresh) >= 2
    write_key(fresh, key_file)
    with Store(tmp_path / "s.db") as store:
        assert store.sessions.get("tiny") == tiny_session
    write_key(new_key(), key_file)
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError, match="cannot be decrypted"):
        store.sessions.get("tiny")
    key_file.chmod(0o644)
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError, match="readable by others"):
        store.sessions.get("tiny")


def test_rotate_key_command(tmp_path, tiny_session, monkeypatch):
    from click.testing import CliRunner

    from attunement.cli import cli

    monkeypatch.setenv("ATTUNEMENT_KEY_FILE", str(tmp_path / "k.key"))
    with Store(tmp_path / "s.db") as store:
        store.sessions.save(tiny_session)
    result = CliRunner().invoke(cli, ["store", "rotate-key", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and (tmp_path / "k.key.old").exists(), result.stderr
    with Store(tmp_path / "s.db") as store:
        assert store.sessions.get("tiny") == tiny_session
    assert CliRunner().invoke(cli, ["store", "check", "--db", str(tmp_path / "s.db")]).exit_code == 0


def test_a_store_made_by_an_older_release_is_brought_up_to_date(tmp_path, tiny_session):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # the schema as release 1 wrote it, before the web app existed
        conn.executescript("""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);
            INSERT INTO schema_migrations VALUES (1, '0001_sessions.sql', '2026-01-01T00:00:00+00:00');
            CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL,
                                   n_utterances INTEGER NOT NULL, saved_at TEXT NOT NULL, session_json TEXT NOT NULL);
            CREATE TABLE reports (session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                                  version TEXT NOT NULL, created_at TEXT NOT NULL, report_json TEXT NOT NULL);
        """)
    with Store(path) as store:
        assert store.schema_version == 5
        assert [r[0] for r in store.sql("SELECT version FROM schema_migrations ORDER BY version")] == [1, 2, 3, 4, 5]
        Service(store=store).save(tiny_session, attunement.analyze(tiny_session))
        assert store.sessions.report_html("tiny").startswith("<!DOCTYPE html>")
        assert store.accounts.add_user("ana", "trainee", "hash").id == 1
