"""Geometry of the session timeline drawn in the HTML report (pure layout, no HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analysis.tokens import words
from ..model import Analysis

__all__ = ["Timeline", "layout_timeline"]

WIDTH = 960
HEIGHT = 260
MID = 130
MARGIN = 40
MAX_BAR = 80


@dataclass
class Timeline:
    """Shapes of the timeline: bars per turn, the client valence line, cue and pause marks."""

    width: int
    height: int
    mid: int
    bars: list[dict[str, Any]] = field(default_factory=list)
    valence_path: str = ""
    cue_marks: list[dict[str, Any]] = field(default_factory=list)
    pause_marks: list[dict[str, Any]] = field(default_factory=list)
    axis_label: str = "utterances"
    ticks: list[dict[str, Any]] = field(default_factory=list)


def layout_timeline(analysis: Analysis) -> Timeline:
    """Lay out one bar per utterance (therapist above the line, client below).

    The x axis is time when every utterance has a start time, else utterance order.
    Bar height grows with the number of words (square root, capped).
    """
    utterances = analysis.session.utterances
    n = len(utterances)
    timed = n > 0 and all(u.start is not None for u in utterances)
    span = (utterances[-1].start or 0) + 10 if timed else n
    scale = (WIDTH - 2 * MARGIN) / max(span, 1)
    timeline = Timeline(width=WIDTH, height=HEIGHT, mid=MID, axis_label="minutes" if timed else "utterances")
    points = []
    for u, slot in zip(utterances, analysis.utterances):
        x = MARGIN + ((u.start or 0) if timed else u.index) * scale
        nxt = utterances[u.index + 1].start if timed and u.index + 1 < n else None
        width = max(2.0, ((nxt - (u.start or 0)) if nxt is not None else 6) * scale - 1) if timed else max(2.0, scale - 1)
        height = min(MAX_BAR, 6 + 6 * len(words(u.text)) ** 0.5)
        above = u.role == "therapist"
        marker = slot.response.get("marker")
        timeline.bars.append({
            "index": u.index, "role": u.role, "x": round(x, 1), "w": round(min(width, 40), 1), "h": round(height, 1),
            "y": round(MID - height if above else MID, 1),
            "title": f"#{u.index} {u.speaker.name}: {u.text[:140]}"
            + (f" — response {marker} ({100 * slot.response['attunement']:.0f}/100): {slot.response['why']}" if marker else ""),
            "marker": marker if marker in ("attuned", "missed", "misattuned") else None,
        })
        if u.role == "client" and "valence" in slot.codes:  # model valence (lexicon valence is evidence only)
            points.append((x + min(width, 40) / 2, MID + 100 - (slot.codes["valence"] + 1) * 50 + 0))
        if u.annotations and u.role == "client":
            timeline.cue_marks.append({"index": u.index, "x": round(x + 1, 1), "y": MID + height + 8,
                                       "title": ", ".join(c.label for c in u.annotations)})
        if slot.timing.get("long_pause"):
            timeline.pause_marks.append({"index": u.index, "x": round(x - 1, 1),
                                         "title": f"{slot.timing['pause_before']:.1f} s pause before #{u.index}"})
    timeline.valence_path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    step = 60 if timed and span < 1800 else 300 if timed else max(1, n // 10)
    for value in range(0, int(span) + 1, step):
        timeline.ticks.append({"x": round(MARGIN + value * scale, 1), "label": str(value // 60 if timed else value)})
    return timeline


@dataclass
class ClientPanel:
    """Shapes of the client-state panel: arousal and experiencing lines, the band, episodes, cue marks."""

    width: int
    height: int
    arousal_path: str = ""
    experiencing_path: str = ""
    band: dict[str, float] | None = None
    episodes: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)


PANEL_HEIGHT = 200
_TOP, _BOTTOM = 14, 176


def _y(value: float, lo: float, hi: float) -> float:
    return round(_BOTTOM - (value - lo) / (hi - lo) * (_BOTTOM - _TOP), 1)


def layout_client_panel(analysis: Analysis, timeline: Timeline) -> ClientPanel | None:
    """The client panel, aligned with the timeline's bars; None when no client state was computed."""
    series = analysis.scores.get("client_series")
    if not series or not series.get("index"):
        return None
    x_of = {b["index"]: b["x"] + b["w"] / 2 for b in timeline.bars}
    xs = [x_of[i] for i in series["index"]]
    panel = ClientPanel(width=timeline.width, height=PANEL_HEIGHT)
    panel.arousal_path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{_y(v, 0, 1)}" for k, (x, v) in enumerate(zip(xs, series["arousal"])))
    panel.experiencing_path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{_y(v, 1, 7)}"
                                       for k, (x, v) in enumerate(zip(xs, series["experiencing"])))
    space = analysis.scores.get("exploratory_space", {})
    if space.get("hi") is not None:
        panel.band = {"y": _y(space["hi"], 0, 1), "h": round(_y(space["lo"], 0, 1) - _y(space["hi"], 0, 1), 1),
                      "title": f"exploratory space: arousal {space['lo']:.2f}–{space['hi']:.2f} ({space['basis']})"}
    for episode in analysis.episodes:
        x0, x1 = x_of.get(episode["start"], MARGIN), x_of.get(episode["end"], MARGIN)
        panel.episodes.append({"kind": episode["kind"], "x": round(x0 - 6, 1), "w": round(max(12.0, x1 - x0 + 12), 1),
                               "start": episode["start"],
                               "title": f"{episode['kind']} #{episode['start']}–#{episode['end']} (peak #{episode['peak']})"})
    for i, x in zip(series["index"], xs):
        cues = analysis.utterances[i].client_state.get("cues", [])
        if cues:
            panel.marks.append({"index": i, "x": round(x, 1), "y": _y(analysis.utterances[i].client_state["arousal"], 0, 1),
                                "title": f"#{i}: " + "; ".join(f"{c['channel']}/{c['kind']}: {c['evidence']}" for c in cues[:6])})
    return panel
