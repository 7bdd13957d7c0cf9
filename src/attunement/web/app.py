"""The local web app for trainees and supervisors: thin routes over the library and the Store.

Every page is server-rendered (Jinja2), every asset is served from this package, and the
strict security headers forbid anything from elsewhere. A trainee sees only their own
sessions, a supervisor those of the trainees assigned to them; every view and change is
written to the audit log.
"""

from __future__ import annotations

import dataclasses
import hashlib
import queue
import secrets
import threading
import time
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..errors import AttunementError
from ..model import Session
from ..readers import FORMATS, ReadOptions, read_sessions
from ..readers.notes import parse_notes, with_notes
from ..store import Store, User
from .charts import line_chart
from .security import RateLimiter, Sessions, verify_password

__all__ = ["create_app", "MAX_UPLOAD_BYTES"]

MAX_UPLOAD_BYTES = 5_000_000
COOKIE = "attunement_session"
HERE = Path(__file__).parent
SUFFIXES = {s for f in FORMATS.values() for s in f.suffixes}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


class AuditWriter:
    """Audit entries are queued by the request threads and written in batches by one thread,
    so that viewing never waits for the database's write lock. Entries carry their own time."""

    def __init__(self, store: Store, *, interval: float = 0.2) -> None:
        self.store, self.interval = store, interval
        self.queue: queue.SimpleQueue[tuple[str, str, str, str]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="attunement-audit", daemon=True).start()

    def write(self, actor: str, action: str, target: str = "") -> None:
        from ..store import _now

        self.queue.put((actor, action, target, _now()))

    def flush(self) -> None:
        entries = []
        while not self.queue.empty():
            entries.append(self.queue.get())
        if entries:
            self.store.audit_many(entries)

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            try:
                self.flush()
            except Exception:  # pragma: no cover - keep auditing through a transient lock
                continue


