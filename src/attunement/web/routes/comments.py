"""Comments, reactions and code corrections on a session."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...corrections import CODE_CHOICES, check_correction
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
    back = f"/sessions/{session_id}"
    try:
        index = _line(utterance_index, app.cached_view(session_id)["lines"])
    except HTTPError as exc:
        raise HTTPError(exc.status, exc.message, kept=body, back=back) from exc
    if kind in ("agree", "disagree"):
        if index is None:
            raise HTTPError(400, "Say which line the code is on: pick the line in the transcript, or type its number (#14).",
                            kept=body, back=back)
        try:
            code, correction = check_correction(code, correction if kind == "disagree" else
                                                (correction or CODE_CHOICES.get(code.strip().lower(), ("",))[0]))
        except ValueError as exc:
            raise HTTPError(400, f"That correction was not saved: {exc}.", kept=body, back=back) from exc
        if kind == "agree":
            correction = ""
    elif code or correction:
        raise HTTPError(400, "A code and a corrected value go with 'agree' or 'disagree with a code'; choose that kind, "
                             "or leave them empty for a comment.", kept=body, back=back)
    reply_to = parent_id.strip().lstrip("#")
    if reply_to and not reply_to.isdigit():
        raise HTTPError(400, f"{parent_id!r} is not a comment number; leave it empty or type the number of the comment.",
                        kept=body, back=back)
    app.store.comments.add(session_id, user.id, kind=kind, body=body.strip()[:4000], utterance_index=index,
                          code=code[:40], correction=correction[:40], parent_id=int(reply_to) if reply_to else None)
    app.audit.write(user.name, f"add {kind}", session_id)
    anchor = f"#u-{index}" if index is not None else ""
    return RedirectResponse(f"/sessions/{session_id}{anchor}", status_code=303)


def _line(value: str, lines: int) -> int | None:
    """The utterance a comment is on ("14", "#14"), None for the whole session, or a 400 page in plain words."""
    value = value.strip().lstrip("#").strip()
    if not value:
        return None
    if not value.isdigit():
        raise HTTPError(400, f"{value!r} is not a line number. Type the number shown before the line (#14), "
                             "or leave it empty to comment on the whole session.")
    if int(value) >= lines:
        raise HTTPError(400, f"This session has lines #0–{lines - 1}; there is no #{value}. Nothing was saved.")
    return int(value)
