"""How each turn was said: pitch, loudness, rate, the pause before it, and vocal arousal.

Measured on the speaker's own channel when each person has one, else on the mix. Vocal arousal is
ours: the mean of the z-scores of mean pitch, loudness and speech rate against the same speaker's
turns in this session, so a naturally loud or high voice is not read as aroused. Three turns by a
speaker are needed; fewer give None.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model import Prosody
from .audio import SAMPLE_RATE
from .features import pitch, rms_db

__all__ = ["measure", "with_arousal", "samples", "MIN_TURNS"]

MIN_TURNS = 3


def measure(x: np.ndarray, *, n_words: int, start: float, end: float, previous_end: float | None) -> Prosody:
    """The prosody of one turn's samples ``x``."""
    f0 = pitch(x)
    voiced = f0[~np.isnan(f0)]
    loud = rms_db(x)
    speech = loud[loud > -45]
    semitones = 12 * np.log2(voiced) if len(voiced) >= 5 else None
    return Prosody(
        pitch_mean_hz=round(float(voiced.mean()), 1) if len(voiced) >= 5 else None,
        pitch_range_st=round(float(np.percentile(semitones, 90) - np.percentile(semitones, 10)), 2) if semitones is not None else None,
        intensity_db=round(float(speech.mean() if len(speech) else loud.mean()), 2),
        speech_rate=round(n_words / max(end - start, 0.25), 2),
        pause_before=round(max(0.0, start - previous_end), 2) if previous_end is not None else None,
    )


def _z(values: Sequence[float | None]) -> list[float | None]:
    known = np.array([v for v in values if v is not None], dtype=float)
    if len(known) < MIN_TURNS or known.std() == 0:
        return [None] * len(values)
    return [None if v is None else float((v - known.mean()) / known.std()) for v in values]


def with_arousal(prosody: Sequence[Prosody], speakers: Sequence[int]) -> list[Prosody]:
    """Each turn's prosody with ``vocal_arousal`` set against its own speaker's turns."""
    out = list(prosody)
    for who in set(speakers):
        index = [i for i, s in enumerate(speakers) if s == who]
        if len(index) < MIN_TURNS:
            continue
        parts = [_z([prosody[i].pitch_mean_hz for i in index]), _z([prosody[i].intensity_db for i in index]),
                 _z([prosody[i].speech_rate for i in index])]
        for k, i in enumerate(index):
            values = [p[k] for p in parts if p[k] is not None]
            if values:
                out[i] = Prosody(**{**{f: getattr(prosody[i], f) for f in Prosody.__slots__},  # type: ignore[attr-defined]
                                    "vocal_arousal": round(float(np.mean(values)), 2)})
    return out


def samples(audio: np.ndarray, channel: int | None, start: float, end: float) -> np.ndarray:
    """The turn's samples, from its speaker's channel (or the mix when ``channel`` is None)."""
    span = slice(int(start * SAMPLE_RATE), int(end * SAMPLE_RATE) + 1)
    if channel is not None and channel < audio.shape[0]:
        return audio[channel, span]
    return audio[:, span].mean(axis=0)  # the turn's slice mixed, not the whole recording mixed for every turn
