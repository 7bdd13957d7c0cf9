"""Incongruence: what the client says and how they show it point different ways.

Our operational definition: within one client turn, a *said* side — explicitly
reassuring or positive words about oneself ("I'm fine", "it's okay", "I feel safe",
"really good") — together with a *shown* side pointing the other way: an annotated sign
of distress or unease (tears, fidgeting, nervous laughter, looking away, shaking),
distress words, or a negative emotion the model rates at probability ≥ 0.5. Both sides are kept as evidence.
The shown side must be in the room: annotations count always, distress words only in a turn about now,
and the model's emotion not in a turn about the past — "I'm fine now" after a calmly retold panic is a
client who has settled, not words and body disagreeing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import TimeFrame

__all__ = ["Incongruence", "find_incongruence"]

_SAID = re.compile(r"\b(?:i'?m (?:fine|okay|ok|good|alright|all right|over it)|it'?s (?:fine|okay|ok|nothing|no big deal|all good)|"
                   r"(?:i )?feel (?:really |so |very )?(?:safe|good|fine|happy|great|calm|relaxed|comfortable)|"
                   r"(?:i'?m|i am) (?:really |so )?(?:happy|glad|relaxed|comfortable)|no problem|doesn'?t bother me|"
                   r"i don'?t (?:mind|care)|(?:honestly|really),? (?:it'?s|i'?m) (?:fine|okay)|"
                   r"(?:really|so|pretty) (?:good|great)|^\W*(?:oh,? )?(?:good|great|fine)\b)\b", re.I)
_SHOWN = {("somatic", "annotated"), ("behavioural", "fidgeting"), ("behavioural", "nervous_laughter"),
          ("behavioural", "looking_away"), ("emotional", "distress")}
_NEGATIVE_EMOTIONS = {"sadness", "fear", "nervousness", "grief", "remorse", "disappointment", "embarrassment",
                      "anger", "annoyance", "disgust"}


def find_incongruence(text: str, cues: list[dict[str, Any]], codes: dict[str, Any], *,
                      time_frame: str | None = None) -> dict[str, Any] | None:
    """Both sides of an incongruence in one client turn, or None."""
    said = [m.group(0) for m in _SAID.finditer(text)]
    if not said:
        return None
    shown = [{"channel": c["channel"], "kind": c["kind"], "evidence": c["evidence"]} for c in cues
             if (c["channel"], c["kind"]) in _SHOWN and (c.get("source") != "words" or time_frame in (None, TimeFrame.NOW))]
    negative = {k: v for k, v in codes.get("emotions", {}).items()
                if k in _NEGATIVE_EMOTIONS and v >= 0.5 and time_frame != TimeFrame.PAST}
    if negative:
        name = max(negative, key=negative.get)  # type: ignore[arg-type]
        shown.append({"channel": "emotional", "kind": name, "evidence": f"{name} {negative[name]:.0%} (model)"})
    if not shown:
        return None
    strength = sum(1.0 if s["channel"] != "emotional" else 0.6 for s in shown)
    return {"said": said, "shown": shown, "confidence": round(min(0.9, 0.45 + 0.15 * strength), 2)}


@dataclass
class Incongruence:
    """Marks client turns whose words and signs diverge."""

    name: ClassVar[str] = "incongruence"
    requires: ClassVar[tuple[str, ...]] = ("utterance.client_state.cues", "utterance.codes.emotions",
                                           "utterance.client_state.time_frame")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.incongruence",)

    def __call__(self, analysis: Analysis) -> None:
        for u, slot in zip(analysis.session.utterances, analysis.utterances):
            if u.role == "client":
                found = find_incongruence(u.text, slot.client_state["cues"], slot.codes,
                                          time_frame=slot.client_state.get("time_frame"))
                if found:
                    slot.client_state["incongruence"] = found
