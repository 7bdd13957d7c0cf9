"""Parquet tables of many sessions' reports, for pandas, polars and R.

``write_parquet(documents, folder)`` writes three files (each whole or not at all):

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
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import AttunementError

__all__ = ["utterance_rows", "session_row", "long_rows", "write_parquet", "require_pyarrow", "TABLES"]

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


def _write(table, path: Path) -> Path:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def require_pyarrow() -> None:
    """Raise a clear error when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise AttunementError("writing Parquet needs pyarrow: pip install 'attunement[corpus]'") from exc


def write_parquet(documents: Iterable[dict[str, Any]], folder: str | Path) -> list[Path]:
    """Write ``utterances.parquet``, ``sessions.parquet`` and ``long.parquet`` for these report documents."""
    require_pyarrow()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    utterances: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    long: list[dict[str, Any]] = []
    for document in documents:
        utterances.extend(utterance_rows(document))
        sessions.append(session_row(document))
        long.extend(long_rows(document))
    return [_write(_table(rows), folder / f"{name}.parquet")
            for name, rows in (("utterances", utterances), ("sessions", sessions), ("long", long))]
