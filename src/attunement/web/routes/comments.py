"""Comments, reactions and code corrections on a session."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...store import User
from ..context import HTTPError, check_csrf, current_user, state, visible

router = APIRouter()

#: Which kinds of comment each role may add.
ALLOWED = {"trainee": {"comment", "reaction"}, "supervisor": {"comment", "agree", "disagree", "discuss"}}


@router.post("/sessions/{session_id}/comments")
def comment(request: Request, session_id: str, kind: str = Form("comment"), body: str = Form(""),
            utterance_index: str = Form(""), code: str = Form(""), correction: str = Form(""),
            parent_id: str = Form(""), user: User = Depends(current_user), _: None = Depends(check_csrf)) -> Response:
    visible(request, user, session_id)
    if kind not in ALLOWED.get(user.role, set()):
        raise HTTPError(403, f"A {user.role} cannot add a {kind!r} here.")
    app = state(request)
    app.store.comments.add(session_id, user.id, kind=kind, body=body.strip()[:4000],
                          utterance_index=int(utterance_index) if utterance_index.isdigit() else None,
                          code=code[:40], correction=correction[:40], parent_id=int(parent_id) if parent_id.isdigit() else None)
    app.audit.write(user.name, f"add {kind}", session_id)
    anchor = f"#u-{utterance_index}" if utterance_index.isdigit() else ""
    return RedirectResponse(f"/sessions/{session_id}{anchor}", status_code=303)
