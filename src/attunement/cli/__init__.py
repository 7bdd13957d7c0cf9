"""The ``attune`` command: a thin layer over the library (one module per group of commands).

Commands are documented in ``docs/cli.md``; a test keeps the two in step.
"""

from __future__ import annotations

from . import accounts, analyze, compare, export, practice, sessions, store, tools  # noqa: F401  (each registers its commands)
from .base import EXIT_BAD_INPUT, cli

__all__ = ["main", "cli", "EXIT_BAD_INPUT"]


def main() -> None:
    """Entry point of the ``attune`` command."""
    cli(prog_name="attune")
