"""The curated lexicons (``resources/lexicons/*.toml``), read and compiled in one place.

A flat lexicon is a table of entries ``[name]`` with a ``confidence`` (our estimate of the
pattern's precision), ``words`` (regular expressions, case-insensitive) and optionally
``unless`` (patterns that cancel a match in the same text). :func:`entries` compiles each
entry's patterns into one alternation and checks its name against a vocabulary.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .tokens import alternation

__all__ = ["Entry", "read_lexicon", "entries"]


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its (checked) name, confidence, patterns and cancelling patterns."""

    name: Any
    confidence: float
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None

    def find(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, unless a cancelling pattern is there too."""
        match = self.pattern.search(text)
        return None if match is None or (self.unless is not None and self.unless.search(text)) else match


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> dict[str, Any]:
    """The TOML table of ``resources/lexicons/<name>.toml``."""
    return tomllib.loads(resources.files("attunement.resources").joinpath(f"lexicons/{name}.toml").read_text("utf-8"))


def entries(name: str, check: Callable[[str], Any]) -> tuple[Entry, ...]:
    """The compiled entries of a flat lexicon, in file order; ``check`` turns each name into its vocabulary member."""
    return tuple(Entry(check(key), float(entry["confidence"]), alternation(entry["words"]),
                       alternation(entry["unless"]) if entry.get("unless") else None)
                 for key, entry in read_lexicon(name).items())
