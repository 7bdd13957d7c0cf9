"""A synthetic two-person video with known motion, lag and fidgeting (OpenCV), for tests and benchmarks.

    python scripts/make_video.py OUT.mp4 [--seconds 60] [--lag 1.0]
    python scripts/make_video.py OUT.mp4 --script dialogue.json   # motion that goes with a recording's turns

Two grey figures, one on each half of a 320×180 picture at 25 frames a second. The left figure
moves in bursts at random moments; the right figure makes the same bursts ``lag`` seconds later (so
the left one leads). From 30 to 36 s the right figure fidgets: a small patch jiggles three times a
second. From 44 to 52 s the left figure is still. The truth is written beside the video as JSON.

With ``--script`` (the JSON of scripts/make_recordings.py) the left figure is the therapist and the
right the client: each moves while speaking, and the client fidgets through the turn spoken aroused.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

FPS, W, H = 25, 320, 180


def bursts(seconds: float, seed: int = 1) -> np.ndarray:
    """A movement amplitude per frame: bursts of about a second at random moments."""
    rng = np.random.default_rng(seed)
    n = int(seconds * FPS)
    amp = np.zeros(n)
    t = 0
    while t < n:
        t += int(rng.uniform(1.5, 4.0) * FPS)
        length = int(rng.uniform(0.6, 1.4) * FPS)
        amp[t:t + length] = rng.uniform(6, 14)
    return amp


def make(out: Path, *, seconds: float = 60.0, lag: float = 1.0) -> dict:
    import cv2

    n = int(seconds * FPS)
    left = bursts(seconds)
    left[int(44 * FPS):int(52 * FPS)] = 0  # still
    right = np.concatenate([np.zeros(int(lag * FPS)), left])[:n]
    right[int(44 * FPS + lag * FPS):int(52 * FPS + lag * FPS)] = bursts(seconds, seed=7)[:int(8 * FPS)]  # not still itself
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (W, H))
    for i in range(n):
        frame = np.full((H, W, 3), 235, np.uint8)
        for centre, amp in ((80, left[i]), (240, right[i])):
            dx = int(amp * np.sin(2 * np.pi * 1.7 * i / FPS)) if amp else 0
            cv2.rectangle(frame, (centre - 25 + dx, 40), (centre + 25 + dx, 170), (60, 60, 60), -1)
            cv2.circle(frame, (centre + dx, 28), 16, (60, 60, 60), -1)
        if 30 * FPS <= i < 36 * FPS:  # the right figure's fingers: a small patch, three jiggles a second
            dy = int(3 * np.sign(np.sin(2 * np.pi * 3 * i / FPS)))
            cv2.rectangle(frame, (255, 120 + dy), (263, 128 + dy), (235, 235, 235), -1)
        writer.write(frame)
    writer.release()
    truth = {"seconds": seconds, "lag_s": lag, "leader": "left", "fidgeting": {"right": [30.0, 36.0]},
             "stillness": {"left": [44.0, 52.0]}}
    out.with_suffix(".json").write_text(json.dumps(truth, indent=1) + "\n")
    return truth


def make_for_script(out: Path, script: dict) -> dict:
    """A video whose figures move while their person speaks; the client fidgets through the aroused turn."""
    import cv2

    n = int((script["duration_s"] + 1) * FPS)
    amp = {"therapist": np.zeros(n), "client": np.zeros(n)}
    fidget = np.zeros(n, dtype=bool)
    for turn in script["turns"]:
        a, b = int(turn["start"] * FPS), int(turn["end"] * FPS)
        amp[turn["speaker"]][a:b] = 10
        if turn.get("aroused"):
            fidget[a:b] = True
            amp["client"][a:b] = 0  # the hands, not the body
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (W, H))
    for i in range(n):
        frame = np.full((H, W, 3), 235, np.uint8)
        for centre, role in ((80, "therapist"), (240, "client")):
            dx = int(amp[role][i] * np.sin(2 * np.pi * 1.3 * i / FPS))
            cv2.rectangle(frame, (centre - 25 + dx, 40), (centre + 25 + dx, 170), (60, 60, 60), -1)
            cv2.circle(frame, (centre + dx, 28), 16, (60, 60, 60), -1)
        if fidget[i]:
            dy = int(3 * np.sign(np.sin(2 * np.pi * 3 * i / FPS)))
            cv2.rectangle(frame, (255, 120 + dy), (263, 128 + dy), (235, 235, 235), -1)
        writer.write(frame)
    writer.release()
    aroused = next(t for t in script["turns"] if t.get("aroused"))
    truth = {"therapist": "left", "client": "right", "fidgeting": {"client": [aroused["start"], aroused["end"]]}}
    out.with_suffix(".json").write_text(json.dumps(truth, indent=1) + "\n")
    return truth


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--lag", type=float, default=1.0)
    parser.add_argument("--script", help="the dialogue.json of scripts/make_recordings.py")
    args = parser.parse_args()
    if args.script:
        make_for_script(Path(args.out), json.loads(Path(args.script).read_text()))
    else:
        make(Path(args.out), seconds=args.seconds, lag=args.lag)
