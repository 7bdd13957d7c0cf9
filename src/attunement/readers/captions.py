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
    unnamed: list[tuple[str, float, float, int]] = []  # cues before the first named one
    for voice, text, start, end, number in cues:
        text = " ".join(text.split())
        speaker = voice
        if speaker is None:
            match = _PREFIX.match(text)
            if match and len(display_name(match.group("speaker")).split()) <= 4:
                speaker, text = match.group("speaker").strip(), match.group("text")
        if speaker is None:
            if not turns:
                unnamed.append((text, start, end, number))
                continue
            speaker = turns[-1].speaker
        if text.strip():
            turns.append(RawTurn(speaker=speaker, raw=text, line=number, start=start, end=end))
    if not turns:
        words = sum(len(t.split()) for t, *_ in unnamed)
        raise TranscriptError(
            f"these captions name no speaker in any of their {len(unnamed)} cues ({words} words in one stream), so who "
            "is the therapist and who is the client cannot be told",
            path=path,
            line=unnamed[0][3] if unnamed else None,
            format=format,
            hint="export the transcript with speaker names (in Zoom and Teams, the meeting's transcript file rather "
                 "than its closed captions), or put 'Name:' at the start of each cue where the speaker changes",
        )
    if unnamed:
        first = unnamed[0][3]
        raise TranscriptError(
            f"the first {len(unnamed)} cue(s) have no speaker; the first named speaker comes at cue {turns[0].line}",
            path=path,
            line=first,
            format=format,
            hint="put 'Name:' (or a <v Name> voice tag) at the start of the first cue, so the words before the "
                 "first named cue are not lost",
        )
    return turns
