"""Synthetic two-voice recordings with known words and speakers (espeak-ng + sox), for tests and benchmarks.

    python scripts/make_recordings.py OUT_DIR [--voices THERAPIST CLIENT]

Writes, for a short counselling exchange spoken by two espeak-ng voices (therapist: a low male voice;
client: a higher female voice; ``--voices`` picks two others, such as ``en-us+m1 en-us+m3``):

* ``dialogue-stereo.wav``: therapist on the left channel, client on the right (as telehealth
  recorders write);
* ``dialogue-mono.wav``: both voices mixed on one channel;
* ``dialogue.json``: the script, each turn with its speaker, words, start and end (seconds), and
  whether it was spoken aroused (one client turn is: higher, louder and faster than the others).

Needs Debian's ``espeak-ng`` and ``sox`` on the PATH.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = [
    ("therapist", "Hello. How have you been since we last met?"),
    ("client", "Not great, honestly. Work has been really stressful this week."),
    ("therapist", "That sounds hard. What has been the most stressful part?"),
    ("client", "My manager keeps adding projects, and I cannot say no to him."),
    ("therapist", "It sounds like saying no feels almost impossible right now."),
    ("client!", "Yes. I am scared that if I say no, they will think I am not good enough."),
    ("therapist", "So underneath it there is a fear of not being good enough."),
    ("client", "I think so. I have felt like that for a long time."),
]
#: words a minute, pitch (0–99) and amplitude (0–200); "client!" is the client aroused: higher, louder, faster.
DELIVERY = {"therapist": ("140", "50", "100"), "client": ("160", "50", "100"), "client!": ("205", "70", "160")}
GAP = 0.6  # seconds of silence between turns
RATE = 16_000


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


def make(out: Path, voices: tuple[str, str] = ("en-us+m3", "en-us+f3")) -> dict:
    """Write the recordings and their script to ``out``; ``voices``: the therapist's and the client's espeak-ng voice."""
    for tool in ("espeak-ng", "sox", "soxi"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (Debian: apt-get install espeak-ng sox)")
    out.mkdir(parents=True, exist_ok=True)
    turns, t = [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        left, right = [], []
        for n, (role, text) in enumerate(SCRIPT):
            speed, pitch, amplitude = DELIVERY[role]
            voice = voices[0] if role == "therapist" else voices[1]
            raw = Path(tmp) / f"{n}.wav"
            clip = Path(tmp) / f"{n}-16k.wav"
            silence = Path(tmp) / f"{n}-silence.wav"
            _run("espeak-ng", "-v", voice, "-s", speed, "-p", pitch, "-a", amplitude, "-w", str(raw), text)
            _run("sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(clip), "pad", "0", str(GAP))
            length = float(subprocess.run(["soxi", "-D", str(clip)], check=True, capture_output=True, text=True).stdout)
            _run("sox", "-D", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(silence), "trim", "0", f"{length:.4f}")
            (left if role == "therapist" else right).append(str(clip))
            (right if role == "therapist" else left).append(str(silence))
            turns.append({"speaker": role.rstrip("!"), "text": text, "start": round(t, 2), "end": round(t + length - GAP, 2),
                          "aroused": role.endswith("!")})
            t += length
        lpath, rpath = Path(tmp) / "left.wav", Path(tmp) / "right.wav"
        _run("sox", "-D", *left, str(lpath))  # -D: no dither, so the same script makes the same file every time
        _run("sox", "-D", *right, str(rpath))
        _run("sox", "-D", "-M", str(lpath), str(rpath), str(out / "dialogue-stereo.wav"))
        _run("sox", "-D", "-m", str(lpath), str(rpath), str(out / "dialogue-mono.wav"))
    script = {"turns": turns, "duration_s": round(t, 2)}
    (out / "dialogue.json").write_text(json.dumps(script, indent=1) + "\n")
    return script


if __name__ == "__main__":
    args = sys.argv[1:]
    pair = tuple(args[args.index("--voices") + 1: args.index("--voices") + 3]) if "--voices" in args else None
    make(Path(args[0] if args else "recordings"), *([pair] if pair else []))
