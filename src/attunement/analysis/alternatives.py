"""What the therapist could have said instead: alternatives to a missed or misattuned response.

No generative model runs here. Candidates come from three places (docs/feedback.md):

* **the client's own words**, given back: a reflection of what they said (and of the feeling the
  models read in it, when they did not name one), or both sides of their ambivalence;
* **a move that fits the situation**: grounding and slowing on overwhelm, noticing on shutdown,
  immediacy on pleasing, owning one's part on a rupture, naming both sides on incongruence,
  asking directly on risk, asking permission before advice;
* **the team's exemplar bank** (``resources/exemplars/responses.toml``), by situation, nearest
  first by the encoder's similarity between the client's turn and the turn each exemplar answers.

Every candidate is then coded by the same models and judged by the same rules **in the original
response's place** (the same client turn and state). Only candidates the judge rates attuned and
above the original are kept, best first, at most three, at most two from one source. Where none
passes, the list is empty: the tool offers nothing it would not itself call attuned.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

import numpy as np

from ..model import Analysis, Utterance
from ..models.bundle import ModelBundle, load_bundle
from ..vocabulary import SITUATION_TASK, Marker, RiskKind, Situation
from .coder import code_responses
from .feedback import said_as
from .reflections import Candidate, clean_clause, feeling_word, from_client_words, lower_first, reflect_words, split_sentences, spoken
from .relational import ambivalence_sides
from .response import judge_response, was_cut_off
from .tokens import words

__all__ = ["Alternatives", "candidates", "best_alternatives", "exemplars"]

#: At most this many alternatives per response, and at most this many from one source.
LIMIT, PER_SOURCE = 3, 2
#: Where candidates come from, in the order their best is offered: the client's own words first, because they
#: show the client was heard; then a move that fits; then the bank.
SOURCES = ("client_words", "move", "bank")
#: The judge must rate an alternative at least this high (attuned) to offer it.
ATTUNED = 0.65


@dataclass(frozen=True)
class Exemplar:
    situation: str
    client: str
    response: str
    why: str
    risk_kind: str = ""
    tone: str = ""  # "pleasant" or "unpleasant": offered only when the client's turn is not of the other tone


@lru_cache(maxsize=1)
def exemplars() -> tuple[Exemplar, ...]:
    """The team's exemplar bank, checked against the situation vocabulary."""
    text = resources.files("attunement.resources").joinpath("exemplars/responses.toml").read_text(encoding="utf-8")
    out = []
    for n, entry in enumerate(tomllib.loads(text)["exemplar"], start=1):
        Situation(entry["situation"])  # a misspelt situation fails here, not silently never matching
        if entry.get("risk_kind"):
            RiskKind(entry["risk_kind"])
        if entry.get("tone") not in (None, "pleasant", "unpleasant"):
            raise ValueError(f"exemplar {n}: tone must be 'pleasant' or 'unpleasant'")
        out.append(Exemplar(entry["situation"], entry["client"], entry["response"], entry["why"], entry.get("risk_kind", ""),
                            entry.get("tone", "")))
    return tuple(out)


# --- moves that fit the situation --------------------------------------------------------------------------

_SHOWN = ((re.compile(r"fidget|restless|picks?|sleeve|hands?|fingers|tapping|jiggl", re.I), "your hands are restless"),
          (re.compile(r"laugh|giggl|smil", re.I), "you laughed a little"),
          (re.compile(r"cry|tear|sob|eyes (?:fill|well)", re.I), "tears"),
          (re.compile(r"looks? (?:away|down)|avert|eye contact", re.I), "you looked away"),
          (re.compile(r"sigh", re.I), "a sigh"),
          (re.compile(r"voice (?:shak|break|crack|trembl)|shak|trembl", re.I), "your voice is shaking"),
          (re.compile(r"pause|silence|quiet", re.I), "a long pause"))
_RISK_ASK = {"suicidal_ideation": "are you having thoughts of ending your life?",
             "self_harm": "are you hurting yourself at the moment, and are you safe right now?",
             "harm_to_others": "are you thinking of hurting someone?",
             "abuse_or_neglect": "are you safe right now?"}


def _shown_phrase(shown: list[dict[str, Any]]) -> str:
    said = " ".join(str(s.get("evidence", "")) for s in shown)
    return next((phrase for pattern, phrase in _SHOWN if pattern.search(said)), "something in your body")


