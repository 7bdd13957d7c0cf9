"""The client's exploratory space in this session, and the episodes outside it.

Our operational definitions (documented in ``docs/concepts.md``; no published
numeric thresholds exist):

* **Band.** The arousal range in which *this* client engages with feeling without
  dysregulation: the 10th–90th percentile of arousal over their turns that name
  feeling (experiencing ≥ 3) and show no dysregulation or flatness marker. With
  fewer than ``min_band_turns`` such turns, the median ± 1.25 × robust spread of all
  their turns; with fewer than ``min_client_turns`` turns, no band ("not enough evidence").
* **Overwhelm.** Arousal above the band with at least two kinds of dysregulation marker
  (tears or shaking, body sensations, fragmented speech, "I can't" and panic words), or
  three kinds whatever the arousal. One sign alone (a tear) is feeling, not flooding.
* **Shutdown.** Flatness, detachment, intellectualising or deflection, with arousal below
  the band or little feeling (experiencing ≤ 3), within four client turns after distress.
  Silence or a shrug alone is not enough.
* **Stagnation.** ``min_stagnation`` or more client turns in a row at experiencing ≤ 2
  with no emotion cue: a stretch where nothing is felt.

Consecutive turns of a kind (a one-turn gap allowed) form an episode with its start,
end, peak and evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis

__all__ = ["ExploratorySpace", "estimate_band", "DYSREGULATION", "FLATNESS"]

DYSREGULATION = {("somatic", "annotated"), ("verbal", "fragmentation"), ("emotional", "distress"), ("somatic", "sensation")}
#: Markers of shutting down; withdrawal (silence, shrugging) only supports them, it is not enough alone.
FLATNESS = {("emotional", "flatness"), ("cognitive", "intellectualising"), ("behavioural", "deflection")}
WITHDRAWAL = {("behavioural", "withdrawal")}


def estimate_band(arousal: np.ndarray, engaged: np.ndarray, *, min_band_turns: int = 4,
                  min_client_turns: int = 6) -> dict[str, Any]:
    """The band of arousal for one client, from their own turns.

    Parameters
    ----------
    arousal
        Arousal of each client turn (0..1).
    engaged
        True for turns that name feeling without dysregulation or flatness.
    """
    if len(arousal) < min_client_turns:
        return {"lo": None, "hi": None, "basis": "not enough evidence", "n_turns": int(len(arousal))}
    if engaged.sum() >= min_band_turns:
        lo, hi = np.quantile(arousal[engaged], [0.1, 0.9])
        basis = "engaged turns (10th–90th percentile)"
        n = int(engaged.sum())
    else:
        center = float(np.median(arousal))
        spread = max(1.4826 * float(np.median(np.abs(arousal - center))), 0.05)
        lo, hi = center - 1.25 * spread, center + 1.25 * spread
        basis = "all turns (median ± 1.25 robust spread)"
        n = int(len(arousal))
    lo, hi = float(lo), float(hi)
    if hi - lo < 0.1:  # never narrower than 0.1: noise is not a window
        mid = (lo + hi) / 2
        lo, hi = mid - 0.05, mid + 0.05
    return {"lo": round(max(0.0, lo), 4), "hi": round(min(1.0, hi), 4), "width": round(min(1.0, hi) - max(0.0, lo), 4),
            "basis": basis, "n_turns": n}


def _runs(flags: list[bool], *, gap: int = 1) -> list[tuple[int, int]]:
    """(first, last) positions of runs of True, joining runs separated by at most ``gap`` False."""
    runs: list[list[int]] = []
    for k, flag in enumerate(flags):
        if not flag:
            continue
        if runs and k - runs[-1][1] <= gap + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return [(a, b) for a, b in runs]


@dataclass
class ExploratorySpace:
    """The client's band of arousal, each turn's zone, and episodes of overwhelm, shutdown and stagnation."""

    min_client_turns: int = 6
    min_band_turns: int = 4
    min_stagnation: int = 5

    name: ClassVar[str] = "space"
    requires: ClassVar[tuple[str, ...]] = ("utterance.client_state.arousal", "utterance.client_state.experiencing",
                                           "utterance.client_state.cues")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.zone", "session.scores.exploratory_space",
                                          "session.episodes")

    def __call__(self, analysis: Analysis) -> None:
        index = [i for i, u in enumerate(analysis.session.utterances) if u.role == "client"]
        states = [analysis.utterances[i].client_state for i in index]
        kinds = [{(c["channel"], c["kind"]) for c in s["cues"]} for s in states]
        arousal = np.array([s["arousal"] for s in states], dtype=float)
        engaged = np.array([s["experiencing"] >= 3 and not (k & (DYSREGULATION | FLATNESS | WITHDRAWAL)) for s, k in zip(states, kinds)])
        band = estimate_band(arousal, engaged, min_band_turns=self.min_band_turns, min_client_turns=self.min_client_turns)
        analysis.scores["exploratory_space"] = band
        zones = ["within"] * len(index)
        episodes: list[dict[str, Any]] = []
        if band["hi"] is not None:
            over = [len(k & DYSREGULATION) >= 3 or (a > band["hi"] and len(k & DYSREGULATION) >= 2) for a, k in zip(arousal, kinds)]
            episodes += self._episodes("overwhelm", over, index, states, analysis, peak=arousal)
            distress = [bool(k & {("emotional", "distress"), ("somatic", "annotated")}) or o for k, o in zip(kinds, over)]
            shut = [bool(k & FLATNESS) and (a < band["lo"] or s["experiencing"] <= 3) and any(distress[max(0, j - 4):j])
                    for j, (a, k, s) in enumerate(zip(arousal, kinds, states))]
            episodes += self._episodes("shutdown", shut, index, states, analysis, peak=-arousal)
        flat = [s["experiencing"] <= 2 and not any(c == "emotional" and kind != "flatness" for c, kind in k)
                for s, k in zip(states, kinds)]
        stagnant = [r for r in _runs(flat, gap=0) if r[1] - r[0] + 1 >= self.min_stagnation]
        for a, b in stagnant:
            episodes.append(self._episode("stagnation", a, b, index, states, analysis, peak=None))
        position = {i: k for k, i in enumerate(index)}
        for episode in episodes:
            for i in episode["utterances"]:
                if zones[position[i]] == "within":
                    zones[position[i]] = episode["kind"]
        for i, zone in zip(index, zones):
            analysis.utterances[i].client_state["zone"] = zone
        analysis.episodes.extend(sorted(episodes, key=lambda e: e["start"]))

    def _episodes(self, kind: str, flags: list[bool], index: list[int], states: list[dict[str, Any]],
                  analysis: Analysis, *, peak: np.ndarray) -> list[dict[str, Any]]:
        return [self._episode(kind, a, b, index, states, analysis, peak=peak) for a, b in _runs(flags)]

    @staticmethod
    def _episode(kind: str, a: int, b: int, index: list[int], states: list[dict[str, Any]], analysis: Analysis, *,
                 peak: np.ndarray | None) -> dict[str, Any]:
        members = list(range(a, b + 1))
        top = members[int(np.argmax(peak[a : b + 1]))] if peak is not None else a
        evidence = []
        for k in members:
            for cue in states[k]["cues"]:
                if kind != "stagnation" and (cue["channel"], cue["kind"]) in (DYSREGULATION if kind == "overwhelm" else FLATNESS):
                    evidence.append({"index": index[k], "channel": cue["channel"], "kind": cue["kind"], "evidence": cue["evidence"]})
        if kind == "stagnation":
            evidence = [{"index": index[k], "experiencing": states[k]["experiencing"],
                         "evidence": analysis.session.utterances[index[k]].text[:120]} for k in members]
        return {"kind": kind, "start": index[a], "end": index[b], "peak": index[top],
                "utterances": [index[k] for k in members],
                "peak_arousal": states[top]["arousal"], "evidence": evidence,
                "confidence": round(min(0.9, 0.4 + 0.1 * len(evidence)), 2)}
