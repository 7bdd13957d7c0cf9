"""A session's report to take away: JSON, HTML or CSV."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...report import supervision_html, utterances_csv
from ...store import User
from ..context import HTTPError, current_user, state, visible
from .sessions import stored_html

router = APIRouter()


@router.get("/sessions/{session_id}/export.{kind}")
def export(request: Request, session_id: str, kind: str, user: User = Depends(current_user)) -> Response:
    visible(request, user, session_id)
    if kind not in ("json", "html", "csv"):
        raise HTTPError(404, "Exports are json, html or csv.")
    app = state(request)
    app.audit.write(user.name, f"export {kind}", session_id)
    attachment = {"Content-Disposition": f"attachment; filename={session_id}.{kind}"}
    supervision = [{**c, "created_at": str(c["created_at"])} for c in app.store.comments.of(session_id)]
    if kind == "csv":
        return Response(utterances_csv(app.store.sessions.report(session_id) or {}, supervision), media_type="text/csv",
                        headers=attachment)
    if kind == "json":
        return JSONResponse({**(app.store.sessions.report(session_id) or {}), "supervision": supervision}, headers=attachment)
    html = stored_html(request, session_id)
    section = supervision_html(supervision)
    return HTMLResponse(html.replace("</body>", section + "</body>", 1) if "</body>" in html else html + section,
                        headers=attachment)
