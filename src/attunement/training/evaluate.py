"""Metrics for held-out evaluation: macro-F1 with group-bootstrap intervals, per-class F1,
confusion matrices, expected calibration error and Cohen's kappa. Pure numpy."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["macro_f1", "per_class_f1", "confusion", "ece", "kappa", "bootstrap_ci", "classification_report"]


def per_class_f1(y: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> dict[str, float]:
    y, pred = np.asarray(y), np.asarray(pred)
    out = {}
    for c in classes:
        tp = np.sum((y == c) & (pred == c))
        fp = np.sum((y != c) & (pred == c))
        fn = np.sum((y == c) & (pred != c))
        out[str(c)] = float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0
    return out


def macro_f1(y: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> float:
    return float(np.mean(list(per_class_f1(y, pred, classes).values())))


def confusion(y: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> list[list[int]]:
    """Rows: true class; columns: predicted class, in ``classes`` order."""
    index = {c: i for i, c in enumerate(classes)}
    matrix = np.zeros((len(classes), len(classes)), dtype=int)
    for a, b in zip(y, pred):
        matrix[index[a], index[b]] += 1
    return matrix.tolist()


def ece(confidence: np.ndarray, correct: np.ndarray, *, bins: int = 10) -> float:
    """Expected calibration error of the top-class confidence, equal-width bins."""
    confidence, correct = np.asarray(confidence, float), np.asarray(correct, float)
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (confidence > lo) & (confidence <= hi)
        if mask.any():
            total += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total)


def kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa between two labelings of the same items."""
    a, b = np.asarray(a), np.asarray(b)
    labels = np.unique(np.concatenate([a, b]))
    observed = np.mean(a == b)
    expected = sum(np.mean(a == l) * np.mean(b == l) for l in labels)
    return float((observed - expected) / (1 - expected)) if expected < 1 else 1.0


def bootstrap_ci(metric, y, pred, groups, *, n: int = 1000, seed: int = 0, level: float = 0.95) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Confidence interval of ``metric(y, pred)`` resampling whole groups (transcripts), not items."""
    y, pred, groups = np.asarray(y), np.asarray(pred), np.asarray(groups)
    names = np.unique(groups)
    members = {g: np.flatnonzero(groups == g) for g in names}
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n):
        index = np.concatenate([members[g] for g in rng.choice(names, size=len(names), replace=True)])
        values.append(metric(y[index], pred[index]))
    lo, hi = np.quantile(values, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def classification_report(y: Sequence[str], proba: np.ndarray, classes: Sequence[str], groups: Sequence[str], *,
                          n_boot: int = 500) -> dict[str, object]:
    """Everything reported for one classifier on one test set."""
    classes = [str(c) for c in classes]
    y = np.asarray([str(v) for v in y])
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    confidence = proba.max(axis=1)
    lo, hi = bootstrap_ci(lambda a, b: macro_f1(a, b, classes), y, pred, groups, n=n_boot)
    return {
        "n": int(len(y)),
        "n_groups": int(len(set(groups))),
        "macro_f1": macro_f1(y, pred, classes),
        "macro_f1_ci95": [lo, hi],
        "accuracy": float(np.mean(y == pred)),
        "per_class_f1": per_class_f1(y, pred, classes),
        "confusion": {"classes": classes, "matrix": confusion(y, pred, classes)},
        "ece": ece(confidence, y == pred),
    }
