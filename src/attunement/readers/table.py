"""CSV and TSV transcripts with AnnoMI-style columns.

Required: a text column (``utterance_text``, ``text``, ``utterance``, ``transcript``…) and a
speaker column (``interlocutor``, ``speaker``, ``role``, ``Speaker Name``…). Optional:
``transcript_id`` (one session per id), ``utterance_id`` (order within it),
``timestamp``/``start``/``Start Time``, ``end``/``End Time``, ``topic``. Any other column is
named in a warning: it was not read. In a file without utterance ids or codes (a transcription tool's
export, often one row per sentence), consecutive rows of one speaker less than two seconds apart
are joined into one utterance. Where a transcript was coded more
than once (AnnoMI-full), the first row of each utterance is used. Existing
codes (``main_therapist_behaviour``, ``client_talk_type``) are kept in
``session.metadata["gold"]`` so coded sessions can be used for training.
"""

from __future__ import annotations

import csv
import io
import warnings

from ..errors import TranscriptError, TranscriptWarning
from ..model import Session
from .assemble import RawTurn, ReadOptions, build_session
from .roles import role_of_label
from .timecodes import parse_timecode

__all__ = ["parse_table", "SUFFIXES", "TEXT_COLUMNS", "SPEAKER_COLUMNS"]

SUFFIXES = (".csv", ".tsv")
TEXT_COLUMNS = ("utterance_text", "text", "utterance", "transcript", "words", "content")
SPEAKER_COLUMNS = ("interlocutor", "speaker", "role", "speaker name", "speaker_name", "name")
START_COLUMNS = ("timestamp", "start", "start time", "start_time", "begin", "start (s)")
END_COLUMNS = ("end", "end time", "end_time", "stop", "end (s)")
#: Columns read for something other than the words, the speaker and the times.
_OTHER = ("transcript_id", "utterance_id", "topic")
_GOLD = {"main_therapist_behaviour": "behaviour_group", "client_talk_type": "talk_type"}
_MISSING = {"", "n/a", "na", "none", "nan"}


def parse_table(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read a CSV/TSV transcript; one session per ``transcript_id``."""
    delimiter = "\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as exc:
        raise TranscriptError(f"malformed CSV header: {exc}", path=path, line=1, format="csv") from exc
    columns = {(name or "").strip().lower(): name for name in fieldnames}
    text_col = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
    speaker_col = next((columns[c] for c in SPEAKER_COLUMNS if c in columns), None)
    if text_col is None or speaker_col is None:
        missing = [k for k, v in (("text", text_col), ("speaker", speaker_col)) if v is None]
        raise TranscriptError(
            f"missing column(s) for {', '.join(missing)}; found {', '.join(columns) or 'no header'}",
            path=path,
            line=1,
            format="csv",
            hint=f"name the text column one of {', '.join(TEXT_COLUMNS)} and the speaker column one of "
            f"{', '.join(SPEAKER_COLUMNS)}",
        )
    used = {text_col, speaker_col, *(columns[c] for c in (*START_COLUMNS, *END_COLUMNS, *_OTHER, *_GOLD) if c in columns)}
    ignored = [name for name in fieldnames if name and name not in used]
    if ignored:
        warnings.warn(f"{path}: column(s) {', '.join(repr(n) for n in ignored)} not read (only the words, the speaker, "
                      "the times and the ids are)", TranscriptWarning, stacklevel=2)
    groups: dict[str, dict[str, tuple[RawTurn, dict[str, str | None]]]] = {}
    try:
        for row in reader:
            number = reader.line_num
            key = (row.get(columns.get("transcript_id", ""), "") or "").strip()
            order = (row.get(columns.get("utterance_id", ""), "") or "").strip() or str(number)
            turns = groups.setdefault(key, {})
            if order in turns:
                continue  # a second annotator's row for the same utterance
            speaker = (row.get(speaker_col) or "").strip()
            if not speaker:
                raise TranscriptError("row has no speaker", path=path, line=number, format="csv")
            turns[order] = (
                RawTurn(
                    speaker=speaker,
                    raw=row.get(text_col) or "",
                    line=number,
                    start=_time(row, columns, START_COLUMNS, path=path, line=number),
                    end=_time(row, columns, END_COLUMNS, path=path, line=number),
                    role=role_of_label(speaker),
                    extra={**({"topic": (row.get(columns["topic"]) or "").strip()} if "topic" in columns else {}),
                           **({"has_id": True} if "utterance_id" in columns else {})},
                ),
                {name: _value(row.get(columns[col])) for col, name in _GOLD.items() if col in columns},
            )
    except csv.Error as exc:
        raise TranscriptError(f"malformed CSV: {exc}", path=path, line=reader.line_num, format="csv") from exc
    return [_session(key, turns, groups, path=path, options=options) for key, turns in groups.items()]


def _session(key, turns, groups, *, path: str, options: ReadOptions) -> Session:  # type: ignore[no-untyped-def]
    ordered = [turns[k] for k in sorted(turns, key=_order_key)]
    source = f"{path}#{key}" if len(groups) > 1 else path
    gold = {name: [g.get(name) for _, g in ordered] for name in _GOLD.values() if any(name in g for _, g in ordered)}
    metadata: dict[str, object] = {"transcript_id": key} if key else {}
    topic = ordered[0][0].extra.get("topic") if ordered else None
    if topic:
        metadata["topic"] = topic
    if gold:
        metadata["gold"] = gold
    # A transcript tool's export (no utterance ids, no codes) writes one row per sentence or caption: rows of one
    # speaker less than two seconds apart are one turn. A coded data set (AnnoMI) keeps its rows as they are.
    merge = not gold and not any(t.extra.get("has_id") for t, _ in ordered)
    return build_session([t for t, _ in ordered], path=source, format="csv", options=options, metadata=metadata,
                         merge_same_speaker=merge)


def _order_key(order: str) -> tuple[int, str]:
    return (int(order), "") if order.isdigit() else (1 << 62, order)


def _value(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.lower() in _MISSING else value


def _time(row, columns, names, *, path: str, line: int) -> float | None:  # type: ignore[no-untyped-def]
    for name in names:
        if name in columns and (row.get(columns[name]) or "").strip():
            code = row[columns[name]].strip()
            try:
                return float(code) if code.replace(".", "", 1).isdigit() else parse_timecode(code)
            except ValueError as exc:
                warnings.warn(f"{path}:{line}: {exc}; time left empty", TranscriptWarning, stacklevel=2)
    return None
