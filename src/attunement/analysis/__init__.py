"""Analysis components; :data:`COMPONENTS` maps configuration names to them."""

from __future__ import annotations

from .coder import Coder
from .miti import Miti
from .questions import QuestionDetector
from .talk import TalkStats
from .timing import Timing
from .valence import Valence

__all__ = ["COMPONENTS", "Coder", "Miti", "QuestionDetector", "TalkStats", "Timing", "Valence"]

#: Every component the configuration can name, by name.
COMPONENTS: dict[str, type] = {c.name: c for c in (Timing, TalkStats, QuestionDetector, Valence, Coder, Miti)}
