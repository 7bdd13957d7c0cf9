"""Code every utterance with the trained models: one encoder pass serves every code.

Each utterance is encoded together with the turn it answers (the last turn of
the other role, up to three turns back). Therapist utterances get a behaviour
(with its group), the three empathy mechanisms, a support strategy and a
perceived-empathy score; client utterances get a talk type, emotions, valence
and arousal. Every code carries a calibrated confidence. Utterances that do not
look like English are still coded but flagged, their confidences halved.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..errors import AttunementWarning
from ..model import Analysis, Utterance
from ..models.bundle import ModelBundle, load_bundle
from ..models.heads import head_input
from ..models.language import is_probably_english
from .behaviour_rules import RULE_CONFIDENCE, affirmation, own_story, self_disclosure
from .moves import find_moves, permission_asked
from .roadblocks import find_roadblocks, mi_adherence, recoded_behaviour
from .tokens import is_backchannel, with_surrogates

__all__ = ["Coder", "context_of", "EMOTION_FLOOR", "therapist_codes", "code_responses"]

#: Emotions below this probability are left out of ``codes.emotions``.
EMOTION_FLOOR = 0.1
_SUBHEAD = {"question": "question_kind", "reflection": "reflection_kind", "therapist_input": "input_kind"}
_MECHANISMS = ("emotional_reaction", "interpretation", "exploration")


def context_of(utterances: tuple[Utterance, ...], i: int, *, reach: int = 3, surrogates: bool = True) -> str:
    """The words of the last turn by someone in another role, at most ``reach`` turns back."""
    role = utterances[i].role
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if utterances[j].role != role:
            return with_surrogates(utterances[j].text) if surrogates else utterances[j].text
    return ""


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity (0 where a row is all zeros)."""
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.where(norms > 0, (a * b).sum(axis=1) / np.where(norms > 0, norms, 1), 0.0)


