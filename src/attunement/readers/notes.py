"""The therapist's process notes, linked to utterances: ``@12: I felt pressure to reassure her``.

Each line that starts with ``@N:`` (N = the utterance number shown in the report, from 0)
is a note on that utterance; lines without a marker continue the note above. Notes are
the therapist's own experience (the fourth task of creating safety); they are shown
beside the utterance and counted, never analysed as transcript.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..errors import TranscriptError
from ..model import Session
from .source import decode, load_bytes

__all__ = ["read_notes", "parse_notes", "with_notes", "merged_notes"]

_MARK = re.compile(r"^\s*@\s*(\d+)\s*[:.)-]\s*(.*)$")


def read_notes(path: str | Path, *, n_utterances: int) -> dict[int, list[str]]:
    """Notes by utterance index; an index outside the session is an error naming the line."""
    path = Path(path)
    return parse_notes(decode(load_bytes(path, max_bytes=2_000_000), path=path), n_utterances=n_utterances, path=str(path))


def parse_notes(text: str, *, n_utterances: int, path: str = "<notes>") -> dict[int, list[str]]:
    """Notes from text (see the module docs); ``path`` names the source in errors."""
    notes: dict[int, list[str]] = {}
    current: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MARK.match(line)
        if match:
            current = int(match.group(1))
            if current >= n_utterances:
                raise TranscriptError(f"note refers to utterance {current}, but the session has {n_utterances} (0–{n_utterances - 1})",
                                      path=path, line=number, format="notes", hint="use the numbers shown in the report")
            notes.setdefault(current, []).append(match.group(2).strip())
        elif line.strip() and current is not None:
            notes[current][-1] = f"{notes[current][-1]} {line.strip()}".strip()
    if not notes:
        raise TranscriptError("no notes found", path=path, line=1, format="notes",
                              hint="start each note with the utterance number, e.g. '@12: I felt pressure to reassure her'")
    return notes


def merged_notes(earlier: dict[str, list[str]], later: dict[str, list[str]]) -> dict[str, list[str]]:
    """Two sets of notes on the same transcript, nothing dropped: per utterance the earlier notes, then the new ones."""
    keys = sorted({*earlier, *later}, key=lambda k: (not k.lstrip("-").isdigit(), int(k) if k.lstrip("-").isdigit() else 0, k))
    return {k: list(dict.fromkeys([*earlier.get(k, []), *later.get(k, [])])) for k in keys}


def with_notes(session: Session, notes: dict[int, list[str]]) -> Session:
    """A copy of the session carrying the notes in ``metadata["notes"]`` (the original is unchanged)."""
    return dataclasses.replace(session, metadata={**session.metadata, "notes": {str(k): v for k, v in sorted(notes.items())}})
