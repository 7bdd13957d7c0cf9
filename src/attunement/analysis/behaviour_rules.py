"""Two therapist behaviours no training set here labels: affirming and self-disclosing.

AnnoMI folds affirmations into "other" and has no self-disclosure code, so
these are documented patterns, applied on top of the trained coder: an
utterance the coder calls ``other`` becomes ``affirm`` when an affirmation
pattern matches, and one it calls ``other`` or therapist input — or a reflection with no
"you" in it ("I know exactly what that's like, when I moved…") — becomes ``self_disclosure``
when a disclosure pattern matches. The match is
returned as evidence. Confidence is the pattern's expected precision, set by
hand (not calibrated).
"""

from __future__ import annotations

import re

__all__ = ["affirmation", "self_disclosure", "own_story", "RULE_CONFIDENCE"]

RULE_CONFIDENCE = 0.7

_AFFIRM = re.compile(
    r"\b(?:that's|that is|it's|it is|what a) (?:really |so |very )?(?:great|wonderful|impressive|brave|courageous|"
    r"a big step|huge|admirable|amazing)\b"
    r"|\byou(?:'ve| have) (?:really |clearly |already )?(?:done|worked|managed|shown|come a long way|made)\b"
    r"|\bgood for you\b|\bwell done\b|\bi(?:'m| am) (?:really )?(?:impressed|proud of you)\b"
    r"|\byou(?:'re| are) (?:clearly |really |obviously )?(?:committed|strong|resourceful|determined|brave|"
    r"a caring|someone who cares|doing (?:really )?well)\b"
    r"|\bit takes (?:a lot of |real |so much )?(?:courage|strength|guts)\b|\bthank you for (?:sharing|telling|being so)\b",
    re.I,
)
_DISCLOSE = re.compile(
    r"\bi (?:also|too) (?:have|had|was|felt|struggle|struggled|went)\b|\bwhen i was (?:younger|a kid|your age|a child)\b"
    r"|\bin my (?:own )?(?:life|experience|family)\b|\bi(?:'ve| have) (?:been|gone) through\b"
    r"|\bmy (?:own )?(?:mother|father|mum|mom|dad|kids|children|partner|wife|husband|son|daughter)\b"
    r"|\b(?:me|i) too\b|\bspeaking for myself\b|\bpersonally,? i\b|\bi know exactly (?:what|how)\b"
    r"|\bmy (?:own )?(?:cat|dog|pet|grandad|granddad|grandma|nan|grandfather|grandmother|husband|wife|boyfriend|girlfriend)\b"
    r"|\bsame (?:thing )?happened to me\b|\bi(?:'ve| have) been (?:there|meaning to)\b|\bwhen i (?:moved|lost|left|had my|went through)\b",
    re.I,
)


#: The therapist telling their own story ("when my cat died I cried for a week"), even after "I know how you feel".
_OWN_STORY = re.compile(r"\b(?:when|after|since) (?:my \w+|i)\b[^.?!]{0,60}\bi (?:cried|was|had|felt|did|lost|missed|went|sat|got|"
                        r"couldn'?t|didn'?t|used to)\b", re.I)


def own_story(text: str) -> bool:
    """Whether ``text`` tells the therapist's own story."""
    return bool(_OWN_STORY.search(text))


def affirmation(text: str) -> str | None:
    """The words that make ``text`` an affirmation, or None."""
    match = _AFFIRM.search(text)
    return match.group(0) if match else None


def self_disclosure(text: str) -> str | None:
    """The words that make ``text`` a self-disclosure, or None."""
    match = _DISCLOSE.search(text)
    return match.group(0) if match else None
