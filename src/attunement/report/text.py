"""Plain-text presentations: the words with their annotations put back, the summary line, file names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Utterance
from .headlines import HEADLINES

__all__ = ["segments", "annotated_text", "summary_line", "html_file_name"]


def segments(u: Utterance) -> list[dict[str, Any]]:
    """The utterance's words with its annotations put back where they stood, as separate pieces.

    Each piece is ``{"text": words}`` or ``{"annotation": label, "raw": as written}``.
    """
    pieces: list[dict[str, Any]] = []
    last = 0
    for note in u.annotations:
        if note.position > last:
            pieces.append({"text": u.text[last:note.position]})
        pieces.append({"annotation": note.label, "raw": note.raw})
        last = max(last, note.position)
    if last < len(u.text):
        pieces.append({"text": u.text[last:]})
    return pieces


def annotated_text(u: Utterance) -> str:
    """The utterance as it was written: words and ``[annotations]`` in their places."""
    out = ""
    for piece in segments(u):
        out += piece["text"] if "text" in piece else f"{piece['raw']} "
    return out.rstrip()


def summary_line(document: dict[str, Any]) -> str:
    """One line per analysed session: size, talk share, pauses, index, axis, episodes, MITI."""
    session, scores = document["session"], document["scores"]
    parts = [f"{session['source']}: {session['n_utterances']} utterances"]
    roles = scores.get("talk", {})
    if roles:
        parts.append(f"{roles['therapist']['turns']} therapist / {roles['client']['turns']} client turns")
        parts.append(f"therapist talk {100 * roles['therapist']['share_words']:.0f}% of words")
    silence = scores.get("silence", {})
    if silence.get("available"):
        parts.append(f"{len(silence['long_pauses'])} long pauses")
    for headline in HEADLINES:
        if headline.summary and headline.path[0] in scores:
            value = headline.value(scores)
            parts.append(f"{headline.label.lower()} " + ("not enough evidence" if value is None else headline.text(scores)))
    if document["episodes"]:
        shown = [f"{e['kind']} #{e['start']}–{e['end']}" for e in document["episodes"][:4]]
        more = len(document["episodes"]) - len(shown)
        parts.append(", ".join(shown) + (f" and {more} more episodes" if more else ""))
    miti = scores.get("miti", {})
    if miti:
        pct, ratio = miti["percent_complex_reflections"]["value"], miti["reflection_to_question"]["value"]
        parts.append(f"{'–' if pct is None else f'{pct:.0f}%'} complex reflections")
        parts.append(f"R:Q {'–' if ratio is None else f'{ratio:.1f}'}")
    return " · ".join(parts)


def html_file_name(source: str) -> str:
    """A safe file name for a session's HTML report (``file-3.html`` for session 3 of a file)."""
    stem, _, part = source.partition("#")
    name = Path(stem).stem + (f"-{part}" if part else "")
    return re.sub(r"[^\w.-]+", "_", name) + ".html"
