"""Reports: the JSON contract document, JSON Lines files and the HTML report."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..model import Analysis
from .document import SCHEMA, report_document
from .html import render_html

__all__ = ["SCHEMA", "report_document", "render_html", "to_jsonl", "write_jsonl", "write_html"]


def to_jsonl(documents: Iterable[dict[str, Any]]) -> str:
    """JSON Lines text: one compact JSON object per line."""
    return "".join(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n" for doc in documents)


def write_jsonl(analyses: Iterable[Analysis], path: str | Path) -> Path:
    """Write the report documents of several sessions to one JSON Lines file, atomically."""
    return atomic_write(path, to_jsonl(report_document(a) for a in analyses))


def write_html(analysis: Analysis, path: str | Path) -> Path:
    """Write one session's self-contained HTML report, atomically."""
    return atomic_write(path, render_html(analysis))
