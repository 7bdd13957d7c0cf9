"""Strengths-first feedback for a session: what went well, then what to try next time.

``scores.feedback`` (docs/feedback.md):

Both point only at **sure** verdicts: ones resting on words the lexicons found (a move, a roadblock)
or on a confident code, not disputed by the learned reading of the wording.

* ``strengths``: up to three attuned responses, the most clinically weighty situations first and one
  per situation where there are enough, each with its utterance and what it did;
* ``try_next``: up to three missed or misattuned responses that have an alternative the judge rates
  attuned, each tied to the client's moment it answered (its rank in ``moments`` when listed) and
  carrying that alternative;
* ``summary``: one sentence, strengths first.

The wording is formative: it says what the response did and what could be tried, never who the
therapist is. With fewer than three judged responses there is not enough to go on, and
``reason`` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Marker, Situation
from .tokens import quoted, words

__all__ = ["Feedback", "session_feedback", "answer_feedback", "said_as", "WHEN", "NEXT_TIME"]

#: How much a situation weighs when choosing what to point out (risk first, as in the moments).
WEIGHT = {Situation.RISK: 1.2, Situation.OVERWHELM: 1.0, Situation.RUPTURE: 0.9, Situation.SHUTDOWN: 0.9,
          Situation.INCONGRUENCE: 0.8, Situation.EMOTIONAL_BID: 0.75, Situation.AMBIVALENCE: 0.6, Situation.PLEASING: 0.6,
          Situation.STAGNATION: 0.5, Situation.NONE: 0.3}
#: The situation in plain words, as the opening of a sentence.
WHEN = {Situation.RISK: "When the client spoke of risk", Situation.OVERWHELM: "When the client was flooded",
        Situation.RUPTURE: "When the client protested at you or the work", Situation.SHUTDOWN: "When the client withdrew or went flat",
        Situation.INCONGRUENCE: "When the client's words and body disagreed", Situation.EMOTIONAL_BID: "When the client offered a feeling",
        Situation.AMBIVALENCE: "When the client voiced both sides of a change", Situation.PLEASING: "When the client checked for your approval",
        Situation.STAGNATION: "When the talk stayed on the surface", Situation.NONE: "In an ordinary exchange"}
#: What to try next time, by situation.
NEXT_TIME = {Situation.RISK: "ask directly about thoughts, plans and safety before anything else",
             Situation.OVERWHELM: "slow down and ground first, before any more questions",
             Situation.RUPTURE: "hear the protest and own your part, without explaining or defending",
             Situation.SHUTDOWN: "notice the withdrawal gently and take the pressure off",
             Situation.INCONGRUENCE: "name both what was said and what the body showed, softly",
             Situation.EMOTIONAL_BID: "meet the feeling with a reflection before moving on",
             Situation.AMBIVALENCE: "reflect both sides and leave the choice with the client",
             Situation.PLEASING: "name what is happening between you rather than rewarding it",
             Situation.STAGNATION: "nudge gently from the story toward what it is like for the client",
             Situation.NONE: "follow the client's lead before adding your own"}
#: Fewer judged responses than this: not enough evidence for feedback.
MIN_RESPONSES = 3


def said_as(why: str, subject: str = "your response", *, be: str = "was") -> str:
    """A reason ("grounds or slows…", "a closed question: …") as a clause about ``subject`` ("your response
    grounds or slows…", "it is a closed question: …"); ``be`` is the verb for a reason that names a kind."""
    blocked = re.match(r"MI-inconsistent \(([^)]*)\): (.*)", why)
    if blocked:
        return f"{subject} {be} MI-inconsistent ({blocked[1]}); {said_as(blocked[2], 'it', be=be)}"
    if why.startswith("missed empathic opportunity"):
        return f"{subject} {be} a {why}"
    first = re.sub(r"\W+$", "", why.split()[0])
    return f"{subject} {why}" if first.endswith("s") or first in ("may", "neither") else f"{subject} {be} {why}"


#: Moves whose words are the evidence of a verdict (found by the lexicon, not guessed by a model).
_EVIDENT_MOVES = frozenset({"grounding", "validation", "immediacy", "noticing_body", "risk_enquiry", "repair", "permission"})


def sure(response: dict[str, Any], codes: dict[str, Any], text: str) -> bool:
    """The verdict rests on firm evidence: words the lexicons found (a move, a roadblock), the response's shape
    (questions stacked, a long turn), or a confident code, and the learned reading of the wording does not
    dispute it. Feedback points only at sure verdicts."""
    evident = bool(_EVIDENT_MOVES & set(response.get("moves", {}))) or bool(codes.get("roadblocks")) \
        or (response["marker"] != Marker.ATTUNED and (codes.get("question_count", 0) >= 2 or len(words(text)) > 45))
    confident = codes.get("behaviour_confidence", 0.0) >= 0.5
    disputed = response["marker"] == Marker.ATTUNED and codes.get("works_against", 0.0) >= 0.4
    return (evident or confident) and not disputed


def _spread(ranked: list[tuple[float, int, Situation]], n: int) -> list[tuple[float, int, Situation]]:
    """The top ``n``, one per situation first, then the rest in order."""
    first, seen = [], set()
    for item in ranked:
        if item[2] not in seen:
            seen.add(item[2])
            first.append(item)
    rest = [item for item in ranked if item not in first]
    return sorted((first + rest)[:n], key=lambda item: -item[0]) if len(first) < n else first[:n]


def session_feedback(analysis: Analysis) -> dict[str, Any]:
    """Strengths, then up to three things to try next time, each tied to a moment and an alternative."""
    utterances, slots = analysis.session.utterances, analysis.utterances
    judged = [(i, slot.response) for i, slot in enumerate(slots) if "marker" in slot.response]
    if len(judged) < MIN_RESPONSES:
        return {"strengths": [], "try_next": [], "summary": "",
                "reason": f"only {len(judged)} therapist response(s) to judge; feedback needs {MIN_RESPONSES}"}
    ranks = {m["index"]: m.get("rank") for m in analysis.moments}
    good = [(WEIGHT[Situation(r["situation"])] * r["attunement"], i, Situation(r["situation"]))
            for i, r in judged if r["marker"] == Marker.ATTUNED and sure(r, slots[i].codes, utterances[i].text)]
    strengths = []
    for _, i, situation in _spread(sorted(good, key=lambda g: (-g[0], g[1])), 3):
        r = slots[i].response
        strengths.append({"index": i, "answers": r["answers"], "situation": str(situation), "quote": utterances[i].text,
                          "what": f"{WHEN[situation]} (#{r['answers']}), {said_as(r['why'])}: {quoted(utterances[i].text, 80)}."})
    chances = [(WEIGHT[Situation(r["situation"])] * (1 - r["attunement"]) + (0.5 if r["answers"] in ranks else 0.0), i,
                Situation(r["situation"]))
               for i, r in judged if r["marker"] in (Marker.MISSED, Marker.MISATTUNED) and r.get("alternatives")
               and sure(r, slots[i].codes, utterances[i].text)]
    try_next = []
    for _, i, situation in _spread(sorted(chances, key=lambda c: (-c[0], c[1])), 3):
        r = slots[i].response
        client = r["answers"]
        alternative = r["alternatives"][0]
        try_next.append({
            "index": i, "answers": client, "situation": str(situation), "moment": ranks.get(client),
            "client": utterances[client].text, "response": utterances[i].text, "alternative": alternative,
            "what": (f"{WHEN[situation]} (#{client}, {quoted(utterances[client].text, 60)}), {said_as(r['why'])}. "
                     f"Next time, try to {NEXT_TIME[situation]}. For example: {quoted(alternative['text'], 160)} "
                     f"({alternative['why'].split(';')[0][:1].lower()}{alternative['why'].split(';')[0][1:]}).")})
    attuned = sum(1 for _, r in judged if r["marker"] == Marker.ATTUNED)
    summary = (f"{attuned} of {len(judged)} responses met the client where they were"
               + (f"; {len(try_next)} moment{'s' if len(try_next) > 1 else ''} below could be answered differently next time."
                  if try_next else "."))
    return {"strengths": strengths, "try_next": try_next, "summary": summary}


def answer_feedback(verdict: dict[str, Any], codes: dict[str, Any]) -> str:
    """Feedback on one answer (practice), in plain words: what the client was doing, what the answer did, how deep
    it went, whether it was MI-consistent, and, when it was not attuned, what to try."""
    situation = Situation(verdict["situation"])
    marker = Marker(verdict["marker"])
    lines = [f"{WHEN[situation]}, {said_as(verdict['why'])} ({marker}, {round(100 * verdict['attunement'])} of 100)."]
    lines.append(f"Depth {verdict.get('carkhuff_level', 3)} of 5: {verdict.get('depth_why', 'neither adds nor takes away')}.")
    adherence = str(codes.get("mi_adherence", ""))
    if adherence == "inconsistent":
        kinds = ", ".join(str(b["kind"]).replace("_", " ") for b in codes.get("roadblocks", []))
        lines.append(f"MI: inconsistent ({kinds or 'confronts or persuades'}); those moves are never attuned, however kindly meant.")
    elif adherence == "consistent":
        lines.append("MI: consistent (asks permission, emphasises choice or seeks collaboration).")
    if marker == Marker.ATTUNED:
        lines.append("This meets the client where they are. The alternatives below are other ways to do it.")
    else:
        lines.append(f"Next time, try to {NEXT_TIME[situation]}. The alternatives below do, and the same judge rates them higher.")
    return " ".join(lines)


@dataclass
class Feedback:
    """``scores.feedback``: strengths first, then what to try next time."""

    name: ClassVar[str] = "feedback"
    requires: ClassVar[tuple[str, ...]] = ("utterance.response.marker", "utterance.response.attunement",
                                           "utterance.response.situation", "utterance.response.why",
                                           "utterance.response.answers", "utterance.response.alternatives", "utterance.response.moves",
                                           "utterance.codes.behaviour_confidence", "utterance.codes.roadblocks", "utterance.codes.question_count", "utterance.codes.works_against",
                                           "session.moments")
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.feedback",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.scores["feedback"] = session_feedback(analysis)
