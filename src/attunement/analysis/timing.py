"""Pauses and silences between turns, from time stamps.

Where the transcript gives start and end times, the pause before a turn is
``start - previous end`` (measured). Where it gives start times only, the end of
the previous turn is estimated from its word count at a typical speaking rate
(``words_per_second``), and the pause is marked ``estimated``; an estimated
pause counts as long only if it clears the threshold by a fifth of the
estimated speaking time, to allow for people who speak slowly. Where there are
no times, nothing is claimed. Annotated pauses (``(long pause)``, ``[silence]``)
are counted either way.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis, Utterance
from .tokens import words

__all__ = ["Timing", "pause_before"]

_PAUSE_WORDS = frozenset({"pause", "pauses", "paused", "silence", "silent", "quiet"})


def pause_before(previous: Utterance, current: Utterance, *, words_per_second: float) -> tuple[float | None, bool]:
    """The silence before ``current`` and whether it was estimated.

    Returns ``(None, False)`` when the times do not allow a measurement.
    """
    if previous.start is None or current.start is None or current.start < previous.start:
        return None, False
    if previous.end is not None:
        return round(max(0.0, current.start - previous.end), 3), False
    spoken = len(words(previous.text)) / words_per_second
    return round(max(0.0, current.start - previous.start - spoken), 2), True


@dataclass
class Timing:
    """Pause before each turn, long pauses, latency by role and speech rate."""

    long_pause_s: float = 3.0
    words_per_second: float = 2.5

    def __post_init__(self) -> None:
        if self.long_pause_s <= 0 or self.words_per_second <= 0:
            raise ValueError("long_pause_s and words_per_second must be greater than 0")

    name: ClassVar[str] = "timing"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = (
        "utterance.timing.pause_before",
        "utterance.timing.pause_estimated",
        "utterance.timing.long_pause",
        "session.scores.silence",
    )

    def __call__(self, analysis: Analysis) -> None:
        utterances = analysis.session.utterances
        pauses: list[tuple[int, float]] = []
        estimated = False
        for i, (u, slot) in enumerate(zip(utterances, analysis.utterances)):
            gap, guessed = pause_before(utterances[i - 1], u, words_per_second=self.words_per_second) if i else (None, False)
            slot.timing.update(pause_before=gap, pause_estimated=guessed, long_pause=self._is_long(gap, guessed, utterances[i - 1]))
            if gap is not None:
                pauses.append((i, gap))
                estimated = estimated or guessed
        analysis.scores["silence"] = self._summary(analysis, pauses, estimated)

    def _is_long(self, gap: float | None, estimated: bool, previous: Utterance) -> bool:
        """A long pause; an estimated one must clear the threshold by a fifth of the estimated speech."""
        if gap is None:
            return False
        margin = 0.2 * len(words(previous.text)) / self.words_per_second if estimated else 0.0
        return gap >= self.long_pause_s + margin

    def _summary(self, analysis: Analysis, pauses: list[tuple[int, float]], estimated: bool) -> dict[str, Any]:
        utterances = analysis.session.utterances
        annotated = [u.index for u in utterances if any(_PAUSE_WORDS & set(c.label.split()) for c in u.annotations)]
        summary: dict[str, Any] = {
            "available": bool(pauses),
            "annotated_pauses": annotated,
        }
        if not pauses:
            summary["reason"] = "the transcript has no time stamps"
            return summary
        longest = max(pauses, key=lambda p: p[1])
        latency = {
            role: _median([g for i, g in pauses if utterances[i].role == role and utterances[i - 1].role != role])
            for role in ("therapist", "client")
        }
        summary.update(
            estimated=estimated,
            long_pause_s=self.long_pause_s,
            long_pauses=[i for i, _ in pauses if analysis.utterances[i].timing["long_pause"]],
            longest={"seconds": round(longest[1], 2), "before_index": longest[0]},
            total_pause_s=round(sum(g for _, g in pauses), 2),
            median_latency_s=latency,
            speech_rate_wpm=self._rates(utterances),
        )
        return summary

    @staticmethod
    def _rates(utterances: tuple[Utterance, ...]) -> dict[str, float | None]:
        rates: dict[str, float | None] = {}
        for role in ("therapist", "client"):
            timed = [(len(words(u.text)), u.end - u.start) for u in utterances
                     if u.role == role and u.start is not None and u.end is not None and u.end > u.start]
            seconds = sum(d for _, d in timed)
            rates[role] = round(60 * sum(n for n, _ in timed) / seconds, 1) if seconds else None
        return rates


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None
