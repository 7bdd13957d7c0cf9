"""Classifier and regressor heads over encoder vectors, in numpy (scikit-learn's estimator contract).

Constructors only store their arguments; :meth:`fit` returns ``self`` and sets
attributes ending in ``_``; using a head before it is fitted raises
:class:`NotFittedError`. Fitting uses scikit-learn (training only); predicting
needs numpy alone, so run time stays small. Probabilities are calibrated by a
temperature fitted on held-out data (:meth:`calibrate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import AttunementError

__all__ = ["head_input", "NotFittedError", "SoftmaxHead", "SigmoidHead", "RidgeHead", "HEADS", "head_from_arrays"]


class NotFittedError(AttunementError, ValueError):
    """A head was used before :meth:`fit`."""


def _check(head: Any, *names: str) -> None:
    if not all(hasattr(head, n) for n in names):
        raise NotFittedError(f"{type(head).__name__} is not fitted yet; call fit() first")


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(logits: np.ndarray, y: np.ndarray, probs: Any) -> float:
    """The temperature minimising negative log-likelihood on held-out data (golden-section search)."""

    def nll(t: float) -> float:
        p = probs(logits / t)
        return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y] if p.ndim == 2 and y.ndim == 1 else
                                              np.where(y, p, 1 - p), 1e-12, 1))))

    lo, hi = 0.05, 10.0
    g = (np.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        lo, hi = (lo, b) if nll(a) < nll(b) else (a, hi)
    return (lo + hi) / 2


def head_input(head: Any, X: np.ndarray) -> np.ndarray:
    """The part of the encoder vectors a head reads: all of it, or the text half for heads trained without context."""
    return X[:, : head.coef_.shape[1]] if head.coef_.shape[1] < X.shape[1] else X


class SoftmaxHead:
    """Multi-class logistic regression: one label per utterance, with class probabilities.

    Parameters
    ----------
    C
        Inverse regularisation strength.
    class_weight
        ``"balanced"`` to weigh classes by inverse frequency, or None.
    """

    def __init__(self, *, C: float = 1.0, class_weight: str | None = "balanced") -> None:
        self.C = C
        self.class_weight = class_weight

    def fit(self, X: np.ndarray, y: Sequence[str]) -> SoftmaxHead:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000)
        model.fit(X, np.asarray(y))
        self.classes_ = np.asarray(model.classes_).astype(str)
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:  # scikit-learn keeps one row for two classes
            coef, intercept = np.vstack([-coef[0] / 2, coef[0] / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        self.coef_, self.intercept_ = coef.astype(np.float32), intercept.astype(np.float32)
        self.temperature_ = 1.0
        return self

    @classmethod
    def from_weights(cls, classes: Sequence[str], coef: np.ndarray, intercept: np.ndarray) -> SoftmaxHead:
        """A head from weights trained elsewhere (the fine-tuned network's own heads)."""
        head = cls()
        head.classes_ = np.asarray(classes).astype(str)
        head.coef_, head.intercept_ = coef.astype(np.float32), intercept.astype(np.float32)
        head.temperature_ = 1.0
        return head

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        _check(self, "coef_")
        return X @ self.coef_.T + self.intercept_

    def calibrate(self, X: np.ndarray, y: Sequence[str]) -> SoftmaxHead:
        """Fit the temperature on held-out data so that confidences match accuracy."""
        index = {c: i for i, c in enumerate(self.classes_)}
        target = np.array([index[str(v)] for v in y])
        self.temperature_ = _fit_temperature(self.decision_function(X), target, _softmax)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return _softmax(self.decision_function(X) / self.temperature_)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def to_arrays(self) -> dict[str, np.ndarray]:
        _check(self, "coef_")
        return {"kind": np.array("softmax"), "classes": self.classes_, "coef": self.coef_,
                "intercept": self.intercept_, "temperature": np.array(self.temperature_)}


class SigmoidHead:
    """Independent binary logistic regressions, one per label (multi-label: emotions)."""

    def __init__(self, *, C: float = 1.0, class_weight: str | None = None) -> None:
        self.C = C
        self.class_weight = class_weight

    def fit(self, X: np.ndarray, Y: Sequence[Sequence[str]], labels: Sequence[str] | None = None) -> SigmoidHead:
        from sklearn.linear_model import LogisticRegression

        self.labels_ = np.asarray(labels if labels is not None else sorted({l for ys in Y for l in ys})).astype(str)
        rows, intercepts = [], []
        for label in self.labels_:
            target = np.array([label in ys for ys in Y])
            model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000).fit(X, target)
            rows.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        self.coef_ = np.array(rows, dtype=np.float32)
        self.intercept_ = np.array(intercepts, dtype=np.float32)
        self.temperature_ = np.ones(len(self.labels_), dtype=np.float32)
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        _check(self, "coef_")
        return X @ self.coef_.T + self.intercept_

    def calibrate(self, X: np.ndarray, Y: Sequence[Sequence[str]]) -> SigmoidHead:
        """One temperature per label, fitted on held-out data."""
        logits = self.decision_function(X)
        for j, label in enumerate(self.labels_):
            target = np.array([label in ys for ys in Y])
            self.temperature_[j] = _fit_temperature(logits[:, [j]], target[:, None], lambda z: 1 / (1 + np.exp(-z)))
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.decision_function(X) / self.temperature_))

    def to_arrays(self) -> dict[str, np.ndarray]:
        _check(self, "coef_")
        return {"kind": np.array("sigmoid"), "classes": self.labels_, "coef": self.coef_,
                "intercept": self.intercept_, "temperature": self.temperature_}


class RidgeHead:
    """Linear regression with an L2 penalty, for continuous targets (valence, arousal)."""

    def __init__(self, *, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def fit(self, X: np.ndarray, y: np.ndarray) -> RidgeHead:
        from sklearn.linear_model import Ridge

        model = Ridge(alpha=self.alpha).fit(X, y)
        self.coef_ = np.atleast_2d(model.coef_).astype(np.float32)
        self.intercept_ = np.atleast_1d(model.intercept_).astype(np.float32)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        _check(self, "coef_")
        return X @ self.coef_.T + self.intercept_

    def to_arrays(self) -> dict[str, np.ndarray]:
        _check(self, "coef_")
        return {"kind": np.array("ridge"), "classes": np.array([], dtype=str), "coef": self.coef_,
                "intercept": self.intercept_, "temperature": np.array(1.0)}


HEADS = {"softmax": SoftmaxHead, "sigmoid": SigmoidHead, "ridge": RidgeHead}


def head_from_arrays(arrays: dict[str, np.ndarray]) -> SoftmaxHead | SigmoidHead | RidgeHead:
    """Rebuild a fitted head from :meth:`to_arrays` output (as stored in ``heads.npz``)."""
    kind = str(arrays["kind"])
    head = HEADS[kind]()
    head.coef_ = arrays["coef"].astype(np.float32)
    head.intercept_ = arrays["intercept"].astype(np.float32)
    if kind == "softmax":
        head.classes_ = arrays["classes"].astype(str)
        head.temperature_ = float(arrays["temperature"])
    elif kind == "sigmoid":
        head.labels_ = arrays["classes"].astype(str)
        head.temperature_ = arrays["temperature"].astype(np.float32)
    return head
