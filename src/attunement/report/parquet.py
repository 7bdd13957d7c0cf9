"""Parquet tables of many sessions' reports, for pandas, polars and R.

``write_parquet(documents, folder)`` (or :class:`ParquetTables`, a session at a time) writes three
files, each whole or not at all, in memory of one part of 500 sessions however large the corpus:

* ``utterances.parquet``: one row per utterance, with every field of the report's utterance entry
  (codes, timing, the client's state, the response's judgement) flattened to dotted column names
  (``codes.form``, ``client_state.zone``, ``response.attunement``, ``response.parts.fit``); lists
  (cues, evidence, alternatives) are JSON text.
* ``sessions.parquet``: one row per session, with every score flattened the same way
  (``scores.attunement_index``, ``scores.tasks.…``).
* ``long.parquet``: one row per utterance and numeric measure (``therapist, client, session,
  utterance, role, measure, value``), the shape mixed-effects models take (``lme4``: ``value ~ … +
  (1 | therapist/session)``).

Who the therapist and client are: the speaker's name as the transcript gives it (a ConvoKit
speaker id, a table's speaker column). A name that is only a role ("Therapist", "Client",
"Counsellor", "T", "C") is not a person, so it becomes ``<session id>:<name>`` rather than pooling
every session's "Therapist" into one; give people stable names (or pseudonyms) in the transcripts
to group sessions by therapist.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import AttunementError

__all__ = ["utterance_rows", "session_row", "long_rows", "write_parquet", "ParquetTables", "require_pyarrow", "TABLES"]

TABLES = ("utterances", "sessions", "long")
_ROLE_NAMES = {"therapist", "client", "counsellor", "counselor", "t", "c", "patient", "speaker 1", "speaker 2",
               "left channel", "right channel", "interviewer", "interviewee"}


def _flat(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(f"{prefix}.{key}" if prefix else str(key), item, out)
    elif isinstance(value, (list, tuple)):
        out[prefix] = json.dumps(value, ensure_ascii=False)
    else:
        out[prefix] = value


def _people(document: dict[str, Any]) -> dict[str, str | None]:
    session = document["session"]
    out: dict[str, str | None] = {}
    for role in ("therapist", "client"):
        names = [s["name"] for s in session.get("speakers", []) if s.get("role") == role]
        if names:
            name = names[0]
            out[role] = f"{session['id']}:{name}" if name.strip().lower() in _ROLE_NAMES else name
        else:
            out[role] = None
    return out


def _ids(document: dict[str, Any]) -> dict[str, Any]:
    session = document["session"]
    people = _people(document)
    return {"session_id": session["id"], "source": session.get("source"), "therapist": people["therapist"],
            "client": people["client"]}


def utterance_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per utterance of one report document."""
    ids = _ids(document)
    rows = []
    for utterance in document["utterances"]:
        row = dict(ids)
        _flat("", utterance, row)
        rows.append(row)
    return rows


def session_row(document: dict[str, Any]) -> dict[str, Any]:
    """One flat row for a session: its description, every score, and how many moments of each kind."""
    row = _ids(document)
    session = {k: v for k, v in document["session"].items() if k not in ("id", "source")}
    _flat("session", session, row)
    _flat("scores", document.get("scores", {}), row)
    row["n_moments"] = len(document.get("moments", []))
    row["warnings"] = json.dumps(document.get("warnings", []), ensure_ascii=False)
    return row


