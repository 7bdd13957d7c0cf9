"""The list of sessions, one session's page, its analysis status and its report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ...report import headline_cards
from ...store import User
from ..context import HTTPError, current_user, page, state, visible

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> Response:
    try:
        user = current_user(request)
    except HTTPError:
        return RedirectResponse("/login", status_code=303)
    app = state(request)
    app.audit.write(user.name, "list sessions")
    return page(request, "index.html", user, sessions=app.store.accounts.visible_sessions(user),
                users=app.store.accounts.users() if user.role == "admin" else [])


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def session_view(request: Request, session_id: str, user: User = Depends(current_user)) -> Response:
    owned = visible(request, user, session_id)
    app = state(request)
    app.audit.write(user.name, "view", session_id)
    report, replaced = app.cached_view(session_id)
    report = report if owned["status"] == "ready" else None
    return page(request, "session.html", user, owned=owned, report=report, comments=app.store.comments.of(session_id),
                replaced=replaced, headlines=headline_cards(report) if report else [])


@router.get("/sessions/{session_id}/status")
def session_status(request: Request, session_id: str, user: User = Depends(current_user)) -> Response:
    owned = visible(request, user, session_id)
    return JSONResponse({"status": owned["status"], "error": owned["error"]})


@router.get("/sessions/{session_id}/report", response_class=HTMLResponse)
def session_report(request: Request, session_id: str, user: User = Depends(current_user)) -> Response:
    visible(request, user, session_id)
    state(request).audit.write(user.name, "view report", session_id)
    return HTMLResponse(stored_html(request, session_id))


def stored_html(request: Request, session_id: str) -> str:
    html = state(request).store.sessions.report_html(session_id)
    if html is None:
        raise HTTPError(409, "This session has not been analysed yet.")
    return html
