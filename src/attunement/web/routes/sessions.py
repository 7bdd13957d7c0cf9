"""The list of sessions, one session's page, its analysis status and its report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ...readers.roles import confirmed_roles, swapped_roles
from ...report import headline_cards
from ...store import User
from ..context import HTTPError, check_csrf, current_user, in_web_words, page, state, visible
from .upload import schedule

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def index(request: Request, trainee: str = "", client: str = "", since: str = "", until: str = "") -> Response:
    try:
        user = current_user(request)
    except HTTPError:
        return RedirectResponse("/login", status_code=303)
    app = state(request)
    app.audit.write(user.name, "list sessions")
    found = app.store.accounts.visible_sessions(user)
    shown = [s for s in found if (not trainee or s["owner"] == trainee)
             and (not client or client.casefold() in (s["pseudonym"] or "").casefold())
             and (not since or (s["session_date"] or "") >= since) and (not until or (s["session_date"] or "9999") <= until)]
    return page(request, "index.html", user, sessions=shown, trainees=sorted({s["owner"] for s in found}),
                filters={"trainee": trainee, "client": client, "since": since, "until": until}, total=len(found),
                users=app.store.accounts.users() if user.role == "admin" else [])


@router.get("/agenda", response_class=HTMLResponse)
def agenda(request: Request, user: User = Depends(current_user)) -> Response:
    """Every line marked "to discuss" across the sessions this user sees, by trainee and session."""
    app = state(request)
    app.audit.write(user.name, "view agenda")
    items = [{"session": s, "comment": c} for s in app.store.accounts.visible_sessions(user)
             for c in app.store.comments.of(s["id"]) if c["kind"] == "discuss"]
    return page(request, "agenda.html", user, items=items)


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def session_view(request: Request, session_id: str, kind: str = "", user: User = Depends(current_user)) -> Response:
    owned = visible(request, user, session_id)
    app = state(request)
    app.audit.write(user.name, "view", session_id)
    view = app.cached_view(session_id)
    report = view["report"] if owned["status"] == "ready" else None
    return page(request, "session.html", user, owned=owned, report=report, comments=app.store.comments.of(session_id),
                replaced=view["replaced"], headlines=headline_cards(report) if report else [],
                speakers=view["speakers"], guessed=view["guessed"], moment_kind=kind,
                reader_warnings=[in_web_words(w) for w in view["warnings"]],
                recording=app.store.recordings.has(session_id))


#: How a kept recording is served, by its suffix.
MEDIA_TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".flac": "audio/flac", ".ogg": "audio/ogg",
               ".opus": "audio/ogg", ".mp4": "video/mp4", ".mkv": "video/x-matroska", ".avi": "video/x-msvideo",
               ".mov": "video/quicktime", ".webm": "video/webm"}


@router.get("/sessions/{session_id}/recording")
def recording(request: Request, session_id: str, user: User = Depends(current_user)) -> Response:
    """The session's kept recording, to the people who may see the session (audited)."""
    visible(request, user, session_id)
    app = state(request)
    kept = app.store.recordings.get(session_id)
    if kept is None:
        raise HTTPError(404, "This session's recording was not kept: recordings are deleted once transcribed unless the "
                             "server keeps them (attune serve --keep-recordings).")
    app.audit.write(user.name, "play recording", session_id)
    suffix, data = kept
    return Response(content=data, media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"))


@router.post("/sessions/{session_id}/roles")
def swap_roles(request: Request, session_id: str, action: str = Form("switch"), user: User = Depends(current_user),
               _: None = Depends(check_csrf)) -> Response:
    """Confirm who is the therapist and the client, or exchange them; then analyse (again)."""
    owned = visible(request, user, session_id)
    if user.role not in ("trainee", "supervisor"):
        raise HTTPError(403, "Only the trainee or their supervisor can change who is who.")
    if action not in ("switch", "confirm"):
        raise HTTPError(400, "Choose to confirm the roles or to switch them.")
    app = state(request)
    stored = app.store.sessions.get(session_id)
    app.store.sessions.save(swapped_roles(stored, by=user.name) if action == "switch" else confirmed_roles(stored, by=user.name))
    app.forget(session_id)
    app.store.accounts.set_owner(session_id, owned["owner_id"], pseudonym=owned["pseudonym"],
                                 session_date=owned["session_date"] or "")
    app.audit.write(user.name, f"{action} roles", session_id)
    schedule(app, session_id)
    return RedirectResponse(f"/sessions/{session_id}", status_code=303)


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
