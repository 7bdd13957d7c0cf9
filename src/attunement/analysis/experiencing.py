"""An estimate of the Experiencing Scale stage (Klein et al., 1969) of a client utterance.

The Experiencing Scale rates how far a speaker is in touch with their own felt
experience, from 1 (impersonal, external story) to 7 (a felt sense that shifts
and opens new understanding). Trained raters read whole segments; we only have
words, so this is *our* operational estimate from markers, documented in
``docs/concepts.md``:

1. no self-reference, or only others and events;
2. the self as actor in a story, no feelings named;
3. feelings named in passing, as reactions to events ("it was annoying");
4. feelings as the subject, described from inside ("I feel so alone when...");
5. feelings explored: questions, hypotheses, "part of me", "I wonder why I feel";
6. a present felt sense, noticed now ("right now my chest...", "something is shifting");
7. new understanding that reaches across ("I realise I've always...").

Each stage needs its own markers *and* the ones below it that matter (an insight
without any feeling stays at 3). Confidence is low by design (0.4–0.6).
"""

from __future__ import annotations

import re

__all__ = ["experiencing_stage", "FEELING"]

FEELING = re.compile(
    r"\b(?:feel|feels|feeling|felt|sad|sadness|angry|anger|scared|afraid|fear|anxious|anxiety|hurt|lonely|alone|"
    r"ashamed|shame|guilt|guilty|happy|glad|relieved|upset|frustrated|annoyed|hopeless|helpless|empty|numb|"
    r"overwhelmed|panic|grief|miss|love|hate|jealous|nervous|worried|unsafe|safe|calm|tense|tight|heavy|crying|"
    r"cry|cried|tears|tearful|pain|painful|ache|aches|annoying|awful|horrible|terrible|hard|difficult|stressful|stressed|upsetting)\b", re.I)
_SELF = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.I)
_INNER = re.compile(r"\bi(?:'m| am)? (?:feel|feeling|felt)\b|\bi(?:'m| am) (?:so |really |just |very )?(?:"
                    r"sad|scared|afraid|angry|hurt|lonely|alone|ashamed|anxious|lost|empty|numb|overwhelmed|guilty|"
                    r"relieved|tense|exhausted)\b|\bit (?:feels|felt) like\b|\binside (?:me|of me)\b", re.I)
_EXPLORE = re.compile(r"\b(?:i wonder|maybe (?:it'?s|that'?s) because|why (?:do|did) i|part of me|i'?m not sure why|"
                      r"what (?:is|was) it (?:about|that)|i think (?:it'?s|that'?s) (?:because|about)|something about|"
                      r"i'?m (?:trying to|starting to) (?:understand|figure|see))\b", re.I)
_PRESENT = re.compile(r"\b(?:right now|just now|as i (?:say|talk|sit)|here,? now|in this moment|i notice|i can feel|"
                      r"it'?s (?:shifting|changing|moving|softening|loosening)|something (?:just )?(?:shifted|moved|opened|changed))\b", re.I)
_INSIGHT = re.compile(r"\b(?:i (?:realis|realiz|see now|understand now|get it now)|i(?:'ve| have) always|that'?s why i|"
                      r"it all (?:connects|makes sense)|for the first time|i never (?:noticed|realised|realized|saw))", re.I)


def experiencing_stage(text: str, *, emotional_cue: bool = False) -> tuple[int, list[str]]:
    """Estimated stage (1–7) and the markers that placed it there.

    Parameters
    ----------
    text
        The client's words.
    emotional_cue
        Whether a model or annotation found emotion in this utterance (raises 2 to 3).
    """
    markers: list[str] = []

    def hit(regex: re.Pattern[str], name: str) -> bool:
        match = regex.search(text)
        if match:
            markers.append(f"{name}: {match.group(0)!r}")
        return match is not None

    self_ref = hit(_SELF, "self-reference")
    feeling = hit(FEELING, "feeling word") or emotional_cue
    explore = hit(_EXPLORE, "exploring")
    present = hit(_PRESENT, "present felt sense")
    inner = hit(_INNER, "feeling from inside") or (present and feeling)
    insight = hit(_INSIGHT, "new understanding")
    if not self_ref:
        return (3 if feeling else 1), markers
    if not feeling:
        return (3 if explore or insight else 2), markers
    if not inner:
        return (4 if explore else 3), markers
    if insight and (explore or present):
        return 7, markers
    if present:
        return 6, markers
    if explore or insight:
        return 5, markers
    return 4, markers
