"""Does reflection detection generalise beyond AnnoMI? Cross-domain figures, both ways, both tiers.

    python benchmarks/reflections.py              # prints, and rewrites its section of RESULTS.md
    python benchmarks/reflections.py --no-write

A reflection gate (logistic regression on the frozen encoder's vectors: is this response a
reflection of the turn before it?) is trained on one corpus and tested on another: AnnoMI
(therapist utterances, reflection versus the rest, split by transcript) and ESConv (supporter
turns, "Restatement or Paraphrasing" and "Reflection of feelings" versus the other strategies,
split by conversation), and on the held-out expert-style set tests/heldout/reflections.jsonl.
Beside them in the same run: the shipped behaviour code (the model's behaviour group after the
roadblock check) and a TF-IDF + logistic regression baseline. Sets are subsampled with a fixed
seed to keep the run to a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import publish  # noqa: E402

REFLECTIVE = {"restatement_or_paraphrasing", "reflection_of_feelings"}
RNG = np.random.default_rng(20261130)


def corpora() -> dict[str, dict[str, list]]:
    from attunement.training.data import annomi, esconv
    from attunement.training.splits import group_split

    therapist, _ = annomi()
    strategy, _ = esconv()
    out: dict[str, dict[str, list]] = {}
    for name, ex, positive in (("AnnoMI", therapist, lambda label: label[0] == "reflection"),
                               ("ESConv", strategy, lambda label: label in REFLECTIVE)):
        parts = group_split(ex.group)
        for part, limit in (("train", 3000), ("test", 1200)):
            index = np.flatnonzero(parts == part)
            index = RNG.choice(index, size=min(limit, len(index)), replace=False)
            out[f"{name} {part}"] = {"context": [ex.context[i] for i in index], "text": [ex.text[i] for i in index],
                                     "label": [bool(positive(ex.label[i])) for i in index]}
    heldout = [json.loads(line) for line in (ROOT / "tests" / "heldout" / "reflections.jsonl").read_text().splitlines()]
    out["held-out expert-style"] = {"context": [i["client"] for i in heldout], "text": [i["response"] for i in heldout],
                                    "label": [i["label"] == "reflection" for i in heldout]}
    return out


def f1(gold: list[bool], pred: list[bool]) -> float:
    g, p = np.array(gold), np.array(pred)
    tp, fp, fn = (g & p).sum(), (~g & p).sum(), (g & ~p).sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def shipped(sets: dict[str, dict[str, list]], tier: str) -> dict[str, float]:
    """The shipped behaviour code: reflection or not, read after its context turn."""
    from attunement.analysis import Coder
    from attunement.model import Session, Speaker, Utterance
    from attunement.pipeline import Pipeline

    therapist, client = Speaker("T", "therapist"), Speaker("C", "client")
    out = {}
    for name, data in sets.items():
        if "train" in name:
            continue
        turns = [u for c, t in zip(data["context"], data["text"]) for u in ((client, c or "…"), (therapist, t))]
        session = Session(id="r", source="r", format="text", speakers=(therapist, client),
                          utterances=tuple(Utterance(i, s, t) for i, (s, t) in enumerate(turns)))
        analysis = Pipeline([Coder(tier=tier)])(session)
        pred = [str(analysis.utterances[2 * k + 1].codes.get("behaviour", "")).startswith("reflection")
                for k in range(len(data["text"]))]
        out[name] = f1(data["label"], pred)
    return out


def gates(sets: dict[str, dict[str, list]], tier: str) -> dict[tuple[str, str], float]:
    from sklearn.linear_model import LogisticRegression

    from attunement.models.bundle import load_bundle

    encoder = load_bundle(tier).encoder
    vectors = {name: encoder([c or "" for c in d["context"]], d["text"]) for name, d in sets.items()}
    out = {}
    for train in ("AnnoMI train", "ESConv train"):
        model = LogisticRegression(max_iter=2000, C=1.0, class_weight="balanced").fit(vectors[train], sets[train]["label"])
        for name in sets:
            if "train" not in name:
                out[(train, name)] = f1(sets[name]["label"], list(model.predict(vectors[name])))
    return out


def tfidf(sets: dict[str, dict[str, list]]) -> dict[tuple[str, str], float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    out = {}
    for train in ("AnnoMI train", "ESConv train"):
        model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=2000, class_weight="balanced"))
        model.fit(sets[train]["text"], sets[train]["label"])
        for name in sets:
            if "train" not in name:
                out[(train, name)] = f1(sets[name]["label"], list(model.predict(sets[name]["text"])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    sets = corpora()
    tests = [name for name in sets if "train" not in name]
    lines = ["## Reflections across domains (`python benchmarks/reflections.py`)", "",
             "F1 for 'is this response a reflection?'. Rows: what was trained and on which data; columns: the test "
             "set. AnnoMI and ESConv are split by transcript / conversation (the coder was fine-tuned on AnnoMI's "
             "training split; its test split was never trained on). The shipped code is the model's behaviour "
             "after the roadblock check.", "",
             "| model | trained on | " + " | ".join(tests) + " |", "|---|---|" + "---|" * len(tests)]
    base = tfidf(sets)
    for tier in ("accurate", "fast"):
        ours = shipped(sets, tier)
        lines.append(f"| shipped behaviour code ({tier}) | AnnoMI | " + " | ".join(f"{ours[t]:.2f}" for t in tests) + " |")
        gate = gates(sets, tier)
        for train in ("AnnoMI train", "ESConv train"):
            lines.append(f"| reflection gate on frozen vectors ({tier}) | {train.split()[0]} | "
                         + " | ".join(f"{gate[(train, t)]:.2f}" for t in tests) + " |")
    for train in ("AnnoMI train", "ESConv train"):
        lines.append(f"| TF-IDF + logistic regression (baseline) | {train.split()[0]} | "
                     + " | ".join(f"{base[(train, t)]:.2f}" for t in tests) + " |")
    lines.append("")
    publish("reflections", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
