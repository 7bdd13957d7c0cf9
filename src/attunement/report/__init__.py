"""Reports: the JSON contract document, JSON Lines files and the HTML report."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote
from typing import Any

from ..atomic import atomic_write
from ..model import Analysis
from .document import SCHEMA, report_document
from .headlines import HEADLINES, headline_cards
from .html import render_html
from .tables import growth_figures, supervision_html, utterances_csv
from .text import annotated_text, html_file_name, segments, summary_line

__all__ = ["SCHEMA", "Rendered", "render", "report_document", "render_html", "to_jsonl", "write_jsonl", "write_html",
           "annotated_text", "segments", "summary_line", "html_file_name", "utterances_csv", "supervision_html", "growth_figures",
           "HEADLINES", "headline_cards", "media_link"]


@dataclass(frozen=True, slots=True)
class Rendered:
    """One analysis in every stored form: the contract's document, its JSON text and the HTML page."""

    document: dict[str, Any]
    json: str
    html: str


def render(analysis: Analysis) -> Rendered:
    """The report document, as a dict and as JSON, and the HTML report."""
    document = report_document(analysis)
    return Rendered(document, json.dumps(document, ensure_ascii=False), render_html(analysis))


def to_jsonl(documents: Iterable[dict[str, Any]]) -> str:
    """JSON Lines text: one compact JSON object per line."""
    return "".join(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n" for doc in documents)


def write_jsonl(analyses: Iterable[Analysis], path: str | Path) -> Path:
    """Write the report documents of several sessions to one JSON Lines file, atomically."""
    return atomic_write(path, to_jsonl(report_document(a) for a in analyses))


def media_link(source: str, format: str, folder: str | Path) -> str | None:
    """The path from ``folder`` to the recording a session was read from (None when it was not a recording, or the
    file is gone): how a report or an ELAN file written there finds it, without embedding it."""
    path = Path(source)
    if format != "recording" or not path.is_file():
        return None
    return Path(os.path.relpath(path.resolve(), Path(folder).resolve())).as_posix()


def write_html(analysis: Analysis, path: str | Path) -> Path:
    """Write one session's self-contained HTML report, atomically. A session read from a recording gets a player
    that plays the recording (found beside the report by a relative path) from any utterance."""
    link = media_link(analysis.session.source, analysis.session.format, Path(path).parent)
    return atomic_write(path, render_html(analysis, media=quote(link) if link else None))
