"""How attuned each therapist response is to what the client was doing just before.

For every therapist utterance that follows a client turn, the client's situation at that
turn (risk, overwhelm, a rupture, shutdown, stagnation, incongruence, an emotional bid, pleasing,
ambivalence, or none of these) decides what an attuned answer looks like (the rules are in ``fit.py``; in
short, docs/concepts.md):

=============  ===================================================  ==================================================
situation      attuned                                              not attuned
=============  ===================================================  ==================================================
overwhelm      grounding, slowing, short reflection, validation     stacked questions, probing, advice, long turns
rupture        acknowledging one's part without defending,          defending, explaining, arguing, advice,
               reflecting the protest, asking what would help       carrying on as before
shutdown       grounding, noticing, immediacy, validation,           pushing with questions, advice, reassurance,
               gentle reflection                                    explaining at length
stagnation     a nudge toward feeling: open feeling question,       more surface: closed or factual questions,
               exploration, immediacy, complex reflection           information
incongruence   naming both sides softly, noticing the body,         taking the words at face value: agreeing,
               immediacy                                            reassuring, moving on
bid            reflecting the feeling, validating                   ignoring it, advising, switching to facts
               (else a **missed empathic opportunity**)
pleasing       immediacy about what happens between them            praise or reassurance that rewards the pleasing
ambivalence    reflecting both sides (or one), asking about them    taking the side of change for the client:
                                                                    advice, arguing, warning (the righting reflex)
=============  ===================================================  ==================================================

``response.attunement`` (0..1) = 0.65 × fit + 0.35 × depth, where *fit* is the rule above and
*depth* its Carkhuff-style level (1 subtracts … 3 interchangeable … 5 adds the underlying
feeling and a new perspective). *Mirroring* — how closely the response takes up the client's
words and meaning — is kept in ``parts`` as evidence for the reader, not rewarded: an
information-giver can stay on the client's topic too. The marker is read off the score:
attuned ≥ 0.65, neutral ≥ 0.45, missed ≥ 0.25, misattuned below.
"""

from __future__ import annotations

import copy
import re
import warnings
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import AttunementWarning
from ..model import Analysis, Utterance
from ..vocabulary import Behaviour as B
from ..vocabulary import Marker, Situation, Zone
from ..vocabulary import Move as M
from .experiencing import FEELING
from .fit import judged_behaviour, roadblock_cap, situation_fit
from .moves import find_moves
from .tokens import is_backchannel, words

__all__ = ["Responsiveness", "judge_response", "WEIGHTS", "against_excess"]

WEIGHTS = {"fit": 0.65, "mirroring": 0.0, "depth": 0.35}
#: The share of the score the learned reading of the wording (``codes.works_against``, 0–1) can take away.
AGAINST_WEIGHT = 0.5
#: Below this probability the learned reading takes nothing away: only a clear reading counts.
AGAINST_FROM = 0.5


def against_excess(p: float) -> float:
    """How far ``works_against`` is past :data:`AGAINST_FROM`, rescaled to 0..1."""
    return max(0.0, (p - AGAINST_FROM) / (1 - AGAINST_FROM))
#: The marker is read off the score (0–100), so the badge and the number never disagree.
MARKER_BANDS = ((65, Marker.ATTUNED), (45, Marker.NEUTRAL), (25, Marker.MISSED), (0, Marker.MISATTUNED))
#: A client turn that breaks off: the speaker was cut off or trailed away.
CUT_OFF = re.compile(r"(?:—|–|-|\.\.\.|…)\s*$")
_CUT_NOTES = frozenset({"crosstalk", "interrupts", "interrupted", "cut off", "overlapping", "talking over"})
_WAITS = frozenset({"waits", "pause", "long pause", "silence", "waiting", "nods"})
_STOP = frozenset("i you it the a an and but or so to of in on at for with that this is was be are were me my your "
                  "just really like um uh yeah okay know think".split())


def situation_of(state: dict[str, Any], *, risk_open: bool = False) -> Situation:
    """The client situation a response is judged against, most pressing first: risk outranks everything,
    and stays the situation (``risk_open``) until a therapist turn has asked about it."""
    if state.get("risk") or risk_open:
        return Situation.RISK
    zone = state.get("zone", Zone.WITHIN)
    if zone == Zone.OVERWHELM:
        return Situation.OVERWHELM
    markers = state.get("markers", {})
    if "rupture" in markers:
        return Situation.RUPTURE
    if "incongruence" in state:
        return Situation.INCONGRUENCE
    if zone == Zone.SHUTDOWN:
        return Situation.SHUTDOWN
    if "ambivalence" in markers:  # both sides of a change: a fear or a longing in it is one of the sides
        return Situation.AMBIVALENCE
    if "emotional_bid" in markers:
        return Situation.EMOTIONAL_BID
    if "pleasing" in markers:
        return Situation.PLEASING
    if zone == Zone.STAGNATION:
        return Situation.STAGNATION
    return Situation.NONE


