"""Client cues in five channels (cognitive, somatic, behavioural, verbal, emotional), each with its evidence.

Patterns come from our curated lexicon (``resources/lexicons/cues.toml``, versioned,
written by the team); some cues come from time stamps (long pauses, speech rate), from
the turn structure (very short answers) and from the trained models (emotions). Every
cue says where it was found: a character span in the words, or the annotation it came
from, so a clinician can see why. Word cues preceded by a negation in the same clause
("I'm not scared") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from ..model import Analysis, Utterance
from ..vocabulary import Channel, check_cue_kind
from .lexicon import read_lexicon
from .tokens import alternation, words

__all__ = ["CHANNELS", "Pattern", "cue_patterns", "find_cues", "ClientCues"]

CHANNELS: tuple[Channel, ...] = tuple(Channel)
_NEGATION = re.compile(r"\b(?:not|no|never|n't|without|hardly)\b(?:\s+\w+){0,2}\s*$", re.I)
_OPEN_QUESTION = re.compile(r"\b(?:how|what|tell me|say more)\b", re.I)


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry: its channel and kind, its expected precision, and its regular expressions."""

    channel: str
    kind: str
    confidence: float
    words: tuple[re.Pattern[str], ...]
    annotations: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[Pattern, ...]:
    """The curated cue lexicon, compiled once."""
    table = read_lexicon("cues")
    found = []
    for channel, kinds in table.items():
        for kind, entry in kinds.items():
            check_cue_kind(channel, kind, source="lexicons/cues.toml")
            found.append(Pattern(
                channel=channel, kind=kind, confidence=float(entry["confidence"]),
                words=_joined(entry.get("words", [])),
                annotations=_joined(entry.get("annotations", [])),
            ))
    return tuple(found)


def _joined(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """The entry's patterns as one alternation: one pass over the text instead of one per pattern."""
    return (alternation(patterns),) if patterns else ()


def _negated(text: str, start: int) -> bool:
    clause = re.split(r"[.,;:!?—–]", text[:start])[-1]
    return bool(_NEGATION.search(clause))


def find_cues(u: Utterance, *, timing: dict[str, Any], codes: dict[str, Any], previous: Utterance | None,
              long_pause_s: float = 3.0) -> list[dict[str, Any]]:
    """Every cue in one client utterance, in the order channel, then position."""
    found: list[dict[str, Any]] = []
    for pattern in cue_patterns():
        for regex in pattern.words:
            for match in regex.finditer(u.text):
                if pattern.channel in ("emotional", "relational", "somatic") and _negated(u.text, match.start()):
                    continue
                found.append(_cue(pattern, match.group(0), "words", match.start(), match.end()))
        for regex in pattern.annotations:
            for cue in u.annotations:
                if regex.search(cue.label):
                    found.append(_cue(pattern, cue.raw, "video" if cue.source == "video" else "annotation", cue.position, cue.position))
    found.extend(_structural(u, timing=timing, previous=previous, long_pause_s=long_pause_s))
    found.extend(_voice(u))
    found.extend(_emotional(codes))
    return _dedupe(found)


def _cue(pattern: Pattern, evidence: str, source: str, start: int, end: int) -> dict[str, Any]:
    return {"channel": pattern.channel, "kind": pattern.kind, "evidence": evidence, "source": source,
            "start": start, "end": end, "confidence": pattern.confidence}


def _structural(u: Utterance, *, timing: dict[str, Any], previous: Utterance | None, long_pause_s: float) -> list[dict[str, Any]]:
    out = []
    n = len(words(u.text))
    if timing.get("long_pause") and timing.get("pause_before") is not None:
        seconds = timing["pause_before"]
        out.append({"channel": "behavioural", "kind": "long_pause", "evidence": f"{seconds:.1f} s before answering"
                    + (" (estimated)" if timing.get("pause_estimated") else ""), "source": "timing",
                    "start": 0, "end": 0, "confidence": 0.6 if timing.get("pause_estimated") else 0.9, "seconds": seconds})
    if previous is not None and previous.role == "therapist" and _OPEN_QUESTION.search(previous.text) and 0 < n <= 3:
        out.append({"channel": "verbal", "kind": "short_answer", "evidence": u.text, "source": "words",
                    "start": 0, "end": len(u.text), "confidence": 0.7, "words": n})
    if u.start is not None and u.end is not None and u.end > u.start and n >= 5:
        rate = 60 * n / (u.end - u.start)
        if rate < 100 or rate > 200:
            out.append({"channel": "verbal", "kind": "slow_speech" if rate < 100 else "fast_speech",
                        "evidence": f"{rate:.0f} words a minute", "source": "timing", "start": 0, "end": 0,
                        "confidence": 0.6, "words_per_minute": round(rate)})
    return out


#: Vocal arousal (z against the speaker's own turns) at or beyond this is a cue: about the top or bottom tenth.
VOICE_Z = 1.25


def _voice(u: Utterance) -> list[dict[str, Any]]:
    """From a recording: a voice raised (higher, louder, faster than the client's own) or gone flat."""
    z = u.prosody.vocal_arousal if u.prosody is not None else None
    if z is None or abs(z) < VOICE_Z:
        return []
    kind, words_ = ("voice_aroused", "higher, louder or faster") if z > 0 else ("voice_flat", "lower, quieter or slower")
    return [{"channel": "verbal", "kind": kind, "evidence": f"voice {words_} than the client's own (z {z:+.1f})",
             "source": "voice", "start": 0, "end": 0, "confidence": 0.6, "vocal_arousal": z}]


#: GoEmotions labels that are stances or states of knowing rather than felt emotion: not emotional cues.
NOT_FELT = frozenset({"neutral", "curiosity", "realization", "approval", "disapproval", "confusion", "surprise", "desire"})


def _emotional(codes: dict[str, Any]) -> list[dict[str, Any]]:
    emotions = {k: v for k, v in codes.get("emotions", {}).items() if k not in NOT_FELT and v >= 0.3}
    if not emotions:
        return []
    name, p = max(emotions.items(), key=lambda kv: kv[1])
    intensity = round(min(1.0, p * (0.5 + codes.get("arousal", 0.5))), 3)
    return [{"channel": "emotional", "kind": name, "evidence": f"{name} ({p:.0%}, model)", "source": "model",
             "start": 0, "end": 0, "confidence": round(p, 3), "intensity": intensity}]


def _dedupe(cues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for cue in sorted(cues, key=lambda c: (CHANNELS.index(c["channel"]), c["start"])):
        key = (cue["channel"], cue["kind"], cue["start"], cue["evidence"].lower())
        if key not in seen:
            seen.add(key)
            out.append(cue)
    return out


@dataclass
class ClientCues:
    """Cues in the five channels (plus relational markers) for every client utterance."""

    name: ClassVar[str] = "cues"
    requires: ClassVar[tuple[str, ...]] = ("utterance.timing.long_pause", "utterance.timing.pause_before",
                                           "utterance.timing.pause_estimated", "utterance.codes.emotions",
                                           "utterance.codes.arousal")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.cues",)

    def __call__(self, analysis: Analysis) -> None:
        utterances = analysis.session.utterances
        for i, (u, slot) in enumerate(zip(utterances, analysis.utterances)):
            if u.role == "client":
                slot.client_state["cues"] = find_cues(u, timing=slot.timing, codes=slot.codes,
                                                      previous=utterances[i - 1] if i else None)
