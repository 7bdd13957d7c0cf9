"""``attune users``: accounts for the web app."""

from __future__ import annotations

import sys

import click

from .base import cli, db_option, fail, guard, open_store

__all__ = ["users"]


@cli.group()
def users() -> None:
    """Accounts for the web app: add, assign, unassign, remove, reset a password, list."""


def new_password_hash(*, from_stdin: bool = False, prompt: str = "Password") -> str:
    """A new password, read from standard input or asked for twice, checked (10 characters or more) and hashed
    with argon2; a clear error (exit 2) when the web extra that hashes it is not installed."""
    try:
        from ..web.security import hash_password
    except ImportError as exc:
        fail(f"accounts are for the web app, which needs the [web] extra ({exc.name} is missing): "
             "pip install 'attunement[web]'")
    password = sys.stdin.readline().rstrip("\n") if from_stdin else click.prompt(prompt, hide_input=True,
                                                                                 confirmation_prompt=True, err=True)
    if len(password) < 10:
        fail("passwords need at least 10 characters")
    return hash_password(password)


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["trainee", "supervisor", "admin"]), required=True, help="What the user may see and do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
@db_option
@guard
def users_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Add a user; the password is stored as an argon2 hash only."""
    password_hash = new_password_hash(from_stdin=password_stdin)
    with open_store(db) as store:
        store.accounts.add_user(name, role, password_hash)
        store.audit.write("cli", "add user", f"{name} ({role})")
    click.echo(f"added {role} {name}", err=True)


@users.command("assign")
@click.argument("supervisor")
@click.argument("trainee")
@db_option
@guard
def users_assign(supervisor: str, trainee: str, db: str | None) -> None:
    """Let SUPERVISOR see TRAINEE's sessions."""
    with open_store(db) as store:
        store.accounts.assign(supervisor, trainee)
        store.audit.write("cli", "assign", f"{trainee} -> {supervisor}")
    click.echo(f"{supervisor} now supervises {trainee}", err=True)


@users.command("unassign")
@click.argument("supervisor")
@click.argument("trainee")
@db_option
@guard
def users_unassign(supervisor: str, trainee: str, db: str | None) -> None:
    """Stop SUPERVISOR seeing TRAINEE's sessions."""
    with open_store(db) as store:
        removed = store.accounts.unassign(supervisor, trainee)
        store.audit.write("cli", "unassign", f"{trainee} -/-> {supervisor}")
    click.echo(f"{supervisor} no longer supervises {trainee}" if removed else f"{supervisor} did not supervise {trainee}",
               err=True)


@users.command("remove")
@click.argument("name")
@db_option
@guard
def users_remove(name: str, db: str | None) -> None:
    """Remove a user; one with sessions or comments is locked instead (nothing they wrote is lost)."""
    with open_store(db) as store:
        outcome = store.accounts.remove_user(name)
        store.audit.write("cli", f"{'remove' if outcome == 'removed' else 'lock'} user", name)
    click.echo(f"removed {name}" if outcome == "removed" else
               f"locked {name}: they own sessions or wrote comments, which are kept; they can no longer log in", err=True)


@users.command("reset-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input instead of prompting.")
@db_option
@guard
def users_reset_password(name: str, password_stdin: bool, db: str | None) -> None:
    """Give NAME a new password (also unlocks a locked account)."""
    password_hash = new_password_hash(from_stdin=password_stdin, prompt="New password")
    with open_store(db) as store:
        entry = store.accounts.user(name)
        if entry is None:
            fail(f"no user called {name!r}; see 'attune users list'")
        store.accounts.set_password(entry[0].id, password_hash)
        store.audit.write("cli", "reset password", name)
    click.echo(f"new password set for {name}", err=True)


@users.command("list")
@db_option
@guard
def users_list(db: str | None) -> None:
    """List users and their roles."""
    with open_store(db) as store:
        for user in store.accounts.users():
            click.echo(f"{user.name}  {user.role}")
