"""Plain-text transcripts: one ``Speaker: words`` line per utterance.

Accepted forms (time stamps optional, ``[HH:MM:SS]`` or bare ``HH:MM:SS``, with
an optional end time ``[00:12:03 - 00:12:09]``)::

    Therapist: How has the week been?
    [00:12:03] Client: Hard. [sighs]
    00:12:10 T: Hard in what way?
    Client [00:12:15]: I don't know.
    a line with no label continues the utterance above it.

A label counts as a speaker when it names a role (``Therapist``, ``C``...), is a
name given with ``--therapist``/``--client``, or starts two or more lines; a
one-off ``Word:`` inside someone's speech is kept as their words.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter

from ..errors import TranscriptError, TranscriptWarning
from ..model import Session
from .assemble import RawTurn, ReadOptions, build_session
from .names import SPEAKER, display_name
from .roles import role_of_label
from .timecodes import TIMECODE, parse_timecode

__all__ = ["parse_text", "parse_lines", "SUFFIXES"]

SUFFIXES = (".txt", ".text", ".md")

_STAMP = (
    r"(?:[\[(]\s*(?P<N>TC)(?:\s*(?:-+|–|—|to)\s*(?P<N_end>TC))?\s*[\])]"
    r"|(?P<N_bare>TC)(?:\s*(?:-+|–|—)\s*(?P<N_bend>TC))?)"
).replace("TC", TIMECODE)
_LABELLED = re.compile(
    r"^\s*(?:" + _STAMP.replace("N", "a") + r"\s*)?"
    r"(?P<speaker>" + SPEAKER + r")\s*"
    r"(?:" + _STAMP.replace("N", "b") + r"\s*)?:\s?(?P<text>.*)$"
)
_MAX_LABEL_WORDS = 4
#: A speaker's name alone on its line, perhaps with a time code: Otter.ai's "Ana Ruiz  0:02", or a Word
#: file's bold name in its own paragraph. The words follow on the next lines.
_HEADER = re.compile(r"^\s*(?:[\[(]?(?P<before>" + TIMECODE + r")[\])]?\s+)?\[?(?P<speaker>" + SPEAKER + r")\]?\s*"
                     r"(?:[\[(]?(?P<stamp>" + TIMECODE + r")[\])]?)?\s*:?\s*$")
#: A line that is only a time code (Google Meet and others put one every few minutes).
_STAMP_ONLY = re.compile(r"^\s*[\[(]?(?P<stamp>" + TIMECODE + r")[\])]?\s*$")
#: A time code right after the label's colon ("Ana: [00:00:02] words", as Sonix writes it).
_AFTER_COLON = re.compile(r"^(?P<head>[^:]{1,60}:\s*)[\[(](?P<stamp>" + TIMECODE + r")[\])]\s*")


def parse_text(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read a plain-text transcript (see the module docs for the format)."""
    return [parse_lines(text.splitlines(), path=path, options=options, format="text")]


def parse_lines(
    lines: list[str], *, path: str, options: ReadOptions, format: str, first_line: int = 1
) -> Session:
    """Read ``Speaker: words`` lines; shared by the text and DOCX readers."""
    lines = _unheadered(lines)
    matches = [_LABELLED.match(line) for line in lines]
    speakers = _speaker_labels([m.group("speaker").strip() for m in matches if m], options)

    def is_label(match: re.Match[str] | None) -> bool:
        return match is not None and match.group("speaker").strip() in speakers

    turns: list[RawTurn] = []
    preamble: list[str] = []
    for number, (line, match) in enumerate(zip(lines, matches), start=first_line):
        if not line.strip():
            continue
        if is_label(match):
            assert match is not None
            start, end = _times(match, path=path, line=number, format=format)
            turns.append(
                RawTurn(speaker=match.group("speaker").strip(), raw=match.group("text"), line=number, start=start, end=end)
            )
        elif turns:
            stamped = match is not None and (match.group("a") or match.group("a_bare"))
            if stamped:
                warnings.warn(
                    f"{path}:{number}: {match.group('speaker').strip()!r} opens only this line, so it was read as "
                    "part of the utterance above; pass --therapist/--client if it is a speaker",
                    TranscriptWarning,
                    stacklevel=2,
                )
            turns[-1].raw = f"{turns[-1].raw} {line.strip()}".strip()
        else:
            preamble.append(line.strip())
    if not turns:
        raise TranscriptError(
            "no speaker labels found",
            path=path,
            line=first_line,
            format=format,
            hint="start each utterance with its speaker, e.g. 'Therapist: ...' and 'Client: ...'",
        )
    if preamble:
        warnings.warn(
            f"{path}: {len(preamble)} line(s) before the first speaker label kept as the session's preamble",
            TranscriptWarning,
            stacklevel=2,
        )
    metadata = {"preamble": "\n".join(preamble)} if preamble else {}
    return build_session(turns, path=path, format=format, options=options, metadata=metadata)


