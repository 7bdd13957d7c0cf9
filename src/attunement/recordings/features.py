"""Frame-level features of speech in numpy: energy and pitch (autocorrelation).

Our own small implementations, so that nothing here needs numba, librosa or a GPL tracker: 25 ms
frames every 10 ms; pitch from the normalised autocorrelation
between 60 and 400 Hz, a frame counted as voiced when its peak is at least 0.45.
"""

from __future__ import annotations

import numpy as np

from .audio import SAMPLE_RATE

__all__ = ["frames", "pitch", "rms_db", "HOP"]

WINDOW, HOP = 400, 160  # 25 ms and 10 ms at 16 kHz


def frames(x: np.ndarray) -> np.ndarray:
    """Overlapping windows of a mono signal, shape ``(n_frames, WINDOW)``."""
    if len(x) < WINDOW:
        x = np.pad(x, (0, WINDOW - len(x)))
    n = 1 + (len(x) - WINDOW) // HOP
    index = np.arange(WINDOW)[None, :] + HOP * np.arange(n)[:, None]
    return x[index]


def rms_db(x: np.ndarray) -> np.ndarray:
    """Loudness per frame in dB (relative to full scale)."""
    f = frames(x)
    return 20 * np.log10(np.sqrt((f ** 2).mean(axis=1)) + 1e-6)


def pitch(x: np.ndarray, *, fmin: float = 60.0, fmax: float = 400.0) -> np.ndarray:
    """Fundamental frequency per frame in Hz, NaN where unvoiced."""
    f = frames(x)
    f = f - f.mean(axis=1, keepdims=True)
    spectrum = np.fft.rfft(f, n=2 * WINDOW)
    ac = np.fft.irfft(np.abs(spectrum) ** 2)[:, :WINDOW]
    ac = ac / (ac[:, :1] + 1e-12)
    lo, hi = int(SAMPLE_RATE / fmax), int(SAMPLE_RATE / fmin)
    lag = lo + ac[:, lo:hi].argmax(axis=1)
    peak = ac[np.arange(len(ac)), lag]
    loud = rms_db(x)[: len(ac)] > -45
    return np.where((peak >= 0.45) & loud, SAMPLE_RATE / lag, np.nan)
