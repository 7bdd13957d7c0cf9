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

__all__ = ["Moments", "WHY"]

WHY = {
    "overwhelm": "The client moves above their window: signs of flooding. What the therapist does next decides "
                 "whether the material stays workable (slowing and grounding help; probing does not).",
    "shutdown": "After distress the client goes flat or into explanation: a protective shutdown. Gently noticing it "
                "and slowing down helps more than pushing on.",
    "incongruence": "What the client says and what they show diverge. Mirroring both sides softly can let the "
                    "unexpressed part be voiced.",
    "emotional_bid": "The client offers a feeling and invites a response: a chance to show they are met.",
    "experiencing_shift": "The client's contact with their own experience changes markedly here.",
    "stagnation": "A stretch of surface talk with little feeling: a gentle nudge toward experience may be needed.",
    "pleasing": "The client checks for approval or agrees quickly: a possible enactment of pleasing others.",
}


@dataclass
class Moments:
    """Ranks client moments (episode onsets, incongruences, bids, shifts) for the report."""

    limit: int = 12

    name: ClassVar[str] = "moments"
    requires: ClassVar[tuple[str, ...]] = ("session.episodes", "utterance.client_state.experiencing",
                                           "utterance.client_state.incongruence", "utterance.client_state.markers")
    assigns: ClassVar[tuple[str, ...]] = ("session.moments",)

    def __call__(self, analysis: Analysis) -> None:
        found: list[dict[str, Any]] = []
        utterances = analysis.session.utterances
        for episode in analysis.episodes:
            weight = {"overwhelm": 1.0, "shutdown": 0.9, "stagnation": 0.5}[episode["kind"]]
            found.append(self._moment(analysis, episode["start"], episode["kind"], weight,
                                      {"episode": [episode["start"], episode["end"]], "peak": episode["peak"]}))
        previous_stage = None
        for i, (u, slot) in enumerate(zip(utterances, analysis.utterances)):
            if u.role != "client":
                continue
            state = slot.client_state
            if "incongruence" in state:
                found.append(self._moment(analysis, i, "incongruence", 0.1 + 0.9 * state["incongruence"]["confidence"],
                                          {"said": state["incongruence"]["said"], "shown": state["incongruence"]["shown"]}))
            markers = state.get("markers", {})
            if "emotional_bid" in markers:
                found.append(self._moment(analysis, i, "emotional_bid", 0.1 + 0.7 * markers["emotional_bid"]["confidence"],
                                          {"evidence": markers["emotional_bid"]["evidence"]}))
            if "pleasing" in markers:
                found.append(self._moment(analysis, i, "pleasing", 0.45, {"evidence": markers["pleasing"]["evidence"]}))
            if previous_stage is not None and abs(state["experiencing"] - previous_stage) >= 2:
                found.append(self._moment(analysis, i, "experiencing_shift", 0.6,
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

    @staticmethod
    def _moment(analysis: Analysis, index: int, kind: str, score: float, detail: dict[str, Any]) -> dict[str, Any]:
        u = analysis.session.utterances[index]
        return {"index": index, "kind": kind, "score": round(score, 3), "quote": u.text,
                "nonverbal": [c.label for c in u.annotations], "why": WHY[kind], "detail": detail}
