"""The setting of a session: psychotherapy, counselling, an MI conversation or a brief consultation.

Given by the user (``attune analyze --setting``, the web upload) and kept in
``session.metadata["setting"]``; otherwise inferred by our documented rule (docs/concepts.md):

* ``brief_consult``: at most 40 utterances and at least two mentions of medicines, doses,
  prescriptions or a pharmacy or clinic visit;
* ``mi``: a behaviour to change (drinking, smoking, drugs, weight, exercise, diet, gambling,
  medicines taken as prescribed, blood sugar, teeth, vaccination, the terms of probation or
  community service) named at least five times, or at least three times with an importance or
  confidence ruler or at least two client turns of change talk;
* ``counselling`` otherwise (psychotherapy is not told apart from counselling by its words; say
  it with ``--setting psychotherapy``).

Depth concepts fit psychotherapy and counselling far better than an MI conversation or a
ten-minute consultation: the exploratory space does not look for experiencing stagnation in
``mi`` or ``brief_consult``, pleasing needs more evidence in ``mi`` and is off in
``brief_consult``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis
from ..vocabulary import Setting, TalkType

__all__ = ["SessionSetting", "infer_setting", "DEPTH_FITS"]

_CONSULT = re.compile(r"\b(?:pharmac\w*|prescri\w*|dose|doses|dosage|tablets?|pills?|inhaler|medicines?|medication|side[- ]effects?|"
                      r"blood pressure|repeat prescription|GP|clinic|injection|milligrams?|mg)\b", re.I)
_TARGET = re.compile(r"\b(?:drink\w*|alcohol|beer|wine|pints?|smok\w*|cigarettes?|vap\w*|nicotine|cannabis|weed|drugs?|cocaine|"
                     r"weight|exercis\w*|diet|sugar|gambl\w*|betting|take (?:my|your|the) (?:medication|tablets|pills)|"
                     r"insulin|blood sugar|glucose|floss\w*|brush(?:ing)? (?:your|my) teeth|dentist|vaccin\w*|immuni[sz]\w*|"
                     r"probation|parole|community service|reoffend\w*|curfew|condoms?|gym|workouts?|steps a day|"
                     r"physical activity|more active)\b", re.I)
_RULER = re.compile(r"\b(?:on a scale (?:of|from) (?:0|1|zero|one)|scale of (?:0|1|zero|one) to (?:10|ten)|how important is it|"
                    r"how confident are you)\b", re.I)

#: Whether each depth concept is looked for in each setting.
DEPTH_FITS: dict[Setting, dict[str, bool]] = {
    Setting.PSYCHOTHERAPY: {"stagnation": True, "pleasing": True, "experiencing_shift": True},
    Setting.COUNSELLING: {"stagnation": True, "pleasing": True, "experiencing_shift": True},
    Setting.MI: {"stagnation": False, "pleasing": True, "experiencing_shift": False},
    Setting.BRIEF_CONSULT: {"stagnation": False, "pleasing": False, "experiencing_shift": False},
}


def infer_setting(analysis: Analysis) -> tuple[Setting, list[str]]:
    """The setting the session's words suggest, with the evidence."""
    utterances = analysis.session.utterances
    text = " ".join(u.text for u in utterances)
    consult = _CONSULT.findall(text)
    if len(utterances) <= 40 and len(consult) >= 2:
        return Setting.BRIEF_CONSULT, [f"{len(utterances)} utterances", *dict.fromkeys(w.lower() for w in consult[:4])]
    targets = _TARGET.findall(text)
    change = sum(1 for u, s in zip(utterances, analysis.utterances)
                 if u.role == "client" and s.codes.get("talk_type") == TalkType.CHANGE)
    ruler = _RULER.search(text)
    if len(targets) >= 5 or (len(targets) >= 3 and (ruler or change >= 2)):
        why = ruler.group(0) if ruler else f"{change} change-talk turns" if change >= 2 else f"{len(targets)} mentions"
        return Setting.MI, [*dict.fromkeys(w.lower() for w in targets[:4]), why]
    return Setting.COUNSELLING, ["no brief-consultation or MI pattern (the default)"]


@dataclass
class SessionSetting:
    """``scores.setting``: the setting given by the user, else inferred."""

    name: ClassVar[str] = "setting"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.talk_type",)
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.setting",)

    def __call__(self, analysis: Analysis) -> None:
        given = analysis.session.metadata.get("setting")
        if given:
            found: dict[str, Any] = {"setting": Setting(given), "source": "given", "evidence": []}
        else:
            setting, evidence = infer_setting(analysis)
            found = {"setting": setting, "source": "inferred", "evidence": evidence}
        found["depth_concepts"] = DEPTH_FITS[found["setting"]]
        analysis.scores["setting"] = found
