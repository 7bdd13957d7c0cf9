"""MI-inconsistent moves (roadblocks) and MI-consistent ones in a therapist utterance.

Our operational definitions, after MITI 4.2.1 (Moyers et al. 2014: *Confront*, *Persuade*
versus *Persuade with Permission*, *Seek Collaboration*, *Emphasize Autonomy*) and Gordon's
twelve roadblocks to listening: a **roadblock** is one of ``confront``, ``warn``,
``moralise``, ``label``, ``advise_without_permission``, ``argue``,
``premature_reassurance`` or ``order``, found by the curated patterns of
``resources/lexicons/roadblocks.toml`` with their words as evidence. Advice is a roadblock
only when the therapist did not ask permission, the client did not ask for it, and the
turn does not hand the choice back to the client. An utterance is MI-``inconsistent`` when
it holds a roadblock, ``consistent`` when it asks permission, emphasises autonomy, seeks
collaboration or affirms, and ``neutral`` otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..vocabulary import Behaviour, MiAdherence, Move, Roadblock
from .lexicon import Entry, entries

__all__ = ["find_roadblocks", "mi_adherence", "recoded_behaviour", "CLIENT_ASKS"]

#: The client asked for advice or ideas: advice that answers it is not unasked.
CLIENT_ASKS = re.compile(
    r"\b(?:what (?:should|can|do|could) i do|any (?:ideas|advice|suggestions|tips)|what would you (?:suggest|recommend|do)|"
    r"tell me what to do|how (?:do|can|could|should) i|what do you (?:think|suggest|recommend) i|can you (?:help|suggest|recommend)|"
    r"is there anything i can|should i\b|what are my options|i need (?:some )?(?:advice|help with))", re.I)
_CONSISTENT_MOVES = {Move.PERMISSION, Move.AUTONOMY, Move.COLLABORATION}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Entry, ...]:
    return entries("roadblocks", Roadblock)  # an unknown kind in the lexicon fails here


def find_roadblocks(text: str, *, client_text: str = "", permitted: bool = False) -> list[dict[str, Any]]:
    """The roadblocks in a therapist utterance, each ``{kind, evidence, confidence}``, in lexicon order.

    ``permitted``: the therapist asked permission to share information or ideas in one of the two
    turns before, so advice and facts now are Persuade *with* Permission, not roadblocks.
    """
    found = []
    for entry in _lexicon():
        match = entry.find(text)
        if match is None:
            continue
        if entry.name == Roadblock.ADVISE_WITHOUT_PERMISSION and CLIENT_ASKS.search(client_text):
            continue
        if permitted and entry.name in (Roadblock.ADVISE_WITHOUT_PERMISSION, Roadblock.ARGUE):
            continue
        if _echoes(text, match, client_text):
            continue  # the client's own words, given back: an echo, not the therapist's order or warning
        found.append({"kind": entry.name, "evidence": match.group(0).strip(), "confidence": entry.confidence})
    return found


def _echoes(text: str, match: re.Match[str], client_text: str) -> bool:
    """The matched words, with the word after them if the match is a single word, are in the client's turn."""
    phrase = match.group(0).strip()
    if len(phrase.split()) < 2:
        following = re.match(r"\W*\w+", text[match.end():])
        phrase = (phrase + (following.group(0) if following else "")).strip()
    return len(phrase.split()) >= 2 and phrase.lower() in client_text.lower()


def mi_adherence(roadblocks: list[dict[str, Any]], moves: dict[str, Any], behaviour: str) -> MiAdherence:
    """MI-inconsistent with a roadblock; consistent with permission, autonomy, collaboration or an affirmation."""
    if roadblocks:
        return MiAdherence.INCONSISTENT
    if _CONSISTENT_MOVES & set(moves) or behaviour == Behaviour.AFFIRM:
        return MiAdherence.CONSISTENT
    return MiAdherence.NEUTRAL


#: What a roadblock makes an utterance the model took for a reflection (MITI 4.2.1: a confrontation is never a reflection).
_RECODED = {Roadblock.CONFRONT: Behaviour.CONFRONT, Roadblock.MORALISE: Behaviour.CONFRONT, Roadblock.LABEL: Behaviour.CONFRONT,
            Roadblock.WARN: Behaviour.PERSUADE, Roadblock.ARGUE: Behaviour.PERSUADE, Roadblock.ORDER: Behaviour.PERSUADE,
            Roadblock.ADVISE_WITHOUT_PERMISSION: Behaviour.ADVICE, Roadblock.PREMATURE_REASSURANCE: Behaviour.OTHER}


def recoded_behaviour(behaviour: str, roadblocks: list[dict[str, Any]]) -> str:
    """The behaviour code once roadblocks are known: confronting and persuading moves are never reflections or questions."""
    if not roadblocks:
        return behaviour
    first = roadblocks[0]["kind"]
    if first in (Roadblock.CONFRONT, Roadblock.MORALISE, Roadblock.LABEL, Roadblock.WARN, Roadblock.ARGUE, Roadblock.ORDER):
        return _RECODED[first]
    if behaviour in (Behaviour.REFLECTION_SIMPLE, Behaviour.REFLECTION_COMPLEX):
        return _RECODED[first]
    return behaviour
