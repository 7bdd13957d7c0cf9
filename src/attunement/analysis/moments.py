"""The session's moments that matter, ranked by clinical weight, each with its quote and a specific reason.

Candidates and their weight (ours, docs/concepts.md), highest first: risk (1.2); overwhelm (1.0);
shutdown (0.9); incongruence (0.5 + 0.45 × its confidence); an emotional bid answered with facts,
advice or reassurance (0.85) or met (0.55); the client's own reason for change (0.7);
a rupture — the client protesting at the therapist or the work — left unrepaired (0.9) or
repaired (0.6), and the repair itself on the therapist's turn (0.6); an interruption (0.65);
compliance after a directive (0.65); pleasing (0.45); the start of a
stagnation stretch (0.4); a shift of two or more experiencing stages (0.35). Nothing is listed
from a client turn of three words or fewer (compliance is anchored on the directive that the
minimal agreement answers). One moment per utterance (its other reasons in ``also``); at most
``per_kind`` of one kind, the rest counted in ``scores.moment_counts``; at most ``limit`` in all.
Every reason names what happened there: the words, the signs, and what the therapist did next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Behaviour, MomentKind, TalkType
from .tokens import quoted, words

__all__ = ["Moments"]

_EPISODE_WEIGHT = {"overwhelm": 1.0, "shutdown": 0.9, "stagnation": 0.4}
_DIRECTIVES = ("order", "advise_without_permission", "warn", "argue")
#: Words of desire, ability, reason, need or commitment (MI's DARN-CAT): a change-talk moment needs one,
#: so that a coder's guess on a turn without them ("her, I guess") is not listed as the client's own reason.
_DARN_CAT = re.compile(r"\b(?:want|wanna|wish|would like|'d like|need|have to|got to|gotta|should|could|can|able|going to|gonna|"
                       r"will|'ll|plan\w*|ready|try|trying|better|worse|reason|because|cause|'cause|quit|stop|cut (?:down|back)|"
                       r"start|change|healthier|important|matters?|worried|scared|afraid|sick of)\b", re.I)
#: Sustain talk or a hedge that takes the reason back ("I'll be here if I have to, but I can't make any promises").
_TAKEN_BACK = re.compile(r"\b(?:can'?t (?:make any )?promise|but i (?:can'?t|won'?t|don'?t|doubt)|i don'?t (?:think i (?:can|will|could)|"
                         r"want to (?:stop|quit|change|cut))|no way (?:i|am i)|if i have to)\b", re.I)


def _answered(analysis: Analysis, reply: int | None) -> str:
    """What the therapist's answer was and what it did, in a sentence ("" when none followed)."""
    if reply is None or "marker" not in analysis.utterances[reply].response:
        return ""
    answer = analysis.utterances[reply].response
    return (f"The answer (#{reply}, {quoted(analysis.session.utterances[reply].text, 60)}): {answer['why']} "
            f"({answer['marker']}).")