def from_moves(situation: Situation, text: str, state: dict[str, Any], original: dict[str, Any], *,
               feeling: str = "") -> list[Candidate]:
    """Responses built from a move that fits the client's situation (and, where they help, the client's words and the
    ``feeling`` they named or the models read). Ordinary talk gets no stock move: only what the client said, or asking
    permission where the original gave advice."""
    out: list[Candidate] = []
    add = lambda t, does: out.append(Candidate(t, "move", does))  # noqa: E731
    if situation == Situation.RISK:
        for flag in state.get("risk", [])[:1]:
            sentence = next((s for s in split_sentences(text) if str(flag.get("evidence", "")).lower()[:20] in s.lower()), None)
            clause = clean_clause(sentence) if sentence else None
            ask = _RISK_ASK.get(str(flag.get("kind")), "are you safe right now?")
            if clause:
                add(f"When you say {lower_first(reflect_words(clause))}, I want to ask you directly: {ask}",
                    "takes the client's words seriously and asks directly about the risk")
            add(f"Thank you for telling me. I want to make sure I understand: {ask}", "receives the disclosure and asks directly about safety")
    elif situation == Situation.OVERWHELM:
        add("Let's slow down for a moment. Take a slow breath with me, and feel your feet on the floor.", "grounds and slows the client")
        add("This is a lot right now. Let's pause here, and breathe out slowly together.", "names how much it is and slows the body down")
    elif situation == Situation.SHUTDOWN:
        add("I notice you've gone quiet. That's okay; we can go slowly, there's no rush.", "notices the withdrawal gently, without pushing")
        add("It sounds like it's hard to feel much about this right now, and that makes sense.", "reflects and validates the numbness")
    elif situation == Situation.RUPTURE:
        add("You're right to tell me. It sounds like I haven't been getting it. What would be more helpful right now?",
            "owns the therapist's part and asks what would help")
        add("Thank you for saying that. I think I pushed too quickly; let's go at your pace.", "acknowledges pushing, without defending")
    elif situation == Situation.INCONGRUENCE:
        said = (state.get("incongruence", {}).get("said") or [""])[0]
        shown = _shown_phrase(state.get("incongruence", {}).get("shown", []))
        if said.strip(" ,.!"):
            add(f"You're telling me {lower_first(reflect_words(said.strip(' ,.!')))}, and I notice {shown} as you say it. "
                "I wonder what's happening underneath.", "mirrors both the words and what the body shows, gently")
        else:
            add(f"I notice {shown} as you tell me this. Could we stay with that for a moment?", "notices what the body shows, gently")
    elif situation == Situation.PLEASING:  # what the pleasing looks like decides what to name
        signs = " ".join(state.get("markers", {}).get("pleasing", {}).get("evidence", [])).lower()
        if re.search(r"\?|is (?:that|this)|did i|am i|right answer", signs + " " + text.lower()):
            add("I notice you're checking with me whether that's right. There's no right answer here; I'm interested in what's true for you.",
                "names, here and now, the checking between them, without praising it")
        if re.search(r"\b(?:exactly|you'?re (?:so |totally |absolutely )?right|whatever you think|yes)\b", signs):
            add("I notice you agree with me very quickly. I'm curious whether it all fits for you, or whether some of it doesn't.",
                "names the quick agreement, here and now, and invites the client's own view")
        if re.search(r"\bsorry\b", signs):
            add("I noticed you apologised just then. There's nothing to apologise for here; I'd like to hear more.",
                "notices the apology as it happens, without praising or correcting it")
    elif situation == Situation.STAGNATION and len(words(text)) >= 6:  # a nudge from a story, not from "Yup."
        add("What's it like for you, as we talk about this?", "nudges from events toward the client's own experience")
        add("As you tell me this, I notice we're staying with what happened. How are you, in the middle of it?",
            "names the surface, here and now, and invites feeling")
    elif situation == Situation.AMBIVALENCE:
        add("It sounds like part of you wants things to change and part of you isn't sure, and it's your decision to make.",
            "reflects both sides and leaves the choice with the client")
    elif situation == Situation.EMOTIONAL_BID and feeling:
        add(f"Of course you feel {feeling}. That makes sense.", "validates the feeling the client named or showed")
    if situation == Situation.NONE and original.get("behaviour") in ("advice", "persuade") and len(words(text)) >= 4:
        add("Would it be okay if I shared an idea some people find helpful? You can tell me if it doesn't fit for you.",
            "asks permission before giving advice, and leaves the choice with the client")
    return out


