"""Every vocabulary the analysis speaks, declared once.

Codes, situations, markers, zones, episode and moment kinds, cue channels and kinds,
therapist moves and relational markers are ``StrEnum`` members: they compare equal to
their strings and are written to JSON as those strings, so the output contract is
unchanged, while a misspelt name in the code fails at import instead of silently never
matching. The lexicons (``resources/lexicons/*.toml``) are checked against these
vocabularies when they load (:func:`check_cue_kind`, :func:`check_move`).
"""

from __future__ import annotations

from enum import StrEnum

from .errors import AttunementError

__all__ = [
    "Behaviour", "BehaviourGroup", "TalkType", "Situation", "Marker", "Zone", "EpisodeKind", "MomentKind",
    "Channel", "CUE_KINDS", "GOEMOTIONS", "Move", "RelationalMarker", "VocabularyError", "check_cue_kind",
    "check_move", "REFLECTIONS", "Task", "SITUATION_TASK", "QUESTIONS", "Roadblock", "MiAdherence", "RiskKind", "TimeFrame", "Setting",
]


class VocabularyError(AttunementError, ValueError):
    """A lexicon or model names something the vocabulary does not know."""


class Behaviour(StrEnum):
    """Therapist behaviour codes (MI/MITI style; mapping to the data sets in docs/codes.md)."""

    QUESTION_OPEN = "question_open"
    QUESTION_CLOSED = "question_closed"
    REFLECTION_SIMPLE = "reflection_simple"
    REFLECTION_COMPLEX = "reflection_complex"
    GIVING_INFORMATION = "giving_information"
    ADVICE = "advice"
    AFFIRM = "affirm"
    SELF_DISCLOSURE = "self_disclosure"
    CONFRONT = "confront"  # MITI 4.2.1 Confront: disagreeing, arguing, shaming, moralising, labelling
    PERSUADE = "persuade"  # MITI 4.2.1 Persuade (without permission): warning, arguing for change, ordering
    OTHER = "other"


REFLECTIONS = frozenset({Behaviour.REFLECTION_SIMPLE, Behaviour.REFLECTION_COMPLEX})
QUESTIONS = frozenset({Behaviour.QUESTION_OPEN, Behaviour.QUESTION_CLOSED})


class BehaviourGroup(StrEnum):
    """AnnoMI's four therapist groups."""

    QUESTION = "question"
    REFLECTION = "reflection"
    THERAPIST_INPUT = "therapist_input"
    OTHER = "other"


class TalkType(StrEnum):
    """Client talk about change (MI)."""

    CHANGE = "change"
    NEUTRAL = "neutral"
    SUSTAIN = "sustain"


class Situation(StrEnum):
    """What the client was doing when the therapist answered, most pressing first (docs/concepts.md)."""

    RISK = "risk"
    OVERWHELM = "overwhelm"
    RUPTURE = "rupture"
    INCONGRUENCE = "incongruence"
    SHUTDOWN = "shutdown"
    EMOTIONAL_BID = "emotional_bid"
    PLEASING = "pleasing"
    AMBIVALENCE = "ambivalence"
    STAGNATION = "stagnation"
    NONE = "none"


class Marker(StrEnum):
    """How a response to a client turn is marked."""

    ATTUNED = "attuned"
    NEUTRAL = "neutral"
    MISSED = "missed"
    MISATTUNED = "misattuned"


class Zone(StrEnum):
    """Where a client turn sits relative to the client's exploratory space."""

    WITHIN = "within"
    OVERWHELM = "overwhelm"
    SHUTDOWN = "shutdown"
    STAGNATION = "stagnation"


class EpisodeKind(StrEnum):
    """Stretches of client turns outside the exploratory space."""

    OVERWHELM = "overwhelm"
    SHUTDOWN = "shutdown"
    STAGNATION = "stagnation"


class MomentKind(StrEnum):
    """Why a client moment is listed among the moments that matter."""

    RISK = "risk"
    OVERWHELM = "overwhelm"
    SHUTDOWN = "shutdown"
    INCONGRUENCE = "incongruence"
    EMOTIONAL_BID = "emotional_bid"
    EXPERIENCING_SHIFT = "experiencing_shift"
    STAGNATION = "stagnation"
    PLEASING = "pleasing"
    INTERRUPTION = "interruption"
    COMPLIANCE = "compliance"
    CHANGE_TALK = "change_talk"
    RUPTURE = "rupture"
    REPAIR = "repair"


class Channel(StrEnum):
    """The five cue channels, plus relational patterns."""

    COGNITIVE = "cognitive"
    SOMATIC = "somatic"
    BEHAVIOURAL = "behavioural"
    VERBAL = "verbal"
    EMOTIONAL = "emotional"
    RELATIONAL = "relational"


#: GoEmotions' 27 emotions and neutral: the kinds of the model's emotional cues.
GOEMOTIONS = frozenset(
    "admiration amusement anger annoyance approval caring confusion curiosity desire disappointment disapproval "
    "disgust embarrassment excitement fear gratitude grief joy love nervousness optimism pride realization relief "
    "remorse sadness surprise neutral".split()
)

