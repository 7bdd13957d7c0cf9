"""Therapist moves no labelled data set here codes, found by documented patterns.

Grounding and slowing, immediacy (here-and-now talk about the relationship), noticing the
body or non-verbal cues, validation, self-involving statements, asking permission,
steering or telling, and reassurance. Patterns live in our curated lexicon
``resources/lexicons/therapist.toml`` (versioned); each match keeps its words as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..model import Utterance
from ..vocabulary import Move, check_move
from .lexicon import entries

__all__ = ["MOVES", "move_patterns", "find_moves", "permission_asked"]

MOVES: tuple[Move, ...] = tuple(Move)


@lru_cache(maxsize=1)
def move_patterns() -> dict[str, tuple[float, tuple[re.Pattern[str], ...]]]:
    """Each move's confidence and compiled patterns."""
    found = entries("therapist", lambda name: check_move(name, source="lexicons/therapist.toml"))
    return {entry.name: (entry.confidence, (entry.pattern,)) for entry in found}


def find_moves(text: str) -> dict[str, dict[str, Any]]:
    """The moves found in a therapist utterance: ``{move: {"evidence": words, "confidence": p}}``."""
    return {name: dict(found) for name, found in _moves(text).items()}  # a fresh copy: callers may keep it


@lru_cache(maxsize=4096)
def _moves(text: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, (confidence, patterns) in move_patterns().items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found[name] = {"evidence": match.group(0), "confidence": confidence,
                               "start": match.start(), "end": match.end()}
                break
    return found


def permission_asked(utterances: Sequence[Utterance], i: int) -> bool:
    """Utterance ``i`` or one of the two turns by its speaker before it asked permission to share something."""
    earlier = [u for u in utterances[max(0, i - 4):i] if u.role == utterances[i].role][-2:]
    return any(Move.PERMISSION in find_moves(u.text) for u in (*earlier, utterances[i]))
