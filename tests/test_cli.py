"""The attune command, end to end in-process."""

import json
import stat

from click.testing import CliRunner

from attunement import __version__
from attunement.cli import cli

from .conftest import write

GOOD = "[00:00:01] Therapist: How are you?\n[00:00:04] Client: Not great. [sighs]\n[00:00:12] Therapist: Say more?\n"


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def test_version_and_formats():
    assert invoke("--version").stdout.strip() == f"attune {__version__}"
    out = invoke("formats").stdout
    for name in ("text", "vtt", "srt", "docx", "csv", "json"):
        assert f"\n{name} " in f"\n{out}"


def test_analyze_writes_reports_owner_only(tmp_path):
    source = write(tmp_path / "s.txt", GOOD)
    result = invoke("analyze", source, "--json", tmp_path / "r.jsonl", "--html", tmp_path / "r.html")
    assert result.exit_code == 0, result.stderr
    assert "3 utterances" in result.stdout
    document = json.loads((tmp_path / "r.jsonl").read_text())
    assert document["session"]["source"] == str(source)
    for name in ("r.jsonl", "r.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_therapist_option_maps_named_speakers(tmp_path):
    source = write(tmp_path / "s.txt", "Ann: Hi.\nBo: Hi.\nAnn: So.\nBo: Yes.\n")
    result = invoke("analyze", source, "--therapist", "Bo", "--json", tmp_path / "r.jsonl")
    assert result.exit_code == 0 and "guessed" not in result.stderr
    roles = [u["role"] for u in json.loads((tmp_path / "r.jsonl").read_text())["utterances"]]
    assert roles == ["client", "therapist", "client", "therapist"]


def test_warnings_are_shown_and_kept_in_the_report(tmp_path):
    source = write(tmp_path / "s.txt", "Ann: Hi, how are you?\nBo: Fine.\nAnn: Really?\nBo: Yes.\n")
    result = invoke("analyze", source, "--json", tmp_path / "r.jsonl")
    assert "warning:" in result.stderr and "guessed that 'Ann'" in result.stderr
    assert any("guessed" in w for w in json.loads((tmp_path / "r.jsonl").read_text())["warnings"])


def test_save_and_sessions_commands(tmp_path):
    db = tmp_path / "store.db"
    source = write(tmp_path / "s.txt", GOOD)
    assert invoke("analyze", source, "--save", "--db", db, "-q").exit_code == 0
    listing = invoke("sessions", "list", "--db", db)
    session_id = listing.stdout.split()[0]
    assert "report" in listing.stdout and str(source) in listing.stdout
    shown = invoke("sessions", "show", session_id[:6], "--db", db)
    assert "Therapist: How are you?" in shown.stdout
    as_json = json.loads(invoke("sessions", "show", session_id, "--json", "--db", db).stdout)
    assert as_json["session"]["id"] == session_id
    assert invoke("sessions", "delete", session_id, "--db", db, input="n\n").exit_code == 2
    assert invoke("sessions", "delete", session_id, "--yes", "--db", db).exit_code == 0
    assert "no sessions stored" in invoke("sessions", "list", "--db", db).stderr


def test_sessions_show_unknown_id(tmp_path):
    result = invoke("sessions", "show", "abc", "--db", tmp_path / "s.db")
    assert result.exit_code == 2 and "no stored session" in result.stderr


def test_env_var_selects_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNEMENT_DB", str(tmp_path / "env.db"))
    assert invoke("analyze", write(tmp_path / "s.txt", GOOD), "--save", "-q").exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_forced_format_and_encoding(tmp_path):
    source = tmp_path / "s.data"
    source.write_bytes(GOOD.encode("cp1252"))
    result = invoke("analyze", source, "--format", "text", "--encoding", "cp1252")
    assert result.exit_code == 0, result.stderr


def test_max_size_option(tmp_path):
    result = invoke("analyze", write(tmp_path / "s.txt", GOOD), "--max-size", "10")
    assert result.exit_code == 2 and "limit" in result.stderr


def test_sessions_purge(tmp_path):
    db = tmp_path / "store.db"
    invoke("analyze", write(tmp_path / "s.txt", GOOD), "--save", "--db", db, "-q")
    assert "deleted 0 session(s)" in invoke("sessions", "purge", "--older-than", "90d", "--db", db).stderr
    assert invoke("sessions", "purge", "--older-than", "soon", "--db", db).exit_code == 2
    from attunement.store import Store

    with Store(db) as store:
        store.sql("UPDATE sessions SET saved_at = '2020-01-01T00:00:00+00:00'")
    assert invoke("sessions", "purge", "--older-than", "90d", "--db", db, input="n\n").exit_code == 2
    result = invoke("sessions", "purge", "--older-than", "90d", "--yes", "--db", db)
    assert result.exit_code == 0 and "deleted 1 session(s)" in result.stderr


def test_adding_a_user_without_the_web_extra_is_a_clear_error_not_a_traceback(tmp_path, monkeypatch):
    import sys

    from click.testing import CliRunner

    from attunement.cli import cli

    monkeypatch.setitem(sys.modules, "attunement.web", None)  # as if FastAPI and argon2 were not installed
    monkeypatch.setitem(sys.modules, "attunement.web.security", None)
    result = CliRunner().invoke(cli, ["users", "add", "sue", "--role", "supervisor", "--password-stdin",
                                      "--db", str(tmp_path / "s.db")], input="a-long-password\n")
    assert result.exit_code == 2 and "pip install 'attunement[web]'" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_serve_asks_for_a_first_supervisor_when_there_are_no_accounts(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from attunement.cli import cli
    from attunement.store import Store

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # do not actually listen
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["serve", "--first-user", "--db", db], input="sue\nlong-enough-pw\nlong-enough-pw\n")
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert [(u.name, u.role) for u in store.accounts.users()] == [("sue", "supervisor")]
    again = CliRunner().invoke(cli, ["serve", "--first-user", "--db", db], input="")
    assert again.exit_code == 0 and "No accounts yet" not in again.stderr


def test_user_management_removes_locks_unassigns_and_resets_each_in_the_audit_log(tmp_path):
    from click.testing import CliRunner

    from attunement.cli import cli
    from attunement.store import Store
    from attunement.web.security import verify_password

    db = str(tmp_path / "s.db")
    run = CliRunner().invoke
    for name, role in (("sue", "supervisor"), ("ana", "trainee"), ("ben", "trainee")):
        assert run(cli, ["users", "add", name, "--role", role, "--password-stdin", "--db", db], input="a-long-password\n").exit_code == 0
    assert run(cli, ["users", "assign", "sue", "ana", "--db", db]).exit_code == 0
    with Store(db) as store:
        ana = store.accounts.user("ana")[0]
        store.sessions.save(__import__("attunement").readers.read_session(write_example(tmp_path)))
        session_id = store.sessions.list()[0].id
        store.accounts.set_owner(session_id, ana.id)
    assert "no longer supervises" in run(cli, ["users", "unassign", "sue", "ana", "--db", db]).stderr
    assert "removed ben" in run(cli, ["users", "remove", "ben", "--db", db]).stderr
    locked = run(cli, ["users", "remove", "ana", "--db", db])
    assert locked.exit_code == 0 and "locked ana" in locked.stderr
    with Store(db) as store:
        names = [u.name for u in store.accounts.users()]
        assert names == ["ana", "sue"] and store.accounts.trainees_of(store.accounts.user("sue")[0].id) == []
        assert not verify_password(store.accounts.user("ana")[1], "a-long-password")
        assert store.sessions.list()  # her session is kept
    assert run(cli, ["users", "reset-password", "ana", "--password-stdin", "--db", db], input="another-long-one\n").exit_code == 0
    with Store(db) as store:
        assert verify_password(store.accounts.user("ana")[1], "another-long-one")
        actions = [entry["action"] for entry in store.audit.log()]
    assert {"unassign", "remove user", "lock user", "reset password"} <= set(actions)


def write_example(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Therapist: How are you?\nClient: Tired.\n")
    return path