#: Every (channel, kind) a cue may have: the lexicon's kinds and the structural and model ones.
CUE_KINDS: dict[Channel, frozenset[str]] = {
    Channel.COGNITIVE: frozenset({"self_doubt", "confusion", "hedging", "intellectualising"}),
    Channel.SOMATIC: frozenset({"sensation", "annotated"}),
    Channel.BEHAVIOURAL: frozenset({"fidgeting", "nervous_laughter", "looking_away", "withdrawal", "deflection",
                                    "long_pause"}),
    Channel.VERBAL: frozenset({"disfluency", "fragmentation", "short_answer", "slow_speech", "fast_speech",
                               "voice_aroused", "voice_flat"}),
    Channel.EMOTIONAL: frozenset({"distress", "flatness"}) | GOEMOTIONS,
    Channel.RELATIONAL: frozenset({"pleasing", "bid", "rupture"}),
}


class Move(StrEnum):
    """Therapist moves found by documented patterns (``resources/lexicons/therapist.toml``)."""

    GROUNDING = "grounding"
    IMMEDIACY = "immediacy"
    NOTICING_BODY = "noticing_body"
    VALIDATION = "validation"
    SELF_INVOLVING = "self_involving"
    PERMISSION = "permission"
    STEERING = "steering"
    REASSURANCE = "reassurance"
    AUTONOMY = "autonomy"
    COLLABORATION = "collaboration"
    RISK_ENQUIRY = "risk_enquiry"
    REPAIR = "repair"


class RelationalMarker(StrEnum):
    """Relational markers of a client turn."""

    EMOTIONAL_BID = "emotional_bid"
    PLEASING = "pleasing"
    DETACHMENT = "detachment"
    RUPTURE = "rupture"
    AMBIVALENCE = "ambivalence"


class Task(StrEnum):
    """The four tasks of creating safety (docs/concepts.md), the backbone of the session profile."""

    ASSESS_THE_SPACE = "assess_the_space"
    MAINTAIN_SAFETY = "maintain_safety"
    COMMUNICATE_BEING_WITH = "communicate_being_with"
    USE_OWN_EXPERIENCE = "use_own_experience"


#: The task an answer to each situation serves: pacing keeps the client safe while processing, meeting a feeling
#: or both sides communicates being with them, and what happens between the two is the therapist's own experience.
SITUATION_TASK: dict[Situation, Task] = {
    Situation.RISK: Task.MAINTAIN_SAFETY, Situation.OVERWHELM: Task.MAINTAIN_SAFETY, Situation.SHUTDOWN: Task.MAINTAIN_SAFETY,
    Situation.STAGNATION: Task.MAINTAIN_SAFETY, Situation.RUPTURE: Task.USE_OWN_EXPERIENCE,
    Situation.INCONGRUENCE: Task.USE_OWN_EXPERIENCE, Situation.PLEASING: Task.USE_OWN_EXPERIENCE,
    Situation.EMOTIONAL_BID: Task.COMMUNICATE_BEING_WITH, Situation.AMBIVALENCE: Task.COMMUNICATE_BEING_WITH,
    Situation.NONE: Task.COMMUNICATE_BEING_WITH,
}


class Roadblock(StrEnum):
    """MI-inconsistent moves (MITI 4.2.1 Confront and Persuade without permission; Gordon's roadblocks)."""

    CONFRONT = "confront"
    WARN = "warn"
    MORALISE = "moralise"
    LABEL = "label"
    ADVISE_WITHOUT_PERMISSION = "advise_without_permission"
    ARGUE = "argue"
    PREMATURE_REASSURANCE = "premature_reassurance"
    ORDER = "order"


class MiAdherence(StrEnum):
    """Whether a therapist utterance is MI-consistent (MITI 4.2.1)."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NEUTRAL = "neutral"


class RiskKind(StrEnum):
    """Safeguarding concerns a client may voice."""

    SUICIDAL_IDEATION = "suicidal_ideation"
    SELF_HARM = "self_harm"
    HARM_TO_OTHERS = "harm_to_others"
    ABUSE_OR_NEGLECT = "abuse_or_neglect"


class TimeFrame(StrEnum):
    """When what a client turn is about happens."""

    NOW = "now"
    PAST = "past"
    FUTURE = "future"
    GENERAL = "general"


class Setting(StrEnum):
    """The kind of conversation: depth concepts fit some far better than others."""

    PSYCHOTHERAPY = "psychotherapy"
    COUNSELLING = "counselling"
    MI = "mi"
    BRIEF_CONSULT = "brief_consult"


def check_cue_kind(channel: str, kind: str, *, source: str) -> tuple[Channel, str]:
    """The (channel, kind) pair, or a :class:`VocabularyError` naming ``source``."""
    try:
        known = Channel(channel)
    except ValueError:
        raise VocabularyError(f"{source}: unknown cue channel {channel!r}; known: {', '.join(Channel)}") from None
    if kind not in CUE_KINDS[known]:
        raise VocabularyError(f"{source}: unknown cue kind {channel}.{kind}; declare it in attunement.vocabulary.CUE_KINDS")
    return known, kind


def check_move(name: str, *, source: str) -> Move:
    """The move, or a :class:`VocabularyError` naming ``source``."""
    try:
        return Move(name)
    except ValueError:
        raise VocabularyError(f"{source}: unknown therapist move {name!r}; declare it in attunement.vocabulary.Move") from None
