"""A run's report files, written as the analyses come, so a corpus is never held in memory.

``ReportFiles`` takes one analysis at a time: its JSON Lines line goes to a temporary file beside
the target, its HTML report (in folder mode) is written at once, and its Parquet rows go to parts
(:class:`~attunement.report.parquet.ParquetTables`). :meth:`ReportFiles.finish` renames the JSON
Lines file into place and joins the Parquet parts, so those files appear whole or not at all;
:meth:`ReportFiles.abandon` removes what was not finished. A single ``.html`` target holds one
session: a second one is an error before anything is written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import AttunementError
from ..model import Analysis
from . import to_jsonl, write_html
from .document import report_document
from .parquet import ParquetTables
from .text import html_file_name, summary_line

__all__ = ["ReportFiles", "is_html_file"]


def is_html_file(out: str) -> bool:
    """A ``--html`` target that is one file (``.html``/``.htm``) rather than a folder."""
    return out.lower().endswith((".html", ".htm"))


class ReportFiles:
    """The JSON Lines file, the HTML report(s) and the Parquet tables of one run."""

    def __init__(self, *, json_out: str | None = None, html_out: str | None = None,
                 parquet_out: str | None = None) -> None:
        self.json_out, self.html_out = json_out, html_out
        self.count = 0
        self.summaries: list[str] = []  # one line per session, for the command's output
        self._json = None
        if json_out:
            fd, self._json_tmp = tempfile.mkstemp(prefix=f".{Path(json_out).name}.", suffix=".tmp",
                                                  dir=Path(json_out).resolve().parent)
            self._json = os.fdopen(fd, "w", encoding="utf-8")
        self._tables = ParquetTables(parquet_out) if parquet_out else None
        self._single: Analysis | None = None
        self._html: list[str] = []
        self._used: set[str] = set()

    def add(self, analysis: Analysis) -> None:
        """One session's analysis: its files written or staged."""
        self.count += 1
        document = report_document(analysis)
        if self._json is not None:
            self._json.write(to_jsonl([document]))
        if self._tables is not None:
            self._tables.add(document)
        if self.html_out and is_html_file(self.html_out):
            if self._single is not None:
                raise AttunementError(f"--html {self.html_out} names one file but more than one session was "
                                      "analysed; give a folder instead")
            self._single = analysis
        elif self.html_out:
            folder = Path(self.html_out)
            folder.mkdir(parents=True, exist_ok=True)
            name = html_file_name(analysis.session.source)
            if name in self._used:  # same file name from two folders: keep both
                name = f"{name[:-5]}-{analysis.session.id[:8]}.html"
            self._used.add(name)
            self._html.append(str(write_html(analysis, folder / name)))
        self.summaries.append(summary_line(document))

    def finish(self) -> list[str]:
        """Put the files in place; returns what was written (nothing when no session was analysed)."""
        written: list[str] = []
        if self._tables is not None:
            if self.count:
                written.extend(str(p) for p in self._tables.finish())
            else:
                self._tables.abandon()
        if self._json is not None:
            self._json.flush()
            os.fsync(self._json.fileno())
            self._json.close()
            self._json = None
            if self.count:
                os.chmod(self._json_tmp, 0o600)
                os.replace(self._json_tmp, self.json_out)  # type: ignore[arg-type]
                written.append(str(self.json_out))
            else:
                Path(self._json_tmp).unlink(missing_ok=True)
        if self._single is not None:
            written.append(str(write_html(self._single, self.html_out)))  # type: ignore[arg-type]
        return written + self._html

    def abandon(self) -> None:
        """Remove the staged files of a run that did not finish."""
        if self._json is not None:
            self._json.close()
            self._json = None
            Path(self._json_tmp).unlink(missing_ok=True)
        if self._tables is not None:
            self._tables.abandon()
