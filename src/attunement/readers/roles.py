"""Decide who is the therapist and who is the client.

Role words in speaker labels are recognised directly (``Therapist``, ``T``,
``Counsellor``, ``Client``, ``C``, ``Patient``, ``Interviewer``...). Named
speakers are mapped with ``therapist=`` / ``client=``; failing that, in a
two-person session the one who asks more questions is taken to be the therapist
and a warning says so.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

from ..errors import TranscriptError, TranscriptWarning
from ..model import Role
from .names import display_name

__all__ = ["ROLE_WORDS", "role_of_label", "assign_roles"]

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


_TITLE = re.compile(r"^(dr|doctor|prof|professor)\b", re.I)


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
        roles.update(_guess_therapist(unknown, labels, texts, path=path, titled=titled))
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


def _guess_therapist(
    pair: list[str], labels: Sequence[str], texts: Sequence[str], *, path: str,
    titled: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Role]:
    asked = {name: 0 for name in pair}
    turns = {name: 0 for name in pair}
    for label, text in zip(labels, texts):
        turns[label] += 1
        asked[label] += sum(1 for sentence in re.split(r"(?<=[.?!])\s+", text) if _QUESTION.search(sentence))
    def rank(name: str) -> tuple[bool, float]:
        return bool(_TITLE.match(name)) or name in titled, asked[name] / max(turns[name], 1)

    first, second = sorted(pair, key=rank, reverse=True)
    why = "has a clinical title" if rank(first)[0] else f"asks {asked[first]} questions, {second!r} asks {asked[second]}"
    warnings.warn(
        f"{path}: guessed that {first!r} is the therapist ({why}); pass --therapist NAME to be sure",
        TranscriptWarning,
        stacklevel=3,
    )
    return {first: "therapist", second: "client"}
