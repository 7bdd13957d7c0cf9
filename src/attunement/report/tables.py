"""Tabular presentations of a report document: the utterance CSV and the growth figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..vocabulary import Task
from .headlines import HEADLINES, headline_values

__all__ = ["CSV_COLUMNS", "utterances_csv", "supervision_line", "supervision_html", "growth_figures", "TASKS"]

#: The four tasks of creating safety, in order.
TASKS = tuple(Task)

CSV_COLUMNS = ("index", "role", "speaker", "start", "text", "behaviour", "behaviour_confidence", "talk_type", "valence",
               "arousal", "experiencing", "zone", "response_attunement", "response_marker", "situation",
               *(f"session_{h.key}" for h in HEADLINES), "supervision")


def utterances_csv(document: dict[str, Any], supervision: list[dict[str, Any]] = ()) -> str:  # type: ignore[assignment]
    """One row per utterance: who, words, the main codes and judgements, the session's headline scores and the
    supervision on that line (comments, reactions, corrections); comments on the whole session in a last row."""
    session = list(headline_values(document).values())
    on_line: dict[int | None, list[str]] = {}
    for c in supervision:
        on_line.setdefault(c.get("utterance_index"), []).append(supervision_line(c))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for u in document.get("utterances", []):
        c, s, r = u.get("codes", {}), u.get("client_state", {}), u.get("response", {})
        writer.writerow([u["index"], u["role"], u["speaker"], u["start"], u["text"], c.get("behaviour", ""),
                         c.get("behaviour_confidence", ""), c.get("talk_type", ""), s.get("valence", c.get("valence", "")),
                         s.get("arousal", ""), s.get("experiencing", ""), s.get("zone", ""), r.get("attunement", ""),
                         r.get("marker", ""), r.get("situation", ""), *session, " | ".join(on_line.get(u["index"], []))])
    if on_line.get(None):
        writer.writerow(["session", "", "", "", "", *[""] * 10, *session, " | ".join(on_line[None])])
    return out.getvalue()


def supervision_line(comment: dict[str, Any]) -> str:
    """One comment in a line: who, what kind, the code and its correction, the words."""
    code = f" {comment['code']}" + (f" → {comment['correction']}" if comment.get("correction") else "") if comment.get("code") else ""
    body = f": {comment['body']}" if comment.get("body") else ""
    return f"{comment.get('author', '')} ({comment.get('role', '')}, {comment.get('kind', '')}{code}){body}"


def supervision_html(comments: list[dict[str, Any]]) -> str:
    """The supervision on a session as an HTML section, to append to the report."""
    from html import escape

    items = "".join(f"<li>{'#' + str(c['utterance_index']) + ' ' if c.get('utterance_index') is not None else ''}"
                    f"{escape(supervision_line(c))}</li>" for c in comments)
    return (f"<section class=\"card supervision\"><h2>Supervision</h2><ul>{items}</ul></section>" if comments
            else "<section class=\"card supervision\"><h2>Supervision</h2><p>No comments yet.</p></section>")


def growth_figures(document: dict[str, Any]) -> dict[str, Any]:
    """The figures the growth page follows across sessions, from one report document: the headlines and the tasks."""
    figures = {h.key: h.value(document.get("scores", {})) for h in HEADLINES if h.growth}
    figures["tasks"] = {k: v.get("score") for k, v in document.get("scores", {}).get("tasks", {}).items()}
    return figures
