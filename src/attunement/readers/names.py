"""Speaker display names as meeting and transcription tools write them.

Zoom, Teams and Otter put more than a name in a speaker label: pronouns (``Ana Ruiz (she/her)``),
credentials (``Dr. Ana Ruiz, LCSW``) and device names (``Ana's iPhone``). :data:`SPEAKER` is the
pattern a label may take, for every reader; :func:`display_name` keeps the person's name and
:func:`clinical_title` says whether the label carried a clinician's title or credential, which
the role resolver counts as evidence for the therapist.
"""

from __future__ import annotations

import re

__all__ = ["SPEAKER", "display_name", "clinical_title"]

#: Credentials and titles of clinicians (after a comma, or as a prefix).
_CREDENTIALS = (r"LCSW|LICSW|LMSW|MSW|LPC|LPCC|LMHC|LMFT|MFT|LCPC|PsyD|Psy\.?D|PhD|Ph\.?D|MD|M\.?D|DO|RN|NP|PMHNP|"
                r"MA|MSc|BSc|BACP|UKCP|HCPC|CPsychol|DClinPsy|ClinPsyD|MBACP|RMN|LADC|CADC|BCBA|LP|LCADC")
_PRONOUNS = r"\(\s*(?:she|he|they|ze|xe|any)\s*/\s*(?:her|him|them|hers|his|theirs|zir|xem|any)(?:\s*/\s*\w+)?\s*\)"
_DEVICE = r"(?:'s|’s)\s+(?:iPhone|iPad|Android|Galaxy(?:\s+\w+)?|Pixel(?:\s+\d+)?|phone|laptop|MacBook(?:\s+\w+)?|PC|computer)"
_NAME = r"[^\W\d_][\w.'’ -]{0,38}?"
#: A speaker label: a name, optionally with a title, pronouns, credentials, a device or a Zoom "(2)".
SPEAKER = (rf"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?{_NAME}(?:{_DEVICE})?(?:\s*{_PRONOUNS})?"
           rf"(?:\s*,\s*(?:{_CREDENTIALS})(?:\s*,\s*(?:{_CREDENTIALS}))*)?(?:\s*{_PRONOUNS})?(?:\s*\(\d\))?")
_STRIP = re.compile(rf"\s*{_PRONOUNS}|\s*,\s*(?:{_CREDENTIALS})\b\.?|{_DEVICE}|\s*\(\d\)$", re.I)
_TITLE = re.compile(rf"^(?:dr|doctor|prof|professor)\b|,\s*(?:{_CREDENTIALS})\b|\b(?:therapist|counsell?or|clinician|psychologist)\b", re.I)


def display_name(label: str) -> str:
    """The person's name in a speaker label, without pronouns, credentials, device or Zoom's "(2)"."""
    name = label
    for _ in range(3):  # credentials can repeat: "Ana Ruiz, PhD, LCSW"
        name = _STRIP.sub("", name)
    return " ".join(name.split()).strip(" ,")


def clinical_title(label: str) -> bool:
    """Whether the label carries a clinician's title or credential ("Dr.", "Professor", ", LCSW", "Therapist")."""
    return bool(_TITLE.search(label))
