"""The attunement index: one number for a session, built only from what the therapist did.

Our operational definition (docs/concepts.md); every weight and reference point is ours.
Five parts, each 0..1, measure the therapist:

``depth``
    the mean Carkhuff-style level of the responses, (level − 1) / 4;
``staying``
    the share of responses that stay with the client (reflect, validate, ground, notice)
    rather than do something to their material (advise, inform, ask closed questions, confront);
``fit``
    the mean fit of the responses in situations that ask something specific (risk, overwhelm,
    shutdown, incongruence, an emotional bid, pleasing, stagnation), shrunk toward 0.5 by three
    imagined responses, so that one or two situations cannot swing it;
``mi_consistency``
    1 − 3 × the share of therapist turns with a roadblock (at least 0);
``tasks``
    the four tasks of creating safety, always all four, each shrunk toward 50 by two imagined
    responses (a task with no evidence counts as 50 and says so).

Two penalties, each 0..1, that cannot cancel each other: ``intrusive`` (question density, talk
share, long turns, interruptions, steering and unasked advice) and ``neglectful`` (minimal answers
to long turns, missed bids, very low talk share, long silences after distress), from the
intrusive–neglectful axis.

``raw = 0.30 depth + 0.20 staying + 0.20 fit + 0.15 mi_consistency + 0.15 tasks/100
− 0.15 intrusive − 0.15 neglectful`` and ``index = 100 × (raw − 0.15) / (0.75 − 0.15)``, kept
within 0..100. Reference points: raw 0.15 (a session of unasked advice and closed questions with
confrontation: depth level 1–2, little that stays with the client, roadblocks in a third of the
turns, intrusive) is 0; raw 0.75 (reflections of feeling at level 4, most responses staying with
the client, the situations met, no roadblock) is 100. On AnnoMI's 121 transcripts long enough to
score, without their quality labels, this puts the 5th, 50th and 95th percentiles near 14, 51
and 86: the scale uses the range a supervisor's own scores use. Below :data:`MIN_CLIENT_TURNS` client turns or :data:`MIN_RESPONSES` responses the index
is ``null`` with the reason. How hard the session was for the client (risk, overwhelm and
incongruence situations, mean arousal) is reported beside the index (``difficulty``), never in it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model import Analysis

__all__ = ["attunement_index", "MIN_CLIENT_TURNS", "MIN_RESPONSES", "WEIGHTS", "SCALE"]

MIN_CLIENT_TURNS = 8
MIN_RESPONSES = 5
WEIGHTS = {"depth": 0.30, "staying": 0.20, "fit": 0.20, "mi_consistency": 0.15, "tasks": 0.15,
           "intrusive": -0.15, "neglectful": -0.15}
#: raw values mapped to 0 and 100.
SCALE = (0.15, 0.75)
_SPECIAL = ("risk", "overwhelm", "rupture", "shutdown", "incongruence", "emotional_bid", "pleasing", "ambivalence", "stagnation")


def _shrunk(values: list[float], *, prior: float, weight: float) -> float:
    return (sum(values) + prior * weight) / (len(values) + weight)


def _parts(analysis: Analysis, responses: list[tuple[int, dict[str, Any]]], tasks: dict[str, Any],
           axis: dict[str, Any], lim: dict[str, Any]) -> dict[str, float]:
    therapist = [s for u, s in zip(analysis.session.utterances, analysis.utterances) if u.role == "therapist"]
    blocked = sum(1 for s in therapist if s.codes.get("roadblocks"))
    special = [r["parts"]["fit"] for _, r in responses if r["situation"] in _SPECIAL]
    task_scores = [_shrunk([t["score"] / 100] * t.get("n", 0), prior=0.5, weight=2) if t["score"] is not None else 0.5
                   for t in tasks.values()]
    pushes = [e["push"] for e in axis.get("evidence", [])]
    return {
        "depth": float(np.mean([r["parts"]["depth"] for _, r in responses])),
        "staying": lim["stay_with_share"] if lim.get("stay_with_share") is not None else 0.5,
        "fit": _shrunk(special, prior=0.5, weight=3),
        "mi_consistency": max(0.0, 1 - 3 * blocked / max(len(therapist), 1)),
        "tasks": float(np.mean(task_scores)),
        "intrusive": min(1.0, sum(p for p in pushes if p > 0) / 2.0),
        "neglectful": min(1.0, -sum(p for p in pushes if p < 0) / 1.5),
    }


def _difficulty(analysis: Analysis, responses: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    arousal = [s.client_state["arousal"] for u, s in zip(analysis.session.utterances, analysis.utterances)
               if u.role == "client" and "arousal" in s.client_state]
    situations = [r["situation"] for _, r in responses]
    return {"risk_flags": len(analysis.scores.get("risk", {}).get("flags", [])),
            "overwhelm_or_shutdown": sum(s in ("overwhelm", "shutdown") for s in situations),
            "incongruence": situations.count("incongruence"),
            "ruptures": situations.count("rupture"),
            "mean_client_arousal": round(float(np.mean(arousal)), 3) if arousal else None,
            "note": "how hard the session was for the client; reported beside the index, not in it"}


def attunement_index(analysis: Analysis, responses: list[tuple[int, dict[str, Any]]], tasks: dict[str, Any],
                     axis: dict[str, Any], lim: dict[str, Any]) -> dict[str, Any]:
    """The index (0–100 or null with the reason), its parts, weights, reference points and explanation."""
    clients = sum(1 for u in analysis.session.utterances if u.role == "client")
    difficulty = _difficulty(analysis, responses)
    if clients < MIN_CLIENT_TURNS or len(responses) < MIN_RESPONSES:
        return {"value": None, "difficulty": difficulty,
                "reason": f"not enough evidence: {clients} client turns and {len(responses)} responses "
                          f"(the index needs at least {MIN_CLIENT_TURNS} and {MIN_RESPONSES})"}
    parts = _parts(analysis, responses, tasks, axis, lim)
    raw = sum(WEIGHTS[k] * v for k, v in parts.items())
    value = float(np.clip(100 * (raw - SCALE[0]) / (SCALE[1] - SCALE[0]), 0, 100))
    ranked = sorted(responses, key=lambda ir: ir[1]["attunement"])
    return {
        "value": round(value, 1),
        "components": {k: round(100 * float(v), 1) for k, v in parts.items()},
        "weights": WEIGHTS, "raw": round(raw, 4), "scale": {"zero_at_raw": SCALE[0], "hundred_at_raw": SCALE[1]},
        "difficulty": difficulty,
        "explanation": [{"lowered_by": [{"index": i, "attunement": r["attunement"], "why": r["why"]} for i, r in ranked[:3]],
                         "raised_by": [{"index": i, "attunement": r["attunement"], "why": r["why"]} for i, r in ranked[-3:][::-1]]}],
        "confidence": round(min(0.8, 0.2 + len(responses) / 60), 2),
    }
