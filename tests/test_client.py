"""Client-side analysis on inputs with known answers: cues, experiencing, band, episodes, incongruence, markers."""

import numpy as np
import pytest

from attunement.analysis.client_state import smooth
from attunement.analysis.cues import find_cues
from attunement.analysis.experiencing import experiencing_stage
from attunement.analysis.incongruence import find_incongruence
from attunement.analysis.relational import relational_markers
from attunement.analysis.space import _runs, estimate_band
from attunement.model import Annotation, Speaker, Utterance

C, T = Speaker("C", "client"), Speaker("T", "therapist")


def cues_of(text, cues=(), timing=None, codes=None, previous=None):
    u = Utterance(1, C, text, annotations=tuple(Annotation(label, f"[{label}]", pos) for label, pos in cues))
    return {(c["channel"], c["kind"]) for c in find_cues(u, timing=timing or {}, codes=codes or {}, previous=previous)}


@pytest.mark.parametrize(("text", "annotations", "expected"), [
    ("Maybe I'm just overreacting, I don't know.", [], ("cognitive", "self_doubt")),
    ("I don't know what I want anymore.", [], ("cognitive", "confusion")),
    ("Objectively it makes sense given my attachment style.", [], ("cognitive", "intellectualising")),
    ("My chest gets really tight when she calls.", [], ("somatic", "sensation")),
    ("I can't breathe.", [], ("somatic", "sensation")),
    ("It was hard.", [("crying", 0)], ("somatic", "annotated")),
    ("I feel safe here.", [("fidgeting with her sleeve", 4)], ("behavioural", "fidgeting")),
    ("It's fine.", [("laughs nervously", 0)], ("behavioural", "nervous_laughter")),
    ("Anyway, it doesn't matter.", [], ("behavioural", "deflection")),
    ("I can't— I just— it's too much.", [], ("verbal", "fragmentation")),
    ("Um, I, I don't, um, know.", [], ("verbal", "disfluency")),
    ("I feel nothing, just numb.", [], ("emotional", "flatness")),
    ("Is that what you mean? Sorry.", [], ("relational", "pleasing")),
    ("I feel so alone since she left.", [], ("relational", "bid")),
])
def test_cue_channels(text, annotations, expected):
    assert expected in cues_of(text, annotations)


def test_negated_feeling_is_not_a_cue():
    assert ("relational", "bid") not in cues_of("I'm not sad about it, I feel okay.")
    assert ("emotional", "distress") not in cues_of("I'm not scared of him any more.")


def test_cues_keep_their_evidence_span():
    u = Utterance(0, C, "Honestly my stomach drops every time.")
    cue = next(c for c in find_cues(u, timing={}, codes={}, previous=None) if c["kind"] == "sensation")
    assert u.text[cue["start"]:cue["end"]] == cue["evidence"] == "my stomach drops"


def test_timing_and_structure_cues():
    question = Utterance(0, T, "How did that feel for you?")
    found = cues_of("Fine.", timing={"long_pause": True, "pause_before": 9.0}, previous=question)
    assert {("behavioural", "long_pause"), ("verbal", "short_answer")} <= found


def test_model_emotion_becomes_an_emotional_cue_with_intensity():
    u = Utterance(0, C, "He's gone.")
    cues = find_cues(u, timing={}, codes={"emotions": {"grief": 0.8, "neutral": 0.1}, "arousal": 0.5}, previous=None)
    cue = next(c for c in cues if c["source"] == "model")
    assert cue["kind"] == "grief" and cue["intensity"] == pytest.approx(0.8)


@pytest.mark.parametrize(("text", "stage"), [
    ("We had the stock audit on Tuesday so everyone was running around.", 1),
    ("I drove my sister to the airport at four.", 2),
    ("It was annoying, the whole thing.", 3),
    ("I feel so alone when she leaves.", 4),
    ("Part of me wonders why I feel so scared of him.", 5),
    ("Right now I notice my chest is tight, like something is shifting as I say it.", 6),
    ("I realise I've always felt I had to please everyone, and I wonder why I feel so sad about it.", 7),
])
def test_experiencing_stage_known_answers(text, stage):
    assert experiencing_stage(text)[0] == stage


def test_band_from_engaged_turns_and_not_enough_evidence():
    arousal = np.array([0.3, 0.35, 0.4, 0.45, 0.5, 0.9, 0.1])
    engaged = np.array([True, True, True, True, True, False, False])
    band = estimate_band(arousal, engaged)
    assert 0.3 <= band["lo"] < band["hi"] <= 0.5 and band["basis"].startswith("engaged")
    assert estimate_band(arousal[:3], engaged[:3])["basis"] == "not enough evidence"


def test_band_falls_back_to_the_median_and_is_never_a_sliver():
    arousal = np.array([0.5] * 8)
    band = estimate_band(arousal, np.zeros(8, dtype=bool))
    assert band["hi"] - band["lo"] >= 0.099 and band["lo"] < 0.5 < band["hi"]


def test_runs_join_one_turn_gaps():
    assert _runs([True, False, True, False, False, True]) == [(0, 2), (5, 5)]
    assert _runs([True, False, True], gap=0) == [(0, 0), (2, 2)]


def test_smooth_known_answer():
    np.testing.assert_allclose(smooth(np.array([0.0, 3.0, 0.0, 3.0]), window=3), [1.5, 1.0, 2.0, 1.5])


def test_incongruence_needs_both_sides():
    fidget = [{"channel": "behavioural", "kind": "fidgeting", "evidence": "[fidgeting]"}]
    found = find_incongruence("I feel really safe with you, it's fine.", fidget, {})
    assert found["said"] and found["shown"][0]["kind"] == "fidgeting"
    assert find_incongruence("I feel really safe with you.", [], {"emotions": {"joy": 0.6}}) is None
    assert find_incongruence("It was awful.", fidget, {}) is None
    tears = find_incongruence("I'm fine, honestly.", [], {"emotions": {"sadness": 0.7}})
    assert tears["shown"][0]["kind"] == "sadness"


def test_relational_markers():
    state = {"cues": [{"channel": "relational", "kind": "pleasing", "evidence": "is that what you mean"},
                      {"channel": "cognitive", "kind": "confusion", "evidence": "I don't know what I want"}],
             "experiencing": 2}
    markers = relational_markers(state, {})
    assert set(markers) == {"pleasing", "detachment"}
    bid = relational_markers({"cues": [], "experiencing": 4}, {"emotions": {"sadness": 0.6}})
    assert "emotional_bid" in bid
