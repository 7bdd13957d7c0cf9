"""Transcripts saved as PDF, read with pypdf (pure Python, BSD licence).

The text of every page is extracted in reading order and read as plain-text lines
(``Speaker: words``, or a name on its own line as Otter.ai and Word write it). Page
headers and footers that repeat on every page ("Page 3 of 12", the file's title) are
dropped (the same first or last line on every page, page numbers). A PDF that holds only scanned images has no text to extract: that is an
error that says so, with the remedy (export the transcript as text, or run OCR first).
"""

from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import TranscriptError
from ..model import Session
from .assemble import ReadOptions
from .text import parse_lines

__all__ = ["parse_pdf", "SUFFIXES"]

SUFFIXES = (".pdf",)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d+\s*(?:(?:of|/)\s*\d+)?\s*$", re.I)


def parse_pdf(data: bytes, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read a PDF transcript."""
    import pypdf  # imported here: only PDF needs it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise TranscriptError("the PDF is password-protected", path=path, format="pdf",
                                  hint="open it, remove the password (print to a new PDF) and try again")
        pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
    except TranscriptError:
        raise
    except Exception as exc:  # pypdf raises many kinds for broken files
        raise TranscriptError(f"cannot be read as a PDF: {exc}", path=path, format="pdf",
                              hint="open it and save or export it again, or export the transcript as text") from exc
    if not any(line.strip() for page in pages for line in page):
        raise TranscriptError("the PDF has no text in it (scanned pages are images)", path=path, format="pdf",
                              hint="export the transcript as text or Word from the tool that made it, or run OCR first")
    pages = [[line for line in page if line.strip() and not _PAGE_NUMBER.match(line)] for page in pages]
    furniture: set[str] = set()
    if len(pages) >= 2:  # the same first or last line on every page is a running header or footer
        for position in (0, -1):
            ends = Counter(page[position].strip() for page in pages if page)
            furniture |= {line for line, n in ends.items() if n == len(pages)}
    lines = [line for page in pages for line in page if line.strip() not in furniture]
    return [parse_lines(lines, path=path, options=options, format="pdf")]
