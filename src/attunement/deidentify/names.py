"""Names of people that the statistical model misses.

The small spaCy model finds most names in well-punctuated prose but misses many in speech:
a first name alone at the start of a sentence ("Amara was born…"), a name in a lower-case
caption file ("so marcus found out"), a surname after a title ("PC Haldane"), a nickname of
a name said earlier. This module adds, for a whole session:

* a gazetteer of given names (``resources/deid/given_names.txt``: the 1990 US Census lists and
  a supplement of names from Britain, Ireland, Africa, Asia, Europe and Latin America; built by
  ``scripts/build_name_lists.py``). Names that are also everyday words (Will, Hope, Mark, Ivy —
  ``name_words.txt``) count only when capitalised away from the start of a sentence, or at the
  start of one when the same name is used elsewhere in the session and the next word is not a
  pronoun or article ("Will went white" yes, "Will you…" no);
* a capitalised word after a title (Dr, Mrs, PC, Father, Auntie…) or after a relation or
  "called" ("my friend Saoirse", "a girl called Bee");
* lower-case given names in an utterance written without capitals (automatic captions);
* the variants of a name found once: its nicknames and formal forms (from the maintained
  ``nicknames`` data set: Robert ~ Bob, Bobby) and one-letter misspellings of a capitalised
  word (Katharine ~ Katherine).

:func:`same_person` tells :func:`attunement.deidentify.deidentify_session` which variants get
one placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = ["NOT_NAMES", "model_slip", "given_names", "person_spans", "misspellings", "search_pattern", "same_person",
           "variants", "uncased", "used_as_name"]

Span = tuple[int, int, str]

_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME = rf"(?:O['’])?[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}][{_LOWER}]+)?"  # Siobhán, Mary-Anne, O'Neill
_WORD = re.compile(rf"\b[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)*\b")
NOT_NAMES = frozenset(
    "mum mom mummy mommy mam mammy mama ma dad daddy papa pa baba nana nan nanna gran granny grandma grandpa grandad "
    "grandmother grandfather aunt auntie aunty uncle dr mr mrs ms mx "
    "god lord jesus christ allah christmas easter eid diwali hanukkah ramadan "
    "monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "therapist client counsellor counselor doctor nurse sir madam miss mister".split())
_TITLE = re.compile(r"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|PC|DC|DS|DI|Sgt|Sergeant|Officer|Inspector|Judge|Professor|Prof|"
                    r"Father|Fr|Sister|Brother|Nurse|Rev|Reverend|Pastor|Imam|Rabbi|Auntie|Aunty|Aunt|Uncle|Nan|Nana|"
                    r"Nanna|Gran|Granny|Grandma|Grandpa|Grandad|Cousin|Coach|Captain|Councillor|Lady|Sir)\.?\s+"
                    rf"(?P<v>{_NAME})\b")
_LOWER_TITLE = re.compile(r"\b(?:dr|mr|mrs|ms|mx|nurse|doctor|father|auntie|aunty|uncle)\.?\s+(?P<v>[a-z]{3,})\b")
_INTRO = re.compile(r"\b(?i:my|our|his|her|their|a|the)\s+(?i:friend|best friend|sister|brother|son|daughter|husband|wife|"
                    r"partner|boss|manager|colleague|cousin|aunt|uncle|niece|nephew|neighbour|neighbor|ex|boyfriend|"
                    r"girlfriend|fiancée?|mate|flatmate|teacher|therapist|doctor|GP|sponsor|supervisor|stepdad|stepmum|"
                    r"stepmom|stepson|stepdaughter|son-in-law|daughter-in-law|sister-in-law|brother-in-law|mum|mom|dad|"
                    rf"nan|gran|kid|baby|lad|girl|boy|man|woman|guy|lady|comadre|compadre)\s*,?\s+(?P<v>{_NAME})\b"
                    rf"|\b(?i:named|called|name is|name's|names? were|known as|said to|told|asked|texted|messaged|rang|"
                    rf"phoned|emailed|thanked|married|dating|dated|hugged|thank you,?|thanks,?)\s+(?P<w>{_NAME})\b")
_PERSON_VERBS = frozenset("said says told asked texted rang phoned called came went was is has had wants wanted thinks "
                          "thought knows knew did does gets got keeps kept made makes left leaves won't doesn't didn't "
                          "can't isn't wasn't and would will could should never always just".split())
_PLACE_BEFORE = frozenset("in at from near outside around into via".split())
_PERSON_BEFORE = frozenset("with and to for by about like told asked tell ask call called text texted see saw meet met visit "
                           "visited love loved miss missed trust hate thank thanked".split())
# After a name used as a word at the start of a sentence: "Will you…", "Hope it…", "Mark my words".
_WORD_USE_NEXT = frozenset("you i it we they he she me my your our his her its their the a an that this there so not "
                           "to be have has had".split())


class _Lists(NamedTuple):
    given: frozenset[str]  # every given name of the gazetteer
    words: frozenset[str]  # the given names that are also everyday words (will, hope)
    proper: frozenset[str]  # the given names that are only names
    common: frozenset[str]  # the common English words that are not only names


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    folder = resources.files("attunement") / "resources" / "deid"

    def read(name: str) -> frozenset[str]:
        lines = folder.joinpath(name).read_text(encoding="utf-8").splitlines()
        return frozenset(w for w in lines if w.isalpha())  # one word a line; the "# Generated…" header is not

    given, words = read("given_names.txt") - NOT_NAMES, read("name_words.txt")
    return _Lists(given, words, given - words, read("common_words.txt"))


def given_names() -> frozenset[str]:
    """Every given name of the gazetteer, lower case."""
    return _lists().given


@lru_cache(maxsize=1)
def _nicknamer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer
    return NickNamer()


def variants(name: str) -> frozenset[str]:
    """Nicknames and formal forms of a given name, lower case (Robert → bob, bobby, rob…)."""
    namer, key = _nicknamer(), name.casefold()
    return frozenset(namer.nicknames_of(key) | namer.canonicals_of(key)) - NOT_NAMES


def same_person(a: str, b: str) -> bool:
    """Whether two names found in a session are taken as one person (one placeholder)."""
    a, b = a.casefold(), b.casefold()
    return a == b or b in variants(a) or a in variants(b) or (min(len(a), len(b)) >= 5 and _one_edit(a, b))


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


_SURNAME = re.compile(rf"(?:[ ]+(?:{_NAME}|(?:van|von|de|da|del|di|le|la|bin|bint|al)(?=[ -][{_UPPER}]))){{1,2}}(?=[^\w]|$)")


def _with_surname(text: str, span: Span) -> Span:
    """A first name with the capitalised words after it (Reed Fairclough, Luz Elena Barragán)."""
    start, end, kind = span
    match = _SURNAME.match(text, end)
    if match and not any(w.casefold() in NOT_NAMES for w in match.group().split()):
        return start, match.end(), kind
    return span


def _shortened(short: str, name: str) -> bool:
    stem = short[:-1] if short.endswith(("y", "i", "o")) and len(short) > 3 else short
    return len(stem) >= 3 and len(name) >= len(stem) + 2 and name.startswith(stem)


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _possessive(text: str, end: int) -> bool:
    return text.startswith(("'s", "’s"), end)


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'“‘(-–—")
    return not before or before[-1] in ".!?…:;\n" or before.endswith("--")


def _next_word(text: str, end: int) -> str:
    match = _WORD.search(text, end)
    return match.group().casefold() if match and not text[end:match.start()].strip() else ""


def used_as_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised name that is also a word reads as a name here: away from a sentence start,
    or at one but not followed by a pronoun or article ("Will went white", not "Will you…")."""
    return not _sentence_start(text, start) or _next_word(text, end) not in _WORD_USE_NEXT


