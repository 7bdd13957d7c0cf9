"""attunement's own session format (JSON), which round-trips a Session losslessly.

A document (``.json``), a list of documents, or one document per line
(``.jsonl``)::

    {"schema": "attunement.session/1",
     "id": "3f2a...", "source": "week3.txt", "format": "text",
     "metadata": {},
     "speakers": [{"name": "Therapist", "role": "therapist"}, ...],
     "utterances": [{"speaker": "Therapist", "text": "How are you?",
                     "start": 4.0, "end": null, "line": 2,
                     "cues": [{"label": "sighs", "raw": "[sighs]", "position": 0}]}]}

``speaker`` refers to a name in ``speakers``. ``id``, ``source``, ``format``,
``metadata``, ``start``, ``end``, ``line`` and ``cues`` are optional; a missing
``id`` is computed from the content. The JSON Schema is
``schemas/session.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import TranscriptError
from ..model import Session
from ..sessionjson import SCHEMA, session_from_dict, session_to_dict
from .assemble import ReadOptions

__all__ = ["SCHEMA", "SUFFIXES", "parse_json", "session_to_dict", "session_from_dict"]

SUFFIXES = (".json", ".jsonl")


def parse_json(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """Read one session, a list of sessions, or JSON Lines of sessions."""
    stripped = text.lstrip()
    try:
        if stripped.startswith("[") or stripped.count("\n") == 0 or not path.endswith(".jsonl"):
            try:
                doc = json.loads(text)
                docs = [(d, None) for d in (doc if isinstance(doc, list) else [doc])]
            except json.JSONDecodeError:
                docs = _lines(text, path=path)
        else:
            docs = _lines(text, path=path)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno, format="json") from exc
    except RecursionError as exc:
        raise TranscriptError("JSON is nested too deeply", path=path, format="json") from exc
    return [session_from_dict(d, path=path, line=n) for d, n in docs]


def _lines(text: str, *, path: str) -> list[tuple[Any, int]]:
    docs = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                docs.append((json.loads(line), n))
            except json.JSONDecodeError as exc:
                raise TranscriptError(f"invalid JSON: {exc.msg}", path=path, line=n, format="json") from exc
    return docs
