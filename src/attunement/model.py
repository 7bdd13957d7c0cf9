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

from .record import ClientState, Codes, Episode, Moment, Response, Scores, Timing

__all__ = [
    "Role",
    "ROLES",
    "Annotation",
    "Prosody",
    "Speaker",
    "Utterance",
    "Session",
    "UtteranceAnalysis",
    "Analysis",
]

Role = Literal["therapist", "client", "other"]
ROLES: tuple[Role, ...] = ("therapist", "client", "other")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A non-verbal annotation written in the transcript, e.g. ``[fidgeting]``.

    Attributes
    ----------
    label
        The annotation's words, normalised: lower case, no brackets (``"laughs nervously"``).
    raw
        The annotation exactly as written, brackets included (``"[laughs nervously]"``).
    position
        Character offset in :attr:`Utterance.text` where the annotation stood:
        the words before it are ``text[:position]``.
    source
        ``"transcript"`` when written in the transcript; ``"video"`` when measured in a video
        (then ``raw`` gives the time, e.g. ``"[fidgeting (video 31.5–34.0 s)]"``).
    """

    label: str
    raw: str
    position: int
    source: str = "transcript"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person in the session, as labelled in the transcript, with their role."""

    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Prosody:
    """How an utterance was said, measured from the recording (``utterances[].prosody``).

    Attributes
    ----------
    pitch_mean_hz, pitch_range_st
        Mean pitch of the voiced frames, and its range from the 10th to the 90th percentile in
        semitones (None with too few voiced frames).
    intensity_db
        Mean loudness of the frames with speech, in dB relative to full scale.
    speech_rate
        Words per second over the utterance.
    pause_before
        Seconds of silence before it (since the previous utterance ended).
    vocal_arousal
        The mean of the z-scores of pitch, loudness and rate against the same speaker's utterances
        in this session (None when the speaker has fewer than three).
    """

    pitch_mean_hz: float | None
    pitch_range_st: float | None
    intensity_db: float
    speech_rate: float
    pause_before: float | None
    vocal_arousal: float | None = None


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
    annotations
        Non-verbal annotations removed from the words (``[fidgeting]``), with their
        positions. They are one source of the client's channel cues
        (:class:`attunement.record.ChannelCue`), which are findings, not transcript.
    line
        1-based line (or cue number) in the source file where the utterance begins.
    prosody
        How it was said, when the session was read from a recording.
    """

    index: int
    speaker: Speaker
    text: str
    start: float | None = None
    end: float | None = None
    annotations: tuple[Annotation, ...] = ()
    line: int | None = None
    prosody: Prosody | None = None

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
    """What the pipeline found about one utterance, by slot.

    Each slot is a typed record (:mod:`attunement.record`): ``codes`` holds
    per-utterance labels (question form, behaviour, emotions...), ``timing`` the
    pause before it, ``client_state`` and ``response`` the client-side and
    therapist-side findings of later components.
    """

    codes: Codes = field(default_factory=lambda: Codes())
    timing: Timing = field(default_factory=lambda: Timing())
    client_state: ClientState = field(default_factory=lambda: ClientState())
    response: Response = field(default_factory=lambda: Response())


@dataclass(slots=True)
class Analysis:
    """A session and everything the pipeline found about it."""

    session: Session
    utterances: list[UtteranceAnalysis]
    scores: Scores = field(default_factory=lambda: Scores())
    episodes: list[Episode] = field(default_factory=list)
    moments: list[Moment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, session: Session) -> Analysis:
        """An analysis with nothing found yet, one slot per utterance."""
        return cls(session=session, utterances=[UtteranceAnalysis() for _ in session.utterances])
