"""Train, calibrate and evaluate every head on one encoder's vectors.

For each code: features of its data set (cached per encoder), a split by group
(transcript, conversation, post), regularisation chosen on the validation part,
a temperature fitted on the validation part, and a report on the test part
that was never used for either.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..models.heads import RidgeHead, SigmoidHead, SoftmaxHead
from . import data
from .evaluate import classification_report, ece, macro_f1
from .splits import group_split

__all__ = ["Task", "tasks", "train_heads", "features"]

log = logging.getLogger("attunement.training")
Encoder = Callable[[list[str], list[str]], np.ndarray]


class Task:
    """One head: its data, labels, groups, and split."""

    def __init__(self, name: str, examples: data.Examples, labels: list[Any], groups: list[str],
                 split: np.ndarray, kind: str = "softmax", source: str = "", licence: str = "",
                 text_only: bool = False) -> None:
        self.name, self.examples, self.labels, self.groups = name, examples, labels, groups
        self.split, self.kind, self.source, self.licence = split, kind, source, licence
        #: Trained without context (GoEmotions, word norms): the head reads the text half of the vector only.
        self.text_only = text_only


def features(encoder: Encoder, examples: data.Examples, cache: Path | None, key: str) -> np.ndarray:
    """Encoder vectors of every (context, text) pair, cached on disk by encoder and data."""
    digest = hashlib.sha256("\x00".join(examples.context + examples.text).encode()).hexdigest()[:12]
    path = cache / f"{key}-{digest}.npy" if cache else None  # same pairs, same vectors, whatever the task
    if path is not None and path.exists():
        return np.load(path)
    log.info("encoding %s (%d pairs)", examples.name, len(examples))
    vectors = encoder(examples.context, examples.text)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def tasks(root: Path | None = None, *, goemotions_train: int = 20000) -> list[Task]:
    """Every head's data, labels and split. GoEmotions' training part is subsampled (seeded)."""
    out: list[Task] = []
    therapist, client = data.annomi(root)
    t_split = group_split([f"annomi-{g}" for g in therapist.group])
    annomi_licence = "AnnoMI: no licence stated (described as public domain); third-party videos"
    out.append(Task("behaviour_group", therapist, [g for g, _ in therapist.label], therapist.group, t_split,
                    source="AnnoMI therapist utterances", licence=annomi_licence))
    for head, group in (("question_kind", "question"), ("reflection_kind", "reflection"), ("input_kind", "therapist_input")):
        keep = [i for i, (g, s) in enumerate(therapist.label) if g == group and s != "other"]
        sub = _subset(therapist, keep, f"annomi_{head}")
        out.append(Task(head, sub, [therapist.label[i][1] for i in keep], sub.group, t_split[keep],
                        source=f"AnnoMI therapist {group} utterances (subtype)", licence=annomi_licence))
    out.append(Task("talk_type", client, client.label, client.group, group_split([f"annomi-{g}" for g in client.group]),
                    source="AnnoMI client utterances", licence=annomi_licence))
    for name, examples in data.epitome(root).items():
        out.append(Task(name, examples, [str(v) for v in examples.label], examples.group,
                        group_split([f"epitome-{g}" for g in examples.group]),
                        source="EPITOME Reddit seeker post / response pairs", licence="academic, non-commercial"))
    strategy, _ = data.esconv(root)
    out.append(Task("strategy", strategy, strategy.label, strategy.group, group_split([f"esconv-{g}" for g in strategy.group]),
                    source="ESConv supporter turns", licence="CC BY-NC 4.0, research only"))
    exchanges = data.empathetic_exchanges(root)
    out.append(Task("perceived_empathy", exchanges, [str(v) for v in exchanges.label], exchanges.group,
                    group_split([f"ee-{g}" for g in exchanges.group]),
                    source="EmpatheticExchanges listener turns (3-point behavioural empathy)", licence="CC BY-NC 4.0"))
    go = data.goemotions(root)
    rng = np.random.default_rng(7)
    keep = sorted(rng.choice(len(go["train"]), size=min(goemotions_train, len(go["train"])), replace=False))
    train = _subset(go["train"], keep, "goemotions_train_sample")
    merged = _concat("goemotions", [train, go["dev"], go["test"]])
    split = np.array(["train"] * len(train) + ["val"] * len(go["dev"]) + ["test"] * len(go["test"]))
    out.append(Task("emotions", merged, merged.label, merged.group, split, kind="sigmoid", text_only=True,
                    source="GoEmotions (its own train/dev/test splits; train subsampled to 20,000)", licence="Apache-2.0"))
    norms = data.warriner(root)
    is_dev = np.array(norms.extra["dev"])
    split = np.where(is_dev, "test", group_split([f"w-{g}" for g in norms.group], fractions=(0.9, 0.1, 0.0)))
    affect = [((v - 5) / 4, (a - 1) / 8) for v, a in norms.label]  # valence -1..1, arousal 0..1
    out.append(Task("affect", norms, affect, norms.group, split, kind="ridge", text_only=True,
                    source="Warriner et al. (2013) word norms (valence, arousal); the data set's dev words held out",
                    licence="CC BY-NC-ND 3.0 (only a model trained on it is shipped, never the norms)"))
    return out


def _subset(examples: data.Examples, keep: list[int], name: str) -> data.Examples:
    out = data.Examples(name)
    for i in keep:
        out.add(examples.context[i], examples.text[i], examples.label[i], examples.group[i])
    return out


def _concat(name: str, parts: list[data.Examples]) -> data.Examples:
    out = data.Examples(name)
    for part in parts:
        for c, t, l, g in zip(part.context, part.text, part.label, part.group):
            out.add(c, t, l, g)
    return out


def _fit_softmax(task: Task, X: np.ndarray) -> tuple[SoftmaxHead, dict[str, Any]]:
    y = np.array([str(v) for v in task.labels])
    tr, va, te = (task.split == s for s in ("train", "val", "test"))
    classes = sorted(set(y))
    best = None
    for C in (0.1, 0.5, 2.0):
        head = SoftmaxHead(C=C).fit(X[tr], y[tr])
        score = macro_f1(y[va], head.predict(X[va]), classes)
        log.info("%s C=%s val macro-F1 %.3f", task.name, C, score)
        if best is None or score > best[0]:
            best = (score, C, head)
    assert best is not None
    _, C, head = best
    head.calibrate(X[va], y[va])
    report = classification_report(y[te], head.predict_proba(X[te]), head.classes_, np.array(task.groups)[te])
    report.update(C=C, temperature=head.temperature_, n_train=int(tr.sum()), n_val=int(va.sum()))
    return head, report


def _fit_sigmoid(task: Task, X: np.ndarray) -> tuple[SigmoidHead, dict[str, Any]]:
    Y = task.labels
    tr, va, te = (task.split == s for s in ("train", "val", "test"))
    labels = sorted({l for ys in Y for l in ys})
    head = SigmoidHead(C=0.5, class_weight=None).fit(X[tr], [Y[i] for i in np.flatnonzero(tr)], labels)
    head.calibrate(X[va], [Y[i] for i in np.flatnonzero(va)])
    proba = head.predict_proba(X[te])
    truth = np.array([[l in Y[i] for l in head.labels_] for i in np.flatnonzero(te)])
    pred = proba >= 0.5
    f1 = [2 * (t & p).sum() / max((t.sum() + p.sum()), 1) for t, p in zip(truth.T, pred.T)]
    report = {
        "n": int(te.sum()), "n_train": int(tr.sum()), "n_val": int(va.sum()),
        "macro_f1": float(np.mean(f1)),
        "micro_f1": float(2 * (truth & pred).sum() / max(truth.sum() + pred.sum(), 1)),
        "per_class_f1": {str(l): float(v) for l, v in zip(head.labels_, f1)},
        "ece": float(np.mean([ece(np.maximum(p, 1 - p), (p >= 0.5) == t) for p, t in zip(proba.T, truth.T)])),
        "top1_accuracy": float(np.mean(truth[np.arange(len(truth)), proba.argmax(1)])),
    }
    return head, report


def _fit_ridge(task: Task, X: np.ndarray) -> tuple[RidgeHead, dict[str, Any]]:
    Y = np.array(task.labels, dtype=float)
    tr, va, te = (task.split == s for s in ("train", "val", "test"))
    head = RidgeHead(alpha=3.0).fit(X[tr | va], Y[tr | va])
    pred = head.predict(X[te])
    r = [float(np.corrcoef(pred[:, j], Y[te][:, j])[0, 1]) for j in range(Y.shape[1])]
    return head, {"n": int(te.sum()), "n_train": int((tr | va).sum()), "pearson_valence": r[0], "pearson_arousal": r[1],
                  "note": "word-level held-out correlation; applied to whole utterances at run time"}


def train_heads(encoder: Encoder, task_list: list[Task], *, cache: Path | None, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit every task's head; returns the heads and their reports."""
    heads: dict[str, Any] = {}
    reports: dict[str, Any] = {}
    fit = {"softmax": _fit_softmax, "sigmoid": _fit_sigmoid, "ridge": _fit_ridge}
    for task in task_list:
        X = features(encoder, task.examples, cache, key)
        if task.text_only:
            X = X[:, : X.shape[1] // 2]
        heads[task.name], report = fit[task.kind](task, X)
        report.update(source=task.source, licence=task.licence, kind=task.kind)
        reports[task.name] = report
        log.info("%s: %s", task.name, {k: v for k, v in report.items() if k in ("macro_f1", "macro_f1_ci95", "ece", "pearson_valence", "pearson_arousal")})
    return heads, reports
