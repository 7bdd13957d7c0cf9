"""MITI 4.2.1 summary scores from the behaviour codes, against their fair and good thresholds.

Computed: percentage of complex reflections (complex / all reflections) and the
reflection-to-question ratio, with the counts behind them. The global scores
(relational, technical) need a coder's ratings of the whole session and are
not estimated here; they are reported as ``null`` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Behaviour as B

__all__ = ["Miti", "miti_summary", "THRESHOLDS"]

#: (fair, good) per MITI 4.2.1.
THRESHOLDS = {"percent_complex_reflections": (40.0, 50.0), "reflection_to_question": (1.0, 2.0),
              "relational": (3.5, 4.0), "technical": (3.0, 4.0)}


def _band(value: float | None, name: str) -> str | None:
    if value is None:
        return None
    fair, good = THRESHOLDS[name]
    return "good" if value >= good else "fair" if value >= fair else "below fair"


def miti_summary(behaviours: list[str]) -> dict[str, Any]:
    """Summary scores from therapist behaviour codes (one per therapist utterance)."""
    count = {b: behaviours.count(b) for b in set(behaviours)}
    simple, complex_ = count.get(B.REFLECTION_SIMPLE, 0), count.get(B.REFLECTION_COMPLEX, 0)
    questions = count.get(B.QUESTION_OPEN, 0) + count.get(B.QUESTION_CLOSED, 0)
    reflections = simple + complex_
    pct = round(100 * complex_ / reflections, 1) if reflections else None
    ratio = round(reflections / questions, 2) if questions else None
    return {
        "counts": {"questions": questions, "open_questions": count.get(B.QUESTION_OPEN, 0),
                   "reflections": reflections, "complex_reflections": complex_,
                   B.GIVING_INFORMATION: count.get(B.GIVING_INFORMATION, 0), B.ADVICE: count.get(B.ADVICE, 0),
                   B.AFFIRM: count.get(B.AFFIRM, 0)},
        "percent_complex_reflections": {"value": pct, "band": _band(pct, "percent_complex_reflections"),
                                        "fair": 40.0, "good": 50.0,
                                        **({} if pct is not None else {"reason": "no reflections coded"})},
        "reflection_to_question": {"value": ratio, "band": _band(ratio, "reflection_to_question"),
                                   "fair": 1.0, "good": 2.0,
                                   **({} if ratio is not None else {"reason": "no questions coded"})},
        "relational": {"value": None, "fair": 3.5, "good": 4.0, "reason": "a global rating; not estimated from codes"},
        "technical": {"value": None, "fair": 3.0, "good": 4.0, "reason": "a global rating; not estimated from codes"},
        "source": "model codes (estimates), not a trained MITI coder",
    }


@dataclass
class Miti:
    """MITI 4.2.1 summary scores (percent complex reflections, R:Q ratio) from the behaviour codes."""

    name: ClassVar[str] = "miti"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.behaviour",)
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.miti",)

    def __call__(self, analysis: Analysis) -> None:
        behaviours = [slot.codes["behaviour"] for slot in analysis.utterances if "behaviour" in slot.codes]
        analysis.scores["miti"] = miti_summary(behaviours)
