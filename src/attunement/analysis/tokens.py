"""Words and sentences, with their character spans in the utterance text."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["WORD", "words", "word_spans", "sentences", "alternation"]

#: A word: letters, digits and inner apostrophes ("can't", "I'm", "mum's").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.?!…])[\"”’)]*\s+|(?<=[—–-])\s+(?=[A-Z])")


def words(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return [m.group(0).lower().replace("’", "'") for m in WORD.finditer(text)]


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Each lower-cased word with its start and end offsets."""
    for m in WORD.finditer(text):
        yield m.group(0).lower().replace("’", "'"), m.start(), m.end()


def sentences(text: str) -> list[str]:
    """A text split after sentence-ending punctuation (good enough for speech transcripts)."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def alternation(patterns: list[str]) -> re.Pattern[str]:
    """Several patterns as one case-insensitive alternation: one pass over a text instead of one per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
