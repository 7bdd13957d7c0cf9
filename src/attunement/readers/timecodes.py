"""Parse the time codes transcripts use: ``01:02:03``, ``1:02``, ``00:01:02.500``, ``00:01:02,500``."""

from __future__ import annotations

import re

__all__ = ["TIMECODE", "parse_timecode", "format_timecode"]

#: A time code: [H:]MM:SS with an optional fraction after ``.`` or ``,``.
TIMECODE = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_PARTS = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


def parse_timecode(code: str) -> float:
    """Seconds from a time code.

    Parameters
    ----------
    code
        ``HH:MM:SS``, ``MM:SS``, optionally with milliseconds (``.mmm`` or ``,mmm``).

    Returns
    -------
    float
        Seconds.

    Raises
    ------
    ValueError
        If ``code`` is not a time code, or minutes/seconds are 60 or more.
    """
    match = _PARTS.match(code.strip())
    if match is None:
        raise ValueError(f"not a time code: {code!r}")
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) >= 60 and hours is not None or int(seconds) >= 60:
        raise ValueError(f"not a time code: {code!r} (minutes and seconds run 00-59)")
    millis = (int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
    if fraction:
        millis += int(fraction.ljust(3, "0"))
    return millis / 1000


def format_timecode(seconds: float) -> str:
    """``HH:MM:SS`` for a number of seconds (fractions are dropped)."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
