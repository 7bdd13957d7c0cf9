"""Supervisors' corrections of codes, exported as coded sessions that ``attune train --sessions`` reads."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from .store import Store
from .vocabulary import Behaviour as B

__all__ = ["corrections_csv", "GROUP_OF", "CODE_CHOICES", "check_correction"]

#: A corrected behaviour counts for its AnnoMI group.
GROUP_OF = {B.QUESTION_OPEN: "question", B.QUESTION_CLOSED: "question", B.REFLECTION_SIMPLE: "reflection",
            B.REFLECTION_COMPLEX: "reflection", B.GIVING_INFORMATION: "therapist_input", B.ADVICE: "therapist_input",
            B.AFFIRM: "other", B.SELF_DISCLOSURE: "other", B.CONFRONT: "other", B.PERSUADE: "therapist_input", "other": "other", "question": "question",
            "reflection": "reflection", "therapist_input": "therapist_input"}
_TALK = {"change", "neutral", "sustain"}
#: The codes a supervisor may correct and the values each may take (the web form's pickers).
CODE_CHOICES: dict[str, tuple[str, ...]] = {
    "behaviour": tuple(dict.fromkeys([*(str(b) for b in B), "other"])),
    "behaviour_group": ("question", "reflection", "therapist_input", "other"),
    "talk_type": tuple(sorted(_TALK)),
}


def check_correction(code: str, value: str) -> tuple[str, str]:
    """The code and corrected value in their canonical form, or ValueError saying what is allowed."""
    code = code.strip().lower().replace(" ", "_")
    value = value.strip().lower().replace(" ", "_").replace("-", "_")
    if code not in CODE_CHOICES:
        raise ValueError(f"{code or 'no code'!r} cannot be corrected here; choose one of {', '.join(CODE_CHOICES)}")
    if value not in CODE_CHOICES[code]:
        raise ValueError(f"{value or 'nothing'!r} is not a value of {code}; choose one of {', '.join(CODE_CHOICES[code])}")
    return code, value


def corrections_csv(store: Store) -> tuple[str, int]:
    """AnnoMI-style CSV of every corrected session (uncorrected utterances are ``n/a``) and the number of corrections used."""
    by_session: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
    used = 0
    for item in store.comments.corrections():
        value = item["correction"].strip().lower().replace(" ", "_")
        if item["code"] in ("behaviour", "behaviour_group") and value in GROUP_OF:
            by_session[item["session_id"]].setdefault(item["index"], {})["main_therapist_behaviour"] = GROUP_OF[value]
            used += 1
        elif item["code"] == "talk_type" and value in _TALK:
            by_session[item["session_id"]].setdefault(item["index"], {})["client_talk_type"] = value
            used += 1
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["transcript_id", "utterance_id", "interlocutor", "utterance_text", "main_therapist_behaviour",
                     "client_talk_type"])
    for session_id, fixes in by_session.items():
        session = store.sessions.get(session_id)
        for u in session.utterances:
            fix = fixes.get(u.index, {})
            writer.writerow([session_id, u.index, u.role if u.role != "other" else u.speaker.name, u.text,
                             fix.get("main_therapist_behaviour", "n/a"), fix.get("client_talk_type", "n/a")])
    return out.getvalue(), used