def uncased(text: str) -> bool:
    """An utterance written without capitals (automatic captions), apart from a lone "I"."""
    return not re.search(r"[A-Z]", re.sub(r"\bI\b|\bI['’]", "", text)) and bool(re.search(r"[a-z]", text))


def person_spans(texts: list[str], found: list[list[Span]]) -> list[list[Span]]:
    """Spans of names the model missed, for every utterance; ``found`` are the spans found so far."""
    given, words, proper, common = _lists()
    extra: list[list[Span]] = [[] for _ in texts]
    pending: list[tuple[int, int, int, str]] = []  # word-names at a sentence start: decided once the session is read
    known = {text[s:e].casefold() for text, spans in zip(texts, found) for s, e, k in spans if k == "PERSON"}
    for i, text in enumerate(texts):
        for match in _TITLE.finditer(text):
            extra[i].append((match.start("v"), match.end("v"), "PERSON"))
        for match in _INTRO.finditer(text):
            group = "v" if match.group("v") else "w"
            if match.group(group).casefold() not in NOT_NAMES:
                extra[i].append((match.start(group), match.end(group), "PERSON"))
        lower_case = uncased(text)
        for match in _LOWER_TITLE.finditer(text) if lower_case else ():  # "her name's mrs. bello"
            if "." in match.group() or match.group("v") not in common:
                extra[i].append((match.start("v"), match.end("v"), "PERSON"))
        for match in _WORD.finditer(text):
            word, key = match.group(), _plain(match.group())
            first, _, rest = key.partition("-")  # Mary-Anne, Ji-woo; not a stutter (So-so) or a word (Will-)
            if key not in given and not (first in proper and rest and rest != first):
                kind = _unknown_word(text, match, key)
                if kind:
                    extra[i].append((match.start(), match.end(), kind))
                continue
            if _capitalised(word):
                if key not in words or _possessive(text, match.end()) or not _sentence_start(text, match.start()):
                    extra[i].append((match.start(), match.end(), "PERSON"))
                else:
                    pending.append((i, match.start(), match.end(), key))
            elif lower_case and key not in words and len(key) > 2:
                extra[i].append((match.start(), match.end(), "PERSON"))
    known |= {texts[i][s:e].casefold() for i, spans in enumerate(extra) for s, e, _ in spans}
    for i, start, end, key in pending:  # "Will went white" once "Will" is known as a name; never "Will you"
        if key in known and used_as_name(texts[i], start, end):
            extra[i].append((start, end, "PERSON"))
    return [[_with_surname(text, span) for span in spans] for text, spans in zip(texts, extra)]


