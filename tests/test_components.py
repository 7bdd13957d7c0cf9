"""The first analysis components, on inputs whose answers are known."""

import pytest

from attunement.analysis.questions import question_form
from attunement.analysis.talk import talk_stats
from attunement.analysis.timing import Timing
from attunement.analysis.valence import valence
from attunement.model import Session, Speaker, Utterance
from attunement.pipeline import Pipeline

T, C = Speaker("T", "therapist"), Speaker("C", "client")


def session(*turns):
    utterances = tuple(Utterance(i, spk, text, start, end) for i, (spk, text, start, end) in enumerate(turns))
    return Session(id="s", source="s", format="text", utterances=utterances, speakers=(T, C))


@pytest.mark.parametrize(
    ("text", "form", "kind", "count"),
    [("How has the week been?", "question", "open", 1),
     ("Did you sleep", "question", "closed", 1),
     ("So what happened then", "question", "open", 1),
     ("Tell me more about that.", "question", "open", 1),
     ("I wonder what that was like for you.", "question", "open", 1),
     ("It was hard, right?", "question", "closed", 1),
     ("Okay. And how did that feel? Did you tell her?", "question", "open", 2),
     ("You felt alone.", "statement", None, 0),
     ("What you said stayed with me.", "statement", None, 0),
     ("I don't know what I want.", "statement", None, 0),
     ("", "statement", None, 0)],
)
def test_question_detector(text, form, kind, count):
    got = question_form(text)
    assert got[:3] == (form, kind, count)
    assert 0 < got[3] <= 1


@pytest.mark.parametrize(
    ("text", "sign"),
    [("I am happy", 1), ("I am not happy", -1), ("I'm not okay", -1), ("I don't feel good", -1),
     ("I can't breathe, it's too much", -1), ("I feel so overwhelmed", -1), ("my chest gets tight", -1),
     ("Yeah.", 0), ("Okay, yeah, like, sure.", 0), ("", 0)],
)
def test_valence_sign(text, sign):
    value, _ = valence(text)
    assert (value > 0.05) - (value < -0.05) == sign


@pytest.mark.parametrize("text", ["no problems", "I have no problems at all", "nothing bad happened",
                                  "I never feel sad about it"])
def test_negated_negatives_are_not_negative(text):
    assert valence(text)[0] >= 0


def test_not_happy_is_weaker_than_sad():
    assert valence("I am sad")[0] < valence("I am not happy")[0] < 0


def test_but_clause_weighs_more():
    assert valence("I was happy but now I am sad")[0] < 0 < valence("I was sad but now I am happy")[0]


def test_valence_evidence_spans_point_at_the_words():
    text = "Honestly I feel hopeless and tired."
    _, evidence = valence(text)
    assert {text[e["start"]:e["end"]] for e in evidence} == {e["word"] for e in evidence} >= {"hopeless", "tired"}


def test_talk_stats_known_answer():
    stats = talk_stats([10, 30, 10, 50], ["therapist", "client", "therapist", "client"])
    assert stats["therapist"]["share_words"] == 0.2 and stats["client"]["share_words"] == 0.8
    assert stats["client"]["mean_words"] == 40 and stats["therapist"]["max_words"] == 10
    assert stats["therapist"]["share_turns"] == 0.5 and "other" not in stats


def test_measured_pauses_and_latency():
    s = session((T, "How are you?", 0.0, 2.0), (C, "Fine.", 7.0, 8.0), (T, "Good.", 8.5, 9.0))
    analysis = Pipeline([Timing(long_pause_s=3.0)])(s)
    assert [u.timing["pause_before"] for u in analysis.utterances] == [None, 5.0, 0.5]
    assert [u.timing["long_pause"] for u in analysis.utterances] == [False, True, False]
    silence = analysis.scores["silence"]
    assert silence["available"] and not silence["estimated"]
    assert silence["longest"] == {"seconds": 5.0, "before_index": 1}
    assert silence["median_latency_s"] == {"therapist": 0.5, "client": 5.0}
    assert silence["speech_rate_wpm"]["therapist"] == pytest.approx(60 * 4 / 2.5)


def test_estimated_pauses_from_start_times_only():
    five_words = "one two three four five"
    s = session((T, five_words, 0.0, None), (C, five_words, 10.0, None), (T, "ok", 12.5, None))
    analysis = Pipeline([Timing(long_pause_s=3.0, words_per_second=2.5)])(s)
    assert [u.timing["pause_before"] for u in analysis.utterances] == [None, 8.0, 0.5]
    assert analysis.utterances[1].timing["pause_estimated"] is True
    assert analysis.scores["silence"]["estimated"] is True


def test_no_times_no_claims():
    s = session((T, "Hi (long pause) there", None, None), (C, "Hi", None, None))
    analysis = Pipeline([Timing()])(s)
    silence = analysis.scores["silence"]
    assert silence["available"] is False and "no time stamps" in silence["reason"]
    assert all(u.timing["pause_before"] is None for u in analysis.utterances)
