"""One service behind every front end: the same file gives the same report and warnings everywhere."""

from __future__ import annotations

import json
import re
import warnings

import pytest
from click.testing import CliRunner

import attunement
from attunement.cli import cli
from attunement.service import Service
from attunement.settings import Settings
from attunement.store import Store

from .conftest import write

NAMED = """Maya: Hi, what brings you in today?
Sam: I'm not sure. My chest has been tight all week. Is that normal?
Maya: It sounds like the week has been heavy. What is the tightness like right now?
Sam: It's there. Like a fist. I don't know why I'm telling you this.
Maya: You're telling me because it matters. Take a breath with me.
Sam: Okay. That helps a little.
"""


def _without_path(messages, path):
    return [m.replace(str(path), path.name) for m in messages]


def test_same_warnings_from_the_cli_the_api_and_the_web_app(tmp_path):
    path = write(tmp_path / "named.txt", NAMED)
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    from_cli = _without_path(json.loads(out.read_text().splitlines()[0])["warnings"], path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from_api = _without_path(attunement.analyze(path).warnings, path)
    assert from_cli == from_api and any("guessed" in m for m in from_cli), from_cli

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from attunement.web import create_app
    from attunement.web.security import hash_password

    db = tmp_path / "s.db"
    with Store(db) as store:
        store.accounts.add_user("ana", "trainee", hash_password("a long enough password"))
    client = TestClient(create_app(db, secret="x", analyse_inline=True), base_url="http://127.0.0.1")
    client.post("/login", data={"name": "ana", "password": "a long enough password"})
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
    response = client.post("/upload", data={"csrf": token, "keep_identifiers": "1"}, follow_redirects=False,
                           files={"file": ("named.txt", NAMED.encode(), "text/plain")})
    session_id = response.headers["location"].rsplit("/", 1)[1]
    with Store(db) as store:
        assert store.sessions.report(session_id)["warnings"] == from_cli


def test_settings_precedence(tmp_path, monkeypatch):
    config = write(tmp_path / "c.toml", "[components.coder]\ntier = \"fast\"\n")
    monkeypatch.setenv("ATTUNEMENT_DB", str(tmp_path / "env.db"))
    from_file = Settings.load(config_path=config)
    assert from_file.config.options["coder"]["tier"] == "fast" and from_file.db == str(tmp_path / "env.db")
    flags = Settings.load(config_path=config, tier="accurate", db=tmp_path / "flag.db")
    assert flags.config.options["coder"]["tier"] == "accurate" and flags.db == str(tmp_path / "flag.db")


def test_service_saves_what_it_renders(tmp_path, tiny_session):
    service = Service(Settings.load(db=tmp_path / "s.db"))
    analysis = service.analyse(tiny_session)
    service.save(tiny_session, analysis)
    assert service.store.sessions.report("tiny")["scores"]["talk"] == analysis.scores["talk"]
    assert "<!DOCTYPE html>" in (service.store.sessions.report_html("tiny") or "")
    service.close()


def test_notes_belong_to_one_session(tmp_path):
    rows = "transcript_id,utterance_id,interlocutor,utterance_text\n" + "".join(
        f"{t},{i},{'therapist' if i % 2 == 0 else 'client'},words {i}\n" for t in (1, 2) for i in range(4))
    path = write(tmp_path / "two.csv", rows)
    with pytest.raises(attunement.errors.TranscriptError, match="process notes belong to one session"):
        Service().ingest(path, notes_text="@1: I felt rushed")
