"""The client's state per utterance: valence, arousal and experiencing, and their smoothed series.

- ``valence``: the model's estimate, averaged with the lexicon's where the lexicon
  found feeling words (the lexicon is explicit evidence; the model sees the whole turn).
- ``arousal``: the model's estimate, raised by observed dysregulation (tears, shaking,
  fragmentation, panic words) and lowered by flatness markers, by the amounts in
  :data:`AROUSAL_SHIFTS`. These shifts are ours, not published values.
- ``experiencing``: an estimated Experiencing Scale stage (:mod:`.experiencing`).

Smoothed series (centred moving average over ``window`` client turns) are stored in
``scores.client_series`` for plotting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis
from .experiencing import experiencing_stage

__all__ = ["ClientState", "smooth", "AROUSAL_SHIFTS"]

#: (channel, kind) → change in arousal when such a cue is present (each counted once).
AROUSAL_SHIFTS = {("somatic", "annotated"): 0.15, ("somatic", "sensation"): 0.08, ("emotional", "distress"): 0.12,
                  ("verbal", "fragmentation"): 0.06, ("behavioural", "fidgeting"): 0.05,
                  ("behavioural", "nervous_laughter"): 0.04, ("emotional", "flatness"): -0.12}


def smooth(values: np.ndarray, *, window: int = 3) -> np.ndarray:
    """Centred moving average; the ends use the part of the window that exists.

    >>> smooth(np.array([0.0, 3.0, 0.0]), window=3).round(2).tolist()
    [1.5, 1.0, 1.5]
    """
    values = np.asarray(values, dtype=float)
    if window <= 1 or len(values) == 0:
        return values.copy()
    half = window // 2
    return np.array([values[max(0, i - half) : i + half + 1].mean() for i in range(len(values))])


@dataclass
class ClientState:
    """Valence, arousal and experiencing of every client utterance."""

    window: int = 3

    name: ClassVar[str] = "client_state"
    requires: ClassVar[tuple[str, ...]] = ("utterance.client_state.cues", "utterance.codes.valence",
                                           "utterance.codes.arousal", "utterance.codes.valence_lexicon",
                                           "utterance.codes.valence_evidence", "utterance.codes.backchannel")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.valence", "utterance.client_state.arousal",
                                          "utterance.client_state.experiencing", "utterance.client_state.experiencing_markers",
                                          "session.scores.client_series")

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("window must be 1 or more")

    def __call__(self, analysis: Analysis) -> None:
        index: list[int] = []
        previous_stage: int | None = None
        for i, (u, slot) in enumerate(zip(analysis.session.utterances, analysis.utterances)):
            if u.role != "client":
                continue
            state, codes = slot.client_state, slot.codes
            kinds = {(c["channel"], c["kind"]) for c in state["cues"]}
            lexicon = codes.get("valence_lexicon", 0.0)
            valence = codes["valence"] if not codes.get("valence_evidence") else (codes["valence"] + lexicon) / 2
            arousal = codes["arousal"] + sum(shift for key, shift in AROUSAL_SHIFTS.items() if key in kinds)
            stage, markers = experiencing_stage(u.text, emotional_cue=any(c[0] == "emotional" and c[1] not in ("flatness", "distress") for c in kinds))
            if codes.get("backchannel") and previous_stage is not None:  # "Okay.": no shift of its own
                stage, markers = previous_stage, ["back-channel: stage carried over"]
            previous_stage = stage
            state.update(valence=round(float(np.clip(valence, -1, 1)), 4), arousal=round(float(np.clip(arousal, 0, 1)), 4),
                         experiencing=stage, experiencing_markers=markers)
            index.append(i)
        analysis.scores["client_series"] = self._series(analysis, index)

    def _series(self, analysis: Analysis, index: list[int]) -> dict[str, Any]:
        states = [analysis.utterances[i].client_state for i in index]
        out: dict[str, Any] = {"index": index, "window": self.window}
        for key in ("valence", "arousal", "experiencing"):
            raw = np.array([s[key] for s in states], dtype=float)
            out[key] = [round(float(v), 4) for v in smooth(raw, window=self.window)]
        return out
