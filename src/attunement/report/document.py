"""The report document: an analysis as the JSON object of the output contract.

Schema ``attunement.report/1`` (``schemas/report.schema.json``); one object per
session, written as JSON Lines by :func:`attunement.report.write_jsonl`.
"""

from __future__ import annotations

from typing import Any

from ..version import __version__
from ..model import Analysis
from ..sessionjson import prosody_dict

__all__ = ["SCHEMA", "report_document"]

SCHEMA = "attunement.report/1"


def report_document(analysis: Analysis) -> dict[str, Any]:
    """The contract's JSON object for one analysed session."""
    session = analysis.session
    return {
        "schema": SCHEMA,
        "generator": {"name": "attunement", "version": __version__},
        "session": {
            "id": session.id,
            "source": session.source,
            "format": session.format,
            "n_utterances": len(session.utterances),
            "speakers": [{"name": s.name, "role": s.role} for s in session.speakers],
            "has_timestamps": session.has_timestamps,
            "notes": session.metadata.get("notes", {}),
            **_setting(analysis),
        },
        "utterances": [
            {
                "index": u.index,
                "role": u.role,
                "speaker": u.speaker.name,
                "text": u.text,
                "start": u.start,
                "end": u.end,
                "nonverbal": [c.label for c in u.annotations],
                "cues": [{"label": c.label, "raw": c.raw, "position": c.position} for c in u.annotations],
                "line": u.line,
                **({"prosody": prosody_dict(u.prosody)} if u.prosody is not None else {}),
                "codes": slot.codes,
                "timing": slot.timing,
                "client_state": slot.client_state,
                "response": slot.response,
            }
            for u, slot in zip(session.utterances, analysis.utterances)
        ],
        "episodes": analysis.episodes,
        "moments": analysis.moments,
        "scores": analysis.scores,
        "warnings": analysis.warnings,
    }


def _setting(analysis: Analysis) -> dict[str, Any]:
    """``setting`` and ``setting_source`` when the setting component ran."""
    found = analysis.scores.get("setting")
    return {"setting": found["setting"], "setting_source": found["source"]} if found else {}
