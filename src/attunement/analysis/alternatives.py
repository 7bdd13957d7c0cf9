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
from .relational import ambivalence
from .response import judge_response, was_cut_off
from .tokens import words

__all__ = ["Alternatives", "Candidate", "candidates", "best_alternatives", "exemplars", "reflect_words", "spoken"]

#: At most this many alternatives per response, and at most this many from one source.
LIMIT, PER_SOURCE = 3, 2
#: Where candidates come from, in the order their best is offered: the client's own words first, because they
#: show the client was heard; then a move that fits; then the bank.
SOURCES = ("client_words", "move", "bank")
#: The judge must rate an alternative at least this high (attuned) to offer it.
ATTUNED = 0.65
#: The longest client clause given back word for word; longer turns are not reflected from their words.
MAX_CLAUSE = 22


@dataclass(frozen=True)
class Candidate:
    """A response the therapist could have given, where it came from and what it does."""

    text: str
    source: str  # "client_words", "move" or "bank"
    does: str


@dataclass(frozen=True)
class Exemplar:
    situation: str
    client: str
    response: str
    why: str
    risk_kind: str = ""


@lru_cache(maxsize=1)
def exemplars() -> tuple[Exemplar, ...]:
    """The team's exemplar bank, checked against the situation vocabulary."""
    text = resources.files("attunement.resources").joinpath("exemplars/responses.toml").read_text(encoding="utf-8")
    out = []
    for n, entry in enumerate(tomllib.loads(text)["exemplar"], start=1):
        Situation(entry["situation"])  # a misspelt situation fails here, not silently never matching
        if entry.get("risk_kind"):
            RiskKind(entry["risk_kind"])
        out.append(Exemplar(entry["situation"], entry["client"], entry["response"], entry["why"], entry.get("risk_kind", "")))
    return tuple(out)


# --- the client's words, given back ------------------------------------------------------------------------

_FILLERS = re.compile(r"\b(?:um+|uh+|erm|you know|i mean|honestly|basically|like,|to be honest|kind of like|i guess,)\s*,?\s*"
                      r"|\blike\s+(?=(?:a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|half)\b)", re.I)
#: Words that open a clause in lower case when it is given back inside a sentence ("It sounds like it's…").
_COMMON_OPENERS = frozenset("it it's its that that's this there there's the a an nobody no everyone everybody everything "
                            "nothing something sometimes maybe when if all some he she he's she's they they're they've "
                            "people work life things on in at after before since every most".split())
_LEAD = re.compile(r"^(?:(?:and|but|so|well|yeah|yes|no|oh|okay|ok|right|because|cause|just|i guess|i think that)\b[\s,]*)+", re.I)
_TO_YOU = {"i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "me": "you",
           "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "we're": "you're", "we've": "you've",
           "our": "your", "ours": "yours", "us": "you"}
_TO_ME = {"you're": "I'm", "your": "my", "yours": "mine", "yourself": "myself", "you've": "I've", "you'd": "I'd", "you'll": "I'll"}
_SUBJECT_BEFORE = frozenset("and but because that when if so then".split())
#: The feeling a model reads in a client turn, as a word a therapist would say.
_FEELING_WORD = {"sadness": "sad", "grief": "sad", "fear": "scared", "nervousness": "anxious", "anger": "angry",
                 "annoyance": "frustrated", "disappointment": "let down", "remorse": "guilty", "embarrassment": "ashamed",
                 "confusion": "confused", "disgust": "upset", "disapproval": "upset"}


def reflect_words(text: str) -> str:
    """``text`` said back to its speaker: first and second person swapped ("I was" → "you were")."""
    tokens = re.split(r"([A-Za-z']+)", text)
    out: list[str] = []
    previous = ""
    for k, token in enumerate(tokens):
        low = token.lower()
        if not token or not re.fullmatch(r"[A-Za-z']+", token):
            out.append(token)
            continue
        if low in ("am", "was") and previous == "i":
            new = "are" if low == "am" else "were"
        elif low in ("are", "were") and previous == "you":
            new = "am" if low == "are" else "was"
        elif low == "you":
            before = next((t.lower() for t in reversed(tokens[:k]) if re.fullmatch(r"[A-Za-z']+", t)), "")
            starts = not before or before in _SUBJECT_BEFORE or re.search(r"[.,;!?]\s*$", "".join(tokens[:k]))
            new = "I" if starts else "me"
        elif low in _TO_ME:
            new = _TO_ME[low]
        elif low in _TO_YOU:
            new = _TO_YOU[low]
        else:
            new = token
        out.append(new)
        previous = low
    return "".join(out)


