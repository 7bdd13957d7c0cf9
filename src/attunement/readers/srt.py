"""SubRip (``.srt``) subtitles, read with pysrt; speakers from ``Name:`` prefixes."""

from __future__ import annotations

import pysrt

from ..errors import TranscriptError
from ..model import Session
from .assemble import ReadOptions, build_session
from .captions import caption_turns, check_timing_lines

__all__ = ["parse_srt", "SUFFIXES"]

SUFFIXES = (".srt",)


def parse_srt(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read an SRT file."""
    check_timing_lines(text, path=path, format="srt", decimal=",")
    try:
        items = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except Exception as exc:  # pysrt raises its own error types
        raise TranscriptError(f"cannot be parsed as SRT: {exc}", path=path, format="srt") from exc
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if "-->" in line]
    cues = [
        (None, item.text_without_tags, item.start.ordinal / 1000, item.end.ordinal / 1000, lines[i])
        for i, item in enumerate(items)
    ]
    turns = caption_turns(cues, path=path, format="srt")
    return [build_session(turns, path=path, format="srt", options=options, merge_same_speaker=True)]
