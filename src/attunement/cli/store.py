"""``attune store``: check the store, rotate its encryption key."""

from __future__ import annotations

import sys

import click

from .. import environment
from .base import cli, db_option, guard, open_store

__all__ = ["store_group"]


@cli.group("store")
def store_group() -> None:
    """The store itself: check it, rotate its encryption key."""


@store_group.command("rotate-key")
@db_option
@guard
def store_rotate_key(db: str | None) -> None:
    """Re-encrypt everything with a new key, then replace the key file (the old one is kept as .old)."""
    import os

    from ..store.crypto import key_path, new_key, write_key

    key = new_key()
    with open_store(db) as store:
        count = store.rotate_key(key)
        store.audit.write("cli", "rotate key")
    if environment.get("ATTUNEMENT_KEY"):
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
@db_option
@guard
def store_check(db: str | None) -> None:
    """Check the store's integrity (SQLite's integrity check; always ok on PostgreSQL)."""
    with open_store(db) as store:
        ok = store.integrity_check()
    click.echo("ok" if ok else "the store is damaged", err=True)
    if not ok:
        sys.exit(1)
