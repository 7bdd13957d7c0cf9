"""Read transcripts in every supported format into :class:`~attunement.model.Session` objects.

The reader is chosen by the file's suffix, then confirmed or overridden by its
content (a ``.txt`` that starts with ``WEBVTT`` is read as WebVTT).
"""

from __future__ import annotations

import dataclasses
import glob
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TranscriptError
from ..model import Session
from . import convokit, docx, eaf, jsonformat, pdf, recording, srt, table, text, vtt
from .assemble import ReadOptions
from .source import decode, load_bytes

__all__ = ["Format", "FORMATS", "ReadOptions", "read_session", "read_sessions", "expand_paths", "sniff_format",
           "with_warnings"]


@dataclass(frozen=True, slots=True)
class Format:
    """A transcript format: its name, suffixes, what it reads and how."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    parse: Callable[..., list[Session]]
    binary: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", text.SUFFIXES, "plain text, one 'Speaker: words' line per utterance", text.parse_text),
        Format("vtt", vtt.SUFFIXES, "WebVTT captions (Zoom, Teams) with <v Name> or 'Name:' speakers", vtt.parse_vtt),
        Format("srt", srt.SUFFIXES, "SubRip subtitles with 'Name:' speakers", srt.parse_srt),
        Format("docx", docx.SUFFIXES, "Word documents: 'Speaker: words' paragraphs or a table", docx.parse_docx, binary=True),
        Format("pdf", pdf.SUFFIXES, "PDF with extractable text: 'Speaker: words' lines or a name on its own line",
               pdf.parse_pdf, binary=True),
        Format("csv", table.SUFFIXES, "CSV/TSV with AnnoMI-style columns (interlocutor, utterance_text...)", table.parse_table),
        Format("convokit", (), "a ConvoKit corpus: its folder's utterances.jsonl, one session per conversation",
               convokit.parse_convokit),
        Format("eaf", eaf.SUFFIXES, "ELAN annotation files: one tier of turns per speaker, non-verbal tiers", eaf.parse_eaf),
        Format("json", jsonformat.SUFFIXES, "attunement's own session JSON (lossless)", jsonformat.parse_json),
        Format("recording", recording.SUFFIXES, "audio or video, transcribed offline (needs the [media] extra)",
               recording.parse_bytes, binary=True),
    )
}

_SRT_START = re.compile(r"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2},\d{3}\s+-->")


def sniff_format(path: Path, data: bytes) -> str:
    """The format name for a file, from its content where that is decisive, else its suffix."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:2048].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(head):
        return "srt"
    if path.name == convokit.FILE:
        return "convokit"
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    if head.startswith(("{", "[{")) and '"schema"' in head:
        return "json"
    first = head.split("\n", 1)[0].lower()
    if any(c in first for c in table.TEXT_COLUMNS) and ("," in first or "\t" in first):
        return "csv"
    return "text"


def read_sessions(path: str | Path, *, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read every session in a file (CSV and JSON files may hold several).

    Parameters
    ----------
    path
        The transcript file.
    options
        Role mapping, encoding, size limit, forced format.

    Raises
    ------
    TranscriptError
        The file is missing, too big, empty, binary, or not a readable transcript.
    """
    path = Path(path)
    if options.format in (None, "recording") and recording.is_recording(path):  # read from disk in pieces, not as bytes
        if not path.is_file():
            raise TranscriptError("file not found", path=path, hint="check the path")
        return recording.parse_recording(str(path), options=options)
    data = load_bytes(path, max_bytes=options.max_bytes)
    name = options.format or sniff_format(path, data)
    if name not in FORMATS:
        raise TranscriptError(f"unknown format {name!r}", path=path, hint="run 'attune formats'")
    fmt = FORMATS[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = data if fmt.binary else decode(data, path=path, encoding=options.encoding)
        sessions = fmt.parse(text, path=str(path), options=options)
    for warning in caught:  # passed on to the caller, and carried on the sessions they concern
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    sessions = [with_warnings(s, [str(w.message) for w in caught], path=str(path)) for s in sessions]
    if options.video:  # a separate video, aligned with the transcript from its start
        if len(sessions) != 1:
            raise TranscriptError(f"holds {len(sessions)} sessions; a video belongs to one", path=path)
        sessions = [recording.with_video(sessions[0], options.video)]
    return sessions


def with_warnings(session: Session, messages: Sequence[str], *, path: str) -> Session:
    """The session with the reading warnings that concern it in ``metadata["warnings"]``.

    A message about one session of a file (``file#3: ...``) goes to that session; a message
    about the file goes to each of its sessions.
    """
    mine = [m for m in dict.fromkeys(messages)
            if m.startswith((f"{session.source}:", f"{session.source} ")) or not m.startswith(f"{path}#")]
    if not mine:
        return session
    carried = list(dict.fromkeys([*session.metadata.get("warnings", []), *mine]))
    return dataclasses.replace(session, metadata={**session.metadata, "warnings": carried})


def read_session(path: str | Path, *, options: ReadOptions = ReadOptions()) -> Session:
    """Read a file that holds exactly one session."""
    sessions = read_sessions(path, options=options)
    if len(sessions) != 1:
        raise TranscriptError(f"holds {len(sessions)} sessions, expected one", path=path, hint="use read_sessions")
    return sessions[0]


def _is_report(path: Path) -> bool:
    """An attunement report file (output, not a transcript): skipped when a folder is searched."""
    if path.suffix.lower() not in (".json", ".jsonl"):
        return False
    with path.open("rb") as handle:
        return b'"attunement.report/' in handle.read(200)


def _is_corpus_companion(path: Path) -> bool:
    """One of a ConvoKit corpus folder's other files (speakers.json...): read with its utterances.jsonl, not alone."""
    return path.name in convokit.COMPANIONS and (path.parent / convokit.FILE).is_file()


def expand_paths(patterns: Sequence[str | Path]) -> Iterator[Path]:
    """Files named by paths, folders (searched recursively for known suffixes) and globs.

    Report files written by attune (``attunement.report/1``) are skipped inside folders.

    A pattern that matches nothing is yielded as it is, so reading it reports
    the missing file.
    """
    suffixes = {s for f in FORMATS.values() for s in f.suffixes} - {".md"}
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes and not _is_report(p)
                and not _is_corpus_companion(p)
            )
        elif not path.exists() and glob.has_magic(str(pattern)):
            matches = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
            yield from (matches or [path])
        else:
            yield path
