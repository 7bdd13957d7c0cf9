"""Growth across sessions: the four tasks, the axis, MITI and each client's exploratory space."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ...report import HEADLINES, growth_figures
from ...report.tables import TASKS
from ..charts import line_chart
from ...store import User
from ..context import HTTPError, current_user, page, state

router = APIRouter()


@router.get("/growth", response_class=HTMLResponse)
def growth(request: Request, trainee: str = "", user: User = Depends(current_user)) -> Response:
    app = state(request)
    if user.role == "trainee":
        owners = [user.id]
    elif user.role == "supervisor":
        mine = app.store.accounts.trainees_of(user.id)
        chosen = app.store.accounts.user(trainee) if trainee else None
        owners = [chosen[0].id] if chosen and chosen[0].id in mine else mine
    else:
        raise HTTPError(403, "Growth charts show session content; admins do not see it.")
    app.audit.write(user.name, "view growth", trainee)
    rows = [{**{k: v for k, v in row.items() if k != "report"}, **growth_figures(row["report"])}
            for row in app.store.accounts.growth(owners)]
    trainees = [app.store.accounts.user_by_id(i) for i in app.store.accounts.trainees_of(user.id)] if user.role == "supervisor" else []
    return page(request, "growth.html", user, rows=rows, charts=_charts(rows), space=_space(rows), trainees=trainees,
                headlines=[h for h in HEADLINES if h.growth])


def _charts(rows: list[dict[str, Any]]) -> dict[str, str]:
    labels = [r["date"] for r in rows]
    charts = {"Four tasks and attunement index (0–100)": line_chart(labels, {
        "attunement index": [r["attunement_index"] for r in rows],
        **{name.replace("_", " "): [r["tasks"].get(name) for r in rows] for name in TASKS}}, lo=0, hi=100)}
    for h in HEADLINES:  # every other followed score gets its own chart
        if h.growth and h.key not in ("attunement_index", "space_width"):
            charts[f"{h.label}: {h.definition}"] = line_chart(labels, {h.label: [r[h.key] for r in rows]}, lo=h.lo, hi=h.hi)
    return charts


def _space(rows: list[dict[str, Any]]) -> dict[str, str]:
    clients: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["pseudonym"]:
            clients.setdefault(r["pseudonym"], []).append(r)
    return {name: line_chart([r["date"] for r in items], {"width of the exploratory space": [r["space_width"] for r in items]},
                             lo=0, hi=0.6) for name, items in clients.items()}
