"""Synchrony between therapist and client: pure functions over word lists and arrays.

* :func:`lsm` — language style matching (Ireland & Pennebaker, 2010): for each of nine
  function-word categories, ``1 − |p1 − p2| / (p1 + p2 + 0.0001)`` where p is the share of
  a speaker's words in the category, averaged over the categories. The word lists are ours
  (common English function words), not LIWC's.
* :func:`lagged_correlation` — windowed lagged cross-correlation of two series (e.g. client
  and therapist valence turn by turn), with a surrogate test (circular shifts) and who leads.
* :func:`turn_rhythm` — regularity of turn lengths and latencies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis
from .tokens import words

__all__ = ["FUNCTION_WORDS", "category_shares", "lsm", "lagged_correlation", "turn_rhythm", "Synchrony"]

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "personal_pronouns": frozenset("i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his "
                                   "himself she her hers herself they them their theirs themselves".split()),
    "impersonal_pronouns": frozenset("it its itself this that these those something anything everything nothing someone "
                                     "anyone everyone nobody what which whatever".split()),
    "articles": frozenset("a an the".split()),
    "conjunctions": frozenset("and but or so because although though while whereas if unless nor yet".split()),
    "prepositions": frozenset("to of in on at for with about from by as into like through after over between out "
                              "against during without before under around among up down off near".split()),
    "auxiliary_verbs": frozenset("am is are was were be been being have has had do does did will would shall should can "
                                 "could may might must".split()),
    "adverbs": frozenset("very really just so too quite rather pretty almost always never often sometimes usually "
                         "here there now then still even also only again".split()),
    "negations": frozenset("no not never none nothing nobody neither nor don't doesn't didn't can't won't isn't aren't "
                           "wasn't weren't couldn't wouldn't shouldn't haven't hasn't".split()),
    "quantifiers": frozenset("all some any many much more most few little lots several each every both enough "
                             "less least".split()),
}


_CATEGORY_OF: dict[str, list[int]] = {}
for _k, _vocab in enumerate(FUNCTION_WORDS.values()):
    for _w in _vocab:
        _CATEGORY_OF.setdefault(_w, []).append(_k)


def category_shares(words: Sequence[str]) -> np.ndarray:
    """Share of ``words`` in each function-word category, in :data:`FUNCTION_WORDS` order."""
    counts = np.zeros(len(FUNCTION_WORDS))
    for w in words:
        for k in _CATEGORY_OF.get(w, ()):
            counts[k] += 1
    return counts / max(len(words), 1)


def lsm(words_a: Sequence[str], words_b: Sequence[str]) -> float:
    """Language style matching of two speakers' words, 0 (none) … 1 (identical style).

    >>> lsm("i am so sorry".split(), "i am so sorry".split())
    1.0
    """
    a, b = category_shares(words_a), category_shares(words_b)
    return round(float(np.mean(1 - np.abs(a - b) / (a + b + 0.0001))), 4)


def lagged_correlation(x: np.ndarray, y: np.ndarray, *, max_lag: int = 2, surrogates: int = 500,
                       seed: int = 0) -> dict[str, float | int | None]:
    """Correlation of ``x`` and ``y`` at lags −max_lag … +max_lag, tested against circular-shift surrogates.

    A positive best lag means ``x`` leads (``y`` follows ``x`` by that many steps).

    Returns
    -------
    dict
        ``r`` at lag 0, ``best_lag``, ``best_r``, ``p`` (share of surrogates whose best
        absolute correlation is at least as large), ``leader`` ("x", "y" or None), ``n``.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    if n < 2 * max_lag + 4 or np.std(x) == 0 or np.std(y) == 0:
        return {"r": None, "best_lag": None, "best_r": None, "p": None, "leader": None, "n": n}

    def corr_at(a: np.ndarray, b: np.ndarray, lag: int) -> float:
        if lag > 0:
            a, b = a[:-lag], b[lag:]
        elif lag < 0:
            a, b = a[-lag:], b[:lag]
        if np.std(a) == 0 or np.std(b) == 0:
            return 0.0
        return float(np.corrcoef(a, b)[0, 1])

    lags = range(-max_lag, max_lag + 1)
    values = {lag: corr_at(x, y, lag) for lag in lags}
    best_lag = max(values, key=lambda k: (abs(values[k]), -abs(k)))
    rng = np.random.default_rng(seed)
    shifts = rng.integers(max_lag + 2, n - max_lag - 1, size=surrogates)  # shifts near 0 would rebuild the signal
    null = y[(np.arange(n)[None, :] - shifts[:, None]) % n]  # row k is y rolled by shifts[k]
    best_null = np.zeros(surrogates)
    for lag in lags:  # vectorised over surrogates: one correlation per row
        a, b = (x[:-lag], null[:, lag:]) if lag > 0 else (x[-lag:], null[:, :lag]) if lag < 0 else (x, null)
        a = (a - a.mean()) / (a.std() or 1.0)
        b = b - b.mean(axis=1, keepdims=True)
        sd = b.std(axis=1)
        r = np.where(sd > 0, (b @ a) / (len(a) * np.where(sd > 0, sd, 1.0)), 0.0)
        best_null = np.maximum(best_null, np.abs(r))
    p = (1 + int(np.sum(best_null >= abs(values[best_lag]) - 1e-12))) / (1 + surrogates)
    leader = None if best_lag == 0 or p > 0.05 else ("x" if best_lag > 0 else "y")
    return {"r": round(values[0], 4), "best_lag": best_lag, "best_r": round(values[best_lag], 4),
            "p": round(p, 4), "leader": leader, "n": n}


