"""Tabular presentations of a report document: the utterance CSV and the growth figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from .headlines import HEADLINES, headline_values

__all__ = ["CSV_COLUMNS", "utterances_csv", "growth_figures", "TASKS"]

#: The four tasks of creating safety, in order.
TASKS = ("assess_the_space", "maintain_safety", "communicate_being_with", "use_own_experience")

CSV_COLUMNS = ("index", "role", "speaker", "start", "text", "behaviour", "behaviour_confidence", "talk_type", "valence",
               "arousal", "experiencing", "zone", "response_attunement", "response_marker", "situation",
               *(f"session_{h.key}" for h in HEADLINES))


def utterances_csv(document: dict[str, Any]) -> str:
    """One row per utterance: who, words, the main codes and judgements, and the session's headline scores."""
    session = list(headline_values(document).values())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for u in document.get("utterances", []):
        c, s, r = u.get("codes", {}), u.get("client_state", {}), u.get("response", {})
        writer.writerow([u["index"], u["role"], u["speaker"], u["start"], u["text"], c.get("behaviour", ""),
                         c.get("behaviour_confidence", ""), c.get("talk_type", ""), s.get("valence", c.get("valence", "")),
                         s.get("arousal", ""), s.get("experiencing", ""), s.get("zone", ""), r.get("attunement", ""),
                         r.get("marker", ""), r.get("situation", ""), *session])
    return out.getvalue()


def growth_figures(document: dict[str, Any]) -> dict[str, Any]:
    """The figures the growth page follows across sessions, from one report document: the headlines and the tasks."""
    figures = {h.key: h.value(document.get("scores", {})) for h in HEADLINES if h.growth}
    figures["tasks"] = {k: v.get("score") for k, v in document.get("scores", {}).get("tasks", {}).items()}
    return figures
