"""The body in a video: Motion Energy Analysis, movement synchrony, fidgeting and stillness.

As in the rMEA / SUSY literature (Ramseyer & Tschacher): frames are taken at 10 per second,
grey, 320 pixels wide; a pixel moves when it changes by more than 12 grey levels from the previous
frame; each person's motion energy is the share of moving pixels in their region. One region per
person: the two largest faces OpenCV's Haar detector finds in the first ten seconds, each widened to
the upper body (three face widths across, four face heights down), or the left and right halves of
the picture when it does not find two.

* **Movement synchrony** (``{r, lag_s, leader, p}``): the cross-correlation of the two motion series
  (z-scored in 30 s windows) at lags up to ±5 s; its peak is tested against 200 surrogates that
  shuffle one series in 5 s segments. The leader is the person whose movement the other follows
  (a lag other than 0, p ≤ 0.05).
* **Fidgeting**: two or more seconds in which a person's motion is small (under 5% of their region)
  but keeps coming back, several times a second (at least half of the energy of the motion series
  between 1.5 and 5 Hz). **Stillness**: five or more seconds with almost no motion (under 0.2%).
  These are our operational definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import MediaError

__all__ = ["Motion", "motion_energy", "movement_synchrony", "episodes", "RATE"]

RATE = 10.0  # motion samples per second
WIDTH = 320
THRESHOLD = 12
MAX_LAG_S = 5.0
SURROGATES = 200


@dataclass(frozen=True)
class Motion:
    """Each person's motion energy (0..1 per sample, ``RATE`` per second) and where their region is."""

    energy: np.ndarray  # shape (2, n)
    regions: list[tuple[int, int, int, int]]  # x, y, w, h in the 320-wide picture
    regions_by: str  # "faces" or "halves"
    duration_s: float


