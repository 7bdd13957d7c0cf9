"""``attune practice``: answer client moments and get the judgement a session response gets.

``attune practice`` alone is the interactive terminal round; ``score`` is the same judgement for
scripts and tests; ``list``, ``progress``, ``assign`` and ``sets`` show the moments, a learner's
progress per situation and the sets supervisors assign. Everything runs through the one service
and the one store.
"""

from __future__ import annotations

import getpass
import json
import random
from typing import Any

import click

from ..practice import SITUATIONS, PracticeItem, bank, moments_from_report, progress
from ..service import Service
from ..settings import Settings
from ..vocabulary import Setting
from .base import cli, db_option, fail, guard

__all__ = ["practice"]

_COLOUR = {"attuned": "green", "neutral": "yellow", "missed": "dark_orange", "misattuned": "red"}


def _service(db: str | None, config_path: str | None = None, tier: str | None = None) -> Service:
    return Service(Settings.load(config_path=config_path, db=db, tier=tier))


def _own_moments(service: Service) -> list[PracticeItem]:
    """Missed moments of the de-identified sessions kept in the store."""
    out: list[PracticeItem] = []
    for session_id, report in service.store.sessions.reports():
        if report:
            session = service.store.sessions.get(session_id)
            out += moments_from_report(session_id, report, deidentified=bool(session.metadata.get("deidentified")))
    return out


def _order(items: list[PracticeItem], done: dict[str, dict[str, Any]]) -> list[PracticeItem]:
    """The situations the learner has practised least well (or not at all) first; shuffled within a situation."""
    shuffled = random.sample(items, len(items))
    return sorted(shuffled, key=lambda i: (done.get(i.situation, {}).get("last", -1.0), i.situation))


@cli.group(invoke_without_command=True)
@click.option("--situation", type=click.Choice(SITUATIONS), help="Practise moments of this situation only.")
@click.option("--set", "set_id", type=int, help="Practise a set a supervisor assigned (see 'attune practice sets').")
@click.option("--mine", is_flag=True, help="Practise the missed moments of your own de-identified sessions in the store.")
@click.option("--user", default=getpass.getuser, show_default="your login name", help="Whose attempts these are.")
@click.option("--rounds", type=click.IntRange(min=1), default=5, show_default=True, help="Moments in this round.")
@db_option
@click.option("--models", "tier", type=click.Choice(["accurate", "fast"]), help="Model tier for the codes (default: accurate).")
@click.pass_context
@guard
def practice(ctx: click.Context, situation: str | None, set_id: int | None, mine: bool, user: str, rounds: int,
             db: str | None, tier: str | None) -> None:
    """Answer client moments and get feedback (interactive; see the subcommands for scripts)."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel

    console = Console(highlight=False)
    service = _service(db, tier=tier)
    items = list(bank()) + (_own_moments(service) if mine else [])
    if mine:
        items = [i for i in items if i.source == "session"]
        if not items:
            fail("no missed moments in de-identified sessions in the store; analyse with --deidentify --save first")
    if set_id is not None:
        chosen = next((s for s in _sets_of(service, user) if s["id"] == set_id), None)
        if chosen is None:
            fail(f"no practice set {set_id} for {user}; 'attune practice sets --user {user}' lists them")
        items = [i for i in items if i.id in chosen["items"]]
    if situation:
        items = [i for i in items if i.situation == situation]
    done = progress(service.store.practice.attempts(user))
    console.print(f"[bold]Practice[/bold] for {user}: {min(rounds, len(items))} moment(s). Type your answer; "
                  "an empty line skips, 'q' stops.\n")
    for item in _order(items, done)[:rounds]:
        context = "\n".join(f"[dim]{role.title()}: {escape(text)}[/dim]" for role, text in item.context[-4:])
        console.print(Panel(f"{context}\n[bold]Client:[/bold] {escape(item.client)}", title=item.situation.replace("_", " "),
                            subtitle=item.id))
        answer = click.prompt("Your answer", default="", show_default=False).strip()
        if answer.lower() in ("q", "quit"):
            break
        if not answer:
            continue
        result = service.practise(item.client, answer, context=item.context, setting=item.setting or None)
        service.store.practice.add_attempt(user, item.id, situation=item.situation, client=item.client, response=answer,
                                           attunement=result["attunement"], marker=result["marker"], set_id=set_id)
        _show(console, result)
    after = progress(service.store.practice.attempts(user))
    for name, entry in after.items():
        console.print(f"{name.replace('_', ' '):<14} {entry['attempts']:>3} attempts, {entry['attuned']} attuned, "
                      f"recent mean {round(100 * entry['last'])}")


def _show(console: Any, result: dict[str, Any]) -> None:
    from rich.markup import escape

    marker = result["marker"]
    console.print(f"[{_COLOUR[marker]}][bold]{marker}[/bold] {round(100 * result['attunement'])}/100[/{_COLOUR[marker]}]  "
                  f"({'a reflection' if result['codes']['reflection'] else 'not a reflection'}; "
                  f"MI {result['codes']['mi_adherence']})")
    console.print(escape(result["feedback"]))
    for alt in result["alternatives"]:
        console.print(f"  • “{escape(alt['text'])}”  [dim]{escape(alt['why'])}[/dim]")
    console.print()


def _sets_of(service: Service, user: str) -> list[dict[str, Any]]:
    found = service.store.accounts.user(user)
    return service.store.practice.sets_for(found[0].id) if found else []


def _context(service: Service, path: str | None) -> tuple[tuple[str, str], ...]:
    if path is None:
        return ()
    sessions = service.ingest(path)
    if len(sessions) != 1:
        fail(f"{path}: holds {len(sessions)} sessions; --context takes one")
    return tuple((u.role, " ".join([u.text, *(a.raw for a in u.annotations)]).strip())
                 for u in sessions[0].utterances if u.role in ("therapist", "client"))


@practice.command("score")
@click.option("--client", "client_text", required=True, help="The client's words (non-verbal signs in [brackets]).")
@click.option("--response", required=True, help="The answer to judge.")
@click.option("--context", "context_path", type=click.Path(exists=True, dir_okay=False),
              help="A transcript (any format attune reads) of the turns before the client's words.")
@click.option("--setting", type=click.Choice([str(s) for s in Setting]), help="The kind of session (default: inferred).")
@click.option("--json", "as_json", is_flag=True, help="Print {attunement, marker, feedback, alternatives, codes, ...} as JSON.")
@click.option("--models", "tier", type=click.Choice(["accurate", "fast"]), help="Model tier for the codes (default: accurate).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A TOML file overriding the default configuration.")
@guard
def score_command(client_text: str, response: str, context_path: str | None, setting: str | None, as_json: bool,
                  tier: str | None, config_path: str | None) -> None:
    """Judge one answer to one client statement, as a session response would be judged."""
    service = _service(None, config_path, tier)
    result = service.practise(client_text, response, context=_context(service, context_path), setting=setting)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        from rich.console import Console

        _show(Console(highlight=False), result)


@practice.command("list")
@click.option("--situation", type=click.Choice(SITUATIONS), help="Only moments of this situation.")
def list_command(situation: str | None) -> None:
    """List the team's practice moments."""
    for item in bank():
        if situation in (None, item.situation):
            click.echo(f"{item.id:<16} {item.situation:<14} {item.client[:70]}")


