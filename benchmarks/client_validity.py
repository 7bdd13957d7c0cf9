"""Does the client-side analysis track what people report about themselves?

Usage::

    python benchmarks/client_validity.py            # prints, and rewrites its section of RESULTS.md
    python benchmarks/client_validity.py --no-write

1. **ESConv** (emotional-support chats; the seeker rated their emotional intensity before
   and after): Spearman correlation between the change in the estimated client valence and
   arousal (mean of the last third of seeker turns minus the first third) and the drop in
   self-rated intensity, with 95% bootstrap intervals over dialogues; and the contrast between
   ordinary and *failed* dialogues (FailedESConv), as an AUC.
2. **ISEAR** (people describing an emotional event and ticking their bodily reactions): AUC
   of our arousal estimate and of somatic-cue detection for the self-reported reactions.
   Column meanings follow the ISEAR questionnaire as distributed (ERGO: ergotropic arousal
   symptoms, TROPHO: trophotropic symptoms such as a lump in the throat or crying, TEMPER:
   feeling hot or cold; the loader notes values were shifted to start at 0).

Both data sets are text chats or written accounts, not therapy transcripts, and have no
non-verbal annotations: they test the words-only part of the analysis.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import publish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = (np.argsort(np.argsort(x)).astype(float) for x in (a, b))
    return float(np.corrcoef(ra, rb)[0, 1])


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a positive item scores above a negative one (ties count half)."""
    pos, neg = scores[labels], scores[~labels]
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1.0
    # average ranks for ties
    values = np.concatenate([pos, neg])
    for v in np.unique(values):
        mask = values == v
        ranks[mask] = ranks[mask].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def ci(stat, *arrays, n: int = 1000, seed: int = 0) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    size = len(arrays[0])
    values = []
    for _ in range(n):
        index = rng.integers(0, size, size)
        try:
            values.append(stat(*(a[index] for a in arrays)))
        except (ValueError, ZeroDivisionError):
            continue
    lo, hi = np.nanquantile(values, [0.025, 0.975])
    return float(lo), float(hi)


def _session(turns: list[tuple[str, str]], name: str):  # type: ignore[no-untyped-def]
    from attunement.model import Session, Speaker, Utterance

    seeker, supporter = Speaker("Seeker", "client"), Speaker("Supporter", "therapist")
    utterances = tuple(Utterance(i, seeker if role == "client" else supporter, text.strip())
                       for i, (role, text) in enumerate(turns))
    return Session(id=name, source=name, format="json", utterances=utterances, speakers=(seeker, supporter))


