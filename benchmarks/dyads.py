"""Real therapy dyads: turn-taking and non-verbal synchrony, with the same functions a recording gets.

    python benchmarks/dyads.py              # prints, and rewrites its section of RESULTS.md
    python benchmarks/dyads.py --no-write

Data: ../shared/data/mhmmbayes_nonverbal (10 patient–therapist couples, 15 minutes each, coded once a
second: speaking, back-channelling or silent, and looking at the other or not; GPL-3, from the
mHMMbayes R package). No audio or video is shipped, so these are the coded channels, not our
detectors: the figures show what the turn-taking and synchrony measures give on real sessions, beside
a shuffled baseline in the same run.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "mhmmbayes_nonverbal"
sys.path.insert(0, str(ROOT / "benchmarks"))
from results import publish  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from attunement.recordings.motion import movement_synchrony

    if not (DATA / "nonverbal.csv").exists():
        print("the dyads data set is not here; nothing measured")
        return
    rows = defaultdict(list)
    for r in csv.DictReader((DATA / "nonverbal.csv").open()):
        rows[int(r["id"])].append({k: int(v) for k, v in r.items()})
    change = {int(r["id"]): r for r in csv.DictReader((DATA / "nonverbal_cov.csv").open())}
    lines = ["## Real dyads: turn-taking and synchrony (`python benchmarks/dyads.py`)", "",
             "10 real patient–therapist couples, 15 minutes each, coded once a second (mHMMbayes data set). Speech: "
             "1 when speaking (not back-channelling). Synchrony: our windowed lagged cross-correlation with a 5 s "
             "segment-shuffle surrogate test (`recordings.motion.movement_synchrony`, as for motion), at 1 sample a "
             "second; a positive lag means the therapist leads. Baseline: the same measure with the patient's series "
             "taken from another couple (pseudo-dyads), where any 'synchrony' is chance.", "",
             "| couple | therapist talk share | both speaking (% of s) | therapist back-channels /min | gaze synchrony r (lag s, leader, p) | pseudo-dyad r |",
             "|---|---|---|---|---|---|"]
    ids = sorted(rows)
    real, pseudo, significant = [], [], 0
    for k, couple in enumerate(ids):
        s = rows[couple]
        p_talk = np.array([r["p_vocalizing"] == 2 for r in s], float)
        t_talk = np.array([r["t_vocalizing"] == 2 for r in s], float)
        t_back = sum(1 for a, b in zip(s, s[1:]) if b["t_vocalizing"] == 3 and a["t_vocalizing"] != 3)
        p_look = np.array([r["p_looking"] == 2 for r in s], float)
        t_look = np.array([r["t_looking"] == 2 for r in s], float)
        sync = movement_synchrony(np.stack([t_look, p_look]), names=("therapist", "patient"), rate=1.0)
        other = rows[ids[(k + 1) % len(ids)]]
        fake = movement_synchrony(np.stack([t_look, np.array([r["p_looking"] == 2 for r in other], float)]),
                                  names=("therapist", "patient"), rate=1.0)
        real.append(abs(sync["r"] or 0.0))
        significant += sync["p"] is not None and sync["p"] <= 0.05
        pseudo.append(abs(fake["r"] or 0.0))
        talk = t_talk.sum() / max(t_talk.sum() + p_talk.sum(), 1)
        lines.append(f"| {couple} | {talk:.0%} | {100 * (t_talk * p_talk).mean():.1f} | {t_back / 15:.1f} | "
                     f"{sync['r']} ({sync['lag_s']}, {sync['leader'] or '–'}, {sync['p']}) | {fake['r']} |")
    lines += ["", f"Mean |r| of gaze synchrony: real couples {np.mean(real):.3f}, pseudo-dyads {np.mean(pseudo):.3f}. "
              f"Couples with a significant gaze synchrony (p ≤ 0.05): {significant} of {len(ids)}. "
              "With ten couples no relation to symptom change can be claimed; we do not report one.", ""]
    publish("dyads", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
