"""Who said each word: by channel when each person has their own, otherwise by clustering the voices.

* **Channels.** Telehealth recorders often write one person per channel. When at least 70% of the
  words are clearly louder (by 6 dB) on one channel and each channel carries at least 10% of them,
  each word goes to its louder channel; an unclear word goes with its neighbours.
* **One channel.** The words are grouped into stretches at pauses of 0.3 s (at most 3 s long); each
  stretch is described by its median pitch and the broad shape of its spectrum (cepstral
  coefficients 1–4 of the mean log-mel spectrum), and the stretches are split into two groups by
  k-means, pitch weighted four times each timbre coefficient; a stretch with under 0.2 s of voice, or
  under 0.8 s between two of the other voice, takes its neighbours'. This is our interim clustering, not a trained speaker embedding: it
  separates voices that differ in pitch and timbre (a man and a woman, two synthetic voices) and is
  unreliable for two similar voices. It reports how well separated the groups are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .asr import Word
from .audio import SAMPLE_RATE
from .features import log_mel, pitch

__all__ = ["Attribution", "attribute"]

CLEAR_DB = 6.0
#: Cepstral coefficients 1–4 of the mean log-mel spectrum: the voice's timbre, coarsely.
_DCT = np.cos(np.pi / 40 * (np.arange(40)[None, :] + 0.5) * np.arange(1, 5)[:, None])
#: Pitch counts four times as much as each timbre coefficient: it is the steadier difference between two voices.
_WEIGHTS = np.array([4.0, 1.0, 1.0, 1.0, 1.0])
#: A stretch needs this many voiced frames (0.2 s) for its pitch to count; shorter ones go with their neighbours.
_MIN_VOICED = 20


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


def _two_means(z: np.ndarray) -> tuple[np.ndarray, float]:
    """Two groups of the rows of ``z`` (k-means from the two farthest points, so deterministic) and how well they
    separate (a silhouette-like 0..1); by pitch alone when k-means keeps one group."""
    a = int(np.argmax(np.linalg.norm(z - z.mean(axis=0), axis=1)))
    b = int(np.argmax(np.linalg.norm(z - z[a], axis=1)))
    centres = z[[a, b]]
    for _ in range(20):
        assign = np.linalg.norm(z[:, None, :] - centres[None], axis=2).argmin(axis=1)
        new = np.array([z[assign == k].mean(axis=0) if (assign == k).any() else centres[k] for k in (0, 1)])
        if np.allclose(new, centres):
            break
        centres = new
    if min(int((assign == 0).sum()), int((assign == 1).sum())) == 0:
        assign = (z[:, 0] > np.median(z[:, 0])).astype(int)
        centres = np.array([z[assign == k].mean(axis=0) for k in (0, 1)])
    d = np.linalg.norm(z[:, None, :] - centres[None], axis=2)
    own, other = d[np.arange(len(z)), assign], d[np.arange(len(z)), 1 - assign]
    return assign, max(0.0, float(np.mean((other - own) / np.maximum(other, own).clip(1e-6))))


def _by_voice(mono: np.ndarray, words: Sequence[Word]) -> Attribution:
    groups = _stretches(words)
    feats = []
    for g in groups:
        x = mono[int(words[g[0]].start * SAMPLE_RATE): int(words[g[-1]].end * SAMPLE_RATE) + 400]
        f0 = pitch(x)
        voiced = f0[~np.isnan(f0)]
        mel = log_mel(x).mean(axis=0)
        shape = _DCT @ (mel - mel.mean())  # the spectrum's broad shape (timbre), not the words said
        feats.append(np.concatenate([[np.log(np.median(voiced)) if len(voiced) >= _MIN_VOICED else np.nan], shape]))
    x = np.array(feats)
    sure = ~np.isnan(x[:, 0])  # a stretch with too little voice to tell is decided by its neighbours
    if sure.sum() < 2:
        return Attribution([0] * len(words), "voices", 0.0)
    z = (x[sure] - x[sure].mean(axis=0)) / (x[sure].std(axis=0) + 1e-6) * _WEIGHTS
    assign, separation = _two_means(z)
    labels = [-1] * len(words)
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
