"""The typed analysis record: one ``TypedDict`` per slot, every key a component may write.

An :class:`~attunement.model.UtteranceAnalysis` holds four per-utterance slots
(:class:`Codes`, :class:`Timing`, :class:`ClientState`, :class:`Response`) and an
:class:`~attunement.model.Analysis` the session-level :class:`Scores`. They are plain
dicts at run time (so the JSON document is the record itself) but their keys and value
types are declared here, once: the pipeline refuses a component that declares a slot key
missing from its record (:func:`slot_keys`), and a type checker sees every read and write.

Adding a key: declare it in the record below, in the component's ``assigns``, in the
JSON Schema (``resources/schemas/report.schema.json``) and in ``docs/report-format.md``.
"""

from __future__ import annotations

from typing import Any, TypedDict, get_type_hints

from .vocabulary import Marker, MiAdherence, Situation, TimeFrame, Zone

__all__ = ["Codes", "Timing", "ClientState", "Response", "Scores", "ChannelCue", "Evidence", "Episode", "Moment",
           "SLOT_RECORDS", "UTTERANCE_SLOTS", "slot_keys"]


class Evidence(TypedDict, total=False):
    """A marker's evidence: the words or signs, and how sure we are."""

    evidence: list[str]
    confidence: float


class ChannelCue(TypedDict, total=False):
    """One cue found in a client turn, in one of the channels (``client_state.cues``).

    Not to be confused with :class:`~attunement.model.Annotation`, a non-verbal note
    in the transcript (``[fidgeting]``), which is one of the sources of these cues.
    """

    channel: str
    kind: str
    evidence: str
    source: str  # words | annotation | timing | model
    start: int
    end: int
    confidence: float
    seconds: float
    words: int
    words_per_minute: int
    intensity: float


class Codes(TypedDict, total=False):
    """``utterance.codes``: what was said, coded (questions, lexicon valence, the trained models)."""

    form: str
    question_kind: str
    question_count: int
    form_confidence: float
    valence_lexicon: float
    valence_evidence: list[dict[str, Any]]
    behaviour: str
    behaviour_confidence: float
    behaviour_group: str
    behaviour_group_confidence: float
    behaviour_evidence: str
    empathy: dict[str, dict[str, Any]]
    strategy: str
    strategy_confidence: float
    perceived_empathy: float
    perceived_empathy_confidence: float
    #: How strongly the wording reads as working against the client (0–1; the learned head of training/against.py).
    works_against: float
    talk_type: str
    talk_type_confidence: float
    emotions: dict[str, float]
    valence: float
    arousal: float
    language: str
    models: str
    context_similarity: float
    roadblocks: list[dict[str, Any]]
    mi_adherence: MiAdherence
    backchannel: bool


class Timing(TypedDict, total=False):
    """``utterance.timing``: the pause before the utterance."""

    pause_before: float | None
    pause_estimated: bool
    long_pause: bool


class ClientState(TypedDict, total=False):
    """``utterance.client_state``: the client's state at a client turn."""

    cues: list[ChannelCue]
    valence: float
    arousal: float
    experiencing: int
    experiencing_markers: list[str]
    zone: Zone
    incongruence: dict[str, Any]
    markers: dict[str, Evidence]
    time_frame: TimeFrame
    risk: list[dict[str, Any]]


class Response(TypedDict, total=False):
    """``utterance.response``: how a therapist turn answers the client turn before it."""

    attunement: float
    situation: Situation
    marker: Marker
    parts: dict[str, float]
    why: str
    carkhuff_level: int
    depth_why: str
    moves: dict[str, dict[str, Any]]
    shared_words: list[str]
    missed_empathic_opportunity: bool
    answers: int
    interruption: bool
    alternatives: list[dict[str, Any]]


class Scores(TypedDict, total=False):
    """``session.scores``: session-level results, one key per component result."""

    silence: dict[str, Any]
    talk: dict[str, Any]
    questions: dict[str, Any]
    valence_lexicon: dict[str, Any]
    codes: dict[str, Any]
    miti: dict[str, Any]
    client_series: dict[str, Any]
    exploratory_space: dict[str, Any]
    synchrony: dict[str, Any]
    less_is_more: dict[str, Any]
    style_axis: float | None
    style_axis_detail: dict[str, Any]
    tasks: dict[str, dict[str, Any]]
    attunement_index: float | None
    attunement_index_detail: dict[str, Any]
    setting: dict[str, Any]
    risk: dict[str, Any]
    moment_counts: dict[str, dict[str, int]]
    feedback: dict[str, Any]


class Episode(TypedDict, total=False):
    """``session.episodes[]``: a stretch of client turns outside the exploratory space."""

    kind: str
    start: int
    end: int
    peak: int
    utterances: list[int]
    peak_arousal: float
    evidence: list[dict[str, Any]]
    confidence: float


class Moment(TypedDict, total=False):
    """``session.moments[]``: a client moment worth looking at, ranked."""

    index: int
    kind: str
    score: float
    quote: str
    nonverbal: list[str]
    why: str
    detail: dict[str, Any]
    also: list[str]
    rank: int


#: The per-utterance slots, in the order an :class:`~attunement.model.UtteranceAnalysis` holds them.
UTTERANCE_SLOTS = ("codes", "timing", "client_state", "response")

#: The record of each keyed slot, by its name in a slot path (``utterance.<name>.<key>``, ``session.scores.<key>``).
SLOT_RECORDS: dict[str, type] = {"codes": Codes, "timing": Timing, "client_state": ClientState, "response": Response,
                                 "scores": Scores}


def slot_keys(name: str) -> frozenset[str]:
    """The keys the record of slot ``name`` declares."""
    return frozenset(get_type_hints(SLOT_RECORDS[name]))