def long_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per utterance and numeric measure (booleans as 0/1; missing values left out)."""
    skip = {"session_id", "source", "therapist", "client", "index", "line", "start", "end"}
    out = []
    for row in utterance_rows(document):
        for measure, value in row.items():
            if measure in skip or value is None or isinstance(value, str):
                continue
            number = float(value)
            if math.isfinite(number):
                out.append({"therapist": row["therapist"], "client": row["client"], "session": row["session_id"],
                            "utterance": row["index"], "role": row["role"], "measure": measure, "value": number})
    return out


def _column(values: list[Any]) -> tuple[list[Any], str]:
    """The values of one column made one type: bool, int64, float64 or string (anything mixed as JSON text)."""
    present = [v for v in values if v is not None]
    if all(isinstance(v, bool) for v in present):
        return values, "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return values, "int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return [None if v is None else float(v) for v in values], "float64"
    if all(isinstance(v, str) for v in present):
        return values, "string"
    return [None if v is None else v if isinstance(v, str) else json.dumps(v) for v in values], "string"


def _table(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    arrays, fields = [], []
    for name in names:
        values, kind = _column([row.get(name) for row in rows])
        kind_type = {"bool": pa.bool_(), "int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}[kind]
        arrays.append(pa.array(values, type=kind_type))
        fields.append(pa.field(name, kind_type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def require_pyarrow() -> None:
    """Raise a clear error when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise AttunementError("writing Parquet needs pyarrow: pip install 'attunement[corpus]'") from exc


class ParquetTables:
    """The three tables, built a part at a time: every ``part_size`` sessions the rows go to a part file, and
    :meth:`finish` joins the parts into one file per table (columns missing from a part are null there; a column
    that is a whole number in one part and a fraction in another is a fraction). Memory stays that of one part."""

    def __init__(self, folder: str | Path, *, part_size: int = 500) -> None:
        require_pyarrow()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.part_size = part_size
        self._staging = Path(tempfile.mkdtemp(prefix=".parquet-parts-", dir=self.folder))
        self._rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._sessions = self._parts = 0

    def add(self, document: dict[str, Any]) -> None:
        """One session's report document."""
        self._rows["utterances"].extend(utterance_rows(document))
        self._rows["sessions"].append(session_row(document))
        self._rows["long"].extend(long_rows(document))
        self._sessions += 1
        if self._sessions % self.part_size == 0:
            self._flush()

    def _flush(self) -> None:
        import pyarrow.parquet as pq

        for name, rows in self._rows.items():
            pq.write_table(_table(rows), self._staging / f"{name}-{self._parts:05d}.parquet", compression="zstd")
            rows.clear()
        self._parts += 1

    def finish(self) -> list[Path]:
        """Join the parts into ``utterances.parquet``, ``sessions.parquet`` and ``long.parquet`` (each atomically)."""
        try:
            if any(self._rows.values()) or not self._parts:
                self._flush()
            return [_join(sorted(self._staging.glob(f"{name}-*.parquet")), self.folder / f"{name}.parquet")
                    for name in TABLES]
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Remove the parts (after :meth:`finish`, or instead of it when the run failed)."""
        shutil.rmtree(self._staging, ignore_errors=True)


def _unified(schemas: list[Any]):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    kinds: dict[str, list[Any]] = {}
    for schema in schemas:
        for f in schema:
            kinds.setdefault(f.name, []).append(f.type)
    fields = []
    for name, types in kinds.items():
        distinct = set(types)
        if len(distinct) == 1:
            kind = types[0]
        elif distinct <= {pa.int64(), pa.float64(), pa.null()}:
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def _join(parts: list[Path], target: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _unified([pq.read_schema(p) for p in parts])
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for part in parts:
                table = pq.read_table(part)
                columns = [table.column(f.name).cast(f.type) if f.name in table.column_names
                           else pa.nulls(len(table), f.type) for f in schema]
                writer.write_table(pa.Table.from_arrays(columns, schema=schema))
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_parquet(documents: Iterable[dict[str, Any]], folder: str | Path, *, part_size: int = 500) -> list[Path]:
    """Write ``utterances.parquet``, ``sessions.parquet`` and ``long.parquet`` for these report documents."""
    tables = ParquetTables(folder, part_size=part_size)
    try:
        for document in documents:
            tables.add(document)
    except BaseException:
        tables.abandon()
        raise
    return tables.finish()
