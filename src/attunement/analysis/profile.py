"""The session's attunement profile: less-is-more measures, the intrusive–neglectful axis,
the four tasks of creating safety, and an overall attunement index — every number with the
utterances behind it, a confidence, and ``null`` with a reason where the session gives too
little to judge. All weights and reference points are ours (docs/concepts.md).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis
from ..vocabulary import Behaviour as B
from ..vocabulary import Move as M
from ..vocabulary import Task
from .index import attunement_index
from .moves import permission_asked
from .tokens import words

__all__ = ["Profile", "less_is_more", "style_axis", "four_tasks", "DO", "STAY"]

#: Responses that *do* something to the client's material, and responses that *stay with* it.
DO = {B.ADVICE, B.GIVING_INFORMATION, B.QUESTION_CLOSED, B.CONFRONT, B.PERSUADE}
STAY = {B.REFLECTION_SIMPLE, B.REFLECTION_COMPLEX, B.AFFIRM}
_DISTRESS = {("somatic", "annotated"), ("emotional", "distress"), ("verbal", "fragmentation"), ("somatic", "sensation")}


def _responses(analysis: Analysis) -> list[tuple[int, dict[str, Any]]]:
    return [(i, s.response) for i, s in enumerate(analysis.utterances) if "attunement" in s.response]


def _feeling_offered(state: dict[str, Any]) -> bool:
    """The client turn offered a feeling or a risk: a minimal "Mm" after it ignores something, unlike an encourager."""
    return bool(state.get("risk") or "emotional_bid" in state.get("markers", {})
                or any(c["channel"] == "emotional" for c in state.get("cues", [])))


def less_is_more(analysis: Analysis) -> dict[str, Any]:
    """Talk share, turn length, advice rate, silence tolerance and the do / stay-with balance."""
    utterances, slots = analysis.session.utterances, analysis.utterances
    therapist = [i for i, u in enumerate(utterances) if u.role == "therapist"]
    behaviours = [slots[i].codes.get("behaviour", "other") for i in therapist]
    moves = [slots[i].response.get("moves", {}) for i in therapist]
    permitted = [b in (B.GIVING_INFORMATION, B.ADVICE) and permission_asked(utterances, i) for i, b in zip(therapist, behaviours)]
    do = sum(1 for b, m, p in zip(behaviours, moves, permitted) if (b in DO and not p) or M.STEERING in m or M.REASSURANCE in m)
    stay = sum(1 for b, m in zip(behaviours, moves) if b in STAY or {M.VALIDATION, M.GROUNDING, M.NOTICING_BODY} & set(m))
    talk = analysis.scores.get("talk", {}).get("therapist", {})
    waits = []
    for i, u in enumerate(utterances[:-1]):
        cues = {(c["channel"], c["kind"]) for c in slots[i].client_state.get("cues", [])}
        nxt = slots[i + 1].timing.get("pause_before")
        if u.role == "client" and cues & _DISTRESS and utterances[i + 1].role == "therapist" and nxt is not None:
            waits.append((i + 1, nxt))
    return {
        "therapist_talk_share": talk.get("share_words"),
        "therapist_mean_turn_words": talk.get("mean_words"),
        "advice_rate": round(behaviours.count(B.ADVICE) / len(therapist), 3) if therapist else None,
        "silence_tolerance_s": round(statistics.median(w for _, w in waits), 2) if waits else None,
        "silence_tolerance_evidence": [i for i, _ in waits],
        "do_share": round(do / (do + stay), 3) if do + stay else None,
        "stay_with_share": round(stay / (do + stay), 3) if do + stay else None,
        "reason": None if waits else "silence tolerance needs time stamps and a client turn showing distress",
    }


def style_axis(analysis: Analysis, lim: dict[str, Any]) -> dict[str, Any]:
    """−1 (neglectful) … +1 (intrusive), with every piece of evidence that pushed it."""
    utterances, slots = analysis.session.utterances, analysis.utterances
    therapist = [i for i, u in enumerate(utterances) if u.role == "therapist"]
    if len(therapist) < 5:
        return {"value": None, "reason": "not enough evidence: fewer than 5 therapist turns", "evidence": []}
    questions = np.mean([slots[i].codes.get("question_count", 0) for i in therapist])
    share = lim["therapist_talk_share"] if lim.get("therapist_talk_share") is not None else 0.5
    length = lim["therapist_mean_turn_words"] if lim.get("therapist_mean_turn_words") is not None else 15
    interruptions = sum(1 for i in therapist if i and utterances[i].start is not None and utterances[i - 1].end is not None
                        and utterances[i].start < utterances[i - 1].end - 0.3)
    pushy = sum(1 for i in therapist if {M.STEERING, M.REASSURANCE} & set(slots[i].response.get("moves", {}))
                or (slots[i].codes.get("behaviour") == B.ADVICE and M.PERMISSION not in slots[i].response.get("moves", {})))
    minimal = sum(1 for i in therapist if i and utterances[i - 1].role == "client" and len(words(utterances[i].text)) <= 3
                  and len(words(utterances[i - 1].text)) >= 20 and _feeling_offered(slots[i - 1].client_state)
                  and not slots[i].codes.get("behaviour", "").startswith("reflection"))
    bids = [s.response for s in slots if s.response.get("situation") == "emotional_bid"]
    missed = sum(1 for r in bids if r.get("missed_empathic_opportunity"))
    long_waits = sum(1 for i in lim.get("silence_tolerance_evidence", [])
                     if not slots[i].timing.get("pause_estimated") and (slots[i].timing.get("pause_before") or 0) > 10)
    n = len(therapist)
    items = [
        ("question density", questions, min(1.0, max(0.0, (questions - 0.4) / 0.6)), +1),
        ("therapist talk share", share, min(1.0, max(0.0, (share - 0.5) / 0.25)), +1),
        ("therapist turn length (words)", length, min(1.0, max(0.0, (length - 25) / 35)), +1),
        ("interruptions per 10 turns", 10 * interruptions / n, min(1.0, 10 * interruptions / n / 2), +1),
        ("steering, reassurance or unasked advice per turn", pushy / n, min(1.0, pushy / n / 0.25), +1),
        ("minimal answers to long client turns per turn", minimal / n, min(1.0, minimal / n / 0.2), -1),
        ("missed emotional bids", missed, min(1.0, missed / max(len(bids), 3)), -1),
        ("therapist talk share below 30%", share, min(1.0, max(0.0, (0.3 - share) / 0.15)), -1),
        ("long measured silence (> 10 s) after distress", long_waits, min(1.0, long_waits / 2), -1),
    ]
    intrusive = sum(p for _, _, p, d in items if d > 0) / 2.0
    neglectful = sum(p for _, _, p, d in items if d < 0) / 1.5
    value = float(np.clip(intrusive - neglectful, -1, 1))
    evidence = [{"name": name, "value": round(float(v), 3), "push": round(d * p, 3)} for name, v, p, d in items if p > 0]
    return {"value": round(value, 3), "evidence": sorted(evidence, key=lambda e: -abs(e["push"])),
            "confidence": round(min(0.8, 0.3 + n / 100), 2)}


def _task(values: list[tuple[int, float]], *, minimum: int, reason: str) -> dict[str, Any]:
    if len(values) < minimum:
        return {"score": None, "reason": f"not enough evidence: {reason}", "evidence": [i for i, _ in values], "confidence": None}
    score = 100 * float(np.mean([v for _, v in values]))
    return {"score": round(score, 1), "evidence": [i for i, _ in values], "n": len(values),
            "confidence": round(min(0.85, 0.35 + 0.05 * len(values)), 2)}


def four_tasks(analysis: Analysis) -> dict[str, Any]:
    """The four tasks of creating safety, each 0–100 or null with the reason."""
    slots = analysis.utterances
    responses = _responses(analysis)
    cue_uptake, pacing, being_with, enactment = [], [], [], []
    for i, r in responses:
        client = slots[r["answers"]].client_state
        channels = {c["channel"] for c in client.get("cues", [])} & {"somatic", "behavioural", "emotional", "cognitive"}
        moves = set(r.get("moves", {}))
        if channels:
            took_up = r["attunement"] >= 0.65 or bool(moves & {M.NOTICING_BODY, M.IMMEDIACY, M.VALIDATION, M.GROUNDING})
            cue_uptake.append((i, 1.0 if took_up else 0.0))
        if r["situation"] in ("risk", "overwhelm", "shutdown", "stagnation"):
            pacing.append((i, r["parts"]["fit"]))
        if r["situation"] == "emotional_bid" or "emotional" in channels:
            being_with.append((i, r["parts"]["fit"] if r["situation"] == "emotional_bid" else r["attunement"]))
        if r["situation"] in ("pleasing", "incongruence"):
            enactment.append((i, r["parts"]["fit"]))
        elif moves & {M.IMMEDIACY, M.SELF_INVOLVING}:
            enactment.append((i, 1.0))
    notes = analysis.session.metadata.get("notes", {})
    tasks = {
        Task.ASSESS_THE_SPACE: _task(cue_uptake, minimum=3, reason="fewer than 3 client turns with cues were answered"),
        Task.MAINTAIN_SAFETY: _task(pacing, minimum=1, reason="no overwhelm, shutdown or stagnation to pace"),
        Task.COMMUNICATE_BEING_WITH: _task(being_with, minimum=2, reason="fewer than 2 emotional bids or feeling-laden turns"),
        Task.USE_OWN_EXPERIENCE: _task(enactment, minimum=1, reason="no pleasing or incongruence to answer, and no immediacy"),
    }
    tasks[Task.USE_OWN_EXPERIENCE]["process_notes"] = sum(len(v) for v in notes.values())
    return tasks


@dataclass
class Profile:
    """Less-is-more, the style axis, the four tasks and the attunement index."""

    name: ClassVar[str] = "profile"
    requires: ClassVar[tuple[str, ...]] = (
        "utterance.response.attunement", "utterance.response.answers", "utterance.response.situation",
        "utterance.response.parts", "utterance.response.why", "utterance.response.moves",
        "utterance.response.missed_empathic_opportunity", "utterance.client_state.cues", "utterance.codes.behaviour",
        "utterance.codes.question_count", "utterance.timing.pause_before", "utterance.timing.pause_estimated",
        "utterance.codes.roadblocks", "utterance.client_state.arousal", "utterance.client_state.markers",
        "utterance.client_state.risk", "session.scores.risk", "session.scores.talk")
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.less_is_more", "session.scores.style_axis",
                                          "session.scores.style_axis_detail", "session.scores.tasks",
                                          "session.scores.attunement_index", "session.scores.attunement_index_detail")

    def __call__(self, analysis: Analysis) -> None:
        lim = less_is_more(analysis)
        axis = style_axis(analysis, lim)
        tasks = four_tasks(analysis)
        index = attunement_index(analysis, _responses(analysis), tasks, axis, lim)
        analysis.scores.update(less_is_more=lim, style_axis=axis["value"], style_axis_detail=axis, tasks=tasks,
                               attunement_index=index["value"], attunement_index_detail=index)
