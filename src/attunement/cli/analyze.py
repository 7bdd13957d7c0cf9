"""``attune analyze``: files in, reports out, through the one service."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..batch import Job, run
from ..readers import FORMATS, expand_paths
from ..report.files import ReportFiles, is_html_file
from ..report.parquet import require_pyarrow
from ..service import Service
from ..settings import Settings
from ..vocabulary import Setting
from .base import EXIT_BAD_INPUT, cli, fail, guard

__all__ = ["analyze"]


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Write the reports as JSON Lines to this file.")
@click.option("--html", "html_out", type=click.Path(), help="Write HTML reports: a FILE.html for one session, else a folder.")
@click.option("--save", is_flag=True, help="Keep each session and its report in the session store as soon as it is analysed.")
@click.option("--deidentify", is_flag=True, help="Replace names and other identifiers with [TYPE_n] placeholders before analysing.")
@click.option("--resume", is_flag=True, help="With --save: skip sessions the store already has a report for (continue a stopped batch).")
@click.option("--therapist", metavar="NAME", help="The speaker who is the therapist.")
@click.option("--client", metavar="NAME", help="The speaker who is the client.")
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), help="Read as this format, whatever the suffix.")
@click.option("--encoding", metavar="NAME", help="Text encoding of the files (detected if not given).")
@click.option("--max-size", type=click.IntRange(min=1), metavar="BYTES",
              help="Refuse files larger than this (default: reader.max_bytes in the configuration, 20 MB).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A TOML file overriding the default configuration.")
@click.option("--db", type=click.Path(dir_okay=False), help="Session store file (default: the user data folder, or $ATTUNEMENT_DB).")
@click.option("--notes", "notes_path", type=click.Path(dir_okay=False),
              help="The therapist's process notes ('@12: I felt...' links a note to utterance 12); one session only.")
@click.option("--models", "tier", type=click.Choice(["accurate", "fast"]), help="Model tier for the codes (default: accurate).")
@click.option("--model-dir", type=click.Path(file_okay=False), help="Use models written by 'attune train --out DIR'.")
@click.option("--video", "video", type=click.Path(exists=True, dir_okay=False),
              help="A video of the session, aligned from its start with the transcript or recording: the body (fidgeting, stillness, movement synchrony).")
@click.option("--asr-model", type=click.Path(file_okay=False),
              help="For recordings: a CTranslate2 Whisper model folder to use instead of the shipped tiny.en.")
@click.option("--setting", type=click.Choice([str(s) for s in Setting]),
              help="The kind of session (default: inferred from its words; see docs/concepts.md).")
@click.option("--parquet", "parquet_out", type=click.Path(file_okay=False),
              help="Write DIR/utterances.parquet, sessions.parquet and long.parquet (needs the [corpus] extra).")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=1, show_default=True,
              help="Analyse files in this many worker processes (the cores are shared out between them).")
@click.option("--dask", "dask", metavar="SCHEDULER",
              help="Run the files as Dask tasks: a scheduler's address, or 'local' for a LocalCluster of --workers processes.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@guard
def analyze(paths: tuple[str, ...], json_out: str | None, html_out: str | None, save: bool, deidentify: bool, resume: bool,
            therapist: str | None, client: str | None, format_: str | None, encoding: str | None, max_size: int | None,
            config_path: str | None, db: str | None, notes_path: str | None, tier: str | None, model_dir: str | None,
            setting: str | None, quiet: bool, video: str | None, asr_model: str | None, parquet_out: str | None,
            workers: int, dask: str | None) -> None:
    """Analyse transcripts: files, folders or glob patterns.

    Good files are analysed even when others fail; failures are listed at the
    end and the exit code is 2. Output files are written whole or not at all.
    """
    service = Service(Settings.load(config_path=config_path, db=db, tier=tier, model_dir=model_dir))
    options = service.settings.read_options(therapist=therapist, client=client, encoding=encoding, format=format_,
                                            max_bytes=max_size, asr_model=asr_model, video=video,
                                            progress=None if quiet else _transcribing())
    _check_outputs(json_out, html_out, parquet_out)
    files = [str(f) for f in expand_paths(paths)]
    if notes_path and len(files) != 1:
        fail("--notes belongs to one session; analyse that session alone")
    if parquet_out:
        require_pyarrow()  # before hours of analysis, not after
    in_process = workers == 1 and not dask
    if in_process:
        service.prepare()  # a missing model fails before any file is read; workers load their own
    done = {row.id for row in service.store.sessions.list() if row.has_report} if save and resume else set()
    job = Job(service.settings, options, deidentify=deidentify, setting=setting, notes=notes_path, skip=frozenset(done))
    failures: list[str] = []
    outputs = ReportFiles(json_out=json_out, html_out=html_out, parquet_out=parquet_out)
    try:
        with _progress(len(files), show=not quiet) as advance:
            for outcome in run(job, files, workers=workers, dask=dask, service=service, progress=advance):
                if outcome.failure:
                    failures.append(outcome.failure)
                for analysis in outcome.analyses:
                    if not quiet:
                        for message in analysis.warnings:
                            click.echo(f"warning: {message}", err=True)
                    if save:  # saved at once: a batch stopped midway keeps what it finished
                        service.save(analysis.session, analysis)
                    outputs.add(analysis)  # written or staged at once: a corpus is never all in memory
        written = outputs.finish()
    except BaseException:
        outputs.abandon()
        raise
    if save and outputs.count:
        written.append(f"{outputs.count} session(s) to the store at {service.store.path}")
    service.close()
    if not quiet:
        for item in written:
            click.echo(f"wrote {item}", err=True)
        for line in outputs.summaries:
            click.echo(line)
    if failures:
        click.echo(f"{len(failures)} of {len(files)} file(s) could not be analysed:", err=True)
        for line in failures:
            click.echo(f"  {line}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _transcribing():  # type: ignore[no-untyped-def]
    """A progress line for transcription (it takes minutes for a session), on stderr."""
    def show(done: float, total: float) -> None:  # the same line rewritten, a new line at the end
        click.echo(f"\rtranscribing: {done / 60:.1f} of {total / 60:.1f} min", err=True, nl=done >= total - 0.5)

    return show


@contextmanager
def _progress(total: int, *, show: bool):  # type: ignore[no-untyped-def]
    """A progress bar over the files on stderr; yields the ``advance(files, total, sessions)`` callback (None when hidden)."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("files ·"),
                  TextColumn("{task.fields[sessions]} sessions"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("files", total=total, sessions=0)
        yield lambda files, _total, sessions: bar.update(task, completed=files, sessions=sessions)


def _check_outputs(json_out: str | None, html_out: str | None, parquet_out: str | None = None) -> None:
    if parquet_out and Path(parquet_out).exists() and not Path(parquet_out).is_dir():
        fail(f"--parquet {parquet_out} is a file; give a folder")
    for out in (json_out, html_out if html_out and is_html_file(html_out) else None):
        if out and not Path(out).resolve().parent.is_dir():
            fail(f"cannot write {out}: its folder does not exist")
    if html_out and not is_html_file(html_out) and Path(html_out).exists() and not Path(html_out).is_dir():
        fail(f"--html {html_out} is a file; give a folder, or a name ending in .html for one session")