def spoken(utterance: Utterance) -> str:
    """The client's words with a break (" | ") where a non-verbal sign stood, so that no clause runs across it."""
    text, cuts = utterance.text, sorted({a.position for a in utterance.annotations if 0 < a.position < len(utterance.text)})
    return "".join(text[a:b] + (" | " if b < len(text) else "") for a, b in zip([0, *cuts], [*cuts, len(text)]))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\s+[—–]\s+|\s*\.\.\.\s*|…|\s*\|\s*", text) if len(words(s)) >= 3]


def _clause(sentence: str) -> str | None:
    """A sentence cleaned of fillers and opening words, cut at a clause boundary; None when too long or a question."""
    if "?" in sentence:
        return None
    s = _LEAD.sub("", _FILLERS.sub("", sentence)).strip(" ,.!;:")
    if len(words(s)) > MAX_CLAUSE:
        cut = re.split(r",\s+|\s+(?:because|and then|so that)\s+", s)
        s = next((c for c in cut if 4 <= len(words(c)) <= MAX_CLAUSE), "")
    return s if len(words(s)) >= 4 and not re.search(r"[-—–]$", s) else None


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _COMMON_OPENERS else text


def _chosen_sentence(text: str, feeling: re.Pattern[str]) -> str | None:
    sentences = [s for s in _sentences(text) if _clause(s)]
    if not sentences:
        return None
    felt = [s for s in sentences if feeling.search(s)]
    return (felt or sorted(sentences, key=lambda s: -len(words(s))))[0]


def from_client_words(text: str, emotions: dict[str, float], marker_evidence: str | None) -> list[Candidate]:
    """Reflections built from the client's turn: of what they said, of the feeling read in it, of both sides."""
    from .experiencing import FEELING

    out: list[Candidate] = []
    sentence = _chosen_sentence(text, FEELING)
    clause = _clause(sentence) if sentence else None
    if clause:
        said = _lower_first(reflect_words(clause))
        out.append(Candidate(f"It sounds like {said}.", "client_words", "gives back what the client said, in their words"))
        felt = [w for e, p in sorted(emotions.items(), key=lambda kv: -kv[1]) if p >= 0.3 and (w := _FEELING_WORD.get(e))]
        if felt and not FEELING.search(clause) and felt[0] not in clause.lower():
            out.append(Candidate(f"It sounds like {said}, and that's left you feeling {felt[0]}.", "client_words",
                                 "gives back what the client said and names the feeling under it"))
    if marker_evidence:
        sides = [_clause(s.strip()) for s in marker_evidence.split(" … ")]
        if len(sides) == 2 and all(sides):
            a, b = (_lower_first(reflect_words(s)) for s in sides)  # type: ignore[arg-type]
            opening = f"{a[:1].upper()}{a[1:]}, and {b}." if a.lower().startswith("part of you") else \
                f"On the one hand {a}, and on the other hand {b}."
            out.append(Candidate(opening, "client_words", "gives back both sides of the client's ambivalence, without taking one"))
    return out


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


def from_moves(situation: Situation, text: str, state: dict[str, Any], original: dict[str, Any]) -> list[Candidate]:
    """Responses built from a move that fits the client's situation (and, where they help, the client's words)."""
    out: list[Candidate] = []
    add = lambda t, does: out.append(Candidate(t, "move", does))  # noqa: E731
    if situation == Situation.RISK:
        for flag in state.get("risk", [])[:1]:
            sentence = next((s for s in _sentences(text) if str(flag.get("evidence", "")).lower()[:20] in s.lower()), None)
            clause = _clause(sentence) if sentence else None
            ask = _RISK_ASK.get(str(flag.get("kind")), "are you safe right now?")
            if clause:
                add(f"When you say {_lower_first(reflect_words(clause))}, I want to ask you directly: {ask}",
                    "takes the client's words seriously and asks directly about the risk")
            add(f"Thank you for telling me. I want to make sure I understand: {ask}", "receives the disclosure and asks directly about safety")
    elif situation == Situation.OVERWHELM:
        add("Let's slow down for a moment. Take a slow breath with me, and feel your feet on the floor.", "grounds and slows the client")
        add("This is a lot right now. We can pause here; take all the time you need.", "names how much it is and slows the pace")
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
        clause = _clause(said) if said else None
        if clause:
            add(f"You say {_lower_first(reflect_words(clause))}, and I notice {shown} as you say it. I wonder what's happening underneath.",
                "mirrors both the words and what the body shows, gently")
        add(f"Part of you is telling me one thing, and I notice {shown}. Could we stay with that for a moment?",
            "names both sides and invites the unspoken one")
    elif situation == Situation.PLEASING:
        add("I notice you're checking with me whether that's right. There's no right answer here; I'm interested in what's true for you.",
            "names, here and now, the checking between them, without praising it")
        add("I wonder if it's easier to agree with me than to say what you really think. I'd like to hear your view.",
            "invites the client's own view, with immediacy")
    elif situation == Situation.STAGNATION:
        add("What's it like for you, as we talk about this?", "nudges from events toward the client's own experience")
        add("As you tell me this, I notice we're staying with what happened. How are you, in the middle of it?",
            "names the surface, here and now, and invites feeling")
    elif situation == Situation.AMBIVALENCE:
        add("It sounds like part of you wants things to change and part of you isn't sure, and it's your decision to make.",
            "reflects both sides and leaves the choice with the client")
    elif situation == Situation.EMOTIONAL_BID:
        add("That sounds really hard to carry. Of course you feel this way.", "validates the feeling offered")
    if situation == Situation.NONE and original.get("behaviour") in ("advice", "giving_information", "persuade"):
        add("Would it be okay if I shared an idea some people find helpful? You can tell me if it doesn't fit for you.",
            "asks permission before giving advice or information, and leaves the choice with the client")
    if situation == Situation.NONE:
        add("Tell me more about that. What's it like for you?", "invites the client to say more, about their own experience")
    return out