def turn_rhythm(lengths: np.ndarray, latencies: np.ndarray | None = None) -> dict[str, float | None]:
    """Turn-taking rhythm: variability of turn lengths (and of latencies where measured).

    Coefficients of variation (standard deviation / mean); lower means a steadier rhythm.
    """
    lengths = np.asarray(lengths, float)
    cv = float(np.std(lengths) / np.mean(lengths)) if len(lengths) > 1 and np.mean(lengths) > 0 else None
    out: dict[str, float | None] = {"turn_length_cv": None if cv is None else round(cv, 4)}
    if latencies is not None and len(latencies) > 1 and np.mean(latencies) > 0:
        out["latency_cv"] = round(float(np.std(latencies) / np.mean(latencies)), 4)
    else:
        out["latency_cv"] = None
    return out


@dataclass
class Synchrony:
    """Language style matching, semantic alignment, affect synchrony and turn-taking rhythm."""

    max_lag: int = 2
    surrogates: int = 200

    def __post_init__(self) -> None:
        if self.max_lag < 1 or self.surrogates < 0:
            raise ValueError("max_lag must be 1 or more and surrogates 0 or more")

    name: ClassVar[str] = "synchrony"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.valence_lexicon", "utterance.codes.context_similarity",
                                           "utterance.timing.pause_before")
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.synchrony",)

    def __call__(self, analysis: Analysis) -> None:
        utterances, slots = analysis.session.utterances, analysis.utterances
        by_role = {r: [w for u in utterances if u.role == r for w in words(u.text)] for r in ("therapist", "client")}
        pairs = [(i - 1, i) for i, u in enumerate(utterances) if i and u.role == "therapist" and utterances[i - 1].role == "client"]
        turn_lsm = [lsm(words(utterances[c].text), words(utterances[t].text)) for c, t in pairs
                    if len(words(utterances[c].text)) >= 5 and len(words(utterances[t].text)) >= 5]
        alignment = [slots[t].codes["context_similarity"] for _, t in pairs if "context_similarity" in slots[t].codes]
        client_v = np.array([slots[c].codes.get("valence_lexicon", 0.0) for c, _ in pairs])
        therapist_v = np.array([slots[t].codes.get("valence_lexicon", 0.0) for _, t in pairs])
        affect = lagged_correlation(client_v, therapist_v, max_lag=self.max_lag, surrogates=self.surrogates)
        affect["leader"] = {"x": "client", "y": "therapist"}.get(affect["leader"]) if affect["leader"] else None  # type: ignore[arg-type]
        latencies = np.array([s.timing["pause_before"] for s in slots if s.timing.get("pause_before") is not None])
        vocal = self._vocal(utterances, pairs)
        analysis.scores["synchrony"] = {
            "lsm_session": lsm(by_role["therapist"], by_role["client"]) if by_role["therapist"] and by_role["client"] else None,
            "lsm_turns_mean": round(float(np.mean(turn_lsm)), 4) if turn_lsm else None,
            "semantic_alignment_mean": round(float(np.mean(alignment)), 4) if alignment else None,
            "affect": {**affect, "series": "lexicon valence of client turn and therapist answer, paired"},
            "rhythm": turn_rhythm(np.array([len(words(u.text)) for u in utterances]), latencies if len(latencies) else None),
            "pairs": len(pairs),
            **({"vocal": vocal} if vocal is not None else {}),
            **({"movement": analysis.session.metadata["movement"]["synchrony"]} if "movement" in analysis.session.metadata else {}),
        }

    def _vocal(self, utterances: Sequence[Any], pairs: list[tuple[int, int]]) -> dict[str, Any] | None:
        """From a recording: pitch and loudness of each client turn and the therapist's answer, lagged (turn pairs),
        with who leads and a surrogate test; None when the session was not read from a recording."""
        voiced = [(c, t) for c, t in pairs if utterances[c].prosody is not None and utterances[t].prosody is not None]
        if not voiced:
            return None
        out: dict[str, Any] = {"pairs": len(voiced)}
        for name, field_ in (("pitch", "pitch_mean_hz"), ("intensity", "intensity_db")):
            both = [(getattr(utterances[c].prosody, field_), getattr(utterances[t].prosody, field_)) for c, t in voiced]
            both = [(a, b) for a, b in both if a is not None and b is not None]
            found = lagged_correlation(np.array([a for a, _ in both], dtype=float), np.array([b for _, b in both], dtype=float),
                                       max_lag=self.max_lag, surrogates=self.surrogates)
            found["leader"] = {"x": "client", "y": "therapist"}.get(found["leader"]) if found["leader"] else None  # type: ignore[arg-type]
            out[name] = found
        return out
