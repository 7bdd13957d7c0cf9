"""Splits, metrics, MITI summary, behaviour patterns and the language check: known answers."""

import numpy as np
import pytest

from attunement.analysis.behaviour_rules import affirmation, self_disclosure
from attunement.analysis.coder import context_of
from attunement.analysis.miti import miti_summary
from attunement.model import Speaker, Utterance
from attunement.models.language import is_probably_english
from attunement.training.evaluate import bootstrap_ci, ece, kappa, macro_f1, per_class_f1
from attunement.training.splits import group_split


def test_group_split_keeps_groups_whole_and_is_stable():
    groups = [f"t{i // 7}" for i in range(7 * 200)]
    split = group_split(groups)
    for g in set(groups):
        assert len({s for s, h in zip(split, groups) if h == g}) == 1
    assert list(split) == list(group_split(list(reversed(groups))))[::-1]
    shares = {s: np.mean(split == s) for s in ("train", "val", "test")}
    assert 0.6 < shares["train"] < 0.8 and 0.05 < shares["val"] < 0.16 and 0.13 < shares["test"] < 0.28


def test_metrics_known_answers():
    y = ["a", "a", "b", "b"]
    assert macro_f1(y, y, ["a", "b"]) == 1.0
    assert per_class_f1(y, ["a", "b", "b", "b"], ["a", "b"]) == pytest.approx({"a": 2 / 3, "b": 0.8})
    assert kappa(y, y) == 1.0 and kappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == -1.0
    assert ece(np.array([0.9, 0.9]), np.array([1, 1])) == pytest.approx(0.1)
    assert ece(np.array([0.6] * 10), np.array([1] * 6 + [0] * 4)) == pytest.approx(0.0)
    lo, hi = bootstrap_ci(lambda a, b: float(np.mean(a == b)), np.array(y * 10), np.array(y * 10), [str(i) for i in range(40)], n=50)
    assert lo == hi == 1.0


def test_miti_summary_known_answer():
    codes = ["reflection_complex", "reflection_complex", "reflection_simple", "question_open", "question_closed", "advice"]
    summary = miti_summary(codes)
    assert summary["percent_complex_reflections"]["value"] == pytest.approx(66.7)
    assert summary["percent_complex_reflections"]["band"] == "good"
    assert summary["reflection_to_question"]["value"] == 1.5
    assert summary["reflection_to_question"]["band"] == "fair"
    assert summary["relational"]["value"] is None and "not estimated" in summary["relational"]["reason"]
    assert miti_summary([])["reflection_to_question"]["reason"] == "no questions coded"


@pytest.mark.parametrize(("text", "found"), [("It takes real courage to say that.", True),
                                             ("You've worked so hard on this.", True),
                                             ("Good for you.", True), ("That's a lot to carry.", False)])
def test_affirmation_patterns(text, found):
    assert (affirmation(text) is not None) == found


@pytest.mark.parametrize(("text", "found"), [("When I was your age I felt the same.", True),
                                             ("In my own experience, grief comes in waves.", True),
                                             ("What was that like for you?", False)])
def test_self_disclosure_patterns(text, found):
    assert (self_disclosure(text) is not None) == found


VOCAB = frozenset("i feel really safe with you honestly milk batteries ring sam stress deadlines emails meetings more".split())


@pytest.mark.parametrize(("text", "english"), [
    ("I feel really safe with you, honestly.", True), ("Milk, batteries, ring Sam.", True), ("Yeah.", True),
    ("我今天感觉很难过", False), ("Je ne sais pas ce que je veux vraiment dans ma vie.", False)])
def test_language_check(text, english):
    assert is_probably_english(text, VOCAB) == english


def test_context_is_the_other_roles_last_turn():
    t, c = Speaker("T", "therapist"), Speaker("C", "client")
    us = tuple(Utterance(i, s, w) for i, (s, w) in enumerate([(c, "one"), (t, "two"), (t, "three"), (c, "four")]))
    assert [context_of(us, i) for i in range(4)] == ["", "one", "one", "three"]
