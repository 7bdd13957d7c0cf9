"""The client's own words, given back: the reflections the alternatives build from a client turn.

A sentence is chosen (one naming a feeling, else one saying what the client wants, fears or finds hard;
never a hedge, a question, a broken-off turn or a bare story), cleaned of fillers and restarts, its
pronouns swapped, and given back as "It sounds like …"; both sides of an ambivalent turn are given back
as a double-sided reflection. docs/feedback.md has the rules and their limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Utterance
from ..vocabulary import Situation
from .tokens import words

__all__ = ["Candidate", "reflect_words", "spoken", "from_client_words", "feeling_word", "clean_clause", "split_sentences", "lower_first"]

#: The longest client clause given back word for word; longer turns are not reflected from their words.
MAX_CLAUSE = 22


@dataclass(frozen=True)
class Candidate:
    """A response the therapist could have given, where it came from and what it does."""

    text: str
    source: str  # "client_words", "move" or "bank"
    does: str



_FILLERS = re.compile(r",?\s*\b(?:um+|uh+|erm)\b,?|\b(?:you know|i mean|honestly|basically|like,|to be honest|kind of like|i guess,)\s*,?\s*"
                      r"|\blike\s+(?=(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b)", re.I)
#: Words that open a clause in lower case when it is given back inside a sentence ("It sounds like it's…").
_COMMON_OPENERS = frozenset("it it's its that that's this there there's the a an nobody no everyone everybody everything "
                            "nothing something sometimes maybe when if all some he she he's she's they they're they've "
                            "people work life things on in at after before since every most".split())
_LEAD = re.compile(r"^(?:(?:and|but|so|well|yeah|yes|no|oh|okay|ok|right|because|cause|just|then|sorry|i guess|i think that|"
                   r"honestly|anyway|like|as a matter of fact|actually)\b[\s,]*)+", re.I)
#: A restart ("I-- but I just want…", "I— I can't"): the words broken off are left out.
_RESTART = re.compile(r"\b[\w']+\s*(?:--|—|–)\s*", re.I)
_TO_YOU = {"i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "me": "you",
           "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "we're": "you're", "we've": "you've",
           "our": "your", "ours": "yours", "us": "you"}
_TO_ME = {"you're": "I'm", "your": "my", "yours": "mine", "yourself": "myself", "you've": "I've", "you'd": "I'd", "you'll": "I'll"}
_SUBJECT_BEFORE = frozenset("and but because that when if so then".split())
#: The feeling a model reads in a client turn, as a word a therapist would say.
_FEELING_WORD = {"sadness": "sad", "grief": "sad", "fear": "scared", "nervousness": "anxious", "anger": "angry",
                 "annoyance": "frustrated", "disappointment": "let down", "remorse": "guilty", "embarrassment": "ashamed",
                 "confusion": "confused", "disgust": "upset", "disapproval": "upset"}


def reflect_words(text: str) -> str:
    """``text`` said back to its speaker: first and second person swapped ("I was" → "you were")."""
    tokens = re.split(r"([A-Za-z']+)", text)
    out: list[str] = []
    previous = ""
    for k, token in enumerate(tokens):
        low = token.lower()
        if not token or not re.fullmatch(r"[A-Za-z']+", token):
            out.append(token)
            continue
        if low in ("am", "was") and previous == "i":
            new = "are" if low == "am" else "were"
        elif low in ("are", "were") and previous == "you":
            new = "am" if low == "are" else "was"
        elif low == "you":
            before = next((t.lower() for t in reversed(tokens[:k]) if re.fullmatch(r"[A-Za-z']+", t)), "")
            starts = not before or before in _SUBJECT_BEFORE or re.search(r"[.,;!?]\s*$", "".join(tokens[:k]))
            new = "I" if starts else "me"
        elif low in _TO_ME:
            new = _TO_ME[low]
        elif low in _TO_YOU:
            new = _TO_YOU[low]
        else:
            new = token
        out.append(new)
        previous = low
    return "".join(out)


def spoken(utterance: Utterance) -> str:
    """The client's words with a break (" | ") where a non-verbal sign stood, so that no clause runs across it."""
    text, cuts = utterance.text, sorted({a.position for a in utterance.annotations if 0 < a.position < len(utterance.text)})
    return "".join(text[a:b] + (" | " if b < len(text) else "") for a, b in zip([0, *cuts], [*cuts, len(text)]))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\s+[—–]\s+|\s*\.\.\.\s*|…|\s*\|\s*", text) if len(words(s)) >= 3]


def clean_clause(sentence: str) -> str | None:
    """A sentence cleaned of fillers and opening words, cut at a clause boundary; None when too long or a question."""
    if "?" in sentence:
        return None
    s = re.sub(r"\b([\w']+)-\1\b", r"\1", sentence.lstrip("-—– "))  # "where-where" said once
    s = re.sub(r"\b[\w']+-\s+", "", s)  # "know- " broken off
    s = re.sub(r"\b((?:[\w']+\s+){1,4}?)\1", r"\1", s, flags=re.I)  # a restart said twice ("I just don't I just don't know")
    s = _LEAD.sub("", _RESTART.sub("", _FILLERS.sub(" ", s)).strip(" ,")).strip(" ,.!;:")
    s = re.sub(r"\s{2,}", " ", s)
    s = re.sub(r",\s*(?:yeah|you know|like|right)\s*,", ",", s, flags=re.I)
    if len(words(s)) > MAX_CLAUSE:
        cut = re.split(r",\s+|\s+(?:because|and then|so that)\s+", s)
        s = next((c for c in cut if 4 <= len(words(c)) <= MAX_CLAUSE), "")
    return s if len(words(s)) >= 4 and not re.search(r"[-—–]$", s) else None


def lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _COMMON_OPENERS else text


#: A sentence worth giving back says what the client feels, wants, fears or finds hard, not only what happened.
_MEANING = re.compile(r"\b(?:want|wanted|need|needed|hope|wish|worr\w*|afraid|scared|frighten\w*|can'?t|couldn'?t|don'?t know|"
                      r"should|trying|try|feel|felt|hate|love|miss|matter\w*|important|hard|difficult|struggl\w*|stuck|tired|"
                      r"sick of|fed up|stupid|useless|alone|lonely|ashamed|guilty|proud|glad|happy|relieved|angry|upset|hurt)\b", re.I)
#: Feeling words a therapist can say back ("Of course you feel …"), as the client said them.
#: Only as a feeling ("I feel so alone", "I'm scared"), never a self-judgement ("stupid", "useless") or another sense ("lost his foot").
_SAYABLE = re.compile(r"\b(?:feel(?:s|ing)?|felt|i'?m|i am|i was|so|really|very|just)\s+(?:so |really |very |a bit |quite |just )?"
                      r"(sad|angry|scared|afraid|anxious|hurt|lonely|alone|ashamed|guilty|upset|frustrated|hopeless|helpless|"
                      r"overwhelmed|worried|nervous|exhausted|furious|heartbroken|embarrassed|relieved|proud)\b", re.I)


#: A hedge or a condition: said back as "It sounds like…", a fear would become a fact.
_HEDGED = re.compile(r"\b(?:maybe|might|may|perhaps|probably|if|what if|in case)\b", re.I)


def _chosen_sentence(text: str, feeling: re.Pattern[str]) -> str | None:
    """The sentence to give back: one that names a feeling, else the longest that says what the client wants, fears
    or finds hard; None when every sentence only tells what happened (giving that back feeds the story, not the person)."""
    sentences = [s for s in split_sentences(text) if clean_clause(s) and not _HEDGED.search(s)]
    felt = [s for s in sentences if feeling.search(s)]
    meant = sorted((s for s in sentences if _MEANING.search(s)), key=lambda s: -len(words(s)))
    return (felt or meant or [None])[0]


def feeling_word(text: str, emotions: dict[str, float]) -> str:
    """A feeling the client named in words a therapist can say back, else the strongest one the models read, else ""."""
    named = _SAYABLE.search(text)
    if named:
        word = named.group(1).lower()
        return "so alone" if word == "alone" else word
    read = [w for e, p in sorted(emotions.items(), key=lambda kv: -kv[1]) if p >= 0.3 and (w := _FEELING_WORD.get(e))]
    return read[0] if read else ""


#: Situations where the client's words alone are not what to give back: in incongruence they are one side only
#: (the move names both), in pleasing they are the approval-seeking itself.
_NOT_WORDS_ALONE = frozenset({Situation.INCONGRUENCE, Situation.PLEASING})


def from_client_words(text: str, emotions: dict[str, float], sides: tuple[str, str] | None, *,
                      situation: Situation = Situation.NONE) -> list[Candidate]:
    """Reflections built from the client's turn: of what they said, of the feeling read in it, of both sides."""
    from .experiencing import FEELING

    out: list[Candidate] = []
    broke_off = bool(re.search(r"(?:—|–|--|-|\.\.\.|…)\s*$", text.strip()))  # the client had not finished: let them
    sentence = _chosen_sentence(text, FEELING) if situation not in _NOT_WORDS_ALONE and not broke_off else None
    clause = clean_clause(sentence) if sentence else None
    if clause:
        said = lower_first(reflect_words(clause))
        out.append(Candidate(f"It sounds like {said}.", "client_words", "gives back what the client said, in their words"))
        felt = [w for e, p in sorted(emotions.items(), key=lambda kv: -kv[1]) if p >= 0.3 and (w := _FEELING_WORD.get(e))]
        if felt and not FEELING.search(clause) and felt[0] not in clause.lower():
            out.append(Candidate(f"It sounds like {said}, and that's left you feeling {felt[0]}.", "client_words",
                                 "gives back what the client said and names the feeling under it"))
    if sides:
        cleaned = [clean_clause(s.strip()) for s in sides]
        if all(cleaned):
            a, b = (lower_first(reflect_words(s)) for s in cleaned)  # type: ignore[arg-type]
            opening = f"{a[:1].upper()}{a[1:]}, and {b}." if a.lower().startswith("part of you") else \
                f"On the one hand {a}, and on the other hand {b}."
            out.append(Candidate(opening, "client_words", "gives back both sides of the client's ambivalence, without taking one"))
    return out
