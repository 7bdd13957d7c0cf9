"""WebVTT captions (Zoom, Teams, transcription services), read with webvtt-py.

Speakers come from ``<v Name>`` voice tags or ``Name:`` prefixes; consecutive
cues of one speaker are merged into one utterance.
"""

from __future__ import annotations

import re

import webvtt

from ..errors import TranscriptError
from ..model import Session
from .assemble import ReadOptions, build_session
from .captions import caption_turns, check_timing_lines
from .timecodes import parse_timecode

__all__ = ["parse_vtt", "SUFFIXES"]

SUFFIXES = (".vtt",)
_TAG = re.compile(r"</?[^>]+>")


def parse_vtt(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read a WebVTT file."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(
            "does not start with 'WEBVTT'", path=path, line=1, format="vtt", hint="is it an SRT file?"
        )
    check_timing_lines(text, path=path, format="vtt", decimal=".")
    try:
        captions = webvtt.from_string(text)
    except Exception as exc:  # webvtt-py raises its own and builtin errors
        raise TranscriptError(f"cannot be parsed as WebVTT: {exc}", path=path, format="vtt") from exc
    lines = _cue_lines(text)
    cues = [
        (
            caption.voice,
            _TAG.sub("", caption.raw_text),
            parse_timecode(caption.start),
            parse_timecode(caption.end),
            lines[i] if i < len(lines) else 0,
        )
        for i, caption in enumerate(captions)
    ]
    turns = caption_turns(cues, path=path, format="vtt")
    return [build_session(turns, path=path, format="vtt", options=options, merge_same_speaker=True)]


def _cue_lines(text: str) -> list[int]:
    """1-based line numbers of each cue's timing line."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if "-->" in line]