# --- the team's exemplar bank ------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _exemplar_vectors(tier: str, model_dir: str | None) -> np.ndarray:
    """The exemplars' client turns as the encoder reads them, once per process and model folder."""
    return client_vectors(load_bundle(tier, model_dir), [e.client for e in exemplars()])


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1)


def from_bank(situation: Situation, client_vector: np.ndarray, bank: np.ndarray, *, risk_kinds: frozenset[str] = frozenset(),
              valence: float = 0.0, n: int = 2) -> list[Candidate]:
    """The exemplars written for this situation (and the kinds of risk voiced, and the tone of the client's turn),
    the nearest client turns first."""
    tone = "pleasant" if valence > 0.2 else "unpleasant" if valence < -0.2 else ""
    index = [k for k, e in enumerate(exemplars()) if e.situation == situation and (not e.risk_kind or e.risk_kind in risk_kinds)
             and not (tone and e.tone and e.tone != tone)]
    index.sort(key=lambda k: -float(bank[k] @ client_vector))
    return [Candidate(exemplars()[k].response, "bank", exemplars()[k].why[:1].lower() + exemplars()[k].why[1:].rstrip("."))
            for k in index[:n]]


# --- judged in the original's place ------------------------------------------------------------------------

def candidates(situation: Situation, client: Utterance, client_codes: dict[str, Any], state: dict[str, Any],
               original: dict[str, Any], client_vector: np.ndarray, bank: np.ndarray) -> list[Candidate]:
    """Every candidate for one response to the ``client`` turn, without duplicates (not yet judged)."""
    said = spoken(client)
    emotions = client_codes.get("emotions", {})
    found = (from_client_words(said, emotions, ambivalence_sides(client.text), situation=situation)
             + from_moves(situation, said, state, original, feeling=feeling_word(client.text, emotions))
             + (from_bank(situation, client_vector, bank, risk_kinds=frozenset(str(f.get("kind")) for f in state.get("risk", [])),
                          valence=float(client_codes.get("valence", 0.0))) if situation != Situation.NONE else []))
    kept: list[Candidate] = []
    for c in found:  # one of each: a candidate that starts another (or the same words again) is left out
        key = c.text.lower().rstrip(".?! ")
        if not any(key.startswith(k.text.lower().rstrip(".?! ")) or k.text.lower().startswith(key) for k in kept):
            kept.append(c)
    return kept


def best_alternatives(judged: list[tuple[Candidate, dict[str, Any]]], *, must_beat: float, situation: Situation) -> list[dict[str, Any]]:
    """The candidates the judge rates attuned and above ``must_beat``: the best of each source first (in the order
    of :data:`SOURCES`), then the rest as the judge ranks them; at most three, two per source."""
    ranked = sorted(((c, v) for c, v in judged if v["attunement"] >= ATTUNED and v["attunement"] > must_beat),
                    key=lambda cv: -cv[1]["attunement"])
    firsts = [next(cv for cv in ranked if cv[0].source == s) for s in SOURCES if any(c.source == s for c, _ in ranked)]
    ranked = firsts + [cv for cv in ranked if cv not in firsts]  # the best of each source first: the client's words are never crowded out
    out: list[dict[str, Any]] = []
    per: dict[str, int] = {}
    for c, verdict in ranked:
        if per.get(c.source, 0) >= PER_SOURCE or len(out) >= LIMIT:
            continue
        per[c.source] = per.get(c.source, 0) + 1
        out.append({"text": c.text, "situation": str(situation), "task": str(SITUATION_TASK[situation]),
                    "why": f"{c.does[:1].upper()}{c.does[1:]}; in this place {said_as(verdict['why'], 'it', be='is')}.",
                    "attunement": verdict["attunement"], "source": c.source})
    return out


def _judged_state(client_state: dict[str, Any]) -> dict[str, Any]:
    """The parts of a client turn's state the judge reads (only those: the slots the component declared)."""
    return {k: client_state[k] for k in ("risk", "zone", "markers", "incongruence") if client_state.get(k) is not None}


