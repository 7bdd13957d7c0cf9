"""The therapist side: synchrony functions with known answers, response judgements, pairs, profile, notes."""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import attunement
from attunement.analysis.moves import find_moves
from attunement.analysis.response import judge_response, situation_of
from attunement.analysis.synchrony import lagged_correlation, lsm, turn_rhythm
from attunement.cli import cli
from attunement.errors import TranscriptError
from attunement.readers.notes import read_notes

from .conftest import write

VIGNETTES = Path(__file__).parent / "vignettes"
PAIRS = json.loads((VIGNETTES / "pair_expectations.json").read_text())


def test_lsm_known_answers():
    same = "i am not sure that we can do it".split()
    assert lsm(same, same) == 1.0
    assert lsm("the a an the".split(), "i you we they".split()) == pytest.approx(7 / 9, abs=1e-3)  # two categories differ, seven are both empty
    assert 0 < lsm("i am so sad".split(), "the dog of the house is sad".split()) < 1


def test_lagged_correlation_finds_the_leader():
    rng = np.random.default_rng(3)
    x = rng.normal(size=60)
    y = np.roll(x, 1) + 0.1 * rng.normal(size=60)  # y follows x by one step
    result = lagged_correlation(x, y, max_lag=2, surrogates=200)
    assert result["best_lag"] == 1 and result["leader"] == "x" and result["p"] < 0.05 and result["best_r"] > 0.8
    noise = lagged_correlation(rng.normal(size=60), rng.normal(size=60), surrogates=200)
    assert noise["leader"] is None
    assert lagged_correlation(np.ones(10), np.arange(10.0))["r"] is None  # no variation: no claim


def test_turn_rhythm_known_answers():
    assert turn_rhythm(np.array([5.0, 5.0, 5.0]))["turn_length_cv"] == 0.0
    assert turn_rhythm(np.array([1.0, 3.0]), np.array([1.0, 1.0]))["latency_cv"] == 0.0


@pytest.mark.parametrize(("text", "move"), [
    ("Let's take a moment. Feel your feet on the floor.", "grounding"),
    ("How is it to tell me this, right here with me?", "immediacy"),
    ("I notice your hands are moving while you say that.", "noticing_body"),
    ("Of course you feel that way. It makes sense.", "validation"),
    ("I'm really moved hearing that.", "self_involving"),
    ("Would it be okay if I shared an idea?", "permission"),
    ("You should just tell her how you feel.", "steering"),
    ("Don't worry, it'll be fine.", "reassurance"),
])
def test_therapist_moves(text, move):
    assert move in find_moves(text)


def test_situation_priority():
    assert situation_of({"zone": "overwhelm", "incongruence": {}}) == "overwhelm"
    assert situation_of({"zone": "within", "markers": {"emotional_bid": {}, "pleasing": {}}}) == "emotional_bid"
    assert situation_of({"zone": "within"}) == "none"


def test_grounding_beats_pushing_on_overwhelm():
    state = {"zone": "overwhelm"}
    grounding = judge_response("Let's slow down. Feel your feet on the floor, and take a breath with me.",
                               {"behaviour": "other", "question_count": 0}, "I can't— I can't breathe", state)
    pushing = judge_response("What happened next? Who else was there? Why do you think that is?",
                             {"behaviour": "question_open", "question_count": 3}, "I can't— I can't breathe", state)
    assert grounding["attunement"] > pushing["attunement"]
    assert grounding["marker"] == "attuned" and pushing["marker"] == "misattuned"


def test_missed_empathic_opportunity_is_flagged():
    state = {"zone": "within", "markers": {"emotional_bid": {"evidence": ["I feel so alone"]}}}
    advice = judge_response("You should join a club.", {"behaviour": "advice", "question_count": 0}, "I feel so alone", state)
    assert advice.get("missed_empathic_opportunity") is True


@pytest.fixture(scope="module")
def pair_scores():
    scores = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pair in PAIRS:
            for kind in ("attuned", "misattuned"):
                analysis = attunement.analyze(VIGNETTES / f"{pair['pair']}-{kind}.txt")
                by_line = {u.line: slot.response for u, slot in zip(analysis.session.utterances, analysis.utterances)}
                keys = [by_line[line]["attunement"] for line in pair["key_lines"] if "attunement" in by_line.get(line, {})]
                scores[(pair["pair"], kind)] = (np.mean(keys) if keys else None, analysis.scores["attunement_index"])
    return scores


@pytest.mark.parametrize("pair", PAIRS, ids=[p["pair"] for p in PAIRS])
def test_attuned_version_scores_higher_in_every_pair(pair, pair_scores):
    attuned, misattuned = pair_scores[(pair["pair"], "attuned")], pair_scores[(pair["pair"], "misattuned")]
    assert attuned[0] is not None and misattuned[0] is not None
    assert attuned[0] > misattuned[0], f"responses: {attuned[0]:.3f} vs {misattuned[0]:.3f}"
    if attuned[1] is None or misattuned[1] is None:  # short excerpts: the index says "not enough evidence"
        assert attuned[1] is None and misattuned[1] is None
    else:
        assert attuned[1] > misattuned[1], f"index: {attuned[1]} vs {misattuned[1]}"


def test_profile_says_not_enough_evidence(tiny_session):
    scores = attunement.analyze(tiny_session).scores
    assert scores["style_axis"] is None and "not enough evidence" in scores["style_axis_detail"]["reason"]
    assert scores["tasks"]["maintain_safety"]["score"] is None
    assert "not enough evidence" in scores["tasks"]["maintain_safety"]["reason"]


def test_profile_on_the_example_links_evidence(examples):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = attunement.analyze(examples / "pleasing-and-fidgeting.txt")
    scores = analysis.scores
    assert 0 <= scores["attunement_index"] <= 100 and -1 <= scores["style_axis"] <= 1
    for task in scores["tasks"].values():
        assert task["score"] is None or (0 <= task["score"] <= 100 and task["evidence"])
    for i in scores["tasks"]["maintain_safety"]["evidence"]:
        assert analysis.utterances[i].response["situation"] in ("overwhelm", "shutdown", "stagnation")
    therapist_after_client = [s for u, s in zip(analysis.session.utterances[1:], analysis.utterances[1:])
                              if u.role == "therapist"]
    assert all("attunement" in s.response for s in therapist_after_client)


def test_notes_are_linked_and_checked(tmp_path, examples):
    notes = write(tmp_path / "notes.md", "@12: I felt pressure to reassure her\nand moved on too fast.\n@30: tight chest myself\n")
    assert read_notes(notes, n_utterances=57) == {12: ["I felt pressure to reassure her and moved on too fast."],
                                                  30: ["tight chest myself"]}
    with pytest.raises(TranscriptError, match="utterance 99"):
        read_notes(write(tmp_path / "bad.md", "@99: hm\n"), n_utterances=57)
    result = CliRunner().invoke(cli, ["analyze", str(examples / "pleasing-and-fidgeting.txt"), "--notes", str(notes),
                                      "--json", str(tmp_path / "r.jsonl"), "--html", str(tmp_path / "r.html"), "-q"])
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "r.jsonl").read_text())
    assert document["scores"]["tasks"]["use_own_experience"]["process_notes"] == 2
    assert "I felt pressure to reassure her" in (tmp_path / "r.html").read_text()
