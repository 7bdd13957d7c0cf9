"""Separate non-verbal annotations from the spoken words.

Transcribers mark what is seen or heard but not said in brackets
(``[fidgeting]``), parentheses (``(long pause)``) or asterisks (``*sighs*``).
Square brackets and asterisks are always annotations. Parentheses are also used
for spoken asides ("(I mean, my mum)"), so a parenthesis counts as an
annotation only when it is short and reads like a stage direction: it contains
a word from our curated list (``resources/nonverbal_terms.txt``) or is one or
two words such as ``(shrugs)``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..model import Annotation

__all__ = ["split_annotations", "nonverbal_terms"]

_ANNOTATION = re.compile(
    r"\[(?P<square>[^\[\]\n]{1,80})\]"
    r"|\((?P<round>[^()\n]{1,60})\)"
    r"|(?<![\w*])\*(?P<star>[^*\n]{1,60})\*(?![\w*])"
)
_SPACES = re.compile(r"[ \t]{2,}")
_TIME_ONLY = re.compile(r"^\s*\d{1,3}(?::\d{2}){1,2}(?:[.,]\d+)?(?:\s*-+\s*\d{1,3}(?::\d{2}){1,2}(?:[.,]\d+)?)?\s*$")


@lru_cache(maxsize=1)
def nonverbal_terms() -> frozenset[str]:
    """Word stems that mark a parenthesis as a non-verbal annotation."""
    text = resources.files("attunement.resources").joinpath("nonverbal_terms.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_stage_direction(inner: str) -> bool:
    words = re.findall(r"[a-z']+", inner.lower())
    if not words or len(words) > 6:
        return False
    terms = nonverbal_terms()
    if any(word.startswith(term) for word in words for term in terms):
        return True
    # "(shrugs)", "(nodding slowly)": a short lower-case verb form reads as a stage direction
    return len(words) <= 2 and inner.strip().islower() and words[0].endswith(("s", "ing", "ed"))


def split_annotations(raw: str) -> tuple[str, tuple[Annotation, ...]]:
    """Split a line of transcript into spoken words and non-verbal cues.

    Parameters
    ----------
    raw
        The utterance as written, annotations included.

    Returns
    -------
    text : str
        The words with annotations removed; only the spacing around a removed
        annotation is tidied, the words themselves are untouched.
    cues : tuple of Annotation
        The annotations, each with its position in ``text``.

    Examples
    --------
    >>> text, cues = split_annotations("I feel safe [fidgeting] here.")
    >>> text, cues[0].label, text[:cues[0].position]
    ('I feel safe here.', 'fidgeting', 'I feel safe ')
    """
    found: list[tuple[str, str]] = []
    sentinel = next(c for c in _SENTINELS if c not in raw)  # a character the text does not contain

    def mark(match: re.Match[str]) -> str:
        inner = match.group("square") or match.group("round") or match.group("star") or ""
        if match.group("round") is not None and not _is_stage_direction(inner):
            return match.group(0)
        if _TIME_ONLY.match(inner):
            return match.group(0)
        found.append((" ".join(inner.lower().strip(" .,;:!?-").split()), match.group(0)))
        return sentinel

    work = _ANNOTATION.sub(mark, raw)
    if not found:
        return raw.strip(), ()
    work = _run(sentinel).sub(lambda m: _respace(m, sentinel), work).strip()
    text_parts: list[str] = []
    cues: list[Annotation] = []
    length = 0
    for i, part in enumerate(work.split(sentinel)):
        if i:
            label, raw_cue = found[i - 1]
            cues.append(Annotation(label=label, raw=raw_cue, position=length))
        text_parts.append(part)
        length += len(part)
    return "".join(text_parts), tuple(cues)


_SENTINELS = "\x00\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\uf8ff" + "".join(
    chr(c) for c in range(0xF0000, 0xF0100))


@lru_cache(maxsize=8)
def _run(sentinel: str) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{re.escape(sentinel)}\s*)+")


def _respace(match: re.Match[str], sentinel: str) -> str:
    """Keep one space where an annotation stood between two words, none elsewhere."""
    marks = match.group(0).count(sentinel)
    string, start, end = match.string, match.start(), match.end()
    needs_space = start > 0 and end < len(string) and string[end] not in ".,;:!?)\u2014-" and (
        match.group(0)[0].isspace() or match.group(0)[-1].isspace()
    )
    return (" " if needs_space else "") + sentinel * marks
