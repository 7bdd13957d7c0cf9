"""Valence (how pleasant or unpleasant) of each utterance, from a lexicon, negation-aware.

Word values come from the VADER lexicon (read from the installed
``vaderSentiment`` package, MIT) corrected by our overlay for therapy talk
(``resources/lexicons/valence_overlay.tsv``). Rules:

- multi-word entries ("can't breathe", "too much", "not okay") match first;
- a negator ("not", "-n't", "no", "never", "nothing"...) reaches the next
  ``negation_scope`` words up to punctuation or "but": a negated positive word
  turns negative and weaker ("not happy"), a negated negative word turns
  nearly neutral ("no problems" is not negative);
- intensifiers ("very", "so", "really") strengthen the next word, hedges
  ("a bit", "kind of") soften it;
- after "but", the clause weighs more than the one before it.

The sum is squashed to -1..1 as VADER does (``s / sqrt(s^2 + 15)``). Every word
that contributed is kept as evidence with its character span.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

from ..model import Analysis
from .tokens import word_spans

__all__ = ["Valence", "valence", "load_lexicon"]

_NEGATORS = frozenset(
    "not no never nothing nobody none neither nor without hardly barely cannot nowhere".split()
)
_INTENSIFIERS = {"very": 1.3, "so": 1.25, "really": 1.3, "extremely": 1.5, "totally": 1.3, "completely": 1.4,
                 "incredibly": 1.5, "too": 1.2, "super": 1.3, "quite": 1.1, "awfully": 1.4,
                 "pretty": 1.1}
_HEDGES = {"bit": 0.7, "slightly": 0.6, "somewhat": 0.7, "kinda": 0.7, "little": 0.7, "kind": 0.7, "sort": 0.7}
_CLAUSE_BREAK = frozenset(",.;:!?—–")


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    """Word and phrase values: VADER's lexicon with our overlay applied."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    lexicon = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            lexicon[parts[0]] = float(parts[1])
    phrases: dict[tuple[str, ...], float] = {}
    overlay = resources.files("attunement.resources").joinpath("lexicons/valence_overlay.tsv").read_text("utf-8")
    for line in overlay.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        entry, value = line.split("\t")[:2]
        words = tuple(entry.split())
        if len(words) == 1:
            lexicon[words[0]] = float(value)
        else:
            phrases[words] = float(value)
    return lexicon, phrases


def valence(text: str, *, negation_scope: int = 3, negated_positive: float = -0.6,
            negated_negative: float = -0.2) -> tuple[float, list[dict[str, Any]]]:
    """Valence of a text in -1..1 and the words that made it.

    Examples
    --------
    >>> valence("I am not happy")[0] < 0 <= valence("no problems at all")[0]
    True
    """
    lexicon, phrases = load_lexicon()
    tokens = list(word_spans(text))
    hits: list[tuple[str, int, int, float, int]] = []  # word(s), start, end, value, token index
    i = 0
    while i < len(tokens):
        for size in (3, 2):
            key = tuple(t[0] for t in tokens[i : i + size])
            if len(key) == size and key in phrases:
                hits.append((text[tokens[i][1] : tokens[i + size - 1][2]], tokens[i][1], tokens[i + size - 1][2], phrases[key], i))
                i += size
                break
        else:
            word, start, end = tokens[i]
            if word in lexicon and lexicon[word]:
                hits.append((text[start:end], start, end, lexicon[word], i))
            i += 1
    if not hits:
        return 0.0, []
    evidence = []
    total = 0.0
    but_at = max((k for k, t in enumerate(tokens) if t[0] == "but"), default=-1)
    for surface, start, end, value, k in hits:
        scaled = value * _modifier(tokens, k, text)
        if _negated(tokens, k, text, scope=negation_scope):
            scaled *= negated_positive if value > 0 else negated_negative
        if but_at >= 0:
            scaled *= 1.3 if k > but_at else 0.6
        total += scaled
        evidence.append({"word": surface, "start": start, "end": end, "value": round(scaled, 3)})
    return round(total / math.sqrt(total * total + 15), 4), evidence


def _between(tokens: list[tuple[str, int, int]], a: int, b: int, text: str) -> bool:
    """True if clause-breaking punctuation lies between token a and token b."""
    return any(ch in _CLAUSE_BREAK for ch in text[tokens[a][2] : tokens[b][1]])


def _negated(tokens: list[tuple[str, int, int]], k: int, text: str, *, scope: int) -> bool:
    for j in range(k - 1, max(-1, k - 1 - scope), -1):
        word = tokens[j][0]
        if word == "but" or _between(tokens, j, k, text):
            return False
        if word in _NEGATORS or word.endswith("n't"):
            return True
    return False


def _modifier(tokens: list[tuple[str, int, int]], k: int, text: str) -> float:
    factor = 1.0
    for j in (k - 1, k - 2):
        if j >= 0 and not _between(tokens, j, k, text):
            word = tokens[j][0]
            factor *= _INTENSIFIERS.get(word, 1.0) * _HEDGES.get(word, 1.0)
    return factor


@dataclass
class Valence:
    """Lexicon valence of every utterance (-1..1) with the words behind it: the evidence beside the model's estimate."""

    negation_scope: int = 3
    negated_positive: float = -0.6
    negated_negative: float = -0.2

    def __post_init__(self) -> None:
        if self.negation_scope < 0:
            raise ValueError("negation_scope must be 0 or more")

    name: ClassVar[str] = "lexicon_valence"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("utterance.codes.valence_lexicon", "utterance.codes.valence_evidence",
                                          "session.scores.valence_lexicon")

    def __call__(self, analysis: Analysis) -> None:
        client: list[float] = []
        for u, slot in zip(analysis.session.utterances, analysis.utterances):
            value, evidence = valence(u.text, negation_scope=self.negation_scope,
                                      negated_positive=self.negated_positive, negated_negative=self.negated_negative)
            slot.codes.update(valence_lexicon=value, valence_evidence=evidence)
            if u.role == "client":
                client.append(value)
        analysis.scores["valence_lexicon"] = {
            "client_mean": round(sum(client) / len(client), 4) if client else None,
            "client_min": min(client, default=None),
            "client_max": max(client, default=None),
            "method": "lexicon (VADER + attunement overlay v1), negation-aware",
        }
