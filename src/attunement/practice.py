"""Practice: a trainee answers a client moment and gets the judgement a session response gets.

Moments come from the team's bank (``resources/practice/moments.toml``, every situation) and from
the missed moments of the trainee's own **de-identified** sessions (:func:`moments_from_report`).
:meth:`attunement.service.Service.practise` reads the answer exactly as the same words would be
read inside a session and :func:`result` adds plain-words feedback and exemplar alternatives. :func:`progress` turns stored attempts into progress per situation. The store keeps
the attempts and the sets supervisors assign (``store.practice``); this module only reasons.
"""

from __future__ import annotations

import statistics
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import AttunementError
from .model import Analysis
from .vocabulary import SITUATION_TASK, Marker, Setting, Situation

__all__ = ["PracticeItem", "PracticeError", "SITUATIONS", "bank", "check_answer", "result", "progress", "moments_from_report", "RECENT"]

#: The situations a moment can practise (every client situation but ordinary talk).
SITUATIONS: tuple[str, ...] = tuple(str(s) for s in Situation if s != Situation.NONE)
#: Progress compares the mean of the last this-many attempts in a situation with the first this-many.
RECENT = 3


class PracticeError(AttunementError, ValueError):
    """A practice moment that does not exist, or an empty answer."""


@dataclass(frozen=True)
class PracticeItem:
    """A client moment to answer: the turns before it, the client's turn and the situation it practises."""

    id: str
    situation: str
    client: str
    context: tuple[tuple[str, str], ...] = ()
    setting: str = ""
    source: str = "bank"  # "bank", or "session" for a moment from the trainee's own session
    answered: str = ""  # for a session moment: what the trainee said then
    note: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def bank() -> tuple[PracticeItem, ...]:
    """The team's practice moments, every situation, checked against the vocabularies."""
    text = resources.files("attunement.resources").joinpath("practice/moments.toml").read_text(encoding="utf-8")
    out = []
    for entry in tomllib.loads(text)["moment"]:
        Situation(entry["situation"])
        if entry.get("setting"):
            Setting(entry["setting"])
        out.append(PracticeItem(id=entry["id"], situation=entry["situation"], client=entry["client"],
                                context=tuple((role, words) for role, words in entry.get("context", [])),
                                setting=entry.get("setting", "")))
    return tuple(out)


def check_answer(client: str, response: str) -> None:
    """An empty client turn or answer is a mistake to report, not a response to judge."""
    if not response.strip():
        raise PracticeError("the answer is empty; type what you would say to the client")
    if not client.strip():
        raise PracticeError("the client's words are empty")


def result(analysis: Analysis, alternatives: list[dict[str, Any]]) -> dict[str, Any]:
    """The practice result for the last turn of an analysed exchange (:meth:`Service.exchange`):
    ``{attunement, marker, situation, task, why, feedback, alternatives, codes, parts}``."""
    from .analysis.feedback import answer_feedback
    from .analysis.fit import judged_behaviour

    slot = analysis.utterances[-1]
    verdict, codes = slot.response, slot.codes
    situation = Situation(verdict["situation"])
    reflection = judged_behaviour(codes, analysis.session.utterances[-1].text,
                                  analysis.session.utterances[-2].text).startswith("reflection")
    return {
        "attunement": verdict["attunement"], "marker": str(verdict["marker"]), "situation": str(situation),
        "task": str(SITUATION_TASK[situation]), "why": verdict["why"],
        "feedback": answer_feedback(verdict, codes),
        "alternatives": alternatives,
        "codes": {"behaviour": str(codes.get("behaviour", "")), "behaviour_confidence": codes.get("behaviour_confidence"),
                  "mi_adherence": str(codes.get("mi_adherence", "")), "reflection": reflection,
                  "roadblocks": [str(b["kind"]) for b in codes.get("roadblocks", [])],
                  "carkhuff_level": verdict.get("carkhuff_level"), "moves": sorted(verdict.get("moves", {})),
                  "works_against": codes.get("works_against")},
        "parts": verdict["parts"],
    }


def progress(attempts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Attempts (oldest first, each with ``situation``, ``attunement``, ``marker``, ``created_at``) per situation:
    how many, how many attuned, the mean of the first and of the last :data:`RECENT`, and the series."""
    out: dict[str, dict[str, Any]] = {}
    for attempt in attempts:
        out.setdefault(attempt["situation"], {"series": []})["series"].append(attempt)
    for situation, entry in out.items():
        scores = [a["attunement"] for a in entry["series"]]
        entry.update(attempts=len(scores), attuned=sum(1 for a in entry["series"] if a["marker"] == Marker.ATTUNED),
                     first=round(statistics.fmean(scores[:RECENT]), 3), last=round(statistics.fmean(scores[-RECENT:]), 3))
        entry["change"] = round(entry["last"] - entry["first"], 3) if len(scores) > RECENT else None
    return dict(sorted(out.items()))


def moments_from_report(session_id: str, report: dict[str, Any], *, deidentified: bool, reach: int = 4) -> list[PracticeItem]:
    """Practice moments from one analysed session: every client turn the trainee's answer missed or misattuned,
    with up to ``reach`` turns before it. Only a de-identified session gives moments: practice stores the words again."""
    if not deidentified:
        return []
    utterances = report["utterances"]
    out = []
    for u in utterances:
        response = u.get("response") or {}
        if response.get("marker") not in (Marker.MISSED, Marker.MISATTUNED) or "answers" not in response:
            continue
        j = response["answers"]
        context = tuple((t["role"], t["text"]) for t in utterances[max(0, j - reach):j] if t["role"] in ("therapist", "client"))
        out.append(PracticeItem(id=f"{session_id[:8]}-{j}", situation=str(response["situation"]), client=utterances[j]["text"],
                                context=context, setting=str(report["session"].get("setting", "")), source="session",
                                answered=u["text"], note={"session": session_id, "index": j}))
    return out
