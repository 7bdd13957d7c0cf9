"""Words with speakers into turns: a new turn when the speaker changes or after a pause of 1.5 s or more."""

from __future__ import annotations

from collections.abc import Sequence

from .asr import Word

__all__ = ["turns", "PAUSE"]

PAUSE = 1.5


def turns(words: Sequence[Word], labels: Sequence[int]) -> list[tuple[int, str, float, float]]:
    """``(speaker, text, start, end)`` per turn, in order."""
    out: list[tuple[int, str, float, float]] = []
    for w, who in zip(words, labels):
        if out and out[-1][0] == who and w.start - out[-1][3] < PAUSE:
            s, text, start, _ = out[-1]
            out[-1] = (s, f"{text} {w.text}", start, w.end)
        else:
            out.append((who, w.text, w.start, w.end))
    return out
