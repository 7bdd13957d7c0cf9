"""Errors and warnings raised by attunement.

Every error a user can cause derives from :class:`AttunementError`. The CLI turns
these into a single line and exit code 2; anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AttunementError",
    "TranscriptError",
    "ConfigError",
    "PipelineError",
    "StoreError",
    "AttunementWarning",
    "TranscriptWarning",
]


class AttunementError(Exception):
    """Root of every error attunement raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def one_line(self) -> str:
        """The error as one line: what is wrong, then what to do."""
        return f"{self.message} ({self.hint})" if self.hint else self.message


class TranscriptError(AttunementError, ValueError):
    """A transcript could not be read.

    Parameters
    ----------
    message
        What is wrong.
    path
        The file being read.
    line
        1-based line (or cue) number where the problem was found, if known.
    format
        The reader that was used (``"text"``, ``"vtt"``...).
    hint
        What the user can do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        format: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.path = str(path) if path is not None else None
        self.line = line
        self.format = format

    def one_line(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {super().one_line()}"


class ConfigError(AttunementError, ValueError):
    """The configuration is invalid."""


class PipelineError(AttunementError, RuntimeError):
    """The pipeline is assembled wrongly (a component's requirements are unmet)."""


class StoreError(AttunementError, RuntimeError):
    """The session store cannot do what was asked."""


class AttunementWarning(UserWarning):
    """Root of attunement's warnings."""


class TranscriptWarning(AttunementWarning):
    """Something in a transcript was guessed or repaired; the reading went on."""
