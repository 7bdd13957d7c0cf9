"""``attune export``: stored reports (or a JSON Lines file of them) as Parquet, a ConvoKit corpus or ELAN files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .base import cli, db_option, fail, guard, open_store

__all__ = ["export"]


@cli.command()
@click.option("--from", "from_file", type=click.Path(exists=True, dir_okay=False),
              help="A JSON Lines file of reports ('attune analyze --json'); default: every report in the session store.")
@click.option("--parquet", "parquet_out", type=click.Path(file_okay=False),
              help="Write DIR/utterances.parquet, sessions.parquet and long.parquet (needs the [corpus] extra).")
@click.option("--convokit", "convokit_out", type=click.Path(file_okay=False), help="Write a ConvoKit corpus folder.")
@click.option("--eaf", "eaf_out", type=click.Path(file_okay=False), help="Write one ELAN .eaf file per session to this folder.")
@db_option
@guard
def export(from_file: str | None, parquet_out: str | None, convokit_out: str | None, eaf_out: str | None,
           db: str | None) -> None:
    """Export reports for research tools: pandas/polars/R (Parquet), ConvoKit and ELAN."""
    from ..report import media_link
    from ..report.convokit import write_convokit
    from ..report.eaf import write_eaf
    from ..report.parquet import require_pyarrow, write_parquet

    if not (parquet_out or convokit_out or eaf_out):
        fail("say what to write: --parquet DIR, --convokit DIR or --eaf DIR")
    for flag, out in (("--parquet", parquet_out), ("--convokit", convokit_out), ("--eaf", eaf_out)):
        if out and Path(out).exists() and not Path(out).is_dir():
            fail(f"{flag} {out} is a file; give a folder")
    if parquet_out:
        require_pyarrow()
    documents = list(_reports_file(Path(from_file)) if from_file else _stored_reports(db))
    if not documents:
        fail("no reports to export" + ("" if from_file else " (analyse with --save first)"))
    written: list[Path] = []
    if parquet_out:
        written += write_parquet(documents, parquet_out)
    if convokit_out:
        written += write_convokit(documents, convokit_out)
    if eaf_out:
        folder = Path(eaf_out)
        folder.mkdir(parents=True, exist_ok=True)
        for document in documents:
            session = document["session"]
            media = media_link(str(session.get("source", "")), str(session.get("format", "")), folder)
            written.append(write_eaf(document, folder / f"{Path(session['source']).stem}-{session['id'][:8]}.eaf",
                                     media=media))
    click.echo(f"exported {len(documents)} session(s): {len(written)} file(s)", err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)


def _reports_file(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except ValueError:
                fail(f"{path}:{number}: not JSON; give the JSON Lines file 'attune analyze --json' wrote")
            if not str(document.get("schema", "")).startswith("attunement.report/"):
                fail(f"{path}:{number}: not an attunement report (no 'schema': 'attunement.report/…')")
            yield document


def _stored_reports(db: str | None) -> Iterator[dict[str, Any]]:
    with open_store(db) as store:
        for _, report in store.sessions.reports():
            yield report
