"""Talk share and turn length per role: how much room each person takes."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from .tokens import words

__all__ = ["TalkStats", "talk_stats"]


def talk_stats(word_counts: list[int], roles: list[str]) -> dict[str, Any]:
    """Turns, words, shares and turn-length statistics per role.

    Parameters
    ----------
    word_counts
        Words in each utterance.
    roles
        Role of each utterance.
    """
    total_words = sum(word_counts) or 1
    total_turns = len(word_counts) or 1
    by_role: dict[str, Any] = {}
    for role in ("therapist", "client", "other"):
        counts = [n for n, r in zip(word_counts, roles) if r == role]
        if not counts and role == "other":
            continue
        by_role[role] = {
            "turns": len(counts),
            "words": sum(counts),
            "share_words": round(sum(counts) / total_words, 4),
            "share_turns": round(len(counts) / total_turns, 4),
            "mean_words": round(statistics.fmean(counts), 2) if counts else None,
            "median_words": statistics.median(counts) if counts else None,
            "max_words": max(counts) if counts else None,
        }
    return by_role


@dataclass
class TalkStats:
    """Share of words and turns, and turn length, for therapist and client."""

    name: ClassVar[str] = "talk"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.talk",)

    def __call__(self, analysis: Analysis) -> None:
        utterances = analysis.session.utterances
        analysis.scores["talk"] = talk_stats([len(words(u.text)) for u in utterances], [u.role for u in utterances])
