"""Faults: a process killed while saving or in the middle of a batch leaves a consistent store,
and the batch resumes without losing or duplicating a session. Concurrent uploads all land."""

import os
import signal
import subprocess
import sys
import time

import pytest

from attunement.service import Service
from attunement.store import Store

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def _batch(tmp_path, n=6):
    folder = tmp_path / "batch"
    folder.mkdir()
    text = (EXAMPLES / "pleasing-and-fidgeting.txt").read_text()
    for i in range(n):
        (folder / f"s{i}.txt").write_text(text.replace("Hi Lena", f"Hi Lena {i}"))
    return folder


def test_batch_killed_midway_resumes_without_loss_or_duplicates(tmp_path):
    folder, db = _batch(tmp_path), tmp_path / "store.db"
    command = [sys.executable, "-m", "attunement", "analyze", str(folder), "--save", "--resume", "--db", str(db), "-q"]
    process = subprocess.Popen(command, env={**os.environ})
    deadline = time.time() + 120
    while time.time() < deadline:  # kill it as soon as at least one session is stored, mid-batch
        time.sleep(0.2)
        if db.exists():
            with Store(db) as store:
                if len(store.sessions.list()) >= 1:
                    break
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        assert store.integrity_check()
        before = {row.id for row in store.sessions.list()}
    assert 1 <= len(before) < 6
    assert subprocess.run(command, env={**os.environ}).returncode == 0
    with Store(db) as store:
        rows = store.sessions.list()
        assert store.integrity_check()
    assert len(rows) == len({r.id for r in rows}) == 6 and all(r.has_report for r in rows)
    assert before <= {r.id for r in rows}


def test_killed_while_saving_leaves_a_consistent_store(tmp_path):
    db = tmp_path / "store.db"
    script = f"""
import sys, warnings
warnings.simplefilter("ignore")
import attunement
from attunement.service import Service
from attunement.store import Store
a = attunement.analyze({str(EXAMPLES / 'grief-checkin.vtt')!r})
store = Store({str(db)!r})
store.connect()
service = Service(store=store)
print("ready", flush=True)
while True:
    service.save(a.session, a)
"""
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("ready")
    time.sleep(1.0)  # many saves in flight: the kill lands inside one
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        assert store.integrity_check()
        rows = store.sessions.list()
        assert len(rows) == 1 and rows[0].has_report
        assert store.sessions.report(rows[0].id)["schema"] == "attunement.report/1"


def test_twenty_concurrent_uploads_all_land(tmp_path):
    pytest.importorskip("fastapi")
    import re
    import threading

    from fastapi.testclient import TestClient

    from attunement.web import create_app
    from attunement.web.security import hash_password

    with Store(tmp_path / "s.db") as store:
        store.accounts.add_user("ana", "trainee", hash_password("a long enough password"))
    app = create_app(tmp_path / "s.db", secret="x")
    text = (EXAMPLES / "pleasing-and-fidgeting.txt").read_text()
    results = []

    def upload(i):
        client = TestClient(app, base_url="http://127.0.0.1")
        client.post("/login", data={"name": "ana", "password": "a long enough password"})
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
        response = client.post("/upload", data={"csrf": token}, follow_redirects=False,
                               files={"file": (f"s{i}.txt", text.replace("Hi Lena", f"Hi Lena {i}").encode(), "text/plain")})
        results.append(response.status_code)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [303] * 20
    deadline = time.time() + 240
    with Store(tmp_path / "s.db") as store:
        while time.time() < deadline and not all(store.accounts.ownership(r.id)["status"] == "ready" for r in store.sessions.list()):
            time.sleep(1)
        rows = store.sessions.list()
        assert len(rows) == 20 and all(r.has_report for r in rows) and store.integrity_check()