def judge_candidates(bundle: ModelBundle, items: list[tuple[str, dict[str, Any], bool, list[Candidate]]], *,
                     cut_off: list[bool | str] | None = None) -> list[list[dict[str, Any]]]:
    """Each item's candidates coded and judged after its client turn: ``(client_text, client_state, risk_open, candidates)``;
    ``cut_off`` says, per item, whether the original answer came in as the client broke off (the candidate would too)."""
    flat = [(k, c) for k, (_, _, _, cs) in enumerate(items) for c in cs]
    codes = code_responses(bundle, [items[k][0] for k, _ in flat], [c.text for _, c in flat])
    out: list[list[dict[str, Any]]] = [[] for _ in items]
    for (k, c), code in zip(flat, codes):
        client_text, state, risk_open, _ = items[k]
        out[k].append(judge_response(c.text, code, client_text, state, risk_open=risk_open,
                                     cut_off=cut_off[k] if cut_off else False))
    return out


def client_vectors(bundle: ModelBundle, texts: list[str]) -> np.ndarray:
    """The encoder's reading of client turns on their own, as unit vectors (for the exemplar search)."""
    if not texts:
        return np.zeros((0, 1))
    vectors = bundle.encoder([""] * len(texts), texts)
    return _unit(vectors[:, : vectors.shape[1] // 2])


@dataclass
class Alternatives:
    """``response.alternatives`` on every missed or misattuned response (read with the coder's models)."""

    tier: str = "accurate"
    model_dir: str = ""

    name: ClassVar[str] = "alternatives"
    shares_models: ClassVar[bool] = True  # the configuration gives it the coder's tier and model folder
    requires: ClassVar[tuple[str, ...]] = ("utterance.response.marker", "utterance.response.attunement", "utterance.response.situation",
                                           "utterance.response.answers", "utterance.codes.emotions", "utterance.codes.behaviour", "utterance.codes.valence",
                                           "utterance.client_state.markers", "utterance.client_state.incongruence",
                                           "utterance.client_state.risk", "utterance.client_state.zone")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.response.alternatives",)

    def prepare(self) -> None:
        _exemplar_vectors(self.tier, self.model_dir or None)

    def suggest(self, turn: Utterance, client: Any, situation: str, original_codes: dict[str, Any], *,
                must_beat: float) -> list[dict[str, Any]]:
        """Alternatives for one answer to one client ``turn`` (and its analysis slot), outside a session's pipeline run."""
        bundle = load_bundle(self.tier, self.model_dir or None)
        state = _judged_state(client.client_state)
        found = candidates(Situation(situation), turn, client.codes, state, original_codes,
                           client_vectors(bundle, [turn.text])[0], _exemplar_vectors(self.tier, self.model_dir or None))
        verdicts = judge_candidates(bundle, [(turn.text, state, situation == Situation.RISK, found)])[0]
        return best_alternatives(list(zip(found, verdicts)), must_beat=must_beat, situation=Situation(situation))

    def __call__(self, analysis: Analysis) -> None:
        todo = [i for i, slot in enumerate(analysis.utterances)
                if slot.response.get("marker") in (Marker.MISSED, Marker.MISATTUNED) and "answers" in slot.response]
        if not todo:
            return
        bundle = load_bundle(self.tier, self.model_dir or None)
        bank = _exemplar_vectors(self.tier, self.model_dir or None)
        utterances, slots = analysis.session.utterances, analysis.utterances
        clients = [slots[i].response["answers"] for i in todo]
        vectors = client_vectors(bundle, [utterances[j].text for j in clients])
        items = []
        for i, j, vector in zip(todo, clients, vectors):
            situation = Situation(slots[i].response["situation"])
            state = _judged_state(slots[j].client_state)
            found = candidates(situation, utterances[j], slots[j].codes, state, slots[i].codes, vector, bank)
            items.append((utterances[j].text, state, situation == Situation.RISK, found))
        cut = [was_cut_off(utterances[j], utterances[i]) if i == j + 1 else False for i, j in zip(todo, clients)]
        for i, (_, _, _, found), verdicts in zip(todo, items, judge_candidates(bundle, items, cut_off=cut)):
            slots[i].response["alternatives"] = best_alternatives(
                list(zip(found, verdicts)), must_beat=slots[i].response["attunement"], situation=Situation(slots[i].response["situation"]))
