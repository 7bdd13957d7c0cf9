"""``attune compare A B``: two sessions side by side — growth made concrete."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import click

from ..errors import TranscriptError
from ..report import SCHEMA, report_document
from ..report.compare import compare, compare_text
from ..service import Service
from ..settings import Settings
from .base import cli, db_option, fail, guard

__all__ = ["compare_command"]


def _document(service: Service, what: str) -> dict[str, Any]:
    """A report document from a report file (``--json`` output), a transcript (analysed now) or a stored session id."""
    path = Path(what)
    if not path.exists():
        session_id = service.store.sessions.resolve(what)
        report = service.store.sessions.report(session_id)
        if report is None:
            fail(f"stored session {session_id[:8]} has no report yet; run 'attune sessions analyse {session_id[:8]}'")
        return report
    if path.suffix.lower() in (".json", ".jsonl"):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        first = text.splitlines()[0] if text else ""
        try:
            document = json.loads(first)
        except json.JSONDecodeError:
            document = None
        if isinstance(document, dict) and document.get("schema") == SCHEMA:
            if len(text.splitlines()) > 1:
                raise TranscriptError("holds several reports; compare takes one session on each side", path=path,
                                      hint="split the JSON Lines file, or give the transcripts")
            return document
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sessions = service.ingest(path)
        if len(sessions) != 1:
            raise TranscriptError(f"holds {len(sessions)} sessions; compare takes one session on each side", path=path)
        return report_document(service.analyse(sessions[0]))


@cli.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@db_option
@click.option("--models", "tier", type=click.Choice(["accurate", "fast"]), help="Model tier for the codes (default: accurate).")
@guard
def compare_command(a: str, b: str, as_json: bool, db: str | None, tier: str | None) -> None:
    """Compare two sessions: A and B are transcripts, report files (from --json) or stored session ids."""
    service = Service(Settings.load(db=db, tier=tier))
    found = compare(_document(service, a), _document(service, b))
    click.echo(json.dumps(found, indent=1, ensure_ascii=False, default=str) if as_json else compare_text(found))
