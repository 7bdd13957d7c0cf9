"""What every ``attune`` command shares: the group, the error boundary, the store option.

User mistakes (``AttunementError``) become one line on stderr and exit code 2,
never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

import click

from ..version import __version__
from ..errors import AttunementError
from ..store import Store

__all__ = ["cli", "fail", "guard", "db_option", "open_store", "EXIT_BAD_INPUT"]

EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into one line and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AttunementError as exc:
            fail(exc.one_line())

    return wrapper


db_option = click.option("--db", type=click.Path(dir_okay=False),
                         help="Session store file or postgresql:// URL (default: $ATTUNEMENT_DB, else the user data folder).")


def open_store(db: str | None) -> Store:
    """The store the flag names, else ``$ATTUNEMENT_DB``, else the default location."""
    return Store(db)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="attune", message="%(prog)s %(version)s")
def cli() -> None:
    """Analyse therapy sessions for attunement, on this computer only."""
