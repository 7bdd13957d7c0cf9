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
        rows = store.list_sessions()
        assert [(r.id, r.n_utterances, r.has_report) for r in rows] == [("tiny", 4, True)]
        assert store.session("ti") == tiny_session
        assert store.report("tiny")["scores"] == analysis.scores
        store.delete("tiny")
        assert store.list_sessions() == []
        assert store.connect().execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0
        assert store.integrity_check()


def test_saving_twice_replaces(db_target, tiny_session):
    with Store(db_target) as store:
        store.save(tiny_session)
        Service(store=store).save(tiny_session, attunement.analyze(tiny_session))
        assert len(store.list_sessions()) == 1 and store.list_sessions()[0].has_report


def test_migrations_are_recorded_and_idempotent(db_target):
    path = db_target
    with Store(path) as store:
        assert store.schema_version >= 3
    with Store(path) as store:
        rows = store.connect().execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [tuple(r) for r in rows][:1] == [(1, "0001_sessions.sql")]
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).connect().execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer attunement"):
        Store(path).connect()


def test_database_file_is_owner_only(tmp_path, tiny_session):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.save(tiny_session)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unknown_and_ambiguous_ids(db_target, tiny_session):
    with Store(db_target) as store:
        with pytest.raises(StoreError, match="no stored session"):
            store.session("zzz")


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
                   if "import sqlite3" in p.read_text() or "import psycopg" in p.read_text())
    assert users == ["store/__init__.py", "store/postgres.py"]


def test_unopenable_location(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot open the session store"):
        Store(blocker / "s.db").connect()


def test_wal_mode(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.connect().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sqlite3.sqlite_version_info >= (3, 7)


def test_accounts_and_supervision_tables(db_target, tiny_session):
    with Store(db_target) as store:
        store.save(tiny_session)
        trainee = store.add_user("ana", "trainee", "hash")
        supervisor = store.add_user("sue", "supervisor", "hash")
        store.assign("sue", "ana")
        store.set_owner(tiny_session.id, trainee.id, pseudonym="A")
        store.set_owner(tiny_session.id, trainee.id, pseudonym="B")
        assert store.ownership(tiny_session.id)["pseudonym"] == "B"
        assert store.can_see(supervisor, tiny_session.id) and store.can_see(trainee, tiny_session.id)
        first = store.add_comment(tiny_session.id, supervisor.id, kind="disagree", utterance_index=2, code="behaviour",
                                  correction="reflection_simple")
        store.add_comment(tiny_session.id, trainee.id, kind="reaction", body="hm", parent_id=first)
        assert [c["kind"] for c in store.comments(tiny_session.id)] == ["disagree", "reaction"]
        assert store.corrections()[0]["text"] == "That sounds hard."
        store.audit_many([("sue", "view", tiny_session.id, "2026-11-25T00:00:00+00:00")])
        assert store.audit_log()[0]["actor"] == "sue"
        with pytest.raises(StoreError, match="exists already"):
            store.add_user("ana", "trainee", "hash")


def test_delete_removes_everything_but_the_fact_of_deletion(db_target, tiny_session):
    with Store(db_target) as store:
        Service(store=store).save(tiny_session, attunement.analyze(tiny_session))
        user = store.add_user("ana", "trainee", "hash")
        store.set_owner(tiny_session.id, user.id)
        store.add_comment(tiny_session.id, user.id, kind="reaction", body="secret feeling")
        store.audit("ana", "view", tiny_session.id)
        store.delete(tiny_session.id, actor="ana")
        connection = store.connect()
        for table in ("sessions", "reports", "ownership", "comments"):
            assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        log = store.audit_log()
        assert log[0]["action"] == "delete session" and log[0]["target"] == tiny_session.id
        assert not any("secret" in str(entry) for entry in log)


def test_purge_older_than(db_target, tiny_session):
    from datetime import timedelta

    with Store(db_target) as store:
        store.save(tiny_session)
        assert store.purge(older_than=timedelta(days=90)) == []
        store.connect().execute("UPDATE sessions SET saved_at = '2020-01-01T00:00:00+00:00'")
        assert store.purge(older_than=timedelta(days=90)) == [tiny_session.id]
        assert store.list_sessions() == []


def test_database_holds_no_plaintext(tmp_path, examples):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = attunement.analyze(examples / "pleasing-and-fidgeting.txt")
    path = tmp_path / "s.db"
    with Store(path) as store:
        Service(store=store).save(analysis.session, analysis)
        user = store.add_user("ana", "trainee", "hash")
        store.set_owner(analysis.session.id, user.id, pseudonym="Lena Pseudonym")
        store.add_comment(analysis.session.id, user.id, kind="reaction", body="I wanted to rescue her")
        store.connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert store.session(analysis.session.id) == analysis.session
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("s.db"))
    for fragment in ("shopping", "I feel really safe", "fidgeting", "Lena Pseudonym", "rescue her", "pleasing-and-fidgeting"):
        assert fragment.encode() not in raw, fragment


def test_wrong_key_and_key_rotation(tmp_path, tiny_session, monkeypatch):
    from attunement.store.crypto import new_key, write_key

    key_file = tmp_path / "k.key"
    write_key(new_key(), key_file)
    monkeypatch.setenv("ATTUNEMENT_KEY_FILE", str(key_file))
    with Store(tmp_path / "s.db") as store:
        store.save(tiny_session)
        fresh = new_key()
        assert store.rotate_key(fresh) >= 2
    write_key(fresh, key_file)
    with Store(tmp_path / "s.db") as store:
        assert store.session("tiny") == tiny_session
    write_key(new_key(), key_file)
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError, match="cannot be decrypted"):
        store.session("tiny")
    key_file.chmod(0o644)
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError, match="readable by others"):
        store.session("tiny")


def test_rotate_key_command(tmp_path, tiny_session, monkeypatch):
    from click.testing import CliRunner

    from attunement.cli import cli

    monkeypatch.setenv("ATTUNEMENT_KEY_FILE", str(tmp_path / "k.key"))
    with Store(tmp_path / "s.db") as store:
        store.save(tiny_session)
    result = CliRunner().invoke(cli, ["store", "rotate-key", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and (tmp_path / "k.key.old").exists(), result.stderr
    with Store(tmp_path / "s.db") as store:
        assert store.session("tiny") == tiny_session
    assert CliRunner().invoke(cli, ["store", "check", "--db", str(tmp_path / "s.db")]).exit_code == 0
