"""The client's exploratory space in this session, and the episodes outside it.

Our operational definitions (documented in ``docs/concepts.md``; no published
numeric thresholds exist):

* **Band.** The arousal range in which *this* client engages with feeling without
  dysregulation: the 10th–90th percentile of arousal over their turns that name
  feeling (experiencing ≥ 3) and show no dysregulation or flatness marker. With
  fewer than ``min_band_turns`` such turns, the median ± 1.25 × robust spread of all
  their turns; with fewer than ``min_client_turns`` turns, no band ("not enough evidence").
Overwhelm and shutdown are states of the present. Only **present-moment** signs count: what
is written in the room (annotations, timing), how the client speaks (fragmentation), and
words about the body or distress in a turn that is about *now* (``client_state.time_frame``);
a panic retold calmly from two weeks ago is narration, not flooding.

* **Overwhelm.** Arousal above the band (a change from this client's own baseline) with at
  least two kinds of present dysregulation marker (tears or shaking, body sensations,
  fragmented speech, panic words, a voice raised above the client's own in a recording), or three
  kinds whatever the arousal when one of them is in the room (an annotation, fragmented speech, the
  voice). One sign alone (a tear) is feeling, not flooding.
  The second form needs no band, so it also applies when a session is too short to have one.
* **Shutdown.** Arousal below the band or at least 0.1 below the client's own recent distress, with two signs of shutting down (flatness,
  intellectualising, deflection), or flatness now, or one sign with withdrawal (silence, a
  shrug), within four client turns after present distress. A calm answer ending in "anyway"
  is not a shutdown. Without a band (a session too short for one) only unmistakable shutdown
  counts: flatness now and withdrawal in the room, within four client turns after present distress
  or with a second sign of flatness (numb words and a flat voice) or two signs of withdrawal in the room
  (a long silence and looking down).
* **Stagnation** (only where depth concepts fit the setting: not in an MI conversation or a
  brief consultation). ``min_stagnation`` or more client turns in a row at experiencing ≤ 2
  with no emotion cue, no change talk and no risk: a stretch where nothing is felt; or three such turns
  in a row that run to 150 words or more (long story-telling told in few turns). Stretches at
  most three client turns apart are merged into one episode, so that a long session shows a
  readable number.

Consecutive turns of a kind (a one-turn gap allowed) form an episode with its start,
end, peak and evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis
from ..vocabulary import EpisodeKind, TalkType, TimeFrame

__all__ = ["ExploratorySpace", "estimate_band", "DYSREGULATION", "FLATNESS"]

DYSREGULATION = {("somatic", "annotated"), ("verbal", "fragmentation"), ("emotional", "distress"), ("somatic", "sensation"),
                 ("verbal", "voice_aroused")}
#: Markers of shutting down; withdrawal (silence, shrugging) only supports them, it is not enough alone.
FLATNESS = {("emotional", "flatness"), ("cognitive", "intellectualising"), ("behavioural", "deflection"),
            ("verbal", "voice_flat")}
WITHDRAWAL = {("behavioural", "withdrawal")}
#: Three surface turns in a row that run to this many words are a stagnation stretch too: long story-telling with
#: nothing felt, told in few turns.
STAGNANT_WORDS = 150


def present_kinds(state: dict[str, Any]) -> set[tuple[str, str]]:
    """The cue kinds of a client turn that show the present moment.

    Annotations, timing and the way the client speaks (verbal cues) are in the room; words
    about the body or distress count only when the turn is about now, not a retold past.
    """
    frame = state.get("time_frame")
    return {(c["channel"], c["kind"]) for c in state["cues"]
            if frame == TimeFrame.NOW or c["source"] in ("annotation", "timing", "video", "voice") or c["channel"] == "verbal"
            or ((c["channel"], c["kind"]) in FLATNESS and frame != TimeFrame.PAST)}


def _overwhelmed(arousal: float, live: set[tuple[str, str]], hi: float, state: dict[str, Any]) -> bool:
    """Two or more kinds of present dysregulation above this client's band; three kinds if one is written in the room."""
    signs = live & DYSREGULATION
    in_room = bool({("somatic", "annotated"), ("verbal", "fragmentation"), ("verbal", "voice_aroused")} & signs)
    return len(signs) >= 2 and (arousal > hi or (len(signs) >= 3 and in_room))


def _shut_down(arousal: float, live: set[tuple[str, str]], lo: float, recent_peak: float) -> bool:
    """Below this client's band or well below their recent distress, with two signs of shutting down,
    or flatness, or one sign and withdrawal in the room."""
    flat = live & FLATNESS
    dropped = arousal < lo or arousal <= recent_peak - 0.1
    return dropped and (len(flat) >= 2 or ("emotional", "flatness") in flat or bool(flat and live & WITHDRAWAL))


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


