"""When what a client turn is about happens: now, in the past, in the future, or in general.

Our operational rule (docs/concepts.md): each turn's markers are counted and weighed —
present-moment words ("right now", "as I say this", "my hands are shaking") and non-verbal
annotations written into the turn count 3; time expressions count 2 ("two weeks ago",
"tomorrow", "always"); each past-tense verb counts 1, future forms 2. The heaviest frame wins
(ties: now, past, future, general). A turn with no marker is ``now`` when it speaks of a
feeling in the present tense, else ``general``. Overwhelm and shutdown are states of the
present: the exploratory space counts a body sensation told in the past as narration, not
as flooding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ..model import Analysis, Utterance
from ..vocabulary import TimeFrame

__all__ = ["time_frame", "TimeFrames"]

_NOW = re.compile(
    r"\b(?:right now|just now|at this moment|in this moment|as (?:i|we) (?:say|talk|speak|sit)|(?:saying|talking about|telling you) "
    r"(?:this|it|that)(?: now)?(?: is| makes| it'?s)?|here with you|in here|(?:i'?m|i am) (?:shaking|crying|trembling|sweating|"
    r"getting|starting to|feeling|so) |my (?:hands?|heart|chest|voice|legs?|stomach|throat|head) (?:is|are|'s|feels?) "
    r"(?:shaking|racing|pounding|tight|trembling|going|sick|spinning|hot)|i can'?t (?:breathe|stop (?:shaking|crying))|"
    r"(?:even )?now\b|at the moment|this (?:minute|second))", re.I)
_PAST_TIME = re.compile(
    r"\b(?:ago|last (?:week|night|month|year|time|weekend|summer|winter|spring|autumn|fall|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|yesterday|when i was|back then|that (?:day|night|time|morning|evening)|at the time|used to|the other (?:day|night|week)|"
    r"in (?:19|20)\d\d|as a (?:child|kid|teenager))\b", re.I)
_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|felt|went|said|told|thought|got|came|couldn'?t|wasn'?t|weren'?t|didn'?t|hadn'?t|left|saw|knew|took|"
    r"made|began|started|\w{3,}ed)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|going to|gonna|tomorrow|next (?:week|month|year|time|session)|what if|(?:plan|planning|hope|hoping) to|"
                     r"soon|in the future|one day)\b", re.I)
_GENERAL = re.compile(r"\b(?:always|never|usually|every time|everytime|whenever|often|tend to|all the time|in general|generally|"
                      r"most (?:days|of the time)|every (?:day|morning|night|week))\b", re.I)
_PRESENT_FEELING = re.compile(r"\bi(?:'m| am| feel|'m feeling| am feeling)\b", re.I)
_NOT_PAST = {"need", "feed", "bed", "red", "shed", "speed", "seed", "weed", "bleed", "proceed", "succeed", "exceed", "indeed"}


def time_frame(u: Utterance) -> TimeFrame:
    """The frame a client turn is mainly about."""
    text = u.text
    weights = {
        TimeFrame.NOW: 3 * len(_NOW.findall(text)) + 3 * len(u.annotations),
        TimeFrame.PAST: 2 * len(_PAST_TIME.findall(text))
        + sum(1 for m in _PAST_VERB.findall(text) if m.lower() not in _NOT_PAST),
        TimeFrame.FUTURE: 2 * len(_FUTURE.findall(text)),
        TimeFrame.GENERAL: 2 * len(_GENERAL.findall(text)),
    }
    best = max(weights.values())
    if best == 0:
        return TimeFrame.NOW if _PRESENT_FEELING.search(text) else TimeFrame.GENERAL
    return next(frame for frame in TimeFrame if weights[frame] == best)


@dataclass
class TimeFrames:
    """``client_state.time_frame`` for every client turn."""

    name: ClassVar[str] = "time_frame"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("utterance.client_state.time_frame",)

    def __call__(self, analysis: Analysis) -> None:
        for u, slot in zip(analysis.session.utterances, analysis.utterances):
            if u.role == "client":
                slot.client_state["time_frame"] = time_frame(u)