def _unheadered(lines: list[str]) -> list[str]:
    """Lines in ``Speaker [time]: words`` form when the file puts each speaker's name on a line of its own.

    Applies only when two or more names each head two or more blocks and such headers outnumber
    ordinary labelled lines; the words under a header join its first line, the others keep their
    own line numbers as continuations (blank lines stand in for the header lines, so numbers hold).
    """
    lines = [_AFTER_COLON.sub(lambda m: f"[{m.group('stamp')}] {m.group('head')}", line) for line in lines]
    headers = [_HEADER.match(line) if line.strip() and not _STAMP_ONLY.match(line) else None for line in lines]
    counts = Counter(display_name(m.group("speaker")) for m in headers if m)
    names = {n for n, k in counts.items() if k >= 2 and len(n.split()) <= _MAX_LABEL_WORDS}
    labelled = sum(1 for line, header in zip(lines, headers) if not header and _LABELLED.match(line))
    if len(names) < 2 or sum(counts[n] for n in names) <= labelled:
        return lines
    out, pending, clock = [], None, None
    for line, match in zip(lines, headers):
        if _STAMP_ONLY.match(line):  # a time on its own: the start of the next block, not words
            clock = _STAMP_ONLY.match(line).group("stamp")  # type: ignore[union-attr]
            out.append("")
        elif match and display_name(match.group("speaker")) in names:
            stamp = match.group("stamp") or match.group("before") or clock
            clock = None
            pending = f"{match.group('speaker').strip()}{f' [{stamp}]' if stamp else ''}: "
            out.append("")
        elif pending is not None and line.strip():
            out.append(pending + line.strip())
            pending = None
        else:
            out.append(line)
    return out


def _speaker_labels(candidates: list[str], options: ReadOptions) -> set[str]:
    """Which ``Word:`` line openings are speakers.

    Role words and names given by the user always are; other labels are when
    they open two or more lines. Only if that leaves fewer than two speakers are
    name-like labels that open a single line (``Ben:``) taken as well.
    """
    counts = Counter(c for c in candidates if len(display_name(c).split()) <= _MAX_LABEL_WORDS)
    named = {display_name(n).casefold() for n in (options.therapist, options.client) if n}
    speakers = {c for c, n in counts.items()
                if role_of_label(display_name(c)) is not None or display_name(c).casefold() in named or n >= 2}
    if len(speakers) < 2:
        speakers |= {c for c in counts if all(w[:1].isupper() for w in c.split())}
    return speakers


def _times(match: re.Match[str], *, path: str, line: int, format: str) -> tuple[float | None, float | None]:
    for key in ("a", "b"):
        code = match.group(key) or match.group(f"{key}_bare")
        if code:
            try:
                start = parse_timecode(code)
                end_code = match.group(f"{key}_end") or match.group(f"{key}_bend")
                return start, parse_timecode(end_code) if end_code else None
            except ValueError as exc:
                raise TranscriptError(str(exc), path=path, line=line, format=format) from exc
    return None, None

