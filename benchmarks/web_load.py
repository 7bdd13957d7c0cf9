"""Load on the web app: concurrent clients on loopback, viewing a session and uploading.

Usage::

    python benchmarks/web_load.py                 # 50 clients for 60 s; rewrites its section of RESULTS.md
    python benchmarks/web_load.py --clients 10 --seconds 10 --no-write

The server runs in this process (uvicorn, one worker) over a temporary store with one
analysed session. Each client logs in as a trainee, then loops: most requests view the
session page, 1 in ``--upload-every`` (default 50) uploads a small transcript, which queues a
background analysis in the same process.
Bounded in time, loopback only.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import publish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
SMALL = "Therapist: How are you today?\nClient: Tired. I feel so alone.\nTherapist: You feel alone.\nClient: Yes.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--upload-every", type=int, default=50, help="one request in N is an upload")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import httpx
    import uvicorn

    from attunement.store import Store
    from attunement.web import create_app
    from attunement.web.security import hash_password

    folder = Path(tempfile.mkdtemp())
    with Store(folder / "store.db") as store:
        store.accounts.add_user("ana", "trainee", hash_password(PASSWORD))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(folder / "store.db", secret="load"), host="127.0.0.1", port=port,
                                           log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    def session_client() -> httpx.Client:
        client = httpx.Client(base_url=base, timeout=30)
        client.post("/login", data={"name": "ana", "password": PASSWORD})
        return client

    seed = session_client()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', seed.get("/").text).group(1)
    location = seed.post("/upload", data={"csrf": token}, files={"file": ("seed.txt", (ROOT / "examples" /
                         "pleasing-and-fidgeting.txt").read_bytes(), "text/plain")}).headers["location"]
    while seed.get(location + "/status").json()["status"] not in ("ready", "failed"):
        time.sleep(0.5)
    views: list[float] = []
    uploads: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def worker(k: int) -> None:
        client = session_client()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
        n = 0
        while time.monotonic() < stop:
            n += 1
            start = time.perf_counter()
            try:
                if n % args.upload_every == 0:
                    r = client.post("/upload", data={"csrf": csrf}, follow_redirects=False,
                                    files={"file": (f"c{k}-{n}.txt", SMALL.replace("Tired", f"Tired {k} {n}").encode(), "text/plain")})
                    ok, bucket = r.status_code == 303, uploads
                else:
                    r = client.get(location)
                    ok, bucket = r.status_code == 200, views
                elapsed = time.perf_counter() - start
                with lock:
                    bucket.append(elapsed)
                    if not ok:
                        errors.append(str(r.status_code))
            except httpx.HTTPError as exc:
                with lock:
                    errors.append(type(exc).__name__)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.should_exit = True

    def pct(values: list[float], q: float) -> str:
        return f"{1000 * statistics.quantiles(values, n=100)[q - 1]:.0f} ms" if len(values) > 2 else "–"

    lines = [f"## Web app under load (`python benchmarks/web_load.py`)", "",
             f"{args.clients} concurrent clients on loopback for {args.seconds:.0f} s, one uvicorn worker, 2 cores; "
             f"one request in {args.upload_every} is an upload, whose analysis runs in the same process.", "",
             "| request | count | p50 | p95 | errors |", "|---|---|---|---|---|",
             f"| view the session page | {len(views)} | {pct(views, 50)} | {pct(views, 95)} | {sum(1 for e in errors if e != '303')} |",
             f"| upload a transcript | {len(uploads)} | {pct(uploads, 50)} | {pct(uploads, 95)} | – |", "",
             f"Errors in all: {len(errors)} ({', '.join(sorted(set(errors))) or 'none'}). Target: no errors, p95 < 300 ms for views.", ""]
    publish("web-load", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
