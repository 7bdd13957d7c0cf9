"""Questions versus statements: a simple, documented rule-based detector.

Rules, applied to each sentence (first match wins):

1. ends with ``?`` → a question (confidence 0.95);
2. starts (after fillers such as "so", "and", "okay", "um") with a question
   word followed by a verb, or with an auxiliary followed by a pronoun
   ("do you", "is it", "could we") → a question without its question mark,
   as transcribers often drop them (0.75);
3. an invitation such as "tell me more", "say more", "I wonder what/if",
   "I'm curious about" → an open question in MITI's sense (0.6).

Open questions start with what/how/why/where/when/who/which or are invitations;
other questions are closed. The confidences are the rules' expected precision,
set by hand, not calibrated; the trained coder replaces this detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ..model import Analysis
from .tokens import sentences

__all__ = ["QuestionDetector", "question_form"]

_FILLER = r"(?:(?:so|and|but|okay|ok|well|um|uh|hmm|right|now|then|alright|yeah|and so)[,\s]+)*"
_WH = r"(?:what|how|why|where|when|who|whom|whose|which)"
_AUX = (
    r"(?:do|does|did|are|is|was|were|am|can|could|would|will|should|shall|have|has|had|may|might|"
    r"don't|doesn't|didn't|aren't|isn't|wasn't|can't|won't|wouldn't|couldn't|haven't)"
)
_PRONOUN = r"(?:you|i|we|it|he|she|they|that|this|there|your|anything|anyone|something)"
_WH_START = re.compile(
    rf"^{_FILLER}(?:how come|what about|{_WH}(?:['’](?:s|re)\b|\s+(?:{_AUX}|else|kind|sort|part)\b|\s+\w+ed\b|\s*$))",
    re.I,
)
_AUX_START = re.compile(rf"^{_FILLER}{_AUX}\s+{_PRONOUN}\b", re.I)
_INVITATION = re.compile(
    rf"^{_FILLER}(?:tell me (?:more|about|what|how)|say (?:a bit |a little )?more|"
    r"i(?: just)? wonder (?:if|what|how|whether|where)\b.*\byou|i'm curious (?:about|what|how|whether|if)|"
    r"can you (?:tell|say|describe)|help me understand)\b",
    re.I,
)
_OPEN_START = re.compile(rf"^{_FILLER}{_WH}\b", re.I)


def question_form(text: str) -> tuple[str, str | None, int, float]:
    """Classify one utterance as a question or a statement.

    Returns
    -------
    form : {"question", "statement"}
    kind : {"open", "closed"} or None
        For questions, whether the first question is open or closed.
    count : int
        Number of question sentences (stacked questions count separately).
    confidence : float
        The matched rule's expected precision.
    """
    found: list[tuple[str, float]] = []
    for sentence in sentences(text):
        body = sentence.strip(" \"'“”‘’")
        if body.endswith("?"):
            found.append(("open" if _OPEN_START.match(body) or _INVITATION.match(body) else "closed", 0.95))
        elif _WH_START.match(body):
            found.append(("open", 0.75))
        elif _AUX_START.match(body):
            found.append(("closed", 0.75))
        elif _INVITATION.match(body):
            found.append(("open", 0.6))
    if not found:
        hedge = re.search(rf"\b{_WH}\b", text, re.I) is not None
        return "statement", None, 0, 0.7 if hedge else 0.9
    return "question", found[0][0], len(found), max(c for _, c in found)


@dataclass
class QuestionDetector:
    """Marks each utterance as a question (open or closed) or a statement."""

    name: ClassVar[str] = "questions"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = (
        "utterance.codes.form",
        "utterance.codes.question_kind",
        "utterance.codes.question_count",
        "utterance.codes.form_confidence",
        "session.scores.questions",
    )

    def __call__(self, analysis: Analysis) -> None:
        asked = {"therapist": [0, 0, 0], "client": [0, 0, 0]}  # turns with questions, open, closed
        for u, slot in zip(analysis.session.utterances, analysis.utterances):
            form, kind, count, confidence = question_form(u.text)
            slot.codes.update(form=form, question_kind=kind, question_count=count, form_confidence=confidence)
            if form == "question" and u.role in asked:
                asked[u.role][0] += 1
                asked[u.role][1 if kind == "open" else 2] += 1
        turns = {r: sum(1 for u in analysis.session.utterances if u.role == r) for r in asked}
        analysis.scores["questions"] = {
            role: {
                "question_turns": q,
                "open": o,
                "closed": c,
                "question_rate": round(q / turns[role], 4) if turns[role] else None,
            }
            for role, (q, o, c) in asked.items()
        }