def _depth(codes: dict[str, Any], moves: dict[str, Any], client_text: str, text: str) -> tuple[int, str]:
    behaviour = codes.get("behaviour", "other")
    empathy = codes.get("empathy", {})
    said = {w for w in words(client_text) if FEELING.fullmatch(w)}
    named = {w for w in words(text) if FEELING.fullmatch(w)}
    adds_feeling = bool(named - said)
    if codes.get("roadblocks") or behaviour in (B.CONFRONT, B.PERSUADE):
        return 1, "confronts, warns, moralises or tells: subtracts from what the client brought"
    if behaviour == B.ADVICE and M.PERMISSION not in moves or M.REASSURANCE in moves or M.STEERING in moves:
        return 1, "advises, reassures or steers instead of taking up the experience"
    if behaviour in (B.REFLECTION_COMPLEX,) or empathy.get("interpretation", {}).get("level", 0) >= 1:
        level = 5 if (adds_feeling and (M.IMMEDIACY in moves or M.NOTICING_BODY in moves)) else 4
        return level, "adds the underlying feeling or meaning" if level == 4 else "adds feeling and a new, here-and-now view"
    if behaviour == B.REFLECTION_SIMPLE or M.VALIDATION in moves:
        return (4 if adds_feeling else 3), "names a feeling the client did not" if adds_feeling else "interchangeable: gives back what was said"
    if behaviour in (B.QUESTION_OPEN,) and (named or empathy.get("exploration", {}).get("level", 0) >= 1):
        return 3, "explores the client's experience"
    if said and not named and behaviour in (B.QUESTION_CLOSED, B.GIVING_INFORMATION, B.QUESTION_OPEN):
        return 2, "moves past the feeling the client expressed"
    return 3, "neutral: neither adds nor subtracts"



def was_cut_off(client: Utterance, answer: Utterance) -> bool | str:
    """The client's turn broke off (a dash or an ellipsis at its end, or an interruption noted in either turn).

    With time stamps, an answer that starts a second or more after the client stopped did not cut them off.
    """
    notes = {a.label for a in (*client.annotations, *answer.annotations)}
    if notes & _CUT_NOTES:
        return "noted"
    if {a.label for a in answer.annotations} & _WAITS:
        return False
    waited = client.end is not None and answer.start is not None and answer.start - client.end >= 1.0
    return bool(CUT_OFF.search(client.text)) and not waited


def judge_response(text: str, codes: dict[str, Any], client_text: str, client_state: dict[str, Any], *,
                   cut_off: bool | str = False, risk_open: bool = False) -> dict[str, Any]:
    """The attunement of one therapist response to the client turn before it, with its parts.

    A response with a roadblock (``codes.roadblocks``) is never attuned; a response that cuts
    a client off mid-sentence and changes course is an interruption.
    """
    moves = find_moves(text)
    behaviour = judged_behaviour(codes, text, client_text)
    if behaviour != codes.get("behaviour", "other"):  # read past the coder; only the keys the rules use
        codes = {**{k: codes[k] for k in ("question_count", "empathy", "roadblocks", "context_similarity", "works_against") if k in codes},
                 "behaviour": behaviour}
    situation = situation_of(client_state, risk_open=risk_open)
    fit, why = situation_fit(situation, codes, moves, text)
    shared = ({w for w in words(text) if w not in _STOP} & {w for w in words(client_text) if w not in _STOP})
    blocks = codes.get("roadblocks") or []
    if blocks:
        fit, why = min(fit, roadblock_cap(blocks)), f"MI-inconsistent ({', '.join(str(b['kind']).replace('_', ' ') for b in blocks)}): " + why
    stays = {M.GROUNDING, M.VALIDATION, M.IMMEDIACY, M.NOTICING_BODY, M.RISK_ENQUIRY} & set(moves)
    if cut_off and situation not in (Situation.RISK, Situation.OVERWHELM) and not stays \
            and not codes.get("behaviour", "").startswith("reflection") and not is_backchannel(text):
        if cut_off == "noted":  # an interruption written into the transcript
            fit, why = min(fit, 0.1), "cuts the client off mid-sentence and changes course"
        else:  # only a trailing dash or ellipsis: the client may have trailed off
            fit, why = min(fit, 0.3), "may have cut the client off mid-sentence, and changes course"
    lexical = min(1.0, len(shared) / 4)
    semantic = max(0.0, min(1.0, (codes.get("context_similarity", 0.3) - 0.1) / 0.6))
    mirroring = round(0.6 * semantic + 0.4 * lexical, 3)
    level, depth_why = _depth(codes, moves, client_text, text)
    if situation != Situation.NONE and fit <= 0.15 and level > 2:  # it moved past what the client needed here
        level, depth_why = 2, "moves past what the client needed at this point"
    depth = (level - 1) / 4
    score = WEIGHTS["fit"] * fit + WEIGHTS["mirroring"] * mirroring + WEIGHTS["depth"] * depth
    against = codes.get("works_against")
    if against is not None:
        score = score * (1 - AGAINST_WEIGHT * against_excess(against))
        if against >= 0.6 and not blocks:
            why += "; the wording reads as taking over, judging or dismissing (model)"
    marker = next(m for floor, m in MARKER_BANDS if 100 * score >= floor)
    out = {
        "attunement": round(score, 3),
        "situation": situation,
        "marker": marker,
        "parts": {"fit": round(fit, 3), "mirroring": mirroring, "depth": round(depth, 3),
                  **({"wording": round(1 - against, 3)} if against is not None else {})},
        "why": why,
        "carkhuff_level": level,
        "depth_why": depth_why,
        "moves": moves,
        "shared_words": sorted(shared)[:8],
    }
    if situation == Situation.EMOTIONAL_BID and fit < 0.5:
        out["missed_empathic_opportunity"] = True
    if cut_off and ("cuts the client off" in why or "cut the client off" in why):
        out["interruption"] = True
    return out