# --- the team's exemplar bank ------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _exemplar_vectors(tier: str, model_dir: str | None) -> np.ndarray:
    bundle = load_bundle(tier, model_dir)
    vectors = bundle.encoder([""] * len(exemplars()), [e.client for e in exemplars()])
    return _unit(vectors[:, : vectors.shape[1] // 2])


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1)


def from_bank(situation: Situation, client_vector: np.ndarray, bank: np.ndarray, *, risk_kinds: frozenset[str] = frozenset(),
              n: int = 2) -> list[Candidate]:
    """The exemplars written for this situation (and the kinds of risk voiced), the nearest client turns first."""
    index = [k for k, e in enumerate(exemplars()) if e.situation == situation and (not e.risk_kind or e.risk_kind in risk_kinds)]
    index.sort(key=lambda k: -float(bank[k] @ client_vector))
    return [Candidate(exemplars()[k].response, "bank", exemplars()[k].why[:1].lower() + exemplars()[k].why[1:].rstrip("."))
            for k in index[:n]]


# --- judged in the original's place ------------------------------------------------------------------------

def candidates(situation: Situation, client: Utterance, client_codes: dict[str, Any], state: dict[str, Any],
               original: dict[str, Any], client_vector: np.ndarray, bank: np.ndarray) -> list[Candidate]:
    """Every candidate for one response to the ``client`` turn, without duplicates (not yet judged)."""
    said = spoken(client)
    evidence = (state.get("markers", {}).get("ambivalence", {}).get("evidence") or [ambivalence(client.text)])[0]
    found = (from_client_words(said, client_codes.get("emotions", {}), evidence) + from_moves(situation, said, state, original)
             + from_bank(situation, client_vector, bank, risk_kinds=frozenset(str(f.get("kind")) for f in state.get("risk", []))))
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
                    "why": f"{c.does[:1].upper()}{c.does[1:]}; in this place {_reads_as(verdict['why'])}.",
                    "attunement": verdict["attunement"], "source": c.source})
    return out


def _reads_as(why: str) -> str:
    """The judge's reason as what the candidate does in the original's place ("it meets…", "it is an open question…")."""
    return f"it is {why}" if why.startswith(("a ", "an ", "MI-", "missed")) else f"it {why}"


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
                                           "utterance.response.answers", "utterance.codes.emotions", "utterance.codes.behaviour",
                                           "utterance.client_state.markers", "utterance.client_state.incongruence",
                                           "utterance.client_state.risk", "utterance.client_state.zone")
    assigns: ClassVar[tuple[str, ...]] = ("utterance.response.alternatives",)

    def prepare(self) -> None:
        _exemplar_vectors(self.tier, self.model_dir or None)

    def suggest(self, turn: Utterance, client: Any, situation: str, original_codes: dict[str, Any], *,
                must_beat: float) -> list[dict[str, Any]]:
        """Alternatives for one answer to one client ``turn`` (and its analysis slot), outside a session's pipeline run."""
        bundle = load_bundle(self.tier, self.model_dir or None)
        state = {k: client.client_state[k] for k in ("risk", "zone", "markers", "incongruence") if client.client_state.get(k) is not None}
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
            client_state = slots[j].client_state
            state = {k: client_state[k] for k in ("risk", "zone", "markers", "incongruence") if client_state.get(k) is not None}
            found = candidates(situation, utterances[j], slots[j].codes, state, slots[i].codes, vector, bank)
            items.append((utterances[j].text, state, situation == Situation.RISK, found))
        cut = [was_cut_off(utterances[j], utterances[i]) if i == j + 1 else False for i, j in zip(todo, clients)]
        for i, (_, _, _, found), verdicts in zip(todo, items, judge_candidates(bundle, items, cut_off=cut)):
            slots[i].response["alternatives"] = best_alternatives(
                list(zip(found, verdicts)), must_beat=slots[i].response["attunement"], situation=Situation(slots[i].response["situation"]))
