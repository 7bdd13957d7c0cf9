"""The session's headline scores, declared once for every presentation.

Each :class:`Headline` says where a score lives in the report document, what to call it in
plain words, what it means and how to print it. The HTML report's "Scores at a glance"
table, the web session page's cards, the CSV export's session columns, the growth page and
the summary line all read :data:`HEADLINES`, so a new session score is shown everywhere by
adding one row here (and computing it in a component).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Headline", "HEADLINES", "headline_values", "headline_cards"]


@dataclass(frozen=True, slots=True)
class Headline:
    """A session score and how it is shown.

    Attributes
    ----------
    key
        Its name in the growth figures and the CSV (``session_<key>``).
    path
        Where it is in ``document["scores"]``.
    label, definition
        Its name in plain words and what it means, in one line.
    fmt
        How to print the value (``str.format``).
    growth
        Followed across sessions on the growth page.
    summary
        Shown on the summary line (``attune analyze``).
    """

    key: str
    path: tuple[str, ...]
    label: str
    definition: str
    fmt: str = "{:.0f}"
    growth: bool = True
    summary: bool = False
    lo: float = 0.0
    hi: float = 100.0

    def value(self, scores: dict[str, Any]) -> Any:
        found: Any = scores
        for step in self.path:
            if not isinstance(found, dict) or step not in found:
                return None
            found = found[step]
        return found

    def text(self, scores: dict[str, Any]) -> str:
        value = self.value(scores)
        return "–" if value is None else self.fmt.format(value)


HEADLINES: tuple[Headline, ...] = (
    Headline("attunement_index", ("attunement_index",), "Attunement index",
             "0–100, from what the therapist did: depth, staying with the client, fit to the client's situations, MI "
             "consistency and the four tasks, less intrusive and neglectful habits.",
             fmt="{:.0f}/100", summary=True),
    Headline("style_axis", ("style_axis",), "Style axis", "−1 neglectful … +1 intrusive; attunement lives in the middle.",
             fmt="{:+.2f}", summary=True, lo=-1.0, hi=1.0),
    Headline("complex_reflections", ("miti", "percent_complex_reflections", "value"), "% complex reflections",
             "MITI: complex reflections as a share of all reflections (fair 40%, good 50%).", fmt="{:.0f}%"),
    Headline("reflection_to_question", ("miti", "reflection_to_question", "value"), "Reflections per question",
             "MITI: reflections for every question asked (fair 1, good 2).", fmt="{:.1f}", lo=0.0, hi=4.0),
    Headline("space_width", ("exploratory_space", "width"), "Width of the exploratory space",
             "How much arousal this client could be with while staying engaged (0–1 scale of arousal).", fmt="{:.2f}",
             lo=0.0, hi=0.6),
)


def headline_values(document: dict[str, Any]) -> dict[str, Any]:
    """Each headline's value in one report document, by key."""
    scores = document.get("scores", {})
    return {h.key: h.value(scores) for h in HEADLINES}


def headline_cards(document: dict[str, Any]) -> list[dict[str, str]]:
    """The headlines as ``{label, text, definition}`` for a page to show."""
    scores = document.get("scores", {})
    return [{"label": h.label, "text": h.text(scores), "definition": h.definition} for h in HEADLINES]
