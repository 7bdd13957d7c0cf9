"""Shared handling of caption cues (WebVTT, SRT): speaker prefixes and timing checks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import TranscriptError
from .assemble import RawTurn
from .names import SPEAKER, display_name
from .timecodes import parse_timecode

__all__ = ["check_timing_lines", "caption_turns"]

_PREFIX = re.compile(r"^\s*(?:-\s*)?(?P<speaker>" + SPEAKER + r")\s*:\s+(?P<text>.*)$", re.S)
_ARROW_LINE = re.compile(
    r"^\s*(?P<start>\S+)\s+-->\s+(?P<end>\S+)(?:\s+.*)?$"
)


def check_timing_lines(text: str, *, path: str, format: str, decimal: str) -> None:
    """Fail with the line number of the first malformed ``start --> end`` line.

    The parsing libraries skip malformed cues silently; a clinician would rather
    know that part of the session was not read.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" not in line:
            continue
        match = _ARROW_LINE.match(line)
        try:
            if match is None:
                raise ValueError("expected 'start --> end'")
            start, end = (_strict(match.group(k), decimal) for k in ("start", "end"))
        except ValueError as exc:
            raise TranscriptError(
                f"malformed cue timing {line.strip()!r}: {exc}",
                path=path,
                line=number,
                format=format,
                hint=f"timings look like 00:01:02{decimal}500 --> 00:01:04{decimal}000",
            ) from exc
        if end < start:
            raise TranscriptError("cue ends before it starts", path=path, line=number, format=format)


def _strict(code: str, decimal: str) -> float:
    if decimal not in code:
        raise ValueError(f"{code!r} has no milliseconds after {decimal!r}")
    return parse_timecode(code)


def caption_turns(
    cues: Iterable[tuple[str | None, str, float, float, int]], *, path: str, format: str
) -> list[RawTurn]:
    """Turns from caption cues ``(voice, text, start, end, cue_number)``.

    The speaker is the cue's voice tag, else a ``Name:`` prefix, else the speaker
    of the cue before (captions split one person's turn over several cues).
    """
    turns: list[RawTurn] = []
    for voice, text, start, end, number in cues:
        text = " ".join(text.split())
        speaker = voice
        if speaker is None:
            match = _PREFIX.match(text)
            if match and len(display_name(match.group("speaker")).split()) <= 4:
                speaker, text = match.group("speaker").strip(), match.group("text")
        if speaker is None:
            if not turns:
                raise TranscriptError(
                    "the first cue has no speaker",
                    path=path,
                    line=number,
                    format=format,
                    hint="captions need '<v Name>' voice tags or 'Name:' at the start of a cue",
                )
            speaker = turns[-1].speaker
        if text.strip():
            turns.append(RawTurn(speaker=speaker, raw=text, line=number, start=start, end=end))
    return turns
