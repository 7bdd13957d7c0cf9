"""Two sessions side by side: index, tasks, axis, responses and moments by kind."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ...report.compare import compare
from ...store import User
from ..context import HTTPError, current_user, page, state, visible

router = APIRouter()


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, a: str = "", b: str = "", user: User = Depends(current_user)) -> Response:
    if user.role == "admin":
        raise HTTPError(403, "Comparisons show session content; admins do not see it.")
    app = state(request)
    ready = [s for s in app.store.accounts.visible_sessions(user) if s["status"] == "ready"]
    found = None
    if a and b:
        documents = []
        for session_id in (a, b):
            visible(request, user, session_id)
            report = app.cached_view(session_id)["report"]
            if report is None:
                raise HTTPError(409, "That session has no report yet; wait for its analysis.", back="/compare")
            documents.append(report)
        found = compare(*documents)
        app.audit.write(user.name, "compare", f"{a} {b}")
    names = {s["id"]: f"{s['session_date'] or s['saved_at'][:10]} · {s['pseudonym'] or s['id'][:8]} · {s['owner']}" for s in ready}
    return page(request, "compare.html", user, sessions=ready, names=names, a=a, b=b, found=found)
