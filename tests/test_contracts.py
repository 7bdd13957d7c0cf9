"""One contract for every estimator and every shipped model (scikit-learn style)."""

import inspect
import warnings

import numpy as np
import pytest

from attunement.errors import AttunementWarning
from attunement.model import Session, Speaker, Utterance
from attunement.models.bundle import TIERS, load_bundle
from attunement.models.heads import HEADS, NotFittedError, head_from_arrays
from attunement.pipeline import Pipeline
from attunement.analysis import COMPONENTS, Coder
from attunement.testing import HEAD_TARGETS, check_component, check_head

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("kind", list(HEADS))
def test_estimator_contract(kind):
    check_head(HEADS[kind], HEAD_TARGETS[kind])


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_component_contract(name):
    check_component(COMPONENTS[name]())


def test_check_component_catches_an_undeclared_read():
    from dataclasses import dataclass
    from typing import ClassVar

    from attunement.errors import PipelineError

    @dataclass
    class Peeks:
        name: ClassVar[str] = "peeks"
        requires: ClassVar[tuple[str, ...]] = ("utterance.codes.question_count",)
        assigns: ClassVar[tuple[str, ...]] = ("session.scores.talk",)

        def __call__(self, analysis):
            analysis.scores["talk"] = [u.codes.get("behaviour") for u in analysis.utterances]

    with pytest.raises(PipelineError, match="does not declare"):
        check_component(Peeks(), upstream=[COMPONENTS["questions"](), COMPONENTS["coder"]()])


def test_calibration_lowers_overconfidence():
    y = np.where(RNG.random(400) < 0.7, "a", "b")
    Z = RNG.normal(size=(400, 4)).astype(np.float32)
    head = HEADS["softmax"](C=100.0).fit(Z, y)
    head.coef_ *= 20  # make it wildly overconfident
    head.calibrate(Z, y)
    assert head.temperature_ > 5


SESSION = Session(id="c", source="c", format="text", speakers=(Speaker("T", "therapist"), Speaker("C", "client")),
                  utterances=tuple(Utterance(i, s, t) for i, (s, t) in enumerate([
                      (Speaker("T", "therapist"), "What brings you here today?"),
                      (Speaker("C", "client"), "I want to stop drinking so much, it's hurting my family."),
                      (Speaker("T", "therapist"), "You're worried about what it's doing to them."),
                      (Speaker("C", "client"), ""),
                      (Speaker("T", "therapist"), "word " * 2000),
                  ])))


@pytest.fixture(params=TIERS)
def coder(request):
    return Coder(tier=request.param)


def test_models_load_offline_and_are_deterministic(coder, no_network):
    load_bundle.cache_clear()
    first = Pipeline([coder])(SESSION)
    second = Pipeline([coder])(SESSION)
    assert [u.codes for u in first.utterances] == [u.codes for u in second.utterances]
    assert no_network == []


def test_every_code_has_a_calibrated_confidence_in_range(coder):
    analysis = Pipeline([coder])(SESSION)
    therapist = analysis.utterances[2].codes
    assert therapist["behaviour_group"] in ("question", "reflection", "therapist_input", "other")
    for key in ("behaviour_confidence", "behaviour_group_confidence", "strategy_confidence", "perceived_empathy_confidence"):
        assert 0 <= therapist[key] <= 1
    for mechanism in therapist["empathy"].values():
        assert mechanism["level"] in (0, 1, 2) and 0 <= mechanism["confidence"] <= 1
    client = analysis.utterances[1].codes
    assert client["talk_type"] in ("change", "neutral", "sustain") and 0 <= client["talk_type_confidence"] <= 1
    assert -1 <= client["valence"] <= 1 and 0 <= client["arousal"] <= 1
    assert all(0 <= p <= 1 for p in client["emotions"].values())


def test_empty_and_very_long_utterances_are_coded(coder):
    analysis = Pipeline([coder])(SESSION)
    assert analysis.utterances[3].codes["talk_type"]
    assert analysis.utterances[4].codes["behaviour_group"]


def test_non_english_gets_a_warning_and_low_confidence(coder):
    t, c = Speaker("T", "therapist"), Speaker("C", "client")
    texts = [(t, "¿Qué te trae por aquí hoy, y cómo te sientes con eso?"),
             (c, "No sé qué quiero, me siento muy perdida y cansada de todo."),
             (t, "Was bringt Sie heute zu mir, und wie geht es Ihnen damit?")]
    session = Session(id="x", source="x", format="text", speakers=(t, c),
                      utterances=tuple(Utterance(i, s, w) for i, (s, w) in enumerate(texts)))
    with pytest.warns(AttunementWarning, match="do not look like English"):
        analysis = Pipeline([coder])(session)
    for slot in analysis.utterances:
        assert slot.codes["language"] == "not English?"
        confidence = slot.codes.get("behaviour_group_confidence", slot.codes.get("talk_type_confidence"))
        assert confidence <= 0.5


def test_english_speech_is_not_flagged(coder, examples):
    import attunement

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = attunement.read_session(examples / "pleasing-and-fidgeting.txt")
    analysis = Pipeline([coder])(session)
    assert not [s for s in analysis.utterances if "language" in s.codes]
