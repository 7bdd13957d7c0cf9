"""Speaker embeddings: Resemblyzer's voice encoder, run in numpy.

The encoder (Resemble AI's implementation of the GE2E speaker encoder, Apache-2.0) is a three-layer
LSTM over 40 mel bands that ends in a 256-number embedding; two stretches of speech by the same
person give embeddings close together, whoever the person and whatever they say. Its weights ship
inside this package (``resources/models/voice/encoder.npz``, converted from ``resemblyzer==0.1.4``'s
``pretrained.pt`` by ``scripts/convert_voice_encoder.py``, with its licence beside them), so nothing
is downloaded and torch is not needed. We follow Resemblyzer's own recipe: the volume raised to
-30 dBFS, a power mel spectrogram (25 ms windows every 10 ms, Slaney mel bands, as librosa computes
it), 1.6 s partial windows, and the normalised mean of their embeddings. Two changes are ours:
the windows lie side by side rather than overlapping (1.3 a second), which halves the cost and made
no consistent difference on our synthetic voice pairs; and a clip shorter than one window is
repeated to fill it rather than padded with silence, which otherwise dominates the LSTM's last
state (a 0.5 s clip padded with silence kept a cosine of 0.43 with the same sound at full length;
repeated, above 0.9).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

from .audio import SAMPLE_RATE

__all__ = ["embed", "mel_power"]

N_FFT, HOP, N_MELS = 400, 160, 40
PARTIAL = 160  # frames in one partial window (1.6 s)
STEP = PARTIAL  # frames between partial windows: side by side (Resemblyzer overlaps them, 1.3 a second; half the cost)
_BATCH = 128


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    hz = np.asarray(hz, dtype=float)
    return np.where(hz < 1000, hz / (200 / 3), 15 + np.log(np.maximum(hz, 1e-10) / 1000) / (np.log(6.4) / 27))


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    return np.where(mel < 15, mel * (200 / 3), 1000 * np.exp(np.log(6.4) / 27 * (mel - 15)))


@lru_cache(maxsize=1)
def _mel_bank() -> np.ndarray:
    """40 triangular Slaney-normalised mel filters over 0–8 kHz (what ``librosa.filters.mel`` gives)."""
    edges = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    bins = np.fft.rfftfreq(N_FFT, 1 / SAMPLE_RATE)
    ramps = edges[:, None] - bins[None, :]
    widths = np.diff(edges)
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    bank = np.maximum(0, np.minimum(lower, upper))
    return (bank * (2.0 / (edges[2:] - edges[:-2]))[:, None]).astype(np.float32)


def mel_power(x: np.ndarray) -> np.ndarray:
    """Power mel spectrogram, shape ``(n_frames, 40)``: a centred STFT, as the encoder was trained on."""
    padded = np.pad(x, N_FFT // 2, mode="reflect") if len(x) > N_FFT // 2 else np.pad(x, N_FFT // 2)
    n = 1 + (len(padded) - N_FFT) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(n)[:, None]
    window = np.hanning(N_FFT + 1)[:-1]  # periodic Hann
    power = np.abs(np.fft.rfft(padded[index] * window, n=N_FFT)) ** 2
    return (power @ _mel_bank().T).astype(np.float32)


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    with resources.files("attunement").joinpath("resources/models/voice/encoder.npz").open("rb") as f:
        with np.load(f) as data:
            return {k: data[k].astype(np.float32) for k in data.files if k != "source_sha256"}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))


def _forward(mels: np.ndarray) -> np.ndarray:
    """Embeddings of a batch of partial windows ``(batch, 160, 40)``: the LSTM's last hidden state, projected."""
    w = _weights()
    x = mels
    for layer in range(3):
        w_hh = w[f"lstm.weight_hh_l{layer}"].T
        gates_in = x @ w[f"lstm.weight_ih_l{layer}"].T + (w[f"lstm.bias_ih_l{layer}"] + w[f"lstm.bias_hh_l{layer}"])
        h = np.zeros((len(x), w_hh.shape[0]), np.float32)
        c = np.zeros_like(h)
        out = np.empty((len(x), x.shape[1], h.shape[1]), np.float32)
        for t in range(x.shape[1]):
            i, f, g, o = np.split(gates_in[:, t] + h @ w_hh, 4, axis=1)  # torch's gate order
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
            h = _sigmoid(o) * np.tanh(c)
            out[:, t] = h
        x = out
    raw = np.maximum(h @ w["linear.weight"].T + w["linear.bias"], 0)
    return raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-8)


def _partials(n_samples: int) -> list[slice]:
    """Where the 1.6 s windows fall (in mel frames); the last is kept if at least 75% of it is speech."""
    n_frames = int(np.ceil((n_samples + 1) / HOP))
    starts = list(range(0, max(1, n_frames - PARTIAL + STEP + 1), STEP))
    windows = [slice(s, s + PARTIAL) for s in starts]
    if len(windows) > 1 and (n_samples - windows[-1].start * HOP) / (PARTIAL * HOP) < 0.75:
        windows.pop()
    return windows


def embed(clips: Sequence[np.ndarray]) -> np.ndarray:
    """One unit-length 256-number embedding per clip of 16 kHz mono speech, shape ``(len(clips), 256)``."""
    batches: list[np.ndarray] = []
    owner: list[int] = []
    for n, clip in enumerate(clips):
        clip = np.asarray(clip, dtype=np.float32)
        rms = np.sqrt(np.mean(clip ** 2)) if len(clip) else 0.0
        if rms > 0:
            clip = clip * max(1.0, 10 ** (-30 / 20) / rms)  # raise quiet speech to -30 dBFS, never lower
        if 0 < len(clip) < PARTIAL * HOP:
            clip = np.resize(clip, PARTIAL * HOP)  # a short clip is repeated to fill one window, not padded with silence
        windows = _partials(len(clip))
        clip = np.pad(clip, (0, max(0, windows[-1].stop * HOP - len(clip))))
        mel = mel_power(clip)
        mel = np.pad(mel, ((0, max(0, windows[-1].stop - len(mel))), (0, 0)))
        batches.extend(mel[w] for w in windows)
        owner.extend([n] * len(windows))
    if not batches:
        return np.zeros((0, 256), np.float32)
    partial = np.concatenate([_forward(np.stack(batches[i:i + _BATCH])) for i in range(0, len(batches), _BATCH)])
    sums = np.zeros((len(clips), partial.shape[1]), np.float32)
    np.add.at(sums, np.array(owner), partial)
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-8)
