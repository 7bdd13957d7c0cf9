"""Practice: answer a client moment, get the judgement, feedback and alternatives; progress; sets supervisors assign."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...practice import SITUATIONS, PracticeError, PracticeItem, bank, moments_from_report, progress
from ...store import User
from ..charts import line_chart
from ..context import HTTPError, check_csrf, current_user, page, state

router = APIRouter()

#: At most this many of one's own missed moments are offered (the most recent sessions first).
OWN_LIMIT = 30


def _own(request: Request, user: User) -> list[PracticeItem]:
    """Missed moments of the user's own analysed, de-identified sessions."""
    app = state(request)
    out: list[PracticeItem] = []
    for row in reversed(app.store.accounts.growth([user.id])):
        out += moments_from_report(row["id"], row["report"], deidentified=app.cached_view(row["id"])["replaced"] is not None)
        if len(out) >= OWN_LIMIT:
            break
    return out[:OWN_LIMIT]


def _learner(request: Request, user: User) -> None:
    if user.role == "admin":
        raise HTTPError(403, "Practice holds what trainees wrote; admins do not see it.")


def _pool(request: Request, user: User, source: str, situation: str, set_id: int | None) -> tuple[list[PracticeItem], dict[str, Any] | None]:
    app = state(request)
    items = _own(request, user) if source == "mine" else list(bank())
    chosen = None
    if set_id is not None:
        chosen = next((s for s in app.store.practice.sets_for(user.id) if s["id"] == set_id), None)
        if chosen is None:
            raise HTTPError(404, "No such practice set, or it is not assigned to you.", back="/practice")
        items = [i for i in bank() if i.id in chosen["items"]]
    if situation:
        items = [i for i in items if i.situation == situation]
    return items, chosen


def _next(items: list[PracticeItem], attempts: list[dict[str, Any]], done: dict[str, dict[str, Any]]) -> PracticeItem | None:
    """The moment answered least often, the weakest situation first (``done``: the attempts' progress)."""
    if not items:
        return None
    counts: dict[str, int] = {}
    for a in attempts:
        counts[a["item_id"]] = counts.get(a["item_id"], 0) + 1
    return min(items, key=lambda i: (counts.get(i.id, 0), done.get(i.situation, {}).get("last", -1.0), i.id))


def _progress_view(attempts: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
    found = progress(attempts)
    if not found:
        return found, None
    longest = max(len(v["series"]) for v in found.values())
    chart = line_chart([str(n) for n in range(1, longest + 1)],
                       {k.replace("_", " "): [round(100 * a["attunement"]) for a in v["series"]] + [None] * (longest - len(v["series"]))
                        for k, v in found.items()}, lo=0, hi=100)
    return found, chart


@router.get("/practice", response_class=HTMLResponse)
def practice_page(request: Request, situation: str = "", source: str = "bank", set: str = "", item: str = "",
                  trainee: str = "", user: User = Depends(current_user)) -> Response:
    _learner(request, user)
    app = state(request)
    if situation and situation not in SITUATIONS:
        raise HTTPError(400, f"{situation!r} is not a situation to practise; choose one from the list.", back="/practice")
    set_id = int(set) if set.isdigit() else None
    items, chosen = _pool(request, user, source, situation, set_id)
    attempts = app.store.practice.attempts(user.name)
    found, chart = _progress_view(attempts)
    current = next((i for i in items if i.id == item), None) if item else _next(items, attempts, found)
    context: dict[str, Any] = {"situations": SITUATIONS, "situation": situation, "source": source, "set_id": set_id,
                               "chosen_set": chosen, "item": current, "progress": found, "chart": chart,
                               "sets": app.store.practice.sets_for(user.id), "result": None, "answer": ""}
    if user.role == "supervisor":
        trainees = [app.store.accounts.user_by_id(i) for i in app.store.accounts.trainees_of(user.id)]
        context.update(trainees=trainees, bank=bank(), assigned=app.store.practice.sets_by(user.id))
        pupil = next((t for t in trainees if t and t.name == trainee), None)
        if pupil is not None:
            context["pupil"] = pupil.name
            context["pupil_progress"], context["pupil_chart"] = _progress_view(app.store.practice.attempts(pupil.name))
            app.audit.write(user.name, "view practice", pupil.name)
    return page(request, "practice.html", user, **context)


@router.post("/practice", response_class=HTMLResponse)
def answer(request: Request, item_id: str = Form(...), response: str = Form(""), source: str = Form("bank"),
           situation: str = Form(""), set_id: str = Form(""), user: User = Depends(current_user),
           _: None = Depends(check_csrf)) -> Response:
    _learner(request, user)
    app = state(request)
    pool = list(bank()) + (_own(request, user) if source == "mine" else [])
    current = next((i for i in pool if i.id == item_id), None)
    if current is None:
        raise HTTPError(404, "That practice moment is no longer available; choose another.", kept=response, back="/practice")
    try:
        result = app.service.practise(current.client, response, context=current.context, setting=current.setting or None)
    except PracticeError as exc:
        raise HTTPError(400, f"{exc}.", kept=response, back=f"/practice?item={current.id}&source={source}") from exc
    chosen = int(set_id) if set_id.isdigit() else None
    app.store.practice.add_attempt(user.name, current.id, situation=current.situation, client=current.client,
                                   response=response.strip()[:4000], attunement=result["attunement"], marker=result["marker"],
                                   set_id=chosen)
    app.audit.write(user.name, "practise", current.id)
    attempts = app.store.practice.attempts(user.name)
    found, chart = _progress_view(attempts)
    return page(request, "practice.html", user, situations=SITUATIONS, situation=situation, source=source, set_id=chosen,
                chosen_set=None, item=current, progress=found, chart=chart, sets=app.store.practice.sets_for(user.id),
                result=result, answer=response)


@router.post("/practice/sets")
def assign(request: Request, trainee: str = Form(...), name: str = Form(...), situations: list[str] = Form([]),
           items: list[str] = Form([]), user: User = Depends(current_user), _: None = Depends(check_csrf)) -> Response:
    if user.role != "supervisor":
        raise HTTPError(403, "Only supervisors assign practice sets.")
    app = state(request)
    pupil = app.store.accounts.user(trainee)
    if pupil is None or pupil[0].id not in app.store.accounts.trainees_of(user.id):
        raise HTTPError(404, f"{trainee!r} is not one of your trainees.", back="/practice")
    known = {i.id for i in bank()}
    chosen = list(dict.fromkeys([*(i for i in items if i in known), *(i.id for i in bank() if i.situation in situations)]))
    if not name.strip() or not chosen:
        raise HTTPError(400, "Give the set a name and choose at least one situation or moment.", kept=name, back="/practice")
    set_id = app.store.practice.assign(user.id, pupil[0].id, name.strip()[:120], chosen)
    app.audit.write(user.name, "assign practice set", f"{set_id} to {trainee}")
    return RedirectResponse(f"/practice?trainee={trainee}", status_code=303)


@router.post("/practice/sets/{set_id}/delete")
def unassign(request: Request, set_id: int, user: User = Depends(current_user), _: None = Depends(check_csrf)) -> Response:
    if user.role != "supervisor" or not state(request).store.practice.remove_set(set_id, user.id):
        raise HTTPError(404, "No such practice set of yours.", back="/practice")
    state(request).audit.write(user.name, "remove practice set", str(set_id))
    return RedirectResponse("/practice", status_code=303)