@practice.command("progress")
@click.option("--user", default=getpass.getuser, show_default="your login name", help="Whose progress.")
@click.option("--json", "as_json", is_flag=True, help="Print the progress per situation as JSON.")
@db_option
@guard
def progress_command(user: str, as_json: bool, db: str | None) -> None:
    """Progress per situation: attempts, attuned answers, first and recent mean score."""
    found = progress(_service(db).store.practice.attempts(user))
    if as_json:
        click.echo(json.dumps({k: {**v, "series": [{"at": a["created_at"], "attunement": a["attunement"], "item": a["item_id"]}
                                                   for a in v["series"]]} for k, v in found.items()}, indent=1))
        return
    if not found:
        click.echo(f"no practice attempts for {user} yet; start with 'attune practice'")
    for name, entry in found.items():
        change = "" if entry["change"] is None else f", {'+' if entry['change'] >= 0 else ''}{round(100 * entry['change'])} since the start"
        click.echo(f"{name.replace('_', ' '):<14} {entry['attempts']:>3} attempts, {entry['attuned']} attuned, "
                   f"first {round(100 * entry['first'])}, recent {round(100 * entry['last'])}{change}")


@practice.command("assign")
@click.argument("trainee")
@click.option("--supervisor", required=True, help="The supervisor assigning the set (an account name).")
@click.option("--name", "set_name", required=True, help="What to call the set.")
@click.option("--situation", "situations", multiple=True, type=click.Choice(SITUATIONS), help="Every moment of this situation; repeatable.")
@click.option("--item", "items", multiple=True, help="A practice moment id ('attune practice list'); repeatable.")
@db_option
@guard
def assign_command(trainee: str, supervisor: str, set_name: str, situations: tuple[str, ...], items: tuple[str, ...],
                   db: str | None) -> None:
    """Assign a practice set to a trainee of this supervisor."""
    store = _service(db).store
    known = {i.id for i in bank()}
    unknown = [i for i in items if i not in known]
    if unknown:
        fail(f"unknown practice moment(s): {', '.join(unknown)}; 'attune practice list' shows them")
    chosen = list(dict.fromkeys([*items, *(i.id for i in bank() if i.situation in situations)]))
    if not chosen:
        fail("name the moments with --item or --situation")
    sup, pupil = store.accounts.user(supervisor), store.accounts.user(trainee)
    if not sup or sup[0].role != "supervisor":
        fail(f"{supervisor!r} is not a supervisor account; see 'attune users list'")
    if not pupil or pupil[0].id not in store.accounts.trainees_of(sup[0].id):
        fail(f"{trainee!r} is not a trainee assigned to {supervisor}; 'attune users assign' first")
    set_id = store.practice.assign(sup[0].id, pupil[0].id, set_name, chosen)
    click.echo(f"set {set_id} ({set_name}): {len(chosen)} moment(s) assigned to {trainee}")


@practice.command("sets")
@click.option("--user", default=getpass.getuser, show_default="your login name", help="The trainee.")
@db_option
@guard
def sets_command(user: str, db: str | None) -> None:
    """List the practice sets assigned to a trainee."""
    found = _sets_of(_service(db), user)
    if not found:
        click.echo(f"no practice sets assigned to {user}")
    for s in found:
        click.echo(f"{s['id']:>4}  {s['name']}  ({len(s['items'])} moments, from {s['supervisor']}, {s['created_at'][:10]})")
