"""The session's most important client moments, ranked, each with its quote and why it matters.

Candidates and their base weight (ours): onset of an overwhelm episode (1.0) or a
shutdown (0.9), an incongruence (0.9 × its confidence + 0.1), an emotional bid
(0.7 × its confidence + 0.1), a shift of two or more experiencing stages between
consecutive client turns (0.6), the start of a stagnation stretch (0.5), pleasing
(0.45). One moment per utterance (other reasons listed in ``also``); ties keep session
order; at most ``limit`` moments are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Behaviour, EpisodeKind, MomentKind
from .tokens import words

__all__ = ["Moments", "WHY"]

WHY = {
    MomentKind.RISK: "The client speaks of {kind}. Risk comes first: ask directly about thoughts, plans and safety. {followed}",
    MomentKind.INTERRUPTION: "The client was cut off mid-sentence and the therapist changed course: what they were about to say is lost.",
    MomentKind.COMPLIANCE: "After the therapist decided for the client, the client only agrees ({agreement}): compliance, not commitment.",
    MomentKind.OVERWHELM: "The client moves above their window: signs of flooding. What the therapist does next decides "
                 "whether the material stays workable (slowing and grounding help; probing does not).",
    MomentKind.SHUTDOWN: "After distress the client goes flat or into explanation: a protective shutdown. Gently noticing it "
                "and slowing down helps more than pushing on.",
    MomentKind.INCONGRUENCE: "What the client says and what they show diverge. Mirroring both sides softly can let the "
                    "unexpressed part be voiced.",
    MomentKind.EMOTIONAL_BID: "The client offers a feeling and invites a response: a chance to show they are met.",
    MomentKind.EXPERIENCING_SHIFT: "The client's contact with their own experience changes markedly here.",
    MomentKind.STAGNATION: "A stretch of surface talk with little feeling: a gentle nudge toward experience may be needed.",
    MomentKind.PLEASING: "The client checks for approval or agrees quickly: a possible enactment of pleasing others.",
}


@dataclass
class Moments:
    """Ranks client moments (episode onsets, incongruences, bids, shifts) for the report."""

    limit: int = 12

    name: ClassVar[str] = "moments"
    requires: ClassVar[tuple[str, ...]] = ("session.episodes", "utterance.client_state.experiencing",
                                           "utterance.client_state.incongruence", "utterance.client_state.markers",
                                           "utterance.client_state.risk", "utterance.codes.backchannel",
                                           "utterance.codes.roadblocks", "utterance.codes.behaviour", "session.scores.risk",
                                           "session.scores.setting", "utterance.response.interruption",
                                           "utterance.response.answers")
    assigns: ClassVar[tuple[str, ...]] = ("session.moments",)

    def __call__(self, analysis: Analysis) -> None:
        found: list[dict[str, Any]] = []
        utterances = analysis.session.utterances
        for episode in analysis.episodes:
            weight = {EpisodeKind.OVERWHELM: 1.0, EpisodeKind.SHUTDOWN: 0.9, EpisodeKind.STAGNATION: 0.5}[episode["kind"]]
            found.append(self._moment(analysis, episode["start"], episode["kind"], weight,
                                      {"episode": [episode["start"], episode["end"]], "peak": episode["peak"]}))
        found += self._risks(analysis) + self._interruptions(analysis) + self._compliance(analysis)
        shifts = analysis.scores["setting"]["depth_concepts"]["experiencing_shift"]
        previous_stage = None
        for i, (u, slot) in enumerate(zip(utterances, analysis.utterances)):
            if u.role != "client":
                continue
            state = slot.client_state
            if "incongruence" in state:
                found.append(self._moment(analysis, i, MomentKind.INCONGRUENCE, 0.1 + 0.9 * state["incongruence"]["confidence"],
                                          {"said": state["incongruence"]["said"], "shown": state["incongruence"]["shown"]}))
            markers = state.get("markers", {})
            if "emotional_bid" in markers:
                found.append(self._moment(analysis, i, MomentKind.EMOTIONAL_BID, 0.1 + 0.7 * markers["emotional_bid"]["confidence"],
                                          {"evidence": markers["emotional_bid"]["evidence"]}))
            if "pleasing" in markers:
                found.append(self._moment(analysis, i, MomentKind.PLEASING, 0.45, {"evidence": markers["pleasing"]["evidence"]}))
            if shifts and previous_stage is not None and abs(state["experiencing"] - previous_stage) >= 2 \
                    and len(words(u.text)) > 3 and not slot.codes.get("backchannel"):
                found.append(self._moment(analysis, i, MomentKind.EXPERIENCING_SHIFT, 0.6,
                                          {"from": previous_stage, "to": state["experiencing"]}))
            previous_stage = state["experiencing"]
        found.sort(key=lambda m: (-m["score"], m["index"]))
        merged: dict[int, dict[str, Any]] = {}
        for moment in found:  # one moment per utterance: the strongest reason, the others listed beside it
            if moment["index"] in merged:
                merged[moment["index"]].setdefault("also", []).append(moment["kind"])
            else:
                merged[moment["index"]] = moment
        kept = list(merged.values())[: self.limit]
        for rank, moment in enumerate(kept, start=1):
            moment["rank"] = rank
        analysis.moments.extend(kept)

    def _risks(self, analysis: Analysis) -> list[dict[str, Any]]:
        out = []
        for flag in analysis.scores["risk"]["flags"]:
            followed = (f"The therapist asked at #{flag['follow_up_index']}." if flag["followed_up"]
                        else "The next therapist turns did not ask about it.")
            why = WHY[MomentKind.RISK].format(kind=str(flag["kind"]).replace("_", " "), followed=followed)
            out.append(self._moment(analysis, flag["index"], MomentKind.RISK, 1.2, {"kind": flag["kind"], "evidence": flag["evidence"],
                                                                          "followed_up": flag["followed_up"]}, why=why))
        return out

    def _interruptions(self, analysis: Analysis) -> list[dict[str, Any]]:
        return [self._moment(analysis, slot.response["answers"], MomentKind.INTERRUPTION, 0.65, {"response": i})
                for i, slot in enumerate(analysis.utterances) if slot.response.get("interruption")]

    def _compliance(self, analysis: Analysis) -> list[dict[str, Any]]:
        """Two or more minimal agreements in a row right after a directive (an order, a decision, unasked advice)."""
        out, utterances, slots = [], analysis.session.utterances, analysis.utterances
        for i, (u, slot) in enumerate(zip(utterances, slots)):
            directive = u.role == "therapist" and (
                any(str(b["kind"]) in ("order", "advise_without_permission", "warn", "argue") for b in slot.codes.get("roadblocks", []))
                or slot.codes.get("behaviour") == Behaviour.PERSUADE)
            if not directive:
                continue
            agreed = [j for j in range(i + 1, min(len(utterances), i + 6))
                      if utterances[j].role == "client" and slots[j].codes.get("backchannel")]
            answers = [j for j in range(i + 1, min(len(utterances), i + 6)) if utterances[j].role == "client"]
            if len(agreed) >= 2 and agreed == answers[: len(agreed)]:
                quotes = ", ".join(f"“{utterances[j].text}”" for j in agreed[:3])
                out.append(self._moment(analysis, agreed[0], MomentKind.COMPLIANCE, 0.6, {"directive": i, "agreement": agreed},
                                        why=WHY[MomentKind.COMPLIANCE].format(agreement=quotes)))
        return out

    @staticmethod
    def _moment(analysis: Analysis, index: int, kind: str, score: float, detail: dict[str, Any], *,
                why: str | None = None) -> dict[str, Any]:
        u = analysis.session.utterances[index]
        return {"index": index, "kind": kind, "score": round(score, 3), "quote": u.text,
                "nonverbal": [c.label for c in u.annotations], "why": why or WHY[kind], "detail": detail}
