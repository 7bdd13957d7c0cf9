"""Reports as a ConvoKit corpus: one conversation per session, every judgement in the utterances' meta.

``write_convokit(documents, folder)`` writes the five files ConvoKit's ``Corpus(filename=folder)``
loads: ``utterances.jsonl`` (``id`` = ``<session id>-<index>``, ``speaker``, ``conversation_id`` =
the session id, ``reply-to`` = the utterance before, ``timestamp`` = the start in seconds or the
index, ``text``, and ``meta``: role, start, end, nonverbal, codes, timing, client state, response),
``speakers.json`` (each speaker's role), ``conversations.json`` (the source, setting and every
score), ``corpus.json`` and ``index.json``. Every file is written whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import atomic_write

__all__ = ["write_convokit", "convokit_records"]


def _type(value: Any) -> list[str]:
    return [f"<class '{type(value).__name__}'>"]


def convokit_records(documents: Iterable[dict[str, Any]]) -> tuple[list[dict], dict, dict]:
    """The utterance records, the speakers and the conversations of a ConvoKit corpus for these reports."""
    utterances: list[dict] = []
    speakers: dict[str, dict] = {}
    conversations: dict[str, dict] = {}
    for document in documents:
        session = document["session"]
        conversation = session["id"]
        conversations[conversation] = {"meta": {"source": session.get("source"), "setting": session.get("setting"),
                                                "scores": document.get("scores", {})}, "vectors": []}
        previous = None
        for u in document["utterances"]:
            uid = f"{conversation}-{u['index']}"
            speakers.setdefault(u["speaker"], {"meta": {"role": u["role"]}, "vectors": []})
            meta = {"role": u["role"], "start": u.get("start"), "end": u.get("end"), "nonverbal": u.get("nonverbal", []),
                    **{k: u.get(k) for k in ("codes", "timing", "client_state", "response")}}
            utterances.append({"id": uid, "speaker": u["speaker"], "conversation_id": conversation, "reply-to": previous,
                               "timestamp": u["start"] if u.get("start") is not None else u["index"],
                               "text": u["text"], "meta": meta, "vectors": []})
            previous = uid
    return utterances, speakers, conversations


def write_convokit(documents: Iterable[dict[str, Any]], folder: str | Path) -> list[Path]:
    """Write a ConvoKit corpus folder for these report documents."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    utterances, speakers, conversations = convokit_records(documents)
    index = {"utterances-index": _fields(u["meta"] for u in utterances),
             "speakers-index": {"role": ["<class 'str'>"]},
             "conversations-index": _fields(c["meta"] for c in conversations.values()),
             "overall-index": {"made_by": ["<class 'str'>"]}, "version": 1, "vectors": []}
    return [atomic_write(folder / "utterances.jsonl", "".join(_json(u) + "\n" for u in utterances)),
            atomic_write(folder / "speakers.json", _json(speakers)),
            atomic_write(folder / "conversations.json", _json(conversations)),
            atomic_write(folder / "corpus.json", _json({"made_by": "attunement"})),
            atomic_write(folder / "index.json", _json(index))]


def _fields(metas: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """ConvoKit's index of meta fields and their types, from the first record (all records have the same fields)."""
    first = next(iter(metas), {})
    return {k: _type(v) for k, v in first.items()}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
