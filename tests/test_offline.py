"""No network at import or run time: the whole foundation runs with sockets blocked."""

import subprocess
import sys
import textwrap

from click.testing import CliRunner

from attunement.cli import cli


def test_pipeline_cli_and_store_run_with_network_blocked(no_network, examples, tmp_path):
    result = CliRunner().invoke(cli, [
        "analyze", str(examples), "--json", str(tmp_path / "r.jsonl"), "--html", str(tmp_path / "html"),
        "--save", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.stderr
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 3
    assert no_network == []


_REFUSE_NETWORK = textwrap.dedent("""
    import socket
    def refuse(*a, **k):
        raise SystemExit("network access attempted")
    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import warnings; warnings.simplefilter("ignore")
""")


def run_offline(body: str) -> subprocess.CompletedProcess:
    """Run ``body`` in a fresh interpreter whose sockets refuse to connect."""
    return subprocess.run([sys.executable, "-c", _REFUSE_NETWORK + textwrap.dedent(body)], capture_output=True, text=True)


def test_import_and_analysis_in_a_fresh_interpreter_open_no_socket(examples):
    script = textwrap.dedent(f"""
        import attunement
        a = attunement.analyze({str(examples / 'grief-checkin.vtt')!r})
        from attunement.report import render_html
        render_html(a)
        print("ok", len(a.session))
    """)
    result = run_offline(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")


def test_web_app_runs_with_network_blocked(no_network, tmp_path, examples):
    import pytest

    pytest.importorskip("fastapi")
    import re

    from fastapi.testclient import TestClient

    from attunement.store import Store
    from attunement.web import create_app
    from attunement.web.security import hash_password

    with Store(tmp_path / "s.db") as store:
        store.accounts.add_user("ana", "trainee", hash_password("a long enough password"))
    client = TestClient(create_app(tmp_path / "s.db", secret="x", analyse_inline=True), base_url="http://127.0.0.1")
    client.post("/login", data={"name": "ana", "password": "a long enough password"})
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
    response = client.post("/upload", data={"csrf": token}, follow_redirects=False,
                           files={"file": ("s.txt", (examples / "pleasing-and-fidgeting.txt").read_bytes(), "text/plain")})
    assert client.get(response.headers["location"] + "/report").status_code == 200
    assert no_network == []


def test_deidentification_in_a_fresh_interpreter_opens_no_socket(examples):
    import pytest

    pytest.importorskip("presidio_analyzer")
    script = textwrap.dedent(f"""
        import attunement
        from attunement.deidentify import deidentify_session
        clean, mapping = deidentify_session(attunement.read_session({str(examples / 'pleasing-and-fidgeting.txt')!r}))
        print("ok", len(mapping))
    """)
    result = run_offline(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ") and int(result.stdout.split()[1]) > 0