def trajectory(analysis) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    states = [s.client_state for u, s in zip(analysis.session.utterances, analysis.utterances) if u.role == "client"]
    third = max(1, len(states) // 3)
    first, last = states[:third], states[-third:]
    dv = np.mean([s["valence"] for s in last]) - np.mean([s["valence"] for s in first])
    da = np.mean([s["arousal"] for s in last]) - np.mean([s["arousal"] for s in first])
    return float(dv), float(da)


def esconv_sample(limit: int) -> list[dict]:
    """A seeded sample of ESConv dialogues (all splits), the same in every benchmark that uses it."""
    dialogues = []
    for split in ("train", "valid", "test"):
        dialogues += [json.loads(line) for line in (DATA / "esconv" / f"{split}.jsonl").read_text().splitlines()]
    rng = np.random.default_rng(11)
    return [dialogues[i] for i in sorted(rng.choice(len(dialogues), size=min(limit, len(dialogues)), replace=False))]


def esconv(limit: int) -> list[str]:
    import attunement

    chosen = esconv_sample(limit)
    failed = json.loads((DATA / "esconv" / "FailedESConv.json").read_text())
    rows, contrast = [], []
    for n, d in enumerate(chosen):
        turns = [("client" if t["speaker"] == "usr" else "therapist", t["text"]) for t in d["dialog"]]
        survey = d["survey_score"]["seeker"]
        if not survey.get("initial_emotion_intensity") or not survey.get("final_emotion_intensity"):
            continue  # a few dialogues lack the survey
        analysis = attunement.analyze(_session(turns, f"esconv-{n}"))
        drop = float(survey["initial_emotion_intensity"]) - float(survey["final_emotion_intensity"])
        rows.append((*trajectory(analysis), drop, float(survey.get("empathy", "nan") or "nan")))
        contrast.append((trajectory(analysis)[0], False))
    for n, d in enumerate(failed):
        turns = [("client" if t["speaker"] == "speaker" else "therapist", t["content"]) for t in d["dialog"]]
        if sum(r == "client" for r, _ in turns) >= 3 and sum(r == "therapist" for r, _ in turns) >= 1:
            contrast.append((trajectory(attunement.analyze(_session(turns, f"failed-{n}")))[0], True))
    dv, da, drop, _ = (np.array(c) for c in zip(*rows))
    lines = [f"ESConv, {len(rows)} dialogues (seeded sample), change from the first to the last third of seeker turns:", "",
             "| estimate | Spearman with drop in self-rated intensity | 95% CI |", "|---|---|---|"]
    for name, values in (("Δ valence", dv), ("Δ arousal", da)):
        lo, hi = ci(spearman, values, drop)
        lines.append(f"| {name} | {spearman(values, drop):+.3f} | {lo:+.3f} … {hi:+.3f} |")
    scores = np.array([c[0] for c in contrast])
    labels = np.array([not c[1] for c in contrast])  # ordinary dialogues are the positives
    lo, hi = ci(auc, scores, labels)
    lines += ["", f"Ordinary ({labels.sum()}) vs failed ({(~labels).sum()}) dialogues: AUC of Δ valence "
              f"(ordinary should rise more) {auc(scores, labels):.3f} (95% CI {lo:.3f}–{hi:.3f}).", ""]
    return lines


def isear(limit: int) -> list[str]:
    from attunement.analysis.client_state import AROUSAL_SHIFTS
    from attunement.analysis.cues import find_cues
    from attunement.model import Speaker, Utterance
    from attunement.models.bundle import load_bundle
    from attunement.models.heads import head_input

    with (DATA / "isear" / "isear.csv").open(encoding="latin-1") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="|") if r.get("SIT")]
    rng = np.random.default_rng(5)
    rows = [rows[i] for i in sorted(rng.choice(len(rows), size=min(limit, len(rows)), replace=False))]
    texts = [re.sub(r"\s+", " ", r["SIT"].replace("á", " ")).strip() for r in rows]
    bundle = load_bundle("accurate")
    X = bundle.encoder([""] * len(texts), texts)
    arousal = bundle.heads["affect"].predict(head_input(bundle.heads["affect"], X))[:, 1]
    emotions = bundle.heads["emotions"].predict_proba(head_input(bundle.heads["emotions"], X))
    somatic, shifted = [], []
    for k, text in enumerate(texts):
        codes = {"emotions": dict(zip(bundle.heads["emotions"].labels_, emotions[k])), "arousal": float(arousal[k])}
        cues = find_cues(Utterance(0, Speaker("C", "client"), text), timing={}, codes=codes, previous=None)
        kinds = {(c["channel"], c["kind"]) for c in cues}
        somatic.append(any(c == "somatic" for c, _ in kinds))
        shifted.append(arousal[k] + sum(v for key, v in AROUSAL_SHIFTS.items() if key in kinds))
    shifted_a, somatic_a = np.array(shifted), np.array(somatic, dtype=float)
    targets = {
        "any bodily reaction (ERGO, TROPHO or TEMPER > 0)": np.array([int(r["ERGO"]) + int(r["TROPHO"]) + int(r["TEMPER"]) > 0 for r in rows]),
        "ergotropic arousal, 2+ symptoms (ERGO ≥ 2)": np.array([int(r["ERGO"]) >= 2 for r in rows]),
        "trophotropic symptoms (TROPHO > 0: lump in throat, crying…)": np.array([int(r["TROPHO"]) > 0 for r in rows]),
        "high intensity (INTS ≥ 3)": np.array([int(r["INTS"]) >= 3 for r in rows]),
    }
    lines = [f"ISEAR, {len(rows)} event descriptions (seeded sample): AUC for the self-reported reaction", "",
             "| self-report | arousal estimate (model + cues) | somatic cue found | share positive |", "|---|---|---|---|"]
    for name, y in targets.items():
        lo, hi = ci(auc, shifted_a, y, n=300)
        lines.append(f"| {name} | {auc(shifted_a, y):.3f} ({lo:.3f}–{hi:.3f}) | {auc(somatic_a, y):.3f} | {y.mean():.2f} |")
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--esconv", type=int, default=300, help="ESConv dialogues to sample")
    parser.add_argument("--isear", type=int, default=3000, help="ISEAR descriptions to sample")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    lines = ["## Client-side validity (`python benchmarks/client_validity.py`)", "",
             *esconv(args.esconv), *isear(args.isear)]
    publish("client-validity", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
