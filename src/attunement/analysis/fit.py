"""What an attuned answer looks like in each client situation: the fit rules, one function per situation.

Our operational rules (docs/concepts.md, "Response attunement"); each returns the fit (0..1) and a
specific reason in plain words. :func:`situation_fit` judges a response's codes and moves against a situation;
:func:`reflection_form` recognises a plain-spoken reflection the coder read as something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..vocabulary import Behaviour as B
from ..vocabulary import Move as M
from ..vocabulary import Roadblock as R
from ..vocabulary import Situation
from .experiencing import FEELING
from .risk import find_risk
from .tokens import words

__all__ = ["situation_fit", "reflection_form", "judged_behaviour", "roadblock_cap", "BOTH_SIDES"]

BOTH_SIDES = re.compile(r"\b(?:on the other(?: hand)?|(?:and|but) (?:you )?also|(?:and|but) (?:another|the other) part|you say (?:you'?re|it'?s|that)\b[^.?!]{0,30}\b(?:and|but)|and (?:yet|at the same time)|at the same time|while you(?:'re| are)?|even as|part of you|"
                         r"and also|but (?:i notice|your|there)|some part)\b", re.I)
_PRAISE = re.compile(r"\b(?:great|perfect|exactly|good job|well done)\b", re.I)
_INNER_ASK = re.compile(r"\b(?:what'?s (?:that|it) like for you|what (?:happened|happens|was happening|goes on|went on) (?:for|in|inside) you|how (?:are|were|was) you|how (?:is|was) (?:that|it) for you|"
                        r"what (?:was|is) (?:that|it) like|how do you feel|what do you feel|what'?s happening (?:for|inside) you)\b", re.I)
_ASSESSMENT = re.compile(r"\b(?:on a scale|scale of|how (?:important|confident|ready|much|many|often|long|old)|when did (?:this|it|you)|"
                         r"what (?:number|would it take)|why (?:a|an) \d+|why not (?:a|an) \d+|have you (?:ever|had)|do you (?:still|ever))\b", re.I)
#: The stems a reflection starts a sentence with ("it sounds like…", "part of you…", "you're torn…").
_REFLECTIVE_STEM = re.compile(r"^(?:so,? |and |but |yeah,? |mm,? |okay,? )?(?:(?:it )?sounds like|(?:it )?seems (?:like|as if|as though|that)|"
                              r"part of you|on (?:the )?one hand|(?:what )?i'?m hearing|so you(?:'re| are| feel| felt| have| want| don'?t)|"
                              r"you(?:'re| are) (?:not sure|torn|caught|wondering|stuck|carrying|holding|worn)|you(?:'ve| have) been|"
                              r"(?:it|that|this) (?:really )?(?:gets to|bothers|hurts|upsets|frustrates|annoys|worries|scares|matters to) you)\b", re.I)
#: Words that take a reflection past what was said: a guess at the meaning, a metaphor, both sides.
_DEEPENS = re.compile(r"\b(?:i wonder (?:if|whether)|almost (?:as if|like)|as (?:if|though)|underneath|behind (?:the|that|all)|"
                      r"what (?:it|that|this) (?:means|meant|says)|and yet|part of you|a (?:kind|sort) of)\b", re.I)
#: A stock phrase of sympathy ("that must have been hard"): kind, but it shows nothing of what was understood.
_STOCK = re.compile(r"^(?:oh,? |aw,? )?(?:that|it|this) (?:must (?:have been|be)|sounds(?: like it (?:was|must have been))?|sounds like a) "
                    r"(?:so |really |very |incredibly |such a |a really |a )?(?:hard|awful|difficult|tough|disappointing|horrible|terrible|"
                    r"frustrating|painful|sad|upsetting|rough|stressful|dark|scary|lonely)(?: (?:time|day|week|thing|experience))?[.!]*$", re.I)
#: How far a roadblock caps the fit: well-meant ones (unasked advice, early reassurance) above directive
#: ones (orders, arguments, warnings), and those above judging the client (confronting, moralising, labelling).
ROADBLOCK_CAP = {R.ADVISE_WITHOUT_PERMISSION: 0.2, R.PREMATURE_REASSURANCE: 0.2, R.ORDER: 0.1, R.ARGUE: 0.1, R.WARN: 0.1,
                 R.CONFRONT: 0.05, R.MORALISE: 0.05, R.LABEL: 0.05}
#: "…has really shaken you", "…and now you're judging yourself": a feeling said of the client anywhere in the sentence.
_YOU_FEEL = re.compile(r"\b(?:you(?:'re| are|'ve| have| feel| felt)|(?:has|have|had|is) (?:\w+ )?\w+ed you)\b", re.I)
#: "You…" at the start of a sentence: a reflection when the sentence names a feeling ("you're frustrated with me").
_YOU = re.compile(r"^(?:so,? |and |but |yeah,? |mm,? |okay,? )?you(?:'re| are| feel| felt)?\b", re.I)


@dataclass(frozen=True)
class _Reply:
    """What a response is, in the terms the fit rules use."""

    text: str
    behaviour: str
    questions: int
    words: int
    moves: frozenset[str]
    empathy: dict[str, Any]
    names_risk: bool = False

    @property
    def reflective(self) -> bool:
        return self.behaviour.startswith("reflection")

    @property
    def feeling_question(self) -> bool:
        return self.behaviour.startswith("question") and bool(FEELING.search(self.text) or _INNER_ASK.search(self.text))

    @property
    def unasked_advice(self) -> bool:
        return self.behaviour == B.ADVICE and M.PERMISSION not in self.moves


#: An open question that stays with what the client just said ("what goes through your mind when…", "tell me more").
_EXPLORES = re.compile(r"\b(?:tell me (?:more|about (?:that|it|this))|(?:through|on) your mind|going on (?:for you|tonight|right now|inside)?|"
                       r"happening (?:for you|inside|right now)|what (?:do|did) you mean|like for you|(?:think|feel|thinking|feeling) "
                       r"(?:about )?(?:that|it|this|those|when))\b", re.I)


def _risk(r: _Reply) -> tuple[float, str]:
    if M.RISK_ENQUIRY in r.moves:
        return 1.0, "asks directly about the risk (thoughts, plan, safety)"
    if r.names_risk:
        return 0.85, "names the risk and stays with it rather than moving on"
    if r.behaviour == B.QUESTION_OPEN and _EXPLORES.search(r.text):
        return 0.45, "invites the client to say more about it, but does not yet ask about safety"
    if r.reflective or {M.VALIDATION, M.REPAIR} & r.moves or r.empathy.get("emotional_reaction", {}).get("level", 0) >= 1:
        return 0.35, "acknowledges what was said but does not ask about safety"
    return 0.0, "moves on without following up the risk: ask directly about safety"


def _overwhelm(r: _Reply) -> tuple[float, str]:
    if M.GROUNDING in r.moves:
        return 1.0, "grounds or slows the client down"
    if r.questions >= 2 or r.unasked_advice or r.words > 45:
        return 0.1, "pushes on (stacked questions, advice or a long turn) while the client is flooded"
    if r.reflective and r.words <= 25 or {M.VALIDATION, M.NOTICING_BODY} & r.moves:
        return 0.75, "stays with the client briefly"
    if r.behaviour.startswith("question"):
        return 0.3, "probes while the client is flooded"
    return 0.45, "neither grounds nor pushes"


#: Defending or explaining oneself after the client protests ("I was only trying…", "what I meant was…").
_DEFENDS = re.compile(r"\byour (?:anger|frustration|reaction|annoyance) (?:at|with|towards) me (?:might|may|is|could) (?:really|actually)\b|\b(?:i was (?:just |only )?trying|i(?:'m| am) (?:just |only )?trying to|what i (?:actually |really )?(?:meant|mean|was saying)|"
                      r"i didn'?t (?:mean|say)|that'?s not what i|i never said|you (?:have to|need to|must) (?:understand|see|admit)|"
                      r"but (?:i|you) (?:think|said|have to|need to)|to be fair|with respect|i am listening|i do understand|"
                      r"it'?s been a (?:really |very )?(?:chaotic|busy|hectic|crazy|difficult|long) (?:week|day|month)|"
                      r"it (?:definitely |really )?wasn'?t because)\b", re.I)


def _rupture(r: _Reply) -> tuple[float, str]:
    if _DEFENDS.search(r.text) or r.unasked_advice or r.behaviour in (B.CONFRONT, B.PERSUADE):
        return 0.05, "defends, explains or argues: the protest is not heard"
    if M.REPAIR in r.moves:
        return 1.0, "takes the protest seriously: acknowledges its own part and asks what would help"
    if r.reflective or {M.VALIDATION, M.IMMEDIACY} & r.moves:
        return 0.8, "reflects the protest without defending"
    if M.REASSURANCE in r.moves or r.behaviour in (B.GIVING_INFORMATION, B.QUESTION_CLOSED):
        return 0.15, "smooths over the protest and carries on"
    return 0.35, "carries on without taking up the protest"


def _shutdown(r: _Reply) -> tuple[float, str]:
    if M.GROUNDING in r.moves:
        return 0.9, "brings the client back to the present, gently"
    if r.words > 30 and r.behaviour in (B.GIVING_INFORMATION, B.REFLECTION_COMPLEX, B.REFLECTION_SIMPLE) and not {M.VALIDATION, M.NOTICING_BODY} & r.moves:
        return 0.4, "explains at length while the client is withdrawn"
    if {M.NOTICING_BODY, M.IMMEDIACY, M.VALIDATION} & r.moves or r.reflective:
        return 0.85, "notices or gently reflects the withdrawal"
    if r.unasked_advice or M.REASSURANCE in r.moves or r.questions >= 2:
        return 0.15, "pushes or reassures past the shutdown"
    return 0.45, "carries on without noticing the withdrawal"


def _incongruence(r: _Reply) -> tuple[float, str]:
    if {M.NOTICING_BODY, M.IMMEDIACY} & r.moves or (r.reflective and BOTH_SIDES.search(r.text)):
        return 1.0, "names both sides, gently"
    if r.behaviour == B.REFLECTION_COMPLEX:
        return 0.6, "reflects, without naming the split"
    if r.behaviour in (B.AFFIRM, B.GIVING_INFORMATION, B.ADVICE, B.QUESTION_CLOSED) or M.REASSURANCE in r.moves:
        return 0.15, "takes the words at face value"
    return 0.35, "does not take up what the body shows"


def _bid(r: _Reply) -> tuple[float, str]:
    if r.reflective:
        return 1.0, "meets the feeling with a reflection"
    if M.VALIDATION in r.moves:
        return 0.8, "validates the feeling"
    if {M.NOTICING_BODY, M.IMMEDIACY, M.GROUNDING} & r.moves and not r.unasked_advice and M.REASSURANCE not in r.moves:
        return 0.8, "stays with the feeling: notices it, or slows down with it"
    if r.unasked_advice or r.behaviour in (B.GIVING_INFORMATION, B.QUESTION_CLOSED, B.SELF_DISCLOSURE) \
            or {M.REASSURANCE, M.STEERING} & r.moves:
        return 0.05, "missed empathic opportunity: answers the feeling with facts, advice, reassurance or one's own story"
    if r.feeling_question:
        return 0.6, "asks about the feeling"
    if r.empathy.get("emotional_reaction", {}).get("level", 0) >= 1:
        return 0.7, "responds with warmth to the feeling"
    return 0.3, "does not take up the feeling offered"


def _pleasing(r: _Reply) -> tuple[float, str]:
    if M.IMMEDIACY in r.moves:
        return 1.0, "talks about what is happening between them"
    if M.NOTICING_BODY in r.moves or r.reflective:
        return 0.7, "reflects rather than rewarding the pleasing"
    if r.behaviour == B.AFFIRM or M.REASSURANCE in r.moves or _PRAISE.search(r.text):
        return 0.1, "rewards the pleasing"
    return 0.45, "neither names nor rewards the pleasing"


def _ambivalence(r: _Reply) -> tuple[float, str]:
    if r.reflective and BOTH_SIDES.search(r.text):
        return 1.0, "reflects both sides of the ambivalence"
    if r.reflective:
        return 0.8, "reflects one side of the ambivalence"
    if r.behaviour == B.QUESTION_OPEN:
        return 0.65, "invites the client to explore it"
    if r.unasked_advice or r.behaviour in (B.PERSUADE, B.CONFRONT):
        return 0.1, "takes the side of change for the client (the righting reflex)"
    if r.behaviour in (B.QUESTION_CLOSED, B.GIVING_INFORMATION) or M.REASSURANCE in r.moves:
        return 0.35, "moves past the ambivalence"
    return 0.5, "neither explores nor takes a side"


def _stagnation(r: _Reply) -> tuple[float, str]:
    if r.feeling_question or {M.IMMEDIACY, M.NOTICING_BODY} & r.moves or (r.reflective and FEELING.search(r.text)):
        return 0.9, "nudges toward feeling"
    if _ASSESSMENT.search(r.text) or M.RISK_ENQUIRY in r.moves:
        return 0.6, "an assessment question: gathers what is needed, not surface talk"
    if r.behaviour == B.QUESTION_OPEN:
        return 0.5, "invites more, though not yet toward feeling"
    if r.behaviour in (B.QUESTION_CLOSED, B.GIVING_INFORMATION):
        return 0.25, "more of the same surface talk"
    return 0.5, "neither nudges nor keeps to the surface"


_BASE = {B.REFLECTION_COMPLEX: 0.8, B.REFLECTION_SIMPLE: 0.75, B.QUESTION_OPEN: 0.65, B.AFFIRM: 0.6,
         B.QUESTION_CLOSED: 0.5, B.GIVING_INFORMATION: 0.5, B.SELF_DISCLOSURE: 0.45, B.ADVICE: 0.3, B.PERSUADE: 0.15,
         B.CONFRONT: 0.1, "other": 0.55}


#: What each kind of response does, when nothing in the client's turn asked for something specific.
_KIND = {B.REFLECTION_COMPLEX: "a complex reflection: gives back what was said and adds its meaning",
         B.REFLECTION_SIMPLE: "a simple reflection: gives back what was said",
         B.QUESTION_OPEN: "an open question: invites the client to say more",
         B.AFFIRM: "affirms the client's effort or strength",
         B.QUESTION_CLOSED: "a closed question: asks for a fact or a yes or no",
         B.GIVING_INFORMATION: "gives information",
         B.SELF_DISCLOSURE: "talks about the therapist's own experience",
         B.ADVICE: "advises", B.PERSUADE: "tries to persuade", B.CONFRONT: "confronts"}


def _ordinary(r: _Reply) -> tuple[float, str]:
    if M.GROUNDING in r.moves and r.questions < 2:
        return 0.75, "slows the pace and stays with the client"
    score = _BASE.get(r.behaviour, 0.55) - (0.15 if r.questions >= 3 else 0.0) + (0.1 if M.VALIDATION in r.moves else 0.0) \
        + (0.1 if r.feeling_question else 0.0) \
        + (0.1 if {M.PERMISSION, M.AUTONOMY, M.COLLABORATION} & r.moves else 0.0)
    why = _KIND.get(r.behaviour, "a short or structuring remark")
    if r.behaviour == B.ADVICE:
        why += " after asking permission" if M.PERMISSION in r.moves else " without asking permission"
    extras = [text for present, text in ((r.questions >= 3, f"{r.questions} questions at once"),
                                         (r.feeling_question, "asks about the client's experience"),
                                         (M.VALIDATION in r.moves, "validates"),
                                         (bool({M.AUTONOMY, M.COLLABORATION} & r.moves), "leaves the choice with the client"))
              if present]
    return round(min(1.0, max(0.0, score)), 3), why + ("; " + ", ".join(extras) if extras else "")


_RULES = {Situation.RISK: _risk, Situation.OVERWHELM: _overwhelm, Situation.RUPTURE: _rupture, Situation.SHUTDOWN: _shutdown, Situation.INCONGRUENCE: _incongruence,
          Situation.EMOTIONAL_BID: _bid, Situation.PLEASING: _pleasing, Situation.AMBIVALENCE: _ambivalence,
          Situation.STAGNATION: _stagnation,
          Situation.NONE: _ordinary}


def reflection_form(text: str) -> bool:
    """A sentence of ``text`` has the form of a reflection: a reflective stem, or "you…" with a feeling word,
    and no question mark. The coder reads some plain-spoken reflections as information or a closed question."""
    for sentence in re.split(r"(?<=[.!?])\s+|\s+[—–]\s+", text.strip()):
        if "?" in sentence:
            continue
        feeling = any(FEELING.fullmatch(w) for w in words(sentence))
        if _REFLECTIVE_STEM.search(sentence) or (feeling and (_YOU.search(sentence) or _YOU_FEEL.search(sentence))):
            return True
    return False


def stock_sympathy(text: str) -> bool:
    """The response is a stock phrase of sympathy, alone or followed by a change of subject."""
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", text.strip()) if x]
    return bool(sentences) and bool(_STOCK.match(sentences[0])) and (
        len(sentences) == 1 or bool(re.match(r"^(?:so|anyway|okay|right|now)\b", sentences[1], re.I)))


def roadblock_cap(blocks: list[dict[str, Any]]) -> float:
    """The highest fit a response with these roadblocks can have (the harshest one decides)."""
    return min(ROADBLOCK_CAP.get(b["kind"], 0.1) for b in blocks)


def judged_behaviour(codes: dict[str, Any], text: str, client_text: str) -> str:
    """The behaviour a response is judged as: the coder's, unless its words say otherwise.

    A plain-spoken reflection the coder read as information, a question without a question
    mark, an affirmation, advice or "other" is a reflection (complex if it names a feeling the
    client did not, or both sides); a simple reflection that guesses at the meaning ("I wonder
    if…", "as if…") is complex; a stock phrase of sympathy is not a reflection at all.
    """
    behaviour = str(codes.get("behaviour", "other"))
    if codes.get("roadblocks"):
        return behaviour
    if stock_sympathy(text):
        return "other"
    if not behaviour.startswith("reflection") and behaviour in (B.GIVING_INFORMATION, B.QUESTION_CLOSED, B.AFFIRM, B.ADVICE,
                                                                   "other") and reflection_form(text):
        adds = {w for w in words(text) if FEELING.fullmatch(w)} - {w for w in words(client_text) if FEELING.fullmatch(w)}
        behaviour = B.REFLECTION_COMPLEX if adds or BOTH_SIDES.search(text) else B.REFLECTION_SIMPLE
    if behaviour == B.REFLECTION_SIMPLE and _DEEPENS.search(text):
        behaviour = B.REFLECTION_COMPLEX
    return behaviour


def situation_fit(situation: Situation, codes: dict[str, Any], moves: dict[str, Any], text: str) -> tuple[float, str]:
    """The fit of a response (its codes, moves and words) to the client's situation, with the reason."""
    reply = _Reply(text=text, behaviour=codes.get("behaviour", "other"), questions=codes.get("question_count", 0),
                   words=len(words(text)), moves=frozenset(moves), empathy=codes.get("empathy", {}),
                   names_risk=situation == Situation.RISK and bool(find_risk(text)))
    return _RULES[situation](reply)
