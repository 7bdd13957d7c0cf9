"""Risk and safeguarding: client talk of suicide, self-harm, harm to others, abuse or neglect.

Our operational definitions (docs/concepts.md): a **risk flag** is a client turn that matches
the curated lexicon ``resources/lexicons/risk.toml`` — direct words and indirect phrasing
("easier if I wasn't here", "no point any more") — unless the same sentence denies it ("I'd
never hurt myself"). Idioms ("I could kill for a coffee", "I'm dead tired") are not in the
lexicon and are tested as hard negatives. A flag is **followed up** when one of the next two
therapist turns asks directly about it (a ``risk_enquiry`` move: thoughts of suicide, harm,
safety, a plan, who is hurting whom) or names it back ("you said you were cutting again"). Risk outranks every other client situation: the
response judgement treats a direct enquiry as attuned and moving on as the worst miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Move, RiskKind
from .lexicon import Entry, entries
from .moves import find_moves
from .tokens import sentences

__all__ = ["find_risk", "RiskFlags", "follow_up"]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Entry, ...]:
    return entries("risk", RiskKind)


def find_risk(text: str) -> list[dict[str, Any]]:
    """The risk flags in a client turn, each ``{kind, evidence, confidence}``; one per kind."""
    found: dict[RiskKind, dict[str, Any]] = {}
    for sentence in sentences(text) or [text]:
        for entry in _lexicon():
            match = entry.find(sentence) if entry.name not in found else None
            if match is not None:
                found[entry.name] = {"kind": entry.name, "evidence": match.group(0).strip(), "confidence": entry.confidence}
    return list(found.values())


def follow_up(analysis: Analysis, index: int, *, reach: int = 2) -> int | None:
    """The first of the next ``reach`` therapist turns after ``index`` that asks directly about risk, or None."""
    seen = 0
    for j in range(index + 1, len(analysis.session.utterances)):
        u = analysis.session.utterances[j]
        if u.role != "therapist":
            continue
        if Move.RISK_ENQUIRY in find_moves(u.text) or find_risk(u.text):  # asks, or names it back
            return j
        seen += 1
        if seen >= reach:
            return None
    return None


@dataclass
class RiskFlags:
    """``client_state.risk`` for client turns that voice risk, and ``scores.risk`` with each flag's follow-up."""

    name: ClassVar[str] = "risk"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.risk", "session.scores.risk")

    def __call__(self, analysis: Analysis) -> None:
        flags = []
        for i, (u, slot) in enumerate(zip(analysis.session.utterances, analysis.utterances)):
            if u.role != "client":
                continue
            found = find_risk(u.text)
            if found:
                slot.client_state["risk"] = found
                answered = follow_up(analysis, i)
                flags.extend({"index": i, **flag, "followed_up": answered is not None, "follow_up_index": answered}
                             for flag in found)
        analysis.scores["risk"] = {
            "flags": flags, "n_flags": len(flags), "n_followed_up": sum(f["followed_up"] for f in flags),
            "method": "curated lexicon (resources/lexicons/risk.toml) and direct-enquiry patterns; ours, not a risk assessment",
        }