@dataclass
class Moments:
    """Ranks the moments a supervisor would want to look at (risk, episodes, bids, change talk…)."""

    limit: int = 12
    per_kind: int = 3

    name: ClassVar[str] = "moments"
    requires: ClassVar[tuple[str, ...]] = ("session.episodes", "utterance.client_state.experiencing",
                                           "utterance.client_state.incongruence", "utterance.client_state.markers",
                                           "utterance.client_state.risk", "utterance.codes.backchannel",
                                           "utterance.codes.roadblocks", "utterance.codes.behaviour", "session.scores.risk",
                                           "session.scores.setting", "utterance.response.interruption",
                                           "utterance.response.answers", "utterance.response.marker", "utterance.response.situation",
                                           "utterance.response.parts", "utterance.response.why",
                                           "utterance.response.missed_empathic_opportunity", "utterance.codes.talk_type",
                                           "utterance.codes.talk_type_confidence")
    assigns: ClassVar[tuple[str, ...]] = ("session.moments", "session.scores.moment_counts")

    def __post_init__(self) -> None:
        if self.limit < 1 or self.per_kind < 1:
            raise ValueError("limit and per_kind must be 1 or more")

    def __call__(self, analysis: Analysis) -> None:
        replies: dict[int, int] = {}
        for i, slot in enumerate(analysis.utterances):  # the first therapist turn that answers each client turn
            if "answers" in slot.response:
                replies.setdefault(slot.response["answers"], i)
        found = (self._episodes(analysis) + self._risks(analysis) + self._client_turns(analysis, replies)
                 + self._interruptions(analysis) + self._compliance(analysis) + self._ruptures(analysis, replies))
        found.sort(key=lambda m: (-m["score"], m["index"]))
        merged: dict[int, dict[str, Any]] = {}
        for moment in found:  # one moment per utterance: the strongest reason, the others listed beside it
            if moment["index"] in merged:
                merged[moment["index"]].setdefault("also", []).append(moment["kind"])
            else:
                merged[moment["index"]] = moment
        counts: dict[str, dict[str, int]] = {}
        kept = []
        for moment in merged.values():
            count = counts.setdefault(str(moment["kind"]), {"found": 0, "listed": 0})
            count["found"] += 1
            if count["listed"] < self.per_kind and len(kept) < self.limit:
                count["listed"] += 1
                kept.append(moment)
        for rank, moment in enumerate(kept, start=1):
            moment["rank"] = rank
        analysis.moments.extend(kept)
        analysis.scores["moment_counts"] = counts

    def _episodes(self, analysis: Analysis) -> list[dict[str, Any]]:
        out = []
        for e in analysis.episodes:
            signs = ", ".join(list(dict.fromkeys(str(x.get("evidence", "")).strip() for x in e["evidence"] if x.get("channel")
                                                 and sum(ch.isalpha() for ch in str(x.get("evidence", ""))) >= 3))[:4])
            span = f"#{e['start']}" if e["start"] == e["end"] else f"#{e['start']}–{e['end']}"
            why = {"overwhelm": f"From {span} the client floods ({signs or 'several signs at once'}), above their own band. "
                                "Slowing and grounding keep the material workable; probing does not.",
                   "shutdown": f"From {span}, after distress, the client goes flat or into explanation ({signs or 'withdrawal'}): "
                               "a protective shutdown. Noticing it gently helps more than pushing on.",
                   "stagnation": f"{len(e['utterances'])} client turns ({span}) of surface talk with little feeling: "
                                 "a gentle nudge toward experience may be needed."}[str(e["kind"])]
            out.append(self._moment(analysis, e["start"], e["kind"], _EPISODE_WEIGHT[str(e["kind"])],
                                    {"episode": [e["start"], e["end"]], "peak": e["peak"]}, why=why))
        return out

    def _risks(self, analysis: Analysis) -> list[dict[str, Any]]:
        out = []
        for flag in analysis.scores["risk"]["flags"]:
            followed = (f"The therapist asked about it at #{flag['follow_up_index']}." if flag["followed_up"]
                        else "The next therapist turns did not ask about it: the worst miss.")
            why = (f"The client speaks of {str(flag['kind']).replace('_', ' ')} ({quoted(flag['evidence'], 60)}). "
                   f"Risk comes first: ask directly about thoughts, plans and safety. {followed}")
            out.append(self._moment(analysis, flag["index"], MomentKind.RISK, 1.2,
                                    {"kind": flag["kind"], "evidence": flag["evidence"], "followed_up": flag["followed_up"]},
                                    why=why))
        return out

    def _client_turns(self, analysis: Analysis, replies: dict[int, int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        shifts = analysis.scores["setting"]["depth_concepts"]["experiencing_shift"]
        previous_stage = None
        for i, (u, slot) in enumerate(zip(analysis.session.utterances, analysis.utterances)):
            if u.role != "client":
                continue
            state, codes = slot.client_state, slot.codes
            stage = state["experiencing"]
            if len(words(u.text)) <= 3 or codes.get("backchannel"):
                previous_stage = stage
                continue
            reply = replies.get(i)
            answer = analysis.utterances[reply].response if reply is not None else {}
            out += self._incongruence(analysis, i, state, reply) + self._bid(analysis, i, state, reply, answer)
            if codes.get("talk_type") == TalkType.CHANGE and codes.get("talk_type_confidence", 0) >= 0.5 and len(words(u.text)) >= 6 \
                    and _DARN_CAT.search(u.text) and not _TAKEN_BACK.search(u.text):
                met = _answered(analysis, reply)
                out.append(self._moment(analysis, i, MomentKind.CHANGE_TALK, 0.7, {"talk_type": "change"},
                                        why=f"The client gives their own reason for change: {quoted(u.text)} Reflecting it "
                                            f"back and asking for more strengthens it. {met}".strip()))
            if "pleasing" in state.get("markers", {}):
                evidence = "; ".join(state["markers"]["pleasing"]["evidence"][:2])
                out.append(self._moment(analysis, i, MomentKind.PLEASING, 0.45, {"evidence": state["markers"]["pleasing"]["evidence"]},
                                        why=f"The client checks for approval or agrees quickly ({quoted(evidence, 50)}): a "
                                            "possible enactment of pleasing others, worth naming between you."))
            if shifts and previous_stage is not None and abs(stage - previous_stage) >= 2:
                direction = "deeper into their own experience" if stage > previous_stage else "away from their experience"
                out.append(self._moment(analysis, i, MomentKind.EXPERIENCING_SHIFT, 0.35, {"from": previous_stage, "to": stage},
                                        why=f"The client moves {direction} (stage {previous_stage} → {stage}): {quoted(u.text)}"))
            previous_stage = stage
        return out

    def _incongruence(self, analysis: Analysis, i: int, state: dict[str, Any], reply: int | None) -> list[dict[str, Any]]:
        if "incongruence" not in state:
            return []
        said = "; ".join(state["incongruence"]["said"][:2])
        shown = ", ".join(str(s.get("evidence", "")) for s in state["incongruence"]["shown"][:2])
        return [self._moment(analysis, i, MomentKind.INCONGRUENCE, 0.5 + 0.45 * state["incongruence"]["confidence"],
                             {"said": state["incongruence"]["said"], "shown": state["incongruence"]["shown"]},
                             why=f"The client says {quoted(said, 50)} while showing {shown}. Mirroring both sides softly "
                                 "can let the unexpressed part be voiced.")]

    def _bid(self, analysis: Analysis, i: int, state: dict[str, Any], reply: int | None,
             answer: dict[str, Any]) -> list[dict[str, Any]]:
        if "emotional_bid" not in state.get("markers", {}):
            return []
        evidence = state["markers"]["emotional_bid"]["evidence"]
        words_of_bid = str(evidence[0]) if "(model)" not in str(evidence[0]) and "feeling shown" not in str(evidence[0]) \
            else analysis.session.utterances[i].text
        missed = bool(answer.get("missed_empathic_opportunity"))
        then = _answered(analysis, reply)
        return [self._moment(analysis, i, MomentKind.EMOTIONAL_BID, 0.85 if missed else 0.55, {"evidence": evidence, "missed": missed},
                             why=f"The client offers a feeling ({quoted(words_of_bid, 60)}) and invites a response. {then}")]

    def _ruptures(self, analysis: Analysis, replies: dict[int, int]) -> list[dict[str, Any]]:
        """A protest at the therapist or the work, and whether the next answer repaired it (response fit)."""
        out = []
        for i, slot in enumerate(analysis.utterances):
            rupture = slot.client_state.get("markers", {}).get("rupture") if analysis.session.utterances[i].role == "client" else None
            if not rupture:
                continue
            reply = replies.get(i)
            answer = analysis.utterances[reply].response if reply is not None else {}
            repaired = answer.get("situation") == "rupture" and answer["parts"]["fit"] >= 0.8
            then = _answered(analysis, reply)
            out.append(self._moment(analysis, i, MomentKind.RUPTURE, 0.6 if repaired else 0.9,
                                    {"evidence": rupture["evidence"], "repaired": repaired, "response": reply},
                                    why=f"The client protests at the therapist or the work ({quoted(rupture['evidence'][0], 50)}): "
                                        f"a rupture in the alliance. Hearing it without defending repairs it. {then}"))
            if repaired:
                out.append(self._moment(analysis, reply, MomentKind.REPAIR, 0.6, {"rupture": i},  # type: ignore[arg-type]
                                        why=f"After the client's protest at #{i}, the therapist {answer['why']}: "
                                            "a repair, which often strengthens the alliance."))
        return out

    def _interruptions(self, analysis: Analysis) -> list[dict[str, Any]]:
        out = []
        for i, slot in enumerate(analysis.utterances):
            if slot.response.get("interruption"):
                cut = slot.response["answers"]
                out.append(self._moment(analysis, cut, MomentKind.INTERRUPTION, 0.65, {"response": i},
                                        why=f"The client was cut off mid-sentence ({quoted(analysis.session.utterances[cut].text, 60)}) "
                                            f"and the therapist changed course at #{i}: what they were about to say is lost."))
        return out

    def _compliance(self, analysis: Analysis) -> list[dict[str, Any]]:
        """Two or more minimal agreements in a row right after a directive, anchored on the directive."""
        out, utterances, slots = [], analysis.session.utterances, analysis.utterances
        for i, (u, slot) in enumerate(zip(utterances, slots)):
            directive = u.role == "therapist" and (
                any(str(b["kind"]) in _DIRECTIVES for b in slot.codes.get("roadblocks", []))
                or slot.codes.get("behaviour") == Behaviour.PERSUADE)
            if not directive:
                continue
            answers = [j for j in range(i + 1, min(len(utterances), i + 6)) if utterances[j].role == "client"]
            agreed = [j for j in answers if slots[j].codes.get("backchannel")]
            if len(agreed) >= 2 and agreed == answers[: len(agreed)]:
                quotes = ", ".join(quoted(utterances[j].text, 20) for j in agreed[:3])
                out.append(self._moment(analysis, i, MomentKind.COMPLIANCE, 0.65, {"directive": i, "agreement": agreed},
                                        why=f"The therapist decided for the client ({quoted(u.text, 70)}) and the client only "
                                            f"agreed ({quotes}): compliance, not commitment. Eliciting their own plan works better."))
        return out

    @staticmethod
    def _moment(analysis: Analysis, index: int, kind: str, score: float, detail: dict[str, Any], *, why: str) -> dict[str, Any]:
        u = analysis.session.utterances[index]
        return {"index": index, "kind": kind, "score": round(score, 3), "quote": u.text,
                "nonverbal": [c.label for c in u.annotations], "why": why, "detail": detail}
