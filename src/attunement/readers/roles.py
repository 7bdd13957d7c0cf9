"""Decide who is the therapist and who is the client.

Role words in speaker labels are recognised directly (``Therapist``, ``T``,
``Counsellor``, ``Client``, ``C``, ``Patient``, ``Interviewer``...). Named
speakers are mapped with ``therapist=`` / ``client=``; failing that, in a
two-person session the one who asks more questions is taken to be the therapist
and a warning says so.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings
from collections.abc import Sequence

from ..errors import TranscriptError, TranscriptWarning
from ..model import Role, Session
from .names import clinical_title, display_name

__all__ = ["ROLE_WORDS", "role_of_label", "assign_roles", "speaker_profile", "swapped_roles", "confirmed_roles",
           "ROLE_WEIGHTS"]

ROLE_WORDS: dict[str, Role] = {
    "therapist": "therapist",
    "t": "therapist",
    "th": "therapist",
    "counsellor": "therapist",
    "counselor": "therapist",
    "co": "therapist",
    "interviewer": "therapist",
    "clinician": "therapist",
    "psychotherapist": "therapist",
    "psychologist": "therapist",
    "client": "client",
    "c": "client",
    "cl": "client",
    "patient": "client",
    "p": "client",
    "pt": "client",
    "interviewee": "client",
}

_QUESTION = re.compile(r"\?|^\s*(what|how|why|when|where|who|which|do|does|did|are|is|can|could|would)\b", re.I)


def _normal(label: str) -> str:
    return re.sub(r"[^a-z]", "", label.lower())


def role_of_label(label: str) -> Role | None:
    """The role a speaker label names outright (``"Counselor"`` → therapist), else None."""
    return ROLE_WORDS.get(_normal(label))


def assign_roles(
    labels: Sequence[str],
    texts: Sequence[str],
    *,
    therapist: str | None = None,
    client: str | None = None,
    path: str = "<input>",
    titled: set[str] | frozenset[str] = frozenset(),
    evidence: dict[str, str] | None = None,
) -> dict[str, Role]:
    """Map every speaker label to a role.

    Parameters
    ----------
    labels
        The speaker label of each utterance, in order.
    texts
        The words of each utterance (used to guess the therapist).
    therapist, client
        Names given by the user (``--therapist``, ``--client``); matched without case, pronouns or credentials.
    titled
        Speakers whose label carried a clinician's title or credential ("Dr.", ", LCSW").
    evidence
        Filled, when the roles were guessed, with who was taken for whom, the confidence and why.

    Raises
    ------
    TranscriptError
        One speaker only, or three or more that cannot be told apart.
    """
    names = list(dict.fromkeys(labels))
    if len(names) < 2:
        raise TranscriptError(
            f"only one speaker ({names[0] if names else 'none'}) found; a session needs a therapist and a client",
            path=path,
            hint="check that each line starts with 'Name:' for both people",
        )
    wanted = {_fold(therapist): "therapist", _fold(client): "client"} if therapist or client else {}
    for name in (therapist, client):
        if name and _fold(name) not in {_fold(n) for n in names}:
            raise TranscriptError(
                f"speaker {name!r} does not occur; speakers are {', '.join(names)}", path=path
            )
    roles: dict[str, Role | None] = {
        name: wanted.get(_fold(name)) or role_of_label(name) for name in names  # type: ignore[misc]
    }
    unknown = [n for n, r in roles.items() if r is None]
    known = {r for r in roles.values() if r is not None}
    if unknown and {"therapist", "client"} <= known:
        for name in unknown:
            roles[name] = "other"
        warnings.warn(
            f"{path}: speakers {', '.join(unknown)} are neither therapist nor client; kept as 'other'",
            TranscriptWarning,
            stacklevel=2,
        )
    elif len(unknown) == 1 and len(known) == 1:
        roles[unknown[0]] = "client" if "therapist" in known else "therapist"
    elif unknown and not known and len(unknown) == 2:
        roles.update(_guess_therapist(unknown, labels, texts, path=path, titled=titled, evidence=evidence))
    elif unknown:
        raise TranscriptError(
            f"found {len(names)} speakers ({', '.join(names)}) and cannot tell who is the therapist "
            "and who is the client",
            path=path,
            hint="pass --therapist NAME and --client NAME; anyone else is kept as 'other'",
        )
    if "therapist" not in roles.values() or "client" not in roles.values():
        raise TranscriptError(
            "the session needs one therapist and one client, found "
            + ", ".join(f"{n} ({r})" for n, r in roles.items()),
            path=path,
            hint="label speakers Therapist/Client or pass --therapist NAME",
        )
    return {name: role for name, role in roles.items() if role is not None}


def _fold(name: str | None) -> str:
    """A name as the user may type it: no pronouns, credentials or title ("Ana Ruiz" is "Dr. Ana Ruiz, LCSW")."""
    return re.sub(r"^(?:dr|prof|mr|mrs|ms|mx)\.?\s+", "", display_name(name or "").strip().casefold())


#: Words that point at the other person and at oneself: a therapist says "you" more than "I", a client the reverse.
_YOU = re.compile(r"\b(?:you|your|you're|you've|yourself)\b", re.I)
_I = re.compile(r"\b(?:i|me|my|i'm|i've|myself|i'd|i'll)\b", re.I)
#: First-person disclosure of one's own life and feelings: a sign of the client.
_DISCLOSES = re.compile(r"\b(?:i feel|i felt|i've been|i was|i can'?t|i don'?t know|my (?:husband|wife|mum|mom|dad|kids|son|"
                        r"daughter|job|boss|partner|boyfriend|girlfriend|family|doctor))\b", re.I)
#: Weights of the differences between the two speakers (therapist minus client), fitted once by logistic
#: regression on AnnoMI's training split (benchmarks/roles.py): questions per turn, ("you" − "I") per 10 words,
#: disclosures per turn, log words per turn. A clinician's title or credential adds TITLE_WEIGHT.
ROLE_WEIGHTS = (0.44, 2.8, -0.28, 0.96)
TITLE_WEIGHT = 3.0


def speaker_profile(texts: Sequence[str]) -> tuple[float, float, float, float]:
    """Questions per turn, ("you" − "I") per 10 words, disclosures per turn and log words per turn of one speaker."""
    turns, words = max(len(texts), 1), max(sum(len(t.split()) for t in texts), 1)
    joined = " ".join(texts)
    return (sum(1 for t in texts if _QUESTION.search(t)) / turns, 10 * (len(_YOU.findall(joined)) - len(_I.findall(joined))) / words,
            sum(1 for t in texts if _DISCLOSES.search(t)) / turns, math.log(words / turns))


def _guess_therapist(
    pair: list[str], labels: Sequence[str], texts: Sequence[str], *, path: str,
    titled: set[str] | frozenset[str] = frozenset(), evidence: dict[str, str] | None = None,
) -> dict[str, Role]:
    """Who is the therapist of two unnamed speakers: questions, "you" against "I", disclosure, turn length, titles.

    Warns with the evidence and a confidence (high, medium, low); low asks for ``--therapist``.
    """
    profiles = {name: speaker_profile([t for label, t in zip(labels, texts) if label == name]) for name in pair}
    a, b = pair
    score = sum(w * (x - y) for w, x, y in zip(ROLE_WEIGHTS, profiles[a], profiles[b]))
    has_title = {name: name in titled or clinical_title(name) for name in pair}
    score += TITLE_WEIGHT * (has_title[a] - has_title[b])
    first, second = (a, b) if score >= 0 else (b, a)
    confidence = "high" if abs(score) >= 1.0 else "medium" if abs(score) >= 0.4 else "low"
    p1, p2 = profiles[first], profiles[second]
    why = (f"{first!r} asks a question in {100 * p1[0]:.0f}% of turns ({second!r}: {100 * p2[0]:.0f}%) and says 'you' "
           f"{'more' if p1[1] > 0 else 'less'} than 'I' ({second!r}: {'more' if p2[1] > 0 else 'less'})")
    if has_title[first]:
        why = f"{first!r} has a clinical title or credential; " + why
    advice = ("not sure: pass --therapist NAME, or confirm the roles in the web app" if confidence == "low"
              else "pass --therapist NAME to be sure")
    warnings.warn(f"{path}: guessed that {first!r} is the therapist ({confidence} confidence: {why}); {advice}",
                  TranscriptWarning, stacklevel=3)
    if evidence is not None:
        evidence.update(therapist=first, client=second, confidence=confidence, why=why)
    return {first: "therapist", second: "client"}


def swapped_roles(session: Session, *, by: str) -> Session:
    """The session with its therapist and client exchanged by a user correcting a guess; the id is kept."""
    swap = {"therapist": "client", "client": "therapist"}
    speakers = {s.name: dataclasses.replace(s, role=swap.get(s.role, s.role)) for s in session.speakers}  # type: ignore[arg-type]
    utterances = tuple(dataclasses.replace(u, speaker=speakers[u.speaker.name]) for u in session.utterances)
    swapped = dataclasses.replace(session, speakers=tuple(speakers.values()), utterances=utterances)
    return confirmed_roles(swapped, by=by, why=f"{by} switched the roles after reading")


def confirmed_roles(session: Session, *, by: str, why: str = "") -> Session:
    """The session with its roles marked as confirmed by a user (after a guess they checked)."""
    role_of = {s.role: s.name for s in session.speakers}
    confirmed = {"therapist": role_of.get("therapist", ""), "client": role_of.get("client", ""), "confidence": "confirmed",
                 "why": why or f"{by} confirmed the roles"}
    return dataclasses.replace(session, metadata={**session.metadata, "roles_guessed": confirmed})