def _unknown_word(text: str, match: re.Match[str], key: str) -> str | None:
    """A capitalised word that is neither a given name nor a common English word, where people are named.

    Such a word is a person when a verb that people do follows ("Chidi said", "Okafor wants") or
    a word that introduces people comes before ("with Chidi", "told Okafor"); a place after "in",
    "at", "from"…. Elsewhere it is left alone: brand and medicine names ("taking Wellbutrin") are
    capitalised unknown words too, and a supervisor needs them.
    """
    word = match.group()
    if not _capitalised(word) or len(key) < 3 or key in _lists().common or key in NOT_NAMES:
        return None
    before = text[: match.start()].split()
    previous = before[-1].casefold().strip(",") if before and not _sentence_start(text, match.start()) else ""
    if previous in _PLACE_BEFORE:
        return "LOCATION"
    if previous in _PERSON_BEFORE or _next_word(text, match.end()) in _PERSON_VERBS or _possessive(text, match.end()):
        return "PERSON"
    return None


def model_slip(text: str, start: int, end: int) -> bool:
    """Whether a span the model took for a name or place is everyday words only: "know", "So", "I'm",
    "So-so" — lower case, opening a sentence, or one word repeated or contracted. Capitalised
    everyday words inside a sentence ("Main Street", "Brook") stay names, and so does a word
    with a possessive ("Mo's")."""
    surface = text[start:end].strip(" -–—'’\"")
    parts = [_plain(p) for p in re.findall(r"[^\W\d_]+", surface)]
    lists = _lists()
    if not parts or _possessive(text, end) or any(p not in lists.common or p in lists.proper for p in parts):
        return False
    return surface == surface.lower() or _sentence_start(text, start) or bool(re.search(r"['’-]", surface))


def _plain(word: str) -> str:
    """Lower case without accents: Siobhán → siobhan."""
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()


def search_pattern(known: dict[str, str]) -> tuple[re.Pattern[str], dict[str, bool]] | None:
    """A pattern finding every known name or place again, and for each whether any case will do.

    Names that are also everyday words (or that the model wrongly took for a name: "know"), and
    nicknames that were never said, are matched only when capitalised and used as a name (or, for
    a name, in an utterance without capitals).
    """
    if not known:
        return None
    lists = _lists()
    any_case = {k: k not in lists.words and k not in lists.common for k in known}
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True)) + r")(?:['’]s)?\b",
                         re.I)
    return pattern, any_case


def misspellings(texts: list[str], known: dict[str, str], taken: list[list[Span]]) -> list[list[Span]]:
    """Capitalised words one letter from a name or place of the session (Katharine ~ Katherine, Harrowgate ~ Harrogate),
    and shortened names (Ferdi for Ferdinand), where nothing else was found.

    Misspellings: words of five letters or more, six at the start of a sentence. Shortened names:
    the first three letters or more of a name of the session, away from a sentence start unless
    the short form is itself a given name.
    """
    long_names = {n: kind for n, kind in known.items() if len(n) >= 5}
    extra: list[list[Span]] = [[] for _ in texts]
    for i, text in enumerate(texts if long_names else ()):
        for match in _WORD.finditer(text):
            word, folded, opening = match.group(), match.group().casefold(), _sentence_start(text, match.start())
            if not _capitalised(word) or any(s < match.end() and match.start() < e for s, e, _ in taken[i]):
                continue
            kinds = [kind for n, kind in long_names.items() if len(word) >= (6 if opening else 5) and _one_edit(folded, n)]
            if not kinds and (not opening or folded in _lists().proper):
                kinds = [kind for n, kind in long_names.items() if kind == "PERSON" and _shortened(folded, n)]
            if kinds:
                extra[i].append((match.start(), match.end(), kinds[0]))
    return extra