@dataclass
class Responsiveness:
    """``response`` for every therapist utterance that follows a client turn."""

    name: ClassVar[str] = "response"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.behaviour", "utterance.client_state.zone",
                                           "utterance.client_state.markers", "utterance.client_state.incongruence",
                                           "utterance.codes.question_count", "utterance.codes.context_similarity",
                                           "utterance.codes.empathy", "utterance.codes.roadblocks", "utterance.codes.works_against",
                                           "utterance.client_state.risk")
    assigns: ClassVar[tuple[str, ...]] = tuple(f"utterance.response.{k}" for k in (
        "attunement", "situation", "marker", "parts", "why", "carkhuff_level", "depth_why", "moves", "shared_words",
        "missed_empathic_opportunity", "answers", "interruption"))

    def __call__(self, analysis: Analysis) -> None:
        utterances = analysis.session.utterances
        takes = repeated_takes(utterances)
        if takes:
            stretches = "; ".join(f"#{i}–{i + n - 1} again at #{j}–{j + n - 1}" for i, j, n in takes[:3])
            warnings.warn(f"{analysis.session.source}: this file seems to hold repeated takes of one exchange ({stretches}); "
                          "the same therapist words after the same client words get the same verdict in each take",
                          AttunementWarning, stacklevel=2)
        last_client: int | None = None
        judged: dict[tuple[str, str, bool], dict[str, Any]] = {}  # the same words after the same client words: one verdict
        risk_open = 0  # client turns for which a voiced risk stays the situation until it is asked about
        for i, (u, slot) in enumerate(zip(utterances, analysis.utterances)):
            if u.role == "client":
                last_client = i
                risk_open = 3 if slot.client_state.get("risk") else max(0, risk_open - 1)
            elif u.role == "therapist" and last_client is not None and i - last_client <= 2:
                client = analysis.utterances[last_client]
                key = (_normal(utterances[last_client].text), _normal(u.text), risk_open > 0)
                if key not in judged:
                    judged[key] = judge_response(u.text, slot.codes, utterances[last_client].text, client.client_state,
                                                 cut_off=was_cut_off(utterances[last_client], u) if i == last_client + 1 else False,
                                                 risk_open=risk_open > 0)
                if judged[key]["parts"]["fit"] >= 0.85 and judged[key]["situation"] == Situation.RISK:
                    risk_open = 0  # asked about, or named and stayed with: the risk is being followed up
                slot.response.update(copy.deepcopy(judged[key]))
                slot.response["answers"] = last_client


def _normal(text: str) -> str:
    return " ".join(words(text))


def repeated_takes(utterances: tuple[Utterance, ...], *, run: int = 3) -> list[tuple[int, int, int]]:
    """Stretches of at least ``run`` utterances that come again later, word for word: ``(first, again, length)``.

    A file holding several takes of one role-play repeats whole stretches of the exchange.
    """
    texts = [_normal(u.text) for u in utterances]
    seen: dict[str, list[int]] = {}
    found: list[tuple[int, int, int]] = []
    covered: set[int] = set()
    for j, text in enumerate(texts):
        for i in seen.get(text, []) if len(text.split()) >= 3 and j not in covered else []:
            length = 0
            while j + length < len(texts) and i + length < j and texts[i + length] == texts[j + length]:
                length += 1
            if length >= run:
                found.append((i, j, length))
                covered.update(range(j, j + length))
                break
        seen.setdefault(text, []).append(j)
    return found
