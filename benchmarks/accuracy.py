"""Held-out accuracy of every shipped model, beside a TF-IDF + logistic-regression baseline, in one run.

Usage::

    python benchmarks/accuracy.py            # evaluates both tiers, rewrites the accuracy part of RESULTS.md
    python benchmarks/accuracy.py --no-write # print only

Splits are the training splits (by transcript, conversation or seeker post, fixed seed); the test
part was used neither for training nor for choosing or calibrating. Intervals are 95% bootstrap
intervals over held-out groups. The baseline is trained on the same training part, with its
regularisation chosen on the same validation part.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import publish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"behaviour_group": 0.80, "talk_type": 0.66, "emotional_reaction": 0.75, "interpretation": 0.70, "exploration": 0.64}


def baseline(task, classes):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from attunement.training.evaluate import classification_report, macro_f1

    text = np.array(task.examples.text)
    y = np.array([str(v) for v in task.labels])
    tr, va, te = (task.split == s for s in ("train", "val", "test"))
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(text[tr])
    best = None
    for C in (0.5, 2.0, 8.0):
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(vectoriser.transform(text[tr]), y[tr])
        score = macro_f1(y[va], model.predict(vectoriser.transform(text[va])), classes)
        if best is None or score > best[0]:
            best = (score, model)
    proba = best[1].predict_proba(vectoriser.transform(text[te]))
    order = [list(best[1].classes_).index(c) for c in classes]
    return classification_report(y[te], proba[:, order], classes, np.array(task.groups)[te], n_boot=300)


def kappa_on_multicoded(task, head, X):  # type: ignore[no-untyped-def]
    """Model vs majority label, and coders among themselves, on the transcripts coded by several people."""
    from attunement.training.evaluate import kappa

    annotators = task.examples.extra.get("annotators")
    if not annotators:
        return None
    multi = np.array([len(a) > 1 for a in annotators]) & (task.split == "test")  # held-out transcripts only
    if not multi.any():
        return None
    y = np.array([str(v) for v in task.labels])[multi]
    pred = head.predict(X[multi])
    coded = [a for a, m in zip(annotators, multi) if m]
    pairs = [kappa([c[i] for c in coded], [c[j] for c in coded])
             for i in range(min(map(len, coded))) for j in range(i + 1, min(map(len, coded)))]
    splits = sorted(set(task.split[multi]))
    return {"model_vs_majority": kappa(y, pred), "coders_mean_pairwise": float(np.mean(pairs)) if pairs else None,
            "n": int(multi.sum()), "splits": splits}


def evaluate(tier: str) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    from attunement.models.bundle import load_bundle, packaged_models_dir
    from attunement.training.evaluate import classification_report
    from attunement.training.heads import features, tasks
    from attunement.training.train import _file_key

    bundle = load_bundle(tier)
    batch = getattr(bundle.encoder, "batch_size", 0)  # batching changes int8 vectors slightly: cache per batch size
    key = f"{tier}-b{batch}-{_file_key(packaged_models_dir() / 'accurate' / 'encoder.onnx')}"
    rows, details = [], {}
    for task in tasks():
        X = features(bundle.encoder, task.examples, ROOT / "build" / "features", key)
        head = bundle.heads[task.name]
        X = X[:, : head.coef_.shape[1]]
        te = task.split == "test"
        if task.kind == "softmax":
            classes = [str(c) for c in head.classes_]
            ours = classification_report([str(v) for v in np.array(task.labels, dtype=object)[te]],
                                         head.predict_proba(X[te]), classes, np.array(task.groups)[te], n_boot=300)
            base = baseline(task, classes) if tier == "accurate" else None
            extra = kappa_on_multicoded(task, head, X) if task.name in ("behaviour_group", "talk_type") else None
            details[task.name] = {"ours": ours, "baseline": base, "kappa": extra}
            target = TARGETS.get(task.name)
            rows.append(
                f"| {task.name} | {ours['n']} ({ours['n_groups']}) | **{ours['macro_f1']:.3f}** "
                f"({ours['macro_f1_ci95'][0]:.2f}–{ours['macro_f1_ci95'][1]:.2f}) | {ours['accuracy']:.3f} | {ours['ece']:.3f} | "
                + (f"{base['macro_f1']:.3f} | " if base else "– | ") + (f"{target:.2f}" if target else "–") + " |")
        elif task.kind == "sigmoid":

            proba = head.predict_proba(X[te])
            truth = np.array([[l in task.labels[i] for l in head.labels_] for i in np.flatnonzero(te)])
            f1 = [2 * (t & (p >= .5)).sum() / max(t.sum() + (p >= .5).sum(), 1) for t, p in zip(truth.T, proba.T)]
            details[task.name] = {"macro_f1": float(np.mean(f1)), "per_class": dict(zip(head.labels_.tolist(), f1))}
            rows.append(f"| emotions (28 labels, multi-label) | {int(te.sum())} | **{np.mean(f1):.3f}** | – | – | – | – |")
        else:
            pred = head.predict(X[te])
            Y = np.array(task.labels)[te]
            r = [np.corrcoef(pred[:, j], Y[:, j])[0, 1] for j in range(2)]
            details[task.name] = {"pearson": r}
            rows.append(f"| affect (Warriner words, Pearson r) | {int(te.sum())} | valence **{r[0]:.3f}**, arousal **{r[1]:.3f}** | – | – | – | – |")
    return rows, details


def speed() -> list[str]:
    import csv
    import subprocess

    from attunement.models.bundle import load_bundle

    rows = list(csv.DictReader((ROOT.parent / "shared" / "data" / "annomi" / "AnnoMI-simple.csv").open()))[:2000]
    texts = [r["utterance_text"] for r in rows]
    contexts = [""] + texts[:-1]
    out = []
    for tier in ("accurate", "fast"):
        bundle = load_bundle(tier)
        bundle.encoder(contexts[:50], texts[:50])
        start = time.perf_counter()
        X = bundle.encoder(contexts, texts)
        for head in bundle.heads.values():
            getattr(head, "predict_proba", getattr(head, "predict", None))(X[:, : head.coef_.shape[1]])
        rate = len(texts) / (time.perf_counter() - start)
        # Peak memory from VmHWM: ru_maxrss survives exec, so a child of this (large) process would report its parent's.
        code = (f"import re, time; t=time.perf_counter(); from attunement.models.bundle import load_bundle; "
                f"b = load_bundle('{tier}'); d = time.perf_counter()-t; b.encoder({contexts[:8]!r}, {texts[:8]!r}); "
                f"print(d, int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024)")
        load_s, peak = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
        out.append(f"| {tier} | {rate:,.0f} utterances/s | {load_s:.2f} s | {peak:.0f} MB |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    lines = ["## Trained codes: held-out accuracy (`python benchmarks/accuracy.py`)", ""]
    header = ("| code | test items (groups) | macro-F1 (95% CI) | accuracy | ECE | TF-IDF+LR baseline macro-F1 | target |\n"
              "|---|---|---|---|---|---|---|")
    all_details = {}
    for tier in ("accurate", "fast"):
        rows, details = evaluate(tier)
        all_details[tier] = details
        lines += [f"### {tier} tier", "", header, *rows, ""]
    acc = all_details["accurate"]
    for name in ("behaviour_group", "talk_type"):
        k = acc[name]["kappa"]
        if k:
            lines.append(f"- {name}: on the {k['n']} held-out utterances of AnnoMI's multiply-coded transcripts "
                         f"(the others are in the training part), Cohen's κ model vs majority label {k['model_vs_majority']:.3f}; "
                         f"coders among themselves (mean pairwise κ) {k['coders_mean_pairwise']:.3f}.")
    refl = acc["reflection_kind"]["ours"]
    lines.append(f"- Reflection simple vs complex (given a reflection): macro-F1 {refl['macro_f1']:.3f}, "
                 f"per class {', '.join(f'{k} {v:.2f}' for k, v in refl['per_class_f1'].items())}.")
    conf = acc["behaviour_group"]["ours"]["confusion"]
    lines += ["", "Confusion matrix, behaviour_group (accurate tier; rows true, columns predicted: "
              + ", ".join(conf["classes"]) + "):", "", "```"] + [" ".join(f"{v:5d}" for v in row) for row in conf["matrix"]] + ["```", ""]
    lines += ["### Speed and memory (2 cores; 2,000 AnnoMI utterances with their context, encoder + every head)", "",
              "| tier | throughput | model load (fresh process) | peak memory |", "|---|---|---|---|", *speed(), ""]
    publish("accuracy", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
