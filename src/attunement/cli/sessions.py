"""``attune sessions``: list, show, export corrections, purge and delete stored sessions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import click

from .base import cli, db_option, fail, guard, open_store

__all__ = ["sessions"]


@cli.group()
def sessions() -> None:
    """List, show and delete sessions kept in the store."""




@sessions.command("list")
@db_option
@guard
def sessions_list(db: str | None) -> None:
    """List stored sessions, newest first."""
    with open_store(db) as store:
        rows = store.sessions.list()
    if not rows:
        click.echo("no sessions stored", err=True)
    for row in rows:
        click.echo(f"{row.id}  {row.saved_at}  {row.n_utterances:>4} utt  {'report' if row.has_report else 'no report'}  {row.source}")


@sessions.command("show")
@click.argument("session_id")
@click.option("--json", "as_json", is_flag=True, help="Print the stored report document as JSON.")
@db_option
@guard
def sessions_show(session_id: str, as_json: bool, db: str | None) -> None:
    """Show a stored session (an id prefix is enough)."""
    import json

    with open_store(db) as store:
        session = store.sessions.get(session_id)
        report = store.sessions.report(session.id)
    if as_json:
        click.echo(json.dumps(report if report is not None else {}, ensure_ascii=False, indent=1))
        return
    click.echo(f"{session.id}  {session.source}  ({session.format}, {len(session)} utterances)")
    for u in session.utterances:
        click.echo(f"{u.index:>4} {u.speaker.name}: {u.text}")


@sessions.command("corrections")
@click.argument("out", type=click.Path(dir_okay=False))
@db_option
@guard
def sessions_corrections(out: str, db: str | None) -> None:
    """Export supervisors' code corrections as coded sessions for 'attune train --sessions OUT'."""
    from ..atomic import atomic_write
    from ..corrections import corrections_csv

    with open_store(db) as store:
        text, used = corrections_csv(store)
    if not used:
        fail("no corrections of behaviour or talk type are stored yet")
    atomic_write(out, text)
    click.echo(f"wrote {used} correction(s) to {out}; use it with: attune train --no-finetune --sessions {out}", err=True)


def _duration(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)\s*([dwmy])", text.strip().lower())
    if not match:
        fail(f"--older-than {text!r}: use a number and a unit, e.g. 90d, 12w, 6m or 1y")
    days = int(match.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[match.group(2)]
    return timedelta(days=days)


@sessions.command("purge")
@click.option("--older-than", "older_than", required=True, metavar="AGE", help="Delete sessions saved longer ago than this: 90d, 12w, 6m, 1y.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@guard
def sessions_purge(older_than: str, yes: bool, db: str | None) -> None:
    """Delete every session (with its report, notes and comments) older than AGE."""
    age = _duration(older_than)
    with open_store(db) as store:
        cutoff = datetime.now(timezone.utc) - age
        count = sum(1 for row in store.sessions.list() if row.saved_at < cutoff.isoformat(timespec="seconds"))
        if count and not yes and not click.confirm(f"Delete {count} session(s) saved before {cutoff:%Y-%m-%d}?", err=True):
            fail("nothing deleted")
        removed = store.sessions.purge(older_than=age)
    click.echo(f"deleted {len(removed)} session(s)", err=True)


@sessions.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@guard
def sessions_delete(session_id: str, yes: bool, db: str | None) -> None:
    """Delete a stored session and its report."""
    with open_store(db) as store:
        full = store.sessions.resolve(session_id)
        if not yes and not click.confirm(f"Delete session {full}?", err=True):
            fail("not deleted")
        store.sessions.delete(full)
    click.echo(f"deleted {full}", err=True)
