"""How close a transcript of a recording is to what was said: word error rate and speaker attribution."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["normalise", "word_error_rate", "speaker_accuracy", "speaker_at"]


def normalise(text: str) -> list[str]:
    """Lower-case words without punctuation ("Hello, how" → ["hello", "how"])."""
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    """(substitutions + deletions + insertions) / reference words, by edit distance over words."""
    previous = list(range(len(hypothesis) + 1))
    for i, r in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, h in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(len(reference), 1)


def speaker_at(script: Sequence[dict], t: float) -> str:
    """Who was speaking at ``t`` seconds: the turn that holds it (with the 0.6 s gap after it), else the nearest."""
    turn = min(script, key=lambda s: 0 if s["start"] <= t <= s["end"] + 0.6 else min(abs(t - s["start"]), abs(t - s["end"])))
    return str(turn["speaker"])


def speaker_accuracy(utterances: Sequence[object], script: Sequence[dict]) -> float:
    """The share of transcribed words given to the person who said them: each utterance's words are spread evenly
    over its time, and each word's moment is looked up in the script's turns (``{"speaker", "start", "end"}``)."""
    right = total = 0
    for u in utterances:
        n = len(normalise(u.text))  # type: ignore[attr-defined]
        for k in range(n):
            t = u.start + (k + 0.5) * (u.end - u.start) / max(n, 1)  # type: ignore[attr-defined]
            right += speaker_at(script, t) == u.role  # type: ignore[attr-defined]
            total += 1
    return right / max(total, 1)
