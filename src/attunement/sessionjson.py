"""The ``attunement.session/1`` document: a session as JSON and back, losslessly, and its content id.

Used by the JSON reader (``readers/jsonformat.py``), the store and ``attune deidentify``;
it depends on the data model only, so the store need not import the readers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from .errors import TranscriptError
from .model import Prosody, ROLES, Annotation, Session, Speaker, Utterance

__all__ = ["SCHEMA", "session_to_dict", "session_from_dict", "session_id"]

SCHEMA = "attunement.session/1"


def session_to_dict(session: Session) -> dict[str, Any]:
    """The session as a JSON-ready dict in the ``attunement.session/1`` format."""
    return {
        "schema": SCHEMA,
        "id": session.id,
        "source": session.source,
        "format": session.format,
        "metadata": session.metadata,
        "speakers": [{"name": s.name, "role": s.role} for s in session.speakers],
        "utterances": [
            {
                "speaker": u.speaker.name,
                "text": u.text,
                "start": u.start,
                "end": u.end,
                "line": u.line,
                "cues": [{"label": c.label, "raw": c.raw, "position": c.position} for c in u.annotations],
                **({"prosody": prosody_dict(u.prosody)} if u.prosody is not None else {}),
            }
            for u in session.utterances
        ],
    }


def session_from_dict(doc: Any, *, path: str, line: int | None = None) -> Session:
    """Build a session from an ``attunement.session/1`` dict, checking every field."""

    def fail(message: str) -> TranscriptError:
        return TranscriptError(message, path=path, line=line, format="json", hint="see docs/formats.md")

    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise fail(f"not an attunement session (expected \"schema\": \"{SCHEMA}\")")
    speakers: dict[str, Speaker] = {}
    for item in _list(doc, "speakers", fail):
        name, role = (item.get("name"), item.get("role")) if isinstance(item, dict) else (None, None)
        if not isinstance(name, str) or role not in ROLES:
            raise fail(f"speaker {item!r} needs a name and a role in {', '.join(ROLES)}")
        speakers[name] = Speaker(name=name, role=role)
    utterances = []
    for i, item in enumerate(_list(doc, "utterances", fail)):
        if not isinstance(item, dict) or item.get("speaker") not in speakers or not isinstance(item.get("text"), str):
            raise fail(f"utterance {i} needs a known speaker and a text")
        try:
            cues = tuple(Annotation(label=str(c["label"]), raw=str(c["raw"]), position=int(c["position"])) for c in item.get("cues") or [])
            start, end = (_number(item.get(k)) for k in ("start", "end"))
        except (KeyError, TypeError, ValueError) as exc:
            raise fail(f"utterance {i} has a malformed field: {exc}") from exc
        utterances.append(
            Utterance(index=i, speaker=speakers[item["speaker"]], text=item["text"], start=start, end=end,
                      annotations=cues, line=item.get("line") if isinstance(item.get("line"), int) else None,
                      prosody=_prosody(item.get("prosody"), fail, i))
        )
    if not utterances:
        raise fail("the session has no utterances")
    roles = {u.speaker.role for u in utterances}
    if not {"therapist", "client"} <= roles:
        raise fail("a session needs utterances by a therapist and by a client")
    metadata = doc.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise fail("metadata must be an object")
    return Session(
        id=str(doc.get("id") or session_id(utterances)),
        source=str(doc.get("source") or path),
        format=str(doc.get("format") or "json"),
        utterances=tuple(utterances),
        speakers=tuple(speakers.values()),
        metadata=metadata,
    )


def prosody_dict(prosody: Prosody) -> dict[str, float | None]:
    """``utterances[].prosody`` as written to JSON."""
    return {f: getattr(prosody, f) for f in Prosody.__slots__}  # type: ignore[attr-defined]


def _prosody(value: Any, fail: Any, i: int) -> Prosody | None:
    if value is None:
        return None
    fields = Prosody.__slots__  # type: ignore[attr-defined]
    if not isinstance(value, dict) or set(value) - set(fields) or not all(
            value.get(f) is None or isinstance(value.get(f), (int, float)) for f in fields):
        raise fail(f"utterance {i} has a malformed prosody (numbers for {', '.join(fields)})")
    if not isinstance(value.get("intensity_db"), (int, float)) or not isinstance(value.get("speech_rate"), (int, float)):
        raise fail(f"utterance {i}: prosody needs intensity_db and speech_rate")
    return Prosody(**{f: value.get(f) for f in fields})


def session_id(utterances: Sequence[Utterance]) -> str:
    """A stable id from the content: the same words, speakers and times give the same id."""
    canon = [
        [u.speaker.name, u.speaker.role, u.text, u.start, u.end, [c.raw for c in u.annotations]]
        for u in utterances
    ]
    digest = hashlib.sha256(json.dumps(canon, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:16]


def _list(doc: dict[str, Any], key: str, fail: Any) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list):
        raise fail(f'"{key}" must be a list')
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"time {value!r} is not a number of seconds")
    return float(value)
