"""Word documents (``.docx``), read with python-docx.

Paragraphs are read as plain-text lines (``Speaker: words``); transcripts laid
out as a table use the first cell as the speaker, an optional time cell and the
last cell as the words.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import TranscriptError
from ..model import Session
from .assemble import ReadOptions
from .text import parse_lines
from .timecodes import TIMECODE

__all__ = ["parse_docx", "SUFFIXES", "MAX_UNPACKED_BYTES"]

SUFFIXES = (".docx",)
#: A DOCX is a zip archive; refuse one that unpacks to more than this (zip bombs).
MAX_UNPACKED_BYTES = 200_000_000
_MAX_RATIO = 200


def parse_docx(data: bytes, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read a DOCX transcript."""
    _check_archive(data, path=path)
    import docx  # python-docx; imported here, only DOCX needs it
    import docx.table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken files
        raise TranscriptError(
            f"cannot be opened as a Word document: {exc}",
            path=path,
            format="docx",
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables in document order
        if isinstance(block, docx.table.Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return [parse_lines(lines, path=path, options=options, format="docx")]


def _table_lines(table: object) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = [c.text.strip() for c in row.cells]
        if len(cells) >= 2 and cells[0] and cells[-1]:
            stamp = next((c for c in cells[1:-1] if _is_time(c)), "")
            lines.append(f"{f'[{stamp}] ' if stamp else ''}{cells[0]}: {cells[-1]}")
    return lines


def _is_time(cell: str) -> bool:
    return re.fullmatch(TIMECODE, cell) is not None


def _check_archive(data: bytes, *, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise TranscriptError(
            "is not a valid .docx (not a zip archive)", path=path, format="docx"
        ) from exc
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > _MAX_RATIO and unpacked > 10_000_000:
        raise TranscriptError(
            f"unpacks to {unpacked / 1e6:.0f} MB from {len(data) / 1e6:.1f} MB; refused as a possible zip bomb",
            path=path,
            format="docx",
            hint="save the transcript again from Word, or export it as plain text",
        )
