"""Who said each word: by channel when each person has their own, otherwise by the voices' embeddings.

* **Channels.** Telehealth recorders often write one person per channel. When at least 70% of the
  words are clearly louder (by 6 dB) on one channel and each channel carries at least 10% of them,
  each word goes to its louder channel; an unclear word goes with its neighbours.
* **One channel.** The words are grouped into stretches at pauses of 0.3 s (at most 3 s long), and
  each stretch of at least 0.5 s gets a speaker embedding (Resemblyzer's voice encoder, shipped and
  run in numpy: ``voices.py``). The two people are the two sides of the direction along which the
  embeddings differ most (the first principal component of the centred embeddings, split at its
  mean). A shorter stretch takes its neighbours' speaker, and a stretch under 0.8 s between two of
  the other voice is that voice ("honestly."). On synthetic two-voice sessions this beat k-means on
  the same embeddings, which a few odd stretches pull apart, and our earlier pitch-and-timbre
  clustering (benchmarks/RESULTS.md). ``confidence`` is how cleanly the stretches fall on either
  side (0..1); two similar voices can still come out mixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .asr import Word
from .audio import SAMPLE_RATE
from .voices import embed

__all__ = ["Attribution", "attribute"]

CLEAR_DB = 6.0
#: A stretch needs this much speech (seconds) for its embedding to count; shorter ones go with their neighbours.
_MIN_STRETCH = 0.5


@dataclass(frozen=True)
class Attribution:
    """A speaker label per word, how it was decided, and how sure."""

    labels: list[int]
    method: str  # "channels" or "voices"
    confidence: float


def _span(word: Word) -> slice:
    return slice(int(word.start * SAMPLE_RATE), max(int(word.end * SAMPLE_RATE), int(word.start * SAMPLE_RATE) + 160))


def _by_channel(audio: np.ndarray, words: Sequence[Word]) -> Attribution | None:
    levels = np.array([[10 * np.log10(np.mean(ch[_span(w)] ** 2) + 1e-10) for ch in audio[:2]] for w in words])
    diff = levels[:, 0] - levels[:, 1]
    clear = np.abs(diff) >= CLEAR_DB
    if clear.mean() < 0.7:
        return None
    side = np.where(diff > 0, 0, 1)
    if min((side[clear] == 0).mean(), (side[clear] == 1).mean()) < 0.1:
        return None
    labels = _fill([int(s) if c else -1 for s, c in zip(side, clear)])  # an unclear word goes with its neighbours
    return Attribution(labels, "channels", round(float(clear.mean()), 2))


def _stretches(words: Sequence[Word]) -> list[list[int]]:
    out: list[list[int]] = []
    for i, w in enumerate(words):
        if out and w.start - words[out[-1][-1]].end < 0.3 and w.end - words[out[-1][0]].start <= 3.0:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _fill(labels: list[int]) -> list[int]:
    """Each undecided word (-1) goes with the word before it (or after, at the start)."""
    out = list(labels)
    for i, label in enumerate(out):
        if label == -1:
            out[i] = next((out[j] for j in range(i - 1, -1, -1) if out[j] != -1),
                          next((out[j] for j in range(i + 1, len(out)) if out[j] != -1), 0))
    return out


def _split(embeddings: np.ndarray) -> tuple[np.ndarray, float]:
    """Two groups of the rows of ``embeddings``: the sign of each on the first principal component of the centred
    rows; and how cleanly they separate (a silhouette along that axis, 0..1)."""
    centred = embeddings - embeddings.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    axis = u[:, 0] * s[0]
    assign = (axis > 0).astype(int)
    if assign.min() == assign.max():
        return assign, 0.0
    means = np.array([axis[assign == k].mean() for k in (0, 1)])
    own, other = np.abs(axis - means[assign]), np.abs(axis - means[1 - assign])
    return assign, max(0.0, float(np.mean((other - own) / np.maximum(other, own).clip(1e-9))))


def _by_voice(mono: np.ndarray, words: Sequence[Word]) -> Attribution:
    groups = _stretches(words)
    sure = np.array([words[g[-1]].end - words[g[0]].start >= _MIN_STRETCH for g in groups])
    if sure.sum() < 2:
        return Attribution([0] * len(words), "voices", 0.0)
    clips = [mono[int(words[g[0]].start * SAMPLE_RATE): int(words[g[-1]].end * SAMPLE_RATE) + 400]
             for g, ok in zip(groups, sure) if ok]
    assign, separation = _split(embed(clips))
    labels = [-1] * len(words)  # a stretch too short to tell is decided by its neighbours
    for g, k in zip((g for g, ok in zip(groups, sure) if ok), assign):
        for i in g:
            labels[i] = int(k)
    labels = _fill(labels)
    marks = [labels[g[0]] for g in groups]
    for n in range(1, len(groups) - 1):  # a short stretch between two of the other voice is that voice ("honestly.")
        g = groups[n]
        if marks[n - 1] == marks[n + 1] != marks[n] and words[g[-1]].end - words[g[0]].start < 0.8:
            for i in g:
                labels[i] = marks[n - 1]
    if labels and labels[0] == 1:  # speaker 1 is who speaks first
        labels = [1 - k for k in labels]
    return Attribution(labels, "voices", round(separation, 2))


def attribute(audio: np.ndarray, words: Sequence[Word]) -> Attribution:
    """A speaker (0 or 1) for each word of a recording (``audio``: channels × samples)."""
    if not words:
        return Attribution([], "none", 0.0)
    if audio.shape[0] >= 2:
        found = _by_channel(audio, words)
        if found is not None:
            return found
    return _by_voice(audio.mean(axis=0), words)
