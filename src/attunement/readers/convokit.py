"""ConvoKit corpora: a corpus folder's ``utterances.jsonl``, one session per conversation.

ConvoKit (Cornell's conversational analysis toolkit) keeps a corpus as a folder of
``utterances.jsonl`` (one utterance per line: ``id``, ``speaker``, ``conversation_id``,
``reply-to``, ``timestamp``, ``text``, ``meta``), ``speakers.json``, ``conversations.json``,
``corpus.json`` and ``index.json``. We read ``utterances.jsonl``; a speaker's role comes from the
utterance's ``meta.role``, else the speaker's ``meta.role`` in ``speakers.json`` beside it, else
the usual resolver (docs/formats.md). Utterances keep the file's order within their conversation;
``meta.start``/``meta.end`` are their times (a numeric ``timestamp`` counts as the start only beside
``meta.end``: ConvoKit's timestamps are often clock times), and ``meta.nonverbal``
(a list such as ``["sighs"]``, as ``attune export --convokit`` writes it) their annotations.
Older corpora's ``user`` and ``root`` keys are read as ``speaker`` and ``conversation_id``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import TranscriptError
from ..model import Session
from .assemble import RawTurn, ReadOptions, build_session
from .roles import role_of_label

__all__ = ["FILE", "COMPANIONS", "parse_convokit"]

FILE = "utterances.jsonl"
#: The other files of a corpus folder: not transcripts themselves.
COMPANIONS = ("speakers.json", "users.json", "conversations.json", "corpus.json", "index.json")


def _speaker_roles(folder: Path) -> dict[str, str]:
    for name in ("speakers.json", "users.json"):
        path = folder / name
        if path.is_file() and path.stat().st_size < 50_000_000:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                return {}
            if not isinstance(data, dict):
                return {}
            return {str(k): str(_meta(v).get("role", "")) for k, v in data.items() if isinstance(v, dict)}
    return {}


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    """A speaker's meta: ``{"meta": {...}, "vectors": []}`` in newer corpora, the dictionary itself in older ones."""
    inner = record.get("meta", record)
    return inner if isinstance(inner, dict) else {}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def parse_convokit(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """One session per conversation of a ConvoKit ``utterances.jsonl``."""
    roles = _speaker_roles(Path(path).parent)
    conversations: dict[str, list[RawTurn]] = {}
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise TranscriptError(f"not JSON ({exc.msg})", path=path, line=line_number,
                                  hint="each line of utterances.jsonl is one JSON object") from exc
        if not isinstance(record, dict) or "text" not in record:
            raise TranscriptError("not a ConvoKit utterance (no 'text')", path=path,
                                  line=line_number)
        speaker = str(record.get("speaker", record.get("user")) or "")
        if not speaker:
            raise TranscriptError("the utterance has no speaker", path=path, line=line_number)
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        conversation = str(record.get("conversation_id", record.get("root")) or "conversation")
        label = str(meta.get("role") or roles.get(speaker) or "")
        signs = meta.get("nonverbal") if isinstance(meta.get("nonverbal"), list) else []
        nonverbal = [f"[{n.strip().strip('[]')}]" for n in signs if isinstance(n, str) and n.strip()]
        start = _number(meta.get("start"))
        if start is None:
            start = _number(record.get("timestamp")) if _number(meta.get("end")) is not None else None
        conversations.setdefault(conversation, []).append(RawTurn(
            speaker=speaker, raw=" ".join([str(record["text"] or ""), *nonverbal]).strip(), line=line_number,
            start=start, end=_number(meta.get("end")), role=role_of_label(label) if label else None))
    if not conversations:
        raise TranscriptError("no utterances found", path=path, format="convokit")
    several = len(conversations) > 1
    return [build_session(turns, path=f"{path}#{key}" if several else path, format="convokit", options=options,
                          metadata={"conversation_id": key})
            for key, turns in conversations.items()]