def _top(head: Any, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    proba = head.predict_proba(x)
    return head.classes_[proba.argmax(axis=1)], proba.max(axis=1)


@dataclass
class Coder:
    """Therapist and client codes from the shipped models (``tier``: accurate or fast)."""

    tier: str = "accurate"
    model_dir: str = ""

    name: ClassVar[str] = "coder"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = tuple(
        f"utterance.codes.{key}" for key in (
            "behaviour", "behaviour_confidence", "behaviour_group", "behaviour_group_confidence", "behaviour_evidence",
            "empathy", "strategy", "strategy_confidence", "perceived_empathy", "perceived_empathy_confidence",
            "talk_type", "talk_type_confidence", "emotions", "valence", "arousal", "language", "models",
            "context_similarity", "roadblocks", "mi_adherence", "backchannel", "works_against")
    ) + ("session.scores.codes",)

    def __post_init__(self) -> None:
        if self.tier not in ("accurate", "fast"):
            raise ValueError("tier must be 'accurate' or 'fast'")

    def prepare(self) -> None:
        """Load the models now (once per process)."""
        _ = self.bundle

    @property
    def bundle(self) -> ModelBundle:
        return load_bundle(self.tier, self.model_dir or None)

    def __call__(self, analysis: Analysis) -> None:
        bundle = self.bundle
        utterances = analysis.session.utterances
        if not utterances:
            return
        texts = [with_surrogates(u.text) for u in utterances]  # a de-identified session is coded as the original
        vectors = bundle.encoder([context_of(utterances, i) for i in range(len(utterances))], texts)
        english = np.array([is_probably_english(t, bundle.vocabulary) for t in texts])
        scale = np.where(english, 1.0, 0.5)
        therapist = np.array([u.role == "therapist" for u in utterances])
        client = np.array([u.role == "client" for u in utterances])
        if therapist.any():
            self._therapist(analysis, bundle, vectors, np.flatnonzero(therapist), scale)
        if client.any():
            self._client(analysis, bundle, vectors, np.flatnonzero(client), scale)
        for i in np.flatnonzero(~english):
            analysis.utterances[i].codes["language"] = "not English?"
        flagged = int((~english).sum())
        if flagged:
            warnings.warn(f"{analysis.session.source}: {flagged} utterance(s) do not look like English; the models "
                          "were trained on English, so their codes are shown with halved confidence",
                          AttunementWarning, stacklevel=2)
        half = vectors.shape[1] // 2
        similarity = _cosine(vectors[:, :half], vectors[:, half:])
        for i in np.flatnonzero(therapist | client):
            codes = analysis.utterances[i].codes
            codes["models"] = bundle.tier
            if context_of(utterances, int(i)):
                codes["context_similarity"] = round(float(similarity[i]), 4)
        analysis.scores["codes"] = {"tier": bundle.tier, "version": bundle.manifest.get("version"),
                                    "non_english_utterances": flagged}

    def _therapist(self, analysis: Analysis, bundle: ModelBundle, vectors: np.ndarray, index: np.ndarray,
                   scale: np.ndarray) -> None:
        utterances = analysis.session.utterances
        recents = [" ".join(u.text for u in utterances[max(0, i - 4):i] if u.role == "client") for i in index]
        found = therapist_codes(bundle, vectors[index], [utterances[i].text for i in index], recents,
                                [permission_asked(utterances, i) for i in index], scale[index])
        for i, codes in zip(index, found):
            analysis.utterances[i].codes.update(codes)

    @staticmethod
    def _behaviour(group: str, p_group: float, sub: dict[str, tuple[np.ndarray, np.ndarray]], text: str) -> tuple[str, float, str | None]:
        found = self_disclosure(text) if group in ("other", "therapist_input") or (
            group == "reflection" and (own_story(text) or not re.search(r"\byou(?:r|'re|'ve|'d)?\b", text, re.I))) else None
        if found:
            return "self_disclosure", min(p_group, RULE_CONFIDENCE), found
        if group in _SUBHEAD:
            classes, proba = sub[_SUBHEAD[group]]
            j = int(proba.argmax())
            return str(classes[j]), p_group * float(proba[j]), None
        found = affirmation(text)
        if found:
            return "affirm", min(p_group, RULE_CONFIDENCE), found
        return "other", p_group, None

    def _client(self, analysis: Analysis, bundle: ModelBundle, vectors: np.ndarray, index: np.ndarray,
                scale: np.ndarray) -> None:
        x = vectors[index]
        heads = bundle.heads
        talk, talk_conf = _top(heads["talk_type"], x)
        emotions = heads["emotions"].predict_proba(head_input(heads["emotions"], x))
        labels = heads["emotions"].labels_
        affect = heads["affect"].predict(head_input(heads["affect"], x))  # valence -1..1, arousal 0..1
        for k, i in enumerate(index):
            ranked = sorted(((float(p), str(l)) for p, l in zip(emotions[k], labels)), reverse=True)
            minimal = is_backchannel(analysis.session.utterances[i].text)  # "Okay.", "No.": no emotion, no valence
            analysis.utterances[i].codes.update(
                talk_type=str(talk[k]),
                talk_type_confidence=round(float(talk_conf[k]) * scale[i], 4),
                emotions={} if minimal else
                {label: round(p, 3) for p, label in ranked if p >= EMOTION_FLOOR} or {ranked[0][1]: round(ranked[0][0], 3)},
                valence=0.0 if minimal else round(float(np.clip(affect[k, 0], -1, 1)), 4),
                arousal=round(float(np.clip(affect[k, 1], 0, 1)), 4),
                backchannel=minimal,
            )


def therapist_codes(bundle: ModelBundle, x: np.ndarray, texts: list[str], recents: list[str], permitted: list[bool],
                    scale: np.ndarray) -> list[dict[str, Any]]:
    """The therapist codes of responses from their vectors: behaviour, empathy, strategy, roadblocks…

    ``recents`` are the client's words just before each response (for roadblocks); ``permitted``
    whether permission to share was asked; ``scale`` halves confidences for text that is not English.
    """
    heads = bundle.heads
    group_proba = heads["behaviour_group"].predict_proba(x)
    groups = heads["behaviour_group"].classes_[group_proba.argmax(axis=1)]
    sub = {name: heads[name].predict_proba(x) for name in _SUBHEAD.values()}
    mechanisms = {name: _top(heads[name], x) for name in _MECHANISMS}
    strategy, strategy_conf = _top(heads["strategy"], x)
    empathy_proba = heads["perceived_empathy"].predict_proba(x)
    levels = heads["perceived_empathy"].classes_.astype(float)
    against = heads["works_against"].predict_proba(x)[:, 0] if "works_against" in heads else None
    out = []
    for k, text in enumerate(texts):
        group, p_group = str(groups[k]), float(group_proba[k].max())
        behaviour, p_behaviour, evidence = Coder._behaviour(group, p_group, {n: (heads[n].classes_, sub[n][k]) for n in sub}, text)
        blocks = find_roadblocks(text, client_text=recents[k], permitted=permitted[k])
        recoded = recoded_behaviour(behaviour, blocks)
        if recoded != behaviour:  # a confrontation or persuasion is never a reflection or a question
            behaviour, p_behaviour, evidence = recoded, blocks[0]["confidence"], blocks[0]["evidence"]
        codes: dict[str, Any] = dict(
            behaviour=behaviour,
            behaviour_confidence=round(p_behaviour * scale[k], 4),
            behaviour_group=group,
            behaviour_group_confidence=round(p_group * scale[k], 4),
            empathy={name: {"level": int(mechanisms[name][0][k]), "confidence": round(float(mechanisms[name][1][k]) * scale[k], 4)}
                     for name in _MECHANISMS},
            strategy=str(strategy[k]),
            strategy_confidence=round(float(strategy_conf[k]) * scale[k], 4),
            perceived_empathy=round(float(empathy_proba[k] @ levels), 3),
            perceived_empathy_confidence=round(float(empathy_proba[k].max()) * scale[k], 4),
            roadblocks=blocks,
            mi_adherence=mi_adherence(blocks, find_moves(text), behaviour),
        )
        if evidence:
            codes["behaviour_evidence"] = evidence
        if against is not None:
            codes["works_against"] = round(float(against[k]), 3)
        out.append(codes)
    return out


def code_responses(bundle: ModelBundle, client_texts: list[str], texts: list[str]) -> list[dict[str, Any]]:
    """Therapist codes for responses outside a session, each read after one client turn, exactly as the coder
    codes a response inside one (with ``context_similarity``)."""
    if not texts:
        return []
    vectors = bundle.encoder([with_surrogates(c) for c in client_texts], [with_surrogates(t) for t in texts])
    found = therapist_codes(bundle, vectors, texts, client_texts, [False] * len(texts), np.ones(len(texts)))
    half = vectors.shape[1] // 2
    similarity = _cosine(vectors[:, :half], vectors[:, half:])
    for codes, value in zip(found, similarity):
        codes["context_similarity"] = round(float(value), 4)
        codes["models"] = bundle.tier
    return found
