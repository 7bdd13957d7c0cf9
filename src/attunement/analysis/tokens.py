"""Words and sentences, with their character spans in the utterance text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["WORD", "PLACEHOLDER", "words", "word_spans", "sentences", "alternation", "with_surrogates", "is_backchannel", "BACKCHANNEL_WORDS", "quoted"]

#: A de-identification placeholder: ``[PERSON_1]``, ``[AGE_OVER_89_2]``.
PLACEHOLDER = re.compile(r"\[(?P<kind>[A-Z]+(?:_[A-Z0-9]+)*?)_(?P<n>\d+)\]")
#: A word: letters, digits and inner apostrophes ("can't", "I'm", "mum's"); a placeholder is one word.
WORD = re.compile(PLACEHOLDER.pattern + r"|[^\W_]+(?:['’][^\W_]+)*")
# What the models read in place of a placeholder: an ordinary word of the same kind, so that a
# de-identified session is coded as the original would be. The stored text keeps the placeholder.
_SURROGATES = {"PERSON": ("Alex", "Sam", "Jo", "Chris", "Robin", "Charlie", "Jamie", "Kim"),
               "LOCATION": ("Riverside", "Hillcrest", "Fairfield", "Ashford"), "DATE": ("Monday",),
               "AGE_OVER_89": ("ninety",), "PHONE": ("the number",), "ID": ("the number",),
               "EMAIL": ("my email",), "URL": ("the website",), "OTHER": ("it",)}
_SENTENCE_END = re.compile(r"(?<=[.?!…])[\"”’)]*\s+|(?<=[—–-])\s+(?=[A-Z])")


def words(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return list(_words(text))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower().replace("’", "'") for m in WORD.finditer(text))


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


def with_surrogates(text: str) -> str:
    """The text with each de-identification placeholder read as an ordinary word of its kind (for the models)."""
    if "[" not in text:
        return text

    def surrogate(match: re.Match[str]) -> str:
        options = _SURROGATES.get(match["kind"], ("it",))
        return options[(int(match["n"]) - 1) % len(options)]

    return PLACEHOLDER.sub(surrogate, text)


#: Words a minimal, back-channel turn is made of ("Okay.", "No.", "Yeah, yeah.", "Mm-hmm, right.").
BACKCHANNEL_WORDS = frozenset(
    "okay ok yeah yes yep yup no nope mm mhm mmm hmm mm-hmm uh-huh uh huh right sure alright oh ah um er i see guess "
    "true exactly totally definitely thanks thank you got it".split())


def is_backchannel(text: str) -> bool:
    """A turn of three words or fewer, all of them back-channel words: it carries no emotion of its own."""
    found = words(text)
    return 0 < len(found) <= 3 and all(w in BACKCHANNEL_WORDS for w in found)


def quoted(text: str, limit: int = 90) -> str:
    """``text`` on one line in quotation marks, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"
