"""Held-out splits by group (transcript, conversation, seeker post), never by utterance."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

__all__ = ["SEED", "FRACTIONS", "group_split"]

SEED = 20261125
#: train, validation (early stopping and calibration), test (reported only).
FRACTIONS = (0.7, 0.1, 0.2)


def group_split(groups: Sequence[str], *, seed: int = SEED, fractions: tuple[float, float, float] = FRACTIONS) -> np.ndarray:
    """``"train"``, ``"val"`` or ``"test"`` for each item, the same for every item of a group.

    The assignment depends only on the group's name and the seed, so it does not
    change when data are added or reordered.
    """
    bounds = np.cumsum(fractions)

    def part(group: str) -> str:
        digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
        u = int.from_bytes(digest[:8], "big") / 2**64
        return "train" if u < bounds[0] else "val" if u < bounds[1] else "test"

    cache: dict[str, str] = {}
    return np.array([cache.setdefault(g, part(g)) for g in groups])
