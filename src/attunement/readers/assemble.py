"""Turn the raw turns any reader finds into a :class:`~attunement.model.Session`.

Every reader ends here, so annotation handling, role mapping, merging and the
session id are the same whatever the format.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import TranscriptError, TranscriptWarning
from ..model import Role, Session, Speaker, Utterance
from ..sessionjson import session_id
from .names import clinical_title, display_name
from .nonverbal import split_annotations
from .roles import assign_roles
from .source import DEFAULT_MAX_BYTES

__all__ = ["ReadOptions", "RawTurn", "build_session", "session_id"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the user told us about a transcript.

    Attributes
    ----------
    therapist, client
        Speaker names to map to these roles.
    encoding
        Force a text encoding instead of detecting it.
    max_bytes
        Refuse files larger than this.
    format
        Force a reader (``"text"``, ``"vtt"``...) instead of choosing by suffix and content.
    asr_model
        A CTranslate2 Whisper model folder for recordings, instead of the shipped one.
    video
        A video of the session, aligned with the transcript or recording from its start (time 0 is time 0).
    progress
        For recordings: called with (seconds transcribed, seconds in all) as transcription goes.
    """

    therapist: str | None = None
    client: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    format: str | None = None
    asr_model: str | None = None
    video: str | None = None
    progress: Callable[[float, float], None] | None = None


@dataclass(slots=True)
class RawTurn:
    """A turn as a reader found it, before annotations are split off."""

    speaker: str
    raw: str
    line: int
    start: float | None = None
    end: float | None = None
    role: Role | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def build_session(
    turns: Sequence[RawTurn],
    *,
    path: str,
    format: str,
    options: ReadOptions = ReadOptions(),
    merge_same_speaker: bool = False,
    metadata: dict[str, Any] | None = None,
) -> Session:
    """Assemble a session from raw turns.

    Parameters
    ----------
    turns
        Turns in order of speech.
    path
        Recorded as ``Session.source`` and used in messages.
    format
        The reader's name.
    options
        Role mapping given by the user.
    merge_same_speaker
        Join consecutive turns of one speaker into one utterance (caption files split turns).
    metadata
        Extra facts to keep on the session.
    """
    if not turns:
        raise TranscriptError(
            "no utterances found",
            path=path,
            format=format,
            hint="each utterance needs a speaker label, e.g. 'Therapist: ...'",
        )
    if merge_same_speaker:
        turns = _merge(turns)
    titled = {display_name(t.speaker) for t in turns if clinical_title(t.speaker)}
    turns = [dataclasses.replace(t, speaker=display_name(t.speaker)) for t in turns]  # "Ana (she/her)" is Ana
    split = [split_annotations(turn.raw) for turn in turns]
    guessed: dict[str, str] = {}
    roles = _roles(turns, [text for text, _ in split], path=path, options=options, titled=titled, evidence=guessed)
    speakers = {name: Speaker(name=name, role=role) for name, role in roles.items()}
    utterances = tuple(
        Utterance(
            index=i,
            speaker=speakers[turn.speaker],
            text=text,
            start=turn.start,
            end=turn.end,
            annotations=cues + tuple(turn.extra.get("annotations", ())),
            line=turn.line,
            prosody=turn.extra.get("prosody"),
        )
        for i, (turn, (text, cues)) in enumerate(zip(turns, split))
    )
    _check_times(utterances, path=path, format=format)
    return Session(
        id=session_id(utterances),
        source=path,
        format=format,
        utterances=utterances,
        speakers=tuple(speakers.values()),
        metadata={**dict(metadata or {}), **({"roles_guessed": guessed} if guessed else {})},
    )


def _roles(
    turns: Sequence[RawTurn], texts: list[str], *, path: str, options: ReadOptions,
    titled: set[str] = frozenset(), evidence: dict[str, str] | None = None,  # type: ignore[assignment]
) -> dict[str, Role]:
    given = {t.speaker: t.role for t in turns if t.role is not None}
    if given and len(given) == len({t.speaker for t in turns}):
        return given
    return assign_roles(
        [t.speaker for t in turns],
        texts,
        therapist=options.therapist,
        client=options.client,
        path=path,
        titled=titled,
        evidence=evidence,
    )


#: Consecutive caption cues of one speaker closer than this (seconds) are one utterance split by
#: the caption tool; a longer gap is the speaker pausing, kept as two utterances so it is measured.
MERGE_GAP_S = 2.0


def _merge(turns: Sequence[RawTurn]) -> list[RawTurn]:
    merged: list[RawTurn] = []
    for turn in turns:
        last = merged[-1] if merged else None
        gap = turn.start - last.end if last is not None and turn.start is not None and last.end is not None else 0.0
        if last is not None and last.speaker == turn.speaker and gap < MERGE_GAP_S:
            last.raw = f"{last.raw} {turn.raw}".strip()
            last.end = turn.end if turn.end is not None else last.end
            continue
        merged.append(RawTurn(**{k: getattr(turn, k) for k in RawTurn.__slots__}))  # type: ignore[attr-defined]
    return merged


def _check_times(utterances: Sequence[Utterance], *, path: str, format: str) -> None:
    """Warn (once) about times that run backwards; the words are still read."""
    previous = None
    for u in utterances:
        backwards = u.start is not None and previous is not None and u.start + 1e-6 < previous
        if backwards or (u.start is not None and u.end is not None and u.end < u.start):
            warnings.warn(
                f"{path}:{u.line}: time stamps run backwards here; pauses next to it are not measured",
                TranscriptWarning,
                stacklevel=3,
            )
            return
        previous = u.start if u.start is not None else previous
