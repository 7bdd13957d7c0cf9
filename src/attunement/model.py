"""The data model: what a session is, and what the analysis adds to it.

These classes hold data only. Reading lives in :mod:`attunement.readers`,
analysis in :mod:`attunement.analysis`, rendering in :mod:`attunement.report`
and storage in :mod:`attunement.store`.

A :class:`Session` is what was read and is never changed after reading. The
pipeline produces an :class:`Analysis`: the session plus one
:class:`UtteranceAnalysis` per utterance and session-level results, each in a
namespaced slot owned by the component that assigns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Role",
    "ROLES",
    "Cue",
    "Speaker",
    "Utterance",
    "Session",
    "UtteranceAnalysis",
    "Analysis",
]

Role = Literal["therapist", "client", "other"]
ROLES: tuple[Role, ...] = ("therapist", "client", "other")


@dataclass(frozen=True, slots=True)
class Cue:
    """A non-verbal annotation found in an utterance, e.g. ``[fidgeting]``.

    Attributes
    ----------
    label
        The annotation's words, normalised: lower case, no brackets (``"laughs nervously"``).
    raw
        The annotation exactly as written, brackets included (``"[laughs nervously]"``).
    position
        Character offset in :attr:`Utterance.text` where the annotation stood:
        the words before it are ``text[:position]``.
    """

    label: str
    raw: str
    position: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person in the session, as labelled in the transcript, with their role."""

    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Utterance:
    """One turn of talk: the words of one speaker, without annotations.

    Attributes
    ----------
    index
        0-based position of the utterance in the session.
    speaker
        Who spoke.
    text
        The spoken words with non-verbal annotations removed.
    start, end
        Seconds from the start of the session, where the transcript gives them.
    cues
        Non-verbal annotations removed from the words, with their positions.
    line
        1-based line (or cue number) in the source file where the utterance begins.
    """

    index: int
    speaker: Speaker
    text: str
    start: float | None = None
    end: float | None = None
    cues: tuple[Cue, ...] = ()
    line: int | None = None

    @property
    def role(self) -> Role:
        return self.speaker.role


@dataclass(frozen=True, slots=True)
class Session:
    """A transcript as read: utterances in order, speakers and where it came from.

    Attributes
    ----------
    id
        Stable identifier derived from the content (same words, same id).
    source
        The path (or name) it was read from.
    format
        The reader that produced it (``"text"``, ``"vtt"``, ``"srt"``, ``"docx"``,
        ``"csv"``, ``"json"``).
    utterances
        The turns, in order; ``utterances[i].index == i``.
    speakers
        Everyone who speaks, in order of first appearance.
    metadata
        Free-form facts from the source (title, date, pseudonym...).
    """

    id: str
    source: str
    format: str
    utterances: tuple[Utterance, ...]
    speakers: tuple[Speaker, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.utterances)

    @property
    def has_timestamps(self) -> bool:
        return any(u.start is not None for u in self.utterances)


@dataclass(slots=True)
class UtteranceAnalysis:
    """What the pipeline found about one utterance, by namespace.

    ``codes`` holds per-utterance labels (question form, valence...), ``timing``
    the pauses around it, ``client_state`` and ``response`` the client-side and
    therapist-side findings of later components.
    """

    codes: dict[str, Any] = field(default_factory=dict)
    timing: dict[str, Any] = field(default_factory=dict)
    client_state: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Analysis:
    """A session and everything the pipeline found about it."""

    session: Session
    utterances: list[UtteranceAnalysis]
    scores: dict[str, Any] = field(default_factory=dict)
    episodes: list[dict[str, Any]] = field(default_factory=list)
    moments: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, session: Session) -> Analysis:
        """An analysis with nothing found yet, one slot per utterance."""
        return cls(session=session, utterances=[UtteranceAnalysis() for _ in session.utterances])