def _regions(frames: list[np.ndarray]) -> tuple[list[tuple[int, int, int, int]], str]:
    import cv2

    h, w = frames[0].shape
    detector = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    found: list[tuple[int, int, int, int]] = []
    for frame in frames[:: max(1, len(frames) // 10)]:
        for box in detector.detectMultiScale(frame, scaleFactor=1.1, minNeighbors=5, minSize=(20, 20)):
            x, y, bw, bh = (int(v) for v in box)
            if all(abs((x + bw / 2) - (fx + fw / 2)) > bw for fx, _, fw, _ in found):
                found.append((x, y, bw, bh))
    found = sorted(found, key=lambda b: -b[2] * b[3])[:2]
    if len(found) == 2:
        out = []
        for x, y, bw, bh in sorted(found):
            left, top = max(0, x - bw), max(0, y - bh // 2)
            out.append((left, top, min(w - left, 3 * bw), min(h - top, 4 * bh)))
        return out, "faces"
    return [(0, 0, w // 2, h), (w // 2, 0, w - w // 2, h)], "halves"


def motion_energy(path: str | Path) -> Motion:
    """The two people's motion energy in a video file."""
    import cv2

    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise MediaError("could not be opened as a video", path=path, hint="check that it is a video file")
    fps = capture.get(cv2.CAP_PROP_FPS) or 25.0
    frames, index, due = [], 0, 0.0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        if index / fps >= due - 1e-9:  # one frame every 1/RATE s, whatever the video's frame rate
            due += 1 / RATE
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
            height = round(grey.shape[0] * WIDTH / grey.shape[1])
            frames.append(cv2.resize(grey, (WIDTH, height), interpolation=cv2.INTER_AREA))
        index += 1
    capture.release()
    if len(frames) < 2:
        raise MediaError("has no frames to measure movement in", path=path, hint="give a video with a picture")
    regions, by = _regions(frames)
    stack = np.stack(frames).astype(np.int16)
    moving = np.abs(np.diff(stack, axis=0)) > THRESHOLD
    energy = np.array([[m[y:y + h, x:x + w].mean() for m in moving] for x, y, w, h in regions])
    return Motion(energy=energy, regions=regions, regions_by=by, duration_s=round(index / fps, 2))


def _windowed_z(x: np.ndarray, window: int) -> np.ndarray:
    out = np.empty_like(x, dtype=float)
    for start in range(0, len(x), window):
        part = x[start:start + window]
        out[start:start + window] = (part - part.mean()) / (part.std() or 1.0)
    return out


def _peak(a: np.ndarray, b: np.ndarray, max_lag: int) -> tuple[int, float]:
    best = (0, 0.0)
    for lag in range(-max_lag, max_lag + 1):
        x, y = (a[:-lag], b[lag:]) if lag > 0 else (a[-lag:], b[:lag]) if lag < 0 else (a, b)
        r = float(np.corrcoef(x, y)[0, 1]) if len(x) > 2 and x.std() > 0 and y.std() > 0 else 0.0
        if abs(r) > abs(best[1]) + 1e-12 or (abs(r) == abs(best[1]) and abs(lag) < abs(best[0])):
            best = (lag, r)
    return best


def movement_synchrony(energy: np.ndarray, *, names: tuple[str, str] = ("person 1", "person 2"), seed: int = 0,
                       rate: float = RATE) -> dict[str, object]:
    """``{r, lag_s, leader, p, n_s}``: how the two people's movement goes together, and who leads.

    A positive lag means the first person leads (the second moves that many seconds later). ``rate`` is the
    series' samples per second (any two series of one behaviour each will do: motion, gaze, speech).
    """
    a, b = (_windowed_z(np.asarray(x, dtype=float), int(30 * rate)) for x in energy)
    max_lag = int(MAX_LAG_S * rate)
    if len(a) < 4 * max_lag or np.std(energy[0]) == 0 or np.std(energy[1]) == 0:
        return {"r": None, "lag_s": None, "leader": None, "p": None, "n_s": round(len(a) / rate, 1)}
    lag, r = _peak(a, b, max_lag)
    rng = np.random.default_rng(seed)
    segment = max(1, int(5 * rate))
    pieces = [b[i:i + segment] for i in range(0, len(b), segment)]
    null = []
    for _ in range(SURROGATES):
        shuffled = np.concatenate([pieces[k] for k in rng.permutation(len(pieces))])
        null.append(abs(_peak(a, shuffled, max_lag)[1]))
    p = (1 + sum(v >= abs(r) - 1e-12 for v in null)) / (1 + SURROGATES)
    leader = None if lag == 0 or p > 0.05 else (names[0] if lag > 0 else names[1])
    return {"r": round(r, 3), "lag_s": round(lag / rate, 1), "leader": leader, "p": round(p, 3), "n_s": round(len(a) / rate, 1)}


def episodes(energy: np.ndarray) -> list[tuple[str, float, float]]:
    """``(kind, start_s, end_s)`` of fidgeting and stillness in one person's motion series."""
    out: list[tuple[str, float, float]] = []
    window = int(2 * RATE)
    fidget = np.zeros(len(energy), dtype=bool)
    for start in range(0, max(0, len(energy) - window) + 1, int(RATE / 2)):
        part = energy[start:start + window]
        if part.max() < 0.05 and part.mean() > 0.002:
            spectrum = np.abs(np.fft.rfft(part - part.mean())) ** 2
            freqs = np.fft.rfftfreq(len(part), 1 / RATE)
            fast = spectrum[(freqs >= 1.5) & (freqs <= 5)].sum() / (spectrum[1:].sum() or 1.0)
            if fast >= 0.5:
                fidget[start:start + window] = True
    still = energy < 0.002
    for kind, flags, least in (("fidgeting", fidget, 2.0), ("stillness", still, 5.0)):
        run = None
        for i, flag in enumerate([*flags, False]):
            if flag and run is None:
                run = i
            elif not flag and run is not None:
                if (i - run) / RATE >= least:
                    out.append((kind, round(run / RATE, 1), round(i / RATE, 1)))
                run = None
    return sorted(out, key=lambda e: e[1])
