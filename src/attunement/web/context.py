"""What every route shares: the app's state, the current user, CSRF, pages, errors and the audit writer."""

from __future__ import annotations

import queue
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fastapi import Form, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from ..service import Service
from ..store import Store, User
from .security import RateLimiter, Sessions

__all__ = ["COOKIE", "HTTPError", "AuditWriter", "AppState", "state", "current_user", "check_csrf", "visible", "page"]

COOKIE = "attunement_session"
HERE = Path(__file__).parent


class HTTPError(Exception):
    """An error page with a status (one handler renders them all)."""

    def __init__(self, status: int, message: str, *, kept: str = "", back: str = "") -> None:
        super().__init__(message)
        self.status, self.message = status, message
        #: What the user typed, shown again on the error page so nothing they wrote is lost; where to go back to.
        self.kept, self.back = kept, back


class AuditWriter:
    """Audit entries are queued by the request threads and written in batches by one thread,
    so that viewing never waits for the database's write lock. Entries carry their own time."""

    def __init__(self, store: Store, *, interval: float = 0.2) -> None:
        self.store, self.interval = store, interval
        self.queue: queue.SimpleQueue[tuple[str, str, str, str]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="attunement-audit", daemon=True).start()

    def write(self, actor: str, action: str, target: str = "") -> None:
        self.queue.put((actor, action, target, datetime.now(timezone.utc).isoformat(timespec="seconds")))

    def flush(self) -> None:
        entries = []
        while not self.queue.empty():
            entries.append(self.queue.get())
        if entries:
            self.store.audit.write_many(entries)

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            try:
                self.flush()
            except Exception:  # pragma: no cover - keep auditing through a transient lock
                continue


@dataclass
class AppState:
    """The app's long-lived parts, built once by :func:`attunement.web.create_app`."""

    service: Service
    sessions: Sessions
    templates: Jinja2Templates
    audit: AuditWriter
    limiter: RateLimiter = field(default_factory=RateLimiter)
    max_upload: int = 5_000_000
    secure_cookies: bool = False
    analyse_inline: bool = False
    keep_recordings: bool = False
    views: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)
    workers: ThreadPoolExecutor | None = None

    @property
    def store(self) -> Store:
        return self.service.store

    def cached_view(self, session_id: str) -> dict[str, Any]:
        """What a session's page shows, read again only when the session was analysed again or saved anew
        (:meth:`forget`): the parsed report, what de-identification replaced, who is who and how that was
        decided, the reader's notes and the number of lines."""
        version = self.store.sessions.report_version(session_id)
        if session_id not in self.views or self.views[session_id][0] != version:
            session = self.store.sessions.get(session_id)
            self.views[session_id] = (version, {
                "report": self.store.sessions.report(session_id) if version else None,
                "replaced": session.metadata.get("identifiers_replaced"),
                "speakers": [(s.name, s.role) for s in session.speakers],
                "guessed": session.metadata.get("roles_guessed"),
                "warnings": list(session.metadata.get("warnings", [])),
                "lines": len(session.utterances)})
        return self.views[session_id][1]

    def forget(self, session_id: str) -> None:
        """Drop a session's cached view (after saving it again)."""
        self.views.pop(session_id, None)


def state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency)."""
    return request.app.state.attune  # type: ignore[no-any-return]


def current_user(request: Request) -> User:
    """The logged-in user, or a 401 page (a FastAPI dependency)."""
    app = state(request)
    data = app.sessions.read(request.cookies.get(COOKIE))
    user = app.store.accounts.user_by_id(int(data["uid"])) if data else None  # type: ignore[arg-type]
    if user is None:
        raise HTTPError(401, "Please log in.")
    return user


def check_csrf(request: Request, csrf: str = Form("")) -> None:
    """Refuse a form that did not come from this app (a FastAPI dependency on the form's ``csrf`` field)."""
    if not state(request).sessions.check_csrf(request.cookies.get(COOKIE), csrf):
        raise HTTPError(403, "The form expired or did not come from this app. Reload the page and try again.")


def visible(request: Request, user: User, session_id: str) -> dict[str, Any]:
    """The session's ownership row if ``user`` may see it; otherwise a 404 page (and an audit entry)."""
    app = state(request)
    owned = app.store.accounts.ownership(session_id)
    if owned is None or not app.store.accounts.can_see(user, session_id, owned=owned):
        app.audit.write(user.name, "denied", session_id)
        raise HTTPError(404, "No such session, or it is not yours to see.")
    return owned


def page(request: Request, name: str, user: User | None, **context: Any) -> Response:
    app = state(request)
    token = app.sessions.csrf(request.cookies.get(COOKIE, "")) if user else ""
    return app.templates.TemplateResponse(request, name, {"user": user, "csrf": token, **context})


#: The command line's words for what the web app does with a form field or a button.
_WEB_WORDS = ((r"pass --therapist NAME and --client NAME", "give the therapist's name in the upload form"),
              (r"pass --therapist NAME to be sure", "check who is who on the session page and switch them if needed"),
              (r"pass --therapist NAME, or confirm the roles in the web app", "check who is who on the session page"),
              (r"pass --therapist/--client if it is a speaker", "give that name as the therapist's name in the upload form"),
              (r"--therapist NAME", "the therapist's name in the upload form"), (r"--client NAME", "the client's name"),
              (r"--therapist", "the therapist's name in the upload form"), (r"--format \w+", "another file type"))


def in_web_words(text: str) -> str:
    """A reader's message with the command line's remedies put as what to do in the web app."""
    for pattern, words in _WEB_WORDS:
        text = re.sub(pattern, words, text)
    return text