def _merged(runs: list[tuple[int, int]], *, gap: int) -> list[tuple[int, int]]:
    """Runs less than ``gap`` client turns apart joined into one, so a long session shows a readable number of episodes."""
    out: list[list[int]] = []
    for a, b in runs:
        if out and a - out[-1][1] <= gap + 1:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


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
                                           "utterance.client_state.cues", "utterance.client_state.time_frame",
                                           "utterance.client_state.risk", "utterance.codes.talk_type", "session.scores.setting")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.zone", "session.scores.exploratory_space",
                                          "session.episodes")

    def __call__(self, analysis: Analysis) -> None:
        index = [i for i, u in enumerate(analysis.session.utterances) if u.role == "client"]
        states = [analysis.utterances[i].client_state for i in index]
        kinds = [{(c["channel"], c["kind"]) for c in s["cues"]} for s in states]
        live = [present_kinds(s) for s in states]
        arousal = np.array([s["arousal"] for s in states], dtype=float)
        engaged = np.array([s["experiencing"] >= 3 and not (k & (DYSREGULATION | FLATNESS | WITHDRAWAL)) for s, k in zip(states, kinds)])
        band = estimate_band(arousal, engaged, min_band_turns=self.min_band_turns, min_client_turns=self.min_client_turns)
        analysis.scores["exploratory_space"] = band
        episodes: list[dict[str, Any]] = []
        # Without a band (too few turns) only unmistakable flooding counts: three kinds of present signs, one in the room.
        over = [_overwhelmed(a, k, band["hi"] if band["hi"] is not None else 1.01, s) for a, k, s in zip(arousal, live, states)]
        episodes += self._episodes(EpisodeKind.OVERWHELM, over, index, states, analysis, peak=arousal)
        distress = [bool(k & {("emotional", "distress"), ("somatic", "annotated")}) or o for k, o in zip(live, over)]
        if band["hi"] is None:  # without a band only unmistakable shutdown counts: flatness now, withdrawal in the room, after distress
            flat_signs = [sum(1 for c in st["cues"] if (c["channel"], c["kind"]) == ("emotional", "flatness")) for st in states]
            withdrawn = [sum(1 for c in st["cues"] if c["source"] in ("annotation", "timing", "video")
                             and (c["channel"], c["kind"]) in WITHDRAWAL | {("behavioural", "looking_away")}) for st in states]
            shut = [("emotional", "flatness") in k and bool(k & WITHDRAWAL)
                    and (any(distress[max(0, j - 4):j]) or flat_signs[j] >= 2 or withdrawn[j] >= 2)
                    for j, k in enumerate(live)]
            episodes += self._episodes(EpisodeKind.SHUTDOWN, shut, index, states, analysis, peak=-arousal)
        else:
            peaks = [max((float(arousal[k]) for k in range(max(0, j - 4), j) if distress[k]), default=1.0) for j in range(len(states))]
            shut = [_shut_down(a, k, band["lo"], peak) and any(distress[max(0, j - 4):j])
                    for j, (a, k, peak) in enumerate(zip(arousal, live, peaks))]
            episodes += self._episodes(EpisodeKind.SHUTDOWN, shut, index, states, analysis, peak=-arousal)
        if analysis.scores["setting"]["depth_concepts"]["stagnation"]:
            codes = [analysis.utterances[i].codes for i in index]
            flat = [s["experiencing"] <= 2 and not any(c == "emotional" and kind != "flatness" for c, kind in k)
                    and c.get("talk_type") != TalkType.CHANGE and "risk" not in s
                    for s, k, c in zip(states, kinds, codes)]
            size = [len(analysis.session.utterances[i].text.split()) for i in index]
            long_enough = [r for r in _runs(flat, gap=0) if r[1] - r[0] + 1 >= self.min_stagnation
                           or (r[1] - r[0] + 1 >= 3 and sum(size[r[0]:r[1] + 1]) >= STAGNANT_WORDS)]
            for a, b in _merged(long_enough, gap=3):
                episodes.append(self._episode(EpisodeKind.STAGNATION, a, b, index, states, analysis, peak=None))
        self._zones(analysis, index, episodes)
        analysis.episodes.extend(sorted(episodes, key=lambda e: e["start"]))

    @staticmethod
    def _zones(analysis: Analysis, index: list[int], episodes: list[dict[str, Any]]) -> None:
        zones = {i: "within" for i in index}
        for episode in episodes:
            for i in episode["utterances"]:
                if zones[i] == "within":
                    zones[i] = episode["kind"]
        for i, zone in zones.items():
            analysis.utterances[i].client_state["zone"] = zone

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
                if kind != EpisodeKind.STAGNATION and (cue["channel"], cue["kind"]) in (DYSREGULATION if kind == EpisodeKind.OVERWHELM else FLATNESS):
                    evidence.append({"index": index[k], "channel": cue["channel"], "kind": cue["kind"], "evidence": cue["evidence"]})
        if kind == EpisodeKind.STAGNATION:
            evidence = [{"index": index[k], "experiencing": states[k]["experiencing"],
                         "evidence": analysis.session.utterances[index[k]].text[:120]} for k in members]
        return {"kind": kind, "start": index[a], "end": index[b], "peak": index[top],
                "utterances": [index[k] for k in members],
                "peak_arousal": states[top]["arousal"], "evidence": evidence,
                "confidence": round(min(0.9, 0.4 + 0.1 * len(evidence)), 2)}