class HTTPError(Exception):
    """An error page with a status (one handler renders them all)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def create_app(db: str | Path | None = None, *, secret: str | None = None, max_upload: int = MAX_UPLOAD_BYTES,
               secure_cookies: bool = False, analyse_inline: bool = False) -> FastAPI:
    """The web app over the store at ``db``.

    Parameters
    ----------
    secret
        Key that signs session cookies; random per process if not given (logins then end on restart).
    secure_cookies
        Mark cookies ``Secure`` (set when served over HTTPS).
    analyse_inline
        Analyse uploads in the request instead of the background (tests).
    """
    app = FastAPI(title="attunement", docs_url=None, redoc_url=None, openapi_url=None)
    store = Store(db)
    store.connect()
    sessions = Sessions(secret or secrets.token_hex(32))
    limiter = RateLimiter()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    workers = ThreadPoolExecutor(max_workers=1)
    audit = AuditWriter(store)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        if not request.url.path.endswith("/report"):
            response.headers.update(HEADERS)
        else:
            response.headers.update({k: v for k, v in HEADERS.items() if k != "Content-Security-Policy"})
            response.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'unsafe-inline'; "
                                                           "script-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
        return response

    @app.exception_handler(HTTPError)
    async def error_page(request: Request, exc: HTTPError) -> Response:
        return templates.TemplateResponse(request, "error.html", {"status": exc.status, "message": exc.message, "user": None},
                                          status_code=exc.status)

    def current(request: Request) -> User:
        data = sessions.read(request.cookies.get(COOKIE))
        user = store.user_by_id(int(data["uid"])) if data else None  # type: ignore[arg-type]
        if user is None:
            raise HTTPError(401, "Please log in.")
        return user

    def check_csrf(request: Request, token: str) -> None:
        if not sessions.check_csrf(request.cookies.get(COOKIE), token):
            raise HTTPError(403, "The form expired or did not come from this app. Reload the page and try again.")

    def visible(user: User, session_id: str) -> dict[str, Any]:
        owned = store.ownership(session_id)
        if owned is None or not store.can_see(user, session_id, owned=owned):
            audit.write(user.name, "denied", session_id)
            raise HTTPError(404, "No such session, or it is not yours to see.")
        return owned

    views: dict[str, tuple[str | None, dict[str, Any] | None, dict[str, int] | None]] = {}

    def cached_view(session_id: str) -> tuple[dict[str, Any] | None, dict[str, int] | None]:
        """The parsed report and what de-identification replaced, read again only when the session was analysed again."""
        version = store.report_version(session_id)
        if session_id not in views or views[session_id][0] != version:
            replaced = store.session(session_id).metadata.get("identifiers_replaced")
            views[session_id] = (version, store.report(session_id) if version else None, replaced)
        return views[session_id][1:]

    def page(request: Request, name: str, user: User | None, **context: Any) -> Response:
        token = sessions.csrf(request.cookies.get(COOKIE, "")) if user else ""
        return templates.TemplateResponse(request, name, {"user": user, "csrf": token, **context})

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        return page(request, "login.html", None, error=None)

    @app.post("/login")
    def login(request: Request, name: str = Form(...), password: str = Form(...)) -> Response:
        key = f"{name}|{request.client.host if request.client else ''}"
        if limiter.blocked(key):
            audit.write(name, "login blocked")
            return page(request, "login.html", None, error="Too many attempts. Wait five minutes and try again.")
        found = store.user(name)
        if found is None or not verify_password(found[1], password):
            limiter.failed(key)
            audit.write(name, "login failed")
            return page(request, "login.html", None, error="Name or password is wrong.")
        limiter.reset(key)
        audit.write(name, "login")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, sessions.issue(found[0].id), httponly=True, samesite="strict", secure=secure_cookies,
                            max_age=sessions.max_age)
        return response

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        user = current(request)
        check_csrf(request, csrf)
        audit.write(user.name, "logout")
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        try:
            user = current(request)
        except HTTPError:
            return RedirectResponse("/login", status_code=303)
        audit.write(user.name, "list sessions")
        return page(request, "index.html", user, sessions=store.visible_sessions(user), users=store.users() if user.role == "admin" else [])

    @app.get("/growth", response_class=HTMLResponse)
    def growth(request: Request, trainee: str = "") -> Response:
        user = current(request)
        if user.role == "trainee":
            owners = [user.id]
        elif user.role == "supervisor":
            mine = store.trainees_of(user.id)
            chosen = store.user(trainee) if trainee else None
            owners = [chosen[0].id] if chosen and chosen[0].id in mine else mine
        else:
            raise HTTPError(403, "Growth charts show session content; admins do not see it.")
        audit.write(user.name, "view growth", trainee)
        rows = store.growth(owners)
        labels = [r["date"] for r in rows]
        charts = {
            "Four tasks and attunement index (0–100)": line_chart(labels, {
                "attunement index": [r["index"] for r in rows],
                **{name.replace("_", " "): [r["tasks"].get(name) for r in rows]
                   for name in ("assess_the_space", "maintain_safety", "communicate_being_with", "use_own_experience")}},
                lo=0, hi=100),
            "Intrusive (+1) ↔ neglectful (−1)": line_chart(labels, {"style axis": [r["axis"] for r in rows]}, lo=-1, hi=1),
            "MITI: % complex reflections": line_chart(labels, {"% complex reflections": [r["complex_reflections"] for r in rows]},
                                                     lo=0, hi=100),
        }
        clients: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            if r["pseudonym"]:
                clients.setdefault(r["pseudonym"], []).append(r)
        space = {name: line_chart([r["date"] for r in items], {"width of the exploratory space": [r["space_width"] for r in items]},
                                  lo=0, hi=0.6) for name, items in clients.items()}
        return page(request, "growth.html", user, rows=rows, charts=charts, space=space,
                    trainees=[store.user_by_id(i) for i in store.trainees_of(user.id)] if user.role == "supervisor" else [])

    @app.post("/upload")
    async def upload(request: Request, file: UploadFile = File(...), csrf: str = Form(""), pseudonym: str = Form(""),
                     session_date: str = Form(""), notes: str = Form(""), keep_identifiers: str = Form("")) -> Response:
        user = current(request)
        check_csrf(request, csrf)
        if user.role not in ("trainee", "supervisor"):
            raise HTTPError(403, "Only trainees and supervisors upload sessions.")
        name = Path(file.filename or "upload").name  # never trust a path from the browser
        if Path(name).suffix.lower() not in SUFFIXES:
            raise HTTPError(415, f"{name}: not a transcript format attune reads ({', '.join(sorted(SUFFIXES))}).")
        data = await file.read(max_upload + 1)
        if len(data) > max_upload:
            raise HTTPError(413, f"{name} is larger than {max_upload // 1_000_000} MB. Split the session or export it as text.")
        try:
            with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                path = Path(folder) / name
                path.write_bytes(data)
                found = read_sessions(path, options=ReadOptions(max_bytes=max_upload))
        except AttunementError as exc:
            raise HTTPError(422, exc.one_line().replace(str(Path(folder)) + "/", "")) from exc
        if len(found) != 1:
            raise HTTPError(422, f"{name} holds {len(found)} sessions; upload one at a time.")
        session = dataclasses.replace(found[0], source=name)  # the upload's name, never the server's temporary path
        if notes.strip():
            try:
                session = with_notes(session, parse_notes(notes, n_utterances=len(session), path="process notes"))
            except AttunementError as exc:
                raise HTTPError(422, exc.one_line()) from exc
        if not keep_identifiers:  # de-identified unless the uploader says otherwise: names never reach the store
            session = await run_in_threadpool(_deidentified, session)
        owned = store.ownership(session.id)
        if owned is not None and owned["owner_id"] != user.id:  # the same transcript from someone else: never share a row
            session = dataclasses.replace(session, id=hashlib.sha256(f"{session.id}:{user.id}".encode()).hexdigest()[:16])
        store.save(session)
        store.set_owner(session.id, user.id, pseudonym=pseudonym.strip()[:60], session_date=session_date[:10])
        audit.write(user.name, "upload", session.id)
        if analyse_inline:
            _analyse(store, session.id)
        else:
            workers.submit(_analyse, store, session.id)
        return RedirectResponse(f"/sessions/{session.id}", status_code=303)

    @app.get("/sessions/{session_id}", response_class=HTMLResponse)
    def session_view(request: Request, session_id: str) -> Response:
        user = current(request)
        owned = visible(user, session_id)
        audit.write(user.name, "view", session_id)
        report, replaced = cached_view(session_id)
        report = report if owned["status"] == "ready" else None
        return page(request, "session.html", user, owned=owned, report=report, comments=store.comments(session_id),
                    replaced=replaced)

    @app.get("/sessions/{session_id}/status")
    def session_status(request: Request, session_id: str) -> Response:
        user = current(request)
        owned = visible(user, session_id)
        return JSONResponse({"status": owned["status"], "error": owned["error"]})

    @app.get("/sessions/{session_id}/report", response_class=HTMLResponse)
    def session_report(request: Request, session_id: str) -> Response:
        user = current(request)
        visible(user, session_id)
        audit.write(user.name, "view report", session_id)
        return HTMLResponse(_render_report(store, session_id))

    @app.get("/sessions/{session_id}/export.{kind}")
    def export(request: Request, session_id: str, kind: str) -> Response:
        user = current(request)
        visible(user, session_id)
        if kind not in ("json", "html", "csv"):
            raise HTTPError(404, "Exports are json, html or csv.")
        audit.write(user.name, f"export {kind}", session_id)
        if kind == "csv":
            return Response(_csv(store.report(session_id) or {}), media_type="text/csv",
                            headers={"Content-Disposition": f"attachment; filename={session_id}.csv"})
        if kind == "json":
            return JSONResponse(store.report(session_id) or {}, headers={"Content-Disposition": f"attachment; filename={session_id}.json"})
        return HTMLResponse(_render_report(store, session_id), headers={"Content-Disposition": f"attachment; filename={session_id}.html"})

    @app.post("/sessions/{session_id}/comments")
    def comment(request: Request, session_id: str, csrf: str = Form(""), kind: str = Form("comment"), body: str = Form(""),
                utterance_index: str = Form(""), code: str = Form(""), correction: str = Form(""),
                parent_id: str = Form("")) -> Response:
        user = current(request)
        check_csrf(request, csrf)
        visible(user, session_id)
        allowed = {"trainee": {"comment", "reaction"}, "supervisor": {"comment", "agree", "disagree", "discuss"}}
        if kind not in allowed.get(user.role, set()):
            raise HTTPError(403, f"A {user.role} cannot add a {kind!r} here.")
        store.add_comment(session_id, user.id, kind=kind, body=body.strip()[:4000],
                          utterance_index=int(utterance_index) if utterance_index.isdigit() else None,
                          code=code[:40], correction=correction[:40], parent_id=int(parent_id) if parent_id.isdigit() else None)
        audit.write(user.name, f"add {kind}", session_id)
        anchor = f"#u-{utterance_index}" if utterance_index.isdigit() else ""
        return RedirectResponse(f"/sessions/{session_id}{anchor}", status_code=303)

    app.state.audit = audit
    return app


def _deidentified(session: Session) -> Session:
    from ..deidentify import DeidentificationError, deidentify_session

    try:
        return deidentify_session(session)[0]
    except DeidentificationError as exc:
        raise HTTPError(503, "De-identification is not installed on this server (pip install 'attunement[deid]'); "
                             "ask the administrator, or tick 'keep identifiers' if this transcript has none.") from exc


def _analyse(store: Store, session_id: str) -> None:
    """Analyse a stored session and keep its report (runs in the background worker)."""
    from ..api import analyze

    try:
        store.set_status(session_id, "analysing")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            session = store.session(session_id)
            store.save(session, analyze(session))
        store.set_status(session_id, "ready")
    except Exception as exc:  # the page shows the failure; nothing is lost, the transcript stays stored
        store.set_status(session_id, "failed", str(exc)[:500])


def _csv(document: dict[str, Any]) -> str:
    """One row per utterance: who, words, and the main codes and judgements."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["index", "role", "speaker", "start", "text", "behaviour", "behaviour_confidence", "talk_type",
                     "valence", "arousal", "experiencing", "zone", "response_attunement", "response_marker", "situation"])
    for u in document.get("utterances", []):
        c, s, r = u.get("codes", {}), u.get("client_state", {}), u.get("response", {})
        writer.writerow([u["index"], u["role"], u["speaker"], u["start"], u["text"], c.get("behaviour", ""),
                         c.get("behaviour_confidence", ""), c.get("talk_type", ""), s.get("valence", c.get("valence", "")),
                         s.get("arousal", ""), s.get("experiencing", ""), s.get("zone", ""), r.get("attunement", ""),
                         r.get("marker", ""), r.get("situation", "")])
    return out.getvalue()


def _render_report(store: Store, session_id: str) -> str:
    html = store.report_html(session_id)
    if html is None:
        raise HTTPError(409, "This session has not been analysed yet.")
    return html
