"""The self-contained HTML report: one file, inline CSS/JS/SVG, no network."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

import jinja2

from ..version import __version__
from ..model import Analysis
from ..readers.timecodes import format_timecode
from .glossary import GLOSSARY, definition
from .headlines import headline_cards
from .text import segments
from .timeline import layout_client_panel, layout_timeline

__all__ = ["render_html"]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("attunement.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["timecode"] = lambda s: "" if s is None else format_timecode(s)
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f}%"
    env.filters["definition"] = definition
    return env


def _reply(analysis: Analysis, index: int | None) -> dict[str, Any] | None:
    """The therapist's answer to a client moment, with how it was judged."""
    if index is None:
        return None
    u, response = analysis.session.utterances[index], analysis.utterances[index].response
    return {"index": index, "text": u.text, "marker": response.get("marker"), "attunement": response.get("attunement"),
            "why": response.get("why")}


def render_html(analysis: Analysis, *, generated: datetime | None = None, media: str | None = None) -> str:
    """Render the report for one analysed session as a complete HTML document.

    ``media``: where the page finds the session's recording (a path relative to the page), to play it from any
    utterance; the file is the user's own, on this computer, and nothing is embedded or fetched from elsewhere.
    """
    session = analysis.session
    notes = session.metadata.get("notes", {})
    rows = [
        {"u": u, "slot": slot, "segments": segments(u), "notes": notes.get(str(u.index), [])}
        for u, slot in zip(session.utterances, analysis.utterances)
    ]
    answers: dict[int, int] = {}
    for i, slot in enumerate(analysis.utterances):  # the first therapist turn that answers each client turn
        if "answers" in slot.response:
            answers.setdefault(slot.response["answers"], i)
    moments = [{**m, "reply": _reply(analysis, answers.get(m["index"]))} for m in analysis.moments]
    valence = [slot.codes["valence"] for u, slot in zip(session.utterances, analysis.utterances)
               if u.role == "client" and "valence" in slot.codes]
    client_valence = {"mean": sum(valence) / len(valence), "min": min(valence), "max": max(valence)} if valence else None
    timeline = layout_timeline(analysis)
    template = _environment().get_template("report.html.j2")
    return template.render(
        session=session,
        analysis=analysis,
        scores=analysis.scores,
        rows=rows,
        timeline=timeline,
        client_panel=layout_client_panel(analysis, timeline),
        version=__version__,
        generated=(generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        scores_json=json.dumps(analysis.scores, indent=1, ensure_ascii=False),
        client_valence=client_valence,
        moments=moments,
        headlines=headline_cards({"scores": analysis.scores}),
        glossary=GLOSSARY,
        media=media,
    )
