"""Is this English? The models were trained on English only; elsewhere they must say so.

Three signals, all cheap enough to run on every utterance:

- the share of letters in the Latin script (Chinese, Arabic, Cyrillic... are not English);
- the share of words that are whole words of the English word-piece vocabulary
  the encoder was trained with;
- the share of common English function words, which ordinary speech always has.

A text is flagged when fewer than half its letters are Latin, or when it has
four or more words and under 60% of them are vocabulary words, or six or more
words with under 10% function words and under 80% vocabulary words. The rule
is deliberately lenient: it must never flag ordinary English speech, and the
flag only lowers confidence and adds a warning.
"""

from __future__ import annotations

import re
from collections.abc import Set

__all__ = ["is_probably_english"]

_FUNCTION_WORDS = frozenset(
    "i you he she it we they me him her us them my your his its our their a an the and but or so if then "
    "that this these those is am are was were be been being have has had do does did not no yes to of in on "
    "at for with about from by as just like what how why when where who which can could would should will "
    "don't i'm it's that's there here very really know think feel mean yeah okay oh um uh well more all".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_probably_english(text: str, vocabulary: Set[str]) -> bool:
    """False when ``text`` looks like another language (see the module docs for the rule)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 2:
        latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f") / len(letters)
        if latin < 0.5:
            return False
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text) if len(w) > 1]
    if len(words) < 4:
        return True
    known = sum(1 for w in words if w in vocabulary) / len(words)
    common = sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)
    return not (known < 0.6 or (len(words) >= 6 and common < 0.1 and known < 0.8))
