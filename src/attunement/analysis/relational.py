"""Relational markers in client turns: emotional bids, pleasing, ruptures and signs of detachment.

Our operational definitions:

* **Emotional bid**: the client offers a feeling and invites a response — a bid pattern
  ("I feel so alone", "I miss her", "no one cares", "I just wanted him to be proud of me"),
  a first-person feeling (experiencing ≥ 4) carried by a felt emotion (model probability
  ≥ 0.3) or an unpleasant valence, or feeling shown (tears, voice breaking) while speaking
  of oneself.
* **Pleasing / approval seeking**: checking or quick agreement ("is that what you
  mean?", "yes, exactly, you're right"), apologising for feelings ("sorry, I'm
  probably overreacting").
* **Detachment signs**: self-doubt and confusion over one's own wants or feelings
  (the cognitive cues of that name).
* **Rupture** (a confrontation rupture, after Safran & Muran): the client protests at the
  therapist or the work — not being heard, being pushed or judged, the sessions not helping
  ("you're not listening", "why do you keep asking", "what's the point of this").
* **Ambivalence**: one turn holds both sides of a change — a want, need or "should" on one
  side of a "but" (or "part of me… part of me"), and a reason not to on the other ("I know I
  should cut back, but it's the only thing that helps me sleep").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import RelationalMarker, Setting
from .cues import NOT_FELT

__all__ = ["RelationalMarkers", "relational_markers", "ambivalence", "ambivalence_sides"]


#: Apologies about the practical frame (a camera, being late, the connection) are manners, not pleasing.
LOGISTICS = re.compile(r"\b(?:sorry|apologi[sz]e)\b[^.?!]{0,60}\b(?:late|camera|video|connection|wi-?fi|internet|signal|audio|sound|"
                       r"mic|microphone|phone|noise|noisy|dog|traffic|parking|bus|train|reschedul\w*|cancel\w*|email|battery|"
                       r"screen|link|zoom|teams|frozen|froze|lag|muted?|background|delivery|doorbell)\b"
                       r"|\b(?:late|camera|connection|wi-?fi|internet|signal|audio|mic|phone|traffic|screen|link)\b[^.?!]{0,40}\bsorry\b", re.I)


#: The side of a turn that wants or needs the change.
_CHANGE_SIDE = re.compile(r"\b(?:i (?:really |probably |kind of |kinda |do )?(?:want(?:ed)? to|want|wanna|need to|should|have to|ought to|"
                          r"would like to|'?d like to|wish i could)|i know i (?:should|need|have to|ought|can'?t keep)|"
                          r"part of me (?:wants|knows|thinks)|(?:it'?s|it would be) (?:better|healthier)|i'?m (?:sick|tired) of)\b", re.I)
#: The side that holds on: a fear, a pleasure, a need the present way meets, a doubt.
_SUSTAIN_SIDE = re.compile(r"\b(?:don'?t (?:want|think|know if)|can'?t|won'?t|not (?:ready|sure)|scared|afraid|terrified|"
                           r"(?:i )?(?:like|love|enjoy)|helps? me|the only (?:thing|way|time|place)|relax|unwind|miss|hard|easier|need (?:it|them|that|my)|"
                           r"no way|what'?s the point|not that bad|part of me (?:doesn'?t|can'?t|isn'?t|likes|needs))\b", re.I)
#: Where one side turns into the other.
_TURN = re.compile(r"\b(?:but|though|then again|on the other hand|at the same time|yet)\b|\b(?=(?:and |but )?(?:another|the other) part\b)"
                   r"|(?<=[.;,])\s*(?=part of me\b)", re.I)


def ambivalence_sides(text: str) -> tuple[str, str] | None:
    """The two sides of a turn that holds both sides of a change, each the sentence nearest the turn, or None."""
    parts = [p for p in _TURN.split(text) if p and p.strip()]
    for a, b in zip(parts, parts[1:]):
        if (_CHANGE_SIDE.search(a) and _SUSTAIN_SIDE.search(b)) or (_SUSTAIN_SIDE.search(a) and _CHANGE_SIDE.search(b)):
            before = [x for x in re.split(r"(?<=[.!?])\s+", a.strip()) if x.strip()]
            after = [x for x in re.split(r"(?<=[.!?])\s+", b.strip()) if x.strip()]
            side = _CHANGE_SIDE if _CHANGE_SIDE.search(a) else _SUSTAIN_SIDE
            first = next((x for x in reversed(before) if side.search(x)), before[-1])
            other = _SUSTAIN_SIDE if side is _CHANGE_SIDE else _CHANGE_SIDE
            second = next((x for x in after if other.search(x)), after[0])
            return first.strip(), second.strip()
    return None


def ambivalence(text: str) -> str | None:
    """The words of a turn that holds both sides of a change (shortened, as evidence), or None."""
    sides = ambivalence_sides(text)
    return " … ".join(x[:60] for x in sides) if sides else None


def relational_markers(state: dict[str, Any], codes: dict[str, Any], *, text: str = "",
                       pleasing_needs: int = 1) -> dict[str, Any]:
    """The bid, pleasing and detachment markers of one client turn, each with evidence.

    ``pleasing_needs``: how many pleasing signs make the marker (more in settings where depth
    concepts fit less; 0 turns it off).
    """
    cues = state["cues"]
    out: dict[str, Any] = {}
    bids = [c["evidence"] for c in cues if c["channel"] == "relational" and c["kind"] == "bid"]
    emotions = {k: v for k, v in codes.get("emotions", {}).items() if k not in NOT_FELT and v >= 0.3}
    if not bids and state.get("experiencing", 0) >= 4 and (emotions or state.get("valence", 0) < -0.15):
        name = max(emotions, key=emotions.get) if emotions else "unpleasant feeling"  # type: ignore[arg-type]
        bids = [f"{name} (model), feeling named from inside"]
    shown = [c["evidence"] for c in cues if (c["channel"], c["kind"]) == ("somatic", "annotated")]
    if not bids and shown and state.get("experiencing", 0) >= 3:
        bids = [f"feeling shown ({shown[0]}) while speaking of themself"]
    if bids:
        out[RelationalMarker.EMOTIONAL_BID] = {"evidence": bids, "confidence": 0.75 if len(bids) > 1 else 0.6}
    pleasing = [c["evidence"] for c in cues if c["channel"] == "relational" and c["kind"] == "pleasing"]
    if LOGISTICS.search(text):  # "sorry, my camera froze" is not approval seeking
        pleasing = [p for p in pleasing if not re.fullmatch(r"(?:i'?m )?sorry", p.strip(), re.I)]
    if pleasing_needs and len(pleasing) >= pleasing_needs:
        out[RelationalMarker.PLEASING] = {"evidence": pleasing, "confidence": round(min(0.85, 0.5 + 0.15 * len(pleasing)), 2)}
    ruptures = [c["evidence"] for c in cues if c["channel"] == "relational" and c["kind"] == "rupture"]
    if ruptures:
        out[RelationalMarker.RUPTURE] = {"evidence": ruptures, "confidence": 0.7 if len(ruptures) == 1 else 0.8}
    both = ambivalence(text) if text else None
    if both:
        out[RelationalMarker.AMBIVALENCE] = {"evidence": [both], "confidence": 0.6}
    detached = [c["evidence"] for c in cues if c["channel"] == "cognitive" and c["kind"] in ("self_doubt", "confusion")]
    if detached:
        out[RelationalMarker.DETACHMENT] = {"evidence": detached, "confidence": round(min(0.85, 0.55 + 0.15 * len(detached)), 2)}
    return out


@dataclass
class RelationalMarkers:
    """Emotional bids, pleasing, ruptures, ambivalence and detachment signs in client turns."""

    name: ClassVar[str] = "relational"
    requires: ClassVar[tuple[str, ...]] = ("utterance.client_state.cues", "utterance.client_state.experiencing",
                                           "utterance.client_state.valence", "utterance.codes.emotions",
                                           "session.scores.setting")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.markers",)

    def __call__(self, analysis: Analysis) -> None:
        setting = analysis.scores["setting"]["setting"]
        needs = {Setting.BRIEF_CONSULT: 0, Setting.MI: 2}.get(setting, 1)
        for u, slot in zip(analysis.session.utterances, analysis.utterances):
            if u.role == "client":
                markers = relational_markers(slot.client_state, slot.codes, text=u.text, pleasing_needs=needs)
                if markers:
                    slot.client_state["markers"] = markers
