"""Valence polarity against human labels: attunement's lexicon beside stock VADER, in one run.

Data: the GoEmotions test split (``../shared/data/goemotions``; Reddit comments,
Apache-2.0), each comment's emotion labels mapped to polarity with the data
set's own sentiment mapping (positive / negative; ``neutral`` stays neutral).
Comments whose labels are ambiguous or mixed are left out. A score above +0.05
counts as positive, below -0.05 as negative, else neutral (VADER's convention).

Usage::

    python benchmarks/valence.py
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ATTUNEMENT_DATA_DIR", ROOT.parent / "shared" / "data")) / "goemotions"
CLASSES = ("negative", "neutral", "positive")


def load() -> list[tuple[str, str]]:
    emotions = (DATA / "emotions.txt").read_text().split()
    mapping = json.loads((DATA / "sentiment_mapping.json").read_text())
    polarity = {e: side for side in ("positive", "negative") for e in mapping[side]}
    polarity["neutral"] = "neutral"
    items = []
    for line in (DATA / "test.tsv").read_text(encoding="utf-8").splitlines():
        text, labels, _ = line.split("\t")
        sides = {polarity.get(emotions[int(i)], "ambiguous") for i in labels.split(",")}
        if len(sides) == 1 and "ambiguous" not in sides:
            items.append((text, sides.pop()))
    return items


def label(score: float) -> str:
    return "positive" if score > 0.05 else "negative" if score < -0.05 else "neutral"


def report(name: str, gold: list[str], pred: list[str]) -> str:
    f1s = []
    for c in CLASSES:
        tp = sum(g == p == c for g, p in zip(gold, pred))
        fp = sum(p == c != g for g, p in zip(gold, pred))
        fn = sum(g == c != p for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return f"| {name} | {accuracy:.3f} | {sum(f1s) / 3:.3f} | " + " | ".join(f"{f:.3f}" for f in f1s) + " |"


def main() -> None:
    if not DATA.exists():
        sys.exit(f"GoEmotions not found at {DATA}; set ATTUNEMENT_DATA_DIR")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from attunement.analysis.valence import valence

    items = load()
    gold = [g for _, g in items]
    vader = SentimentIntensityAnalyzer()
    ours = [label(valence(t)[0]) for t, _ in items]
    base = [label(vader.polarity_scores(t)["compound"]) for t, _ in items]
    print(f"GoEmotions test, {len(items)} comments with one clear polarity: {dict(Counter(gold))}\n")
    print("| scorer | accuracy | macro-F1 | F1 negative | F1 neutral | F1 positive |\n|---|---|---|---|---|---|")
    print(report("attunement lexicon (VADER + overlay, negation rules)", gold, ours))
    print(report("baseline: stock VADER", gold, base))


if __name__ == "__main__":
    main()
