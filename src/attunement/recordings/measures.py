"""How close a transcript of a recording is to what was said: word error rate and speaker attribution."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["normalise", "word_error_rate"]


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
