"""ELAN annotation files (``.eaf``): speaker tiers become turns, non-verbal tiers their annotations.

ELAN (The Language Archive, MPI Nijmegen) keeps time-aligned annotations on tiers. We read:

* **speaker tiers**: every time-aligned tier that is not a non-verbal one; each annotation is a
  turn by the tier's ``PARTICIPANT`` (else its ``TIER_ID``), all turns in order of start time;
* **non-verbal tiers**: a tier whose name says so (``non-verbal``, ``nonverbal``, ``gesture``,
  ``body``, ``gaze``, ``face``, ``posture``, ``movement``, ``behaviour``/``behavior``); each of its
  annotations is attached as ``[label]`` to the turn of the same participant (or, without one,
  anyone's) that it overlaps most;
* **not read**: symbolic (dependent) tiers such as translations, and the tiers that
  ``attune export --eaf`` adds for its own judgements (names starting ``attunement``).

Times are kept (ELAN counts milliseconds). Roles come from a participant's name where it is a
role ("Therapist", "Client") and otherwise from the usual resolver.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..errors import TranscriptError
from ..model import Session
from .assemble import RawTurn, ReadOptions, build_session

__all__ = ["SUFFIXES", "NONVERBAL_TIER", "parse_eaf"]

SUFFIXES = (".eaf",)
NONVERBAL_TIER = re.compile(r"non-?verbal|gesture|\bbody\b|gaze|\bface\b|posture|movement|behaviou?r", re.I)


def _tiers(root: ET.Element, path: str) -> tuple[list[tuple[str, float, float, str, int]], list[tuple[str, float, float, str]]]:
    slots = {}
    for slot in root.iter("TIME_SLOT"):
        value = slot.get("TIME_VALUE")
        if value is None:
            continue  # an unaligned slot: its annotations are not placed in time
        if not value.strip().isdigit() or len(value.strip()) > 12:
            raise TranscriptError(f"time slot {slot.get('TIME_SLOT_ID')!r} has the time {value!r}, not milliseconds",
                                  path=path, format="eaf", hint="save it again from ELAN")
        slots[slot.get("TIME_SLOT_ID")] = int(value) / 1000
    turns, signs = [], []
    for n, tier in enumerate(root.iter("TIER")):
        name = tier.get("TIER_ID") or f"tier {n + 1}"
        if name.lower().startswith("attunement") or tier.get("PARENT_REF"):
            continue
        who = (tier.get("PARTICIPANT") or "").strip()
        nonverbal = bool(NONVERBAL_TIER.search(name))
        for k, annotation in enumerate(tier.iter("ALIGNABLE_ANNOTATION")):
            start, end = slots.get(annotation.get("TIME_SLOT_REF1")), slots.get(annotation.get("TIME_SLOT_REF2"))
            value = (annotation.findtext("ANNOTATION_VALUE") or "").strip()
            if start is None or end is None or not value:
                continue  # an unaligned or empty annotation says nothing we can place
            if nonverbal:
                signs.append((who, start, end, value))
            else:
                turns.append((who or name, start, end, value, n * 100_000 + k))
    if not turns:
        raise TranscriptError("no time-aligned speaker tiers with annotations", path=path, format="eaf",
                              hint="each person's turns go on their own tier in ELAN")
    return sorted(turns, key=lambda t: (t[1], t[4])), signs


def parse_eaf(text: str, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """One session from an ELAN file."""
    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise TranscriptError("has a document type or entities, which ELAN files never need", path=path, format="eaf")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise TranscriptError(f"is not well-formed XML ({exc})", path=path, line=line, format="eaf",
                              hint="save it again from ELAN") from exc
    if root.tag != "ANNOTATION_DOCUMENT":
        raise TranscriptError("is not an ELAN annotation document", path=path, format="eaf")
    turns, signs = _tiers(root, path)
    labels: list[list[str]] = [[] for _ in turns]
    for who, start, end, value in signs:
        overlaps = [(min(end, t[2]) - max(start, t[1]), i) for i, t in enumerate(turns) if not who or t[0] == who]
        best = max(overlaps, default=(0.0, -1))
        if best[0] > 0:
            labels[best[1]].append(f"[{value.strip('[]')}]")
    raw = [RawTurn(speaker=who, raw=" ".join([value, *extra]), line=n, start=start, end=end)  # line: the turn's number
           for n, ((who, start, end, value, _), extra) in enumerate(zip(turns, labels), start=1)]
    return [build_session(raw, path=path, format="eaf", options=options)]
