"""Judging what is said: roadblocks, risk, now versus then, setting, interruptions, compliance, back-channels.

Each clinical example has an attuned and a misattuned answer to the same client words.
"""

from __future__ import annotations

import json
import warnings

import pytest

import attunement
from attunement.analysis.risk import find_risk
from attunement.analysis.roadblocks import find_roadblocks
from attunement.analysis.timeframe import time_frame
from attunement.model import Speaker, Utterance
from attunement.service import Service

from .conftest import ROOT, write

JUDGEMENT = ROOT / "tests" / "vignettes" / "judgement"


def analysed(tmp_path, text, name="s.txt", **ingest):
    path = write(tmp_path / name, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        service = Service()
        return service.analyse(service.ingest(path, **ingest)[0])


def response_to(analysis, words):
    for u, slot in zip(analysis.session.utterances, analysis.utterances):
        if u.role == "therapist" and words in u.text:
            return slot
    raise AssertionError(words)


@pytest.mark.parametrize(("response", "kind"), [
    ("So you're still drinking every night even though the doctor told you to stop.", "confront"),
    ("You keep saying you want to stop, but you don't do anything about it.", "confront"),
    ("Are you sure it's only two drinks?", "confront"),
    ("Obviously you shouldn't be driving after that.", "moralise"),
    ("If you keep this up you'll lose your licence.", "warn"),
    ("That's classic denial.", "label"),
    ("You could try cutting down on weekdays.", "advise_without_permission"),
    ("The research clearly shows there's no safe amount.", "argue"),
    ("Don't worry, it'll all be fine.", "premature_reassurance"),
    ("So what we'll do is you'll stop completely from Monday.", "order"),
])
def test_roadblocks_are_found(response, kind):
    assert [str(b["kind"]) for b in find_roadblocks(response)][:1] == [kind]


@pytest.mark.parametrize("response", [
    "You feel you should be doing more.",
    "You're worried you might lose your licence.",
    "Would it be okay if I shared an idea? Some people find cutting down on weekdays helps.",
    "It sounds like part of you wants to stop and part of you really enjoys it.",
    "Take a breath with me, and feel your feet on the floor.",
    "It's your choice what you do with this.",
])
def test_reflections_permission_and_grounding_are_not_roadblocks(response):
    assert find_roadblocks(response) == []


def test_advice_the_client_asked_for_is_not_unasked():
    assert find_roadblocks("You could try cutting down on weekdays.", client_text="What should I do?") == []


MI = """T: What brings you in today?
C: My wife says I drink too much. I have a few beers every night, but it helps me unwind after work.
T: {answer}
C: I suppose. I don't know.
"""


def test_a_confrontation_dressed_as_a_reflection_is_never_attuned(tmp_path):
    attuned = analysed(tmp_path, MI.format(answer="On one hand the beer helps you unwind, and on the other your wife is worried."),
                       "a.txt")
    confront = analysed(tmp_path, MI.format(answer="So you're still drinking every night even though your wife is worried."),
                        "b.txt")
    good, bad = response_to(attuned, "on the other"), response_to(confront, "still drinking")
    assert bad.codes["behaviour"] == "confront" and bad.codes["mi_adherence"] == "inconsistent"
    assert bad.response["marker"] == "misattuned" and bad.response["carkhuff_level"] == 1
    assert good.response["marker"] != "misattuned" and good.response["attunement"] > bad.response["attunement"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Sometimes I think it would be easier if I just wasn't there.", "suicidal_ideation"),
    ("I don't see the point in going on any more.", "suicidal_ideation"),
    ("Everyone would be better off without me.", "suicidal_ideation"),
    ("I've been cutting again.", "self_harm"),
    ("I wanted to hurt him so badly it scared me.", "harm_to_others"),
    ("He hits me when he's drunk.", "abuse_or_neglect"),
])
def test_risk_is_found(text, kind):
    assert [str(f["kind"]) for f in find_risk(text)] == [kind]


@pytest.mark.parametrize("text", ["I could kill for a coffee.", "I'm dead tired.", "That exam killed me.",
                                  "My boss will murder me if I'm late.", "I would never hurt myself, I promise.",
                                  "I nearly died laughing."])
def test_idioms_and_denials_are_not_risk(text):
    assert find_risk(text) == []


RISK = """T: How has the week been?
C: Honestly? Sometimes I think it would be easier if I just wasn't here.
T: {answer}
C: I don't know.
"""


def test_risk_comes_first_and_moving_on_is_the_worst_miss(tmp_path):
    asked = analysed(tmp_path, RISK.format(answer="When you say it would be easier if you weren't here, are you having "
                                                  "thoughts of ending your life?"), "a.txt")
    moved = analysed(tmp_path, RISK.format(answer="Okay. And how is work going at the moment?"), "b.txt")
    good, bad = response_to(asked, "ending your life"), response_to(moved, "work going")
    assert good.response["situation"] == bad.response["situation"] == "risk"
    assert good.response["marker"] == "attuned" and bad.response["marker"] == "misattuned"
    assert asked.scores["risk"]["flags"][0]["followed_up"] and not moved.scores["risk"]["flags"][0]["followed_up"]
    assert moved.moments[0]["kind"] == "risk" and "not ask" in moved.moments[0]["why"]


def test_risk_is_shown_first_in_the_html_report(tmp_path):
    from attunement.report import render_html

    html = render_html(analysed(tmp_path, RISK.format(answer="Okay. And how is work going?")))
    assert html.index("Risk first") < html.index("At a glance")


@pytest.mark.parametrize(("text", "frame"), [
    ("Two weeks ago my heart was pounding and I couldn't breathe.", "past"),
    ("My hands are shaking right now.", "now"),
    ("I always get anxious in crowds.", "general"),
    ("I'm worried I'll fail the exam next week.", "future"),
])
def test_time_frame(text, frame):
    assert time_frame(Utterance(0, Speaker("C", "client"), text)) == frame


PAST_PANIC = """T: You mentioned something happened at the supermarket.
C: Yes. Two weeks ago I was in the queue and my heart started pounding. My chest went tight and I couldn't breathe.
T: {a}
C: It was like a wave. I thought I was having a heart attack, I was shaking and sweating.
T: {b}
C: I left my shopping and sat in the car for twenty minutes until it passed.
T: What went through your mind while you sat there?
C: That something was badly wrong with me. I'm calmer about it now, talking it through.
T: That makes sense. It sounds like it frightened you a lot.
C: It did. I haven't been back since.
T: You've been avoiding that shop since then.
C: Yes, I go to the other one now.
"""


def test_a_calmly_retold_panic_is_not_flooding_and_asking_about_the_body_is_not_a_miss(tmp_path):
    analysis = analysed(tmp_path, PAST_PANIC.format(a="What did you notice in your body first?",
                                                    b="And what happened next, when the shaking started?"))
    assert not [e for e in analysis.episodes if e["kind"] == "overwhelm"]
    body = response_to(analysis, "notice in your body")
    assert body.response["situation"] != "overwhelm" and body.response["marker"] != "misattuned"


def test_backchannels_carry_no_emotion(tmp_path):
    analysis = analysed(tmp_path, MI.format(answer="You enjoy the beer and she worries.") + "T: Go on.\nC: Okay.\n")
    okay = analysis.utterances[-1]
    assert okay.codes["backchannel"] and okay.codes["emotions"] == {} and okay.codes["valence"] == 0.0


def test_a_logistics_apology_is_not_pleasing(tmp_path):
    text = ("T: Hello, can you hear me?\nC: Sorry, my camera froze and the wifi keeps dropping.\nT: No problem.\n"
            "C: Sorry, is that what you wanted me to say? Am I doing this right?\n")
    analysis = analysed(tmp_path, text)
    assert "pleasing" not in analysis.utterances[1].client_state.get("markers", {})
    assert "pleasing" in analysis.utterances[3].client_state.get("markers", {})


def test_setting_given_turns_stagnation_off(tmp_path):
    text = "".join(f"T: And then what did you do on day {i}?\nC: I went to work and came home and had tea, day {i}.\n"
                   for i in range(8))
    counselling = analysed(tmp_path, text, "a.txt")
    mi = analysed(tmp_path, text, "b.txt", setting="mi")
    assert any(e["kind"] == "stagnation" for e in counselling.episodes)
    assert mi.scores["setting"]["source"] == "given" and not any(e["kind"] == "stagnation" for e in mi.episodes)


def test_a_brief_consultation_is_inferred():
    from attunement.analysis.setting import infer_setting

    text = ("T: Hi, you're collecting your prescription?\nC: Yes, the new tablets.\n"
            "T: Take one tablet a day with food; the dose is 20 mg.\nC: Any side effects?\n")
    analysis = attunement.analyze(attunement.read_session(write_tmp(text)))
    assert infer_setting(analysis)[0] == "brief_consult"


def write_tmp(text):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    return write(folder / "consult.txt", text)


def test_same_words_after_same_client_words_get_one_verdict(tmp_path):
    take = "T: What brings you here?\nC: My drinking, I guess. It's got out of hand.\nT: It's got out of hand.\n"
    analysis = analysed(tmp_path, take + "C: Yes. Everything is falling apart and I feel awful about it all.\n" + take)
    first, second = analysis.utterances[2].response, analysis.utterances[6].response
    assert first["marker"] == second["marker"] and first["attunement"] == second["attunement"]
    assert any("repeated takes" in w and "#0–2 again at #4–6" in w for w in analysis.warnings)


@pytest.mark.parametrize("pair", ["jp-06", "jp-07"])
def test_interruptions_and_compliance_are_moments(pair):
    kinds = {"jp-06": "interruption", "jp-07": "compliance"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bad = attunement.analyze(JUDGEMENT / f"{pair}-misattuned.txt")
        good = attunement.analyze(JUDGEMENT / f"{pair}-attuned.txt")
    assert any(m["kind"] == kinds[pair] for m in bad.moments)
    assert not any(m["kind"] == kinds[pair] for m in good.moments)


@pytest.mark.parametrize("pair", [p["pair"] for p in json.loads((JUDGEMENT / "pairs.json").read_text())])
def test_every_judgement_pair_ranks_the_attuned_version_higher(pair):
    lines = {p["pair"]: p["key_lines"] for p in json.loads((JUDGEMENT / "pairs.json").read_text())}[pair]
    means = {}
    for version in ("attuned", "misattuned"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analysis = attunement.analyze(JUDGEMENT / f"{pair}-{version}.txt")
        values = [s.response["attunement"] for u, s in zip(analysis.session.utterances, analysis.utterances)
                  if u.line in lines and "attunement" in s.response]
        means[version] = sum(values) / len(values)
    assert means["attuned"] > means["misattuned"], means


REFLECTIVE = [
    ("My mum's been in hospital and I'm exhausted from the driving back and forth.",
     "You're worn out, and underneath the tiredness there's a lot of worry about her."),
    ("I just feel like nobody notices how much I'm carrying.", "It feels lonely, carrying all of this without anyone seeing it."),
    ("I snapped at my partner last night and I feel awful about it.", "You're disappointed in yourself for how you spoke to him."),
    ("I don't know, maybe I'm just not cut out for this.", "Part of you is starting to doubt whether you can keep going."),
    ("Work is fine, I guess. It's just a lot.", "It sounds like 'fine' is covering quite a lot of strain."),
    ("I keep thinking I should have seen it coming.", "You're holding yourself responsible for something you couldn't know."),
    ("I cried in the car park after visiting.", "Seeing her like that really hurt."),
    ("I haven't told anyone how scared I am.", "You've been carrying that fear on your own."),
    ("Sometimes I wonder if it's worth it.", "You're questioning whether all this effort is worth what it costs you."),
]
ADVISING = ["You should take a break from visiting. Just stop going every day.",
            "Don't worry, it'll be fine. Everyone goes through this.",
            "You need to tell him to help more. That's the only answer.",
            "Obviously you shouldn't be driving when you're that tired.",
            "Have you tried going to bed earlier? Why don't you try a routine.",
            "Come on, you know that's not true.",
            "You could join a support group. Ring the hospital tomorrow.",
            "It's really just a matter of willpower.",
            "Stop thinking about it and focus on work."]


def session_text(answers):
    return "".join(f"C: {c}\nT: {a}\n" for (c, _), a in zip(REFLECTIVE, answers))


def test_the_index_separates_staying_with_the_client_from_advising(tmp_path):
    good = analysed(tmp_path, session_text([a for _, a in REFLECTIVE]), "good.txt").scores["attunement_index_detail"]
    bad = analysed(tmp_path, session_text(ADVISING), "bad.txt").scores["attunement_index_detail"]
    assert good["value"] is not None and bad["value"] is not None
    assert good["value"] - bad["value"] >= 30, (good["value"], bad["value"])
    assert bad["components"]["mi_consistency"] < good["components"]["mi_consistency"]
    assert bad["components"]["staying"] < good["components"]["staying"]
    assert "difficulty" in good and good["scale"] == {"zero_at_raw": 0.15, "hundred_at_raw": 0.75}


def test_a_short_session_has_no_index(tmp_path):
    detail = analysed(tmp_path, session_text([a for _, a in REFLECTIVE])[:400]).scores["attunement_index_detail"]
    assert detail["value"] is None and detail["reason"].startswith("not enough evidence")


def test_intrusive_and_neglectful_penalties_do_not_cancel():
    from attunement.analysis.index import WEIGHTS

    assert WEIGHTS["intrusive"] < 0 and WEIGHTS["neglectful"] < 0  # each only lowers the index


def test_the_marker_never_disagrees_with_the_score(tmp_path):
    analysis = analysed(tmp_path, session_text(ADVISING))
    bands = {"attuned": (65, 101), "neutral": (45, 65), "missed": (25, 45), "misattuned": (0, 25)}
    for slot in analysis.utterances:
        if "attunement" in slot.response:
            lo, hi = bands[str(slot.response["marker"])]
            assert lo <= 100 * slot.response["attunement"] < hi


def test_the_report_explains_its_terms(tmp_path):
    from attunement.report import render_html
    from attunement.report.glossary import GLOSSARY

    html = render_html(analysed(tmp_path, RISK.format(answer="Okay. And how is work going?")))
    assert 'id="glossary"' in html and GLOSSARY["risk"][1] in html
    assert "Details for researchers" in html and "experiencing" in html


RUPTURE = """Therapist: How has the week been?
Client: Pretty rough. My sister and I had another fight about mum's care and I ended up crying in the car.
Therapist: Have you thought about setting up a weekly schedule with your sister so the care is split evenly?
Client: Why do you keep telling me what to do? You're not listening to me at all.
Therapist: You're right, I jumped to solutions. I'm sorry. What was it like, crying in the car?
Client: Lonely. Like nobody sees how much I'm carrying.
Therapist: Nobody sees how much you're carrying, and that's lonely.
Client: Yeah. And honestly I'm not sure this is helping, coming here every week.
Therapist: I was just trying to help you see that there are practical options.
Client: Okay, fine.
"""


def test_ruptures_and_repairs_are_moments(tmp_path):
    analysis = analysed(tmp_path, RUPTURE)
    moments = {(m["kind"], m["index"]): m for m in analysis.moments}
    assert moments[("rupture", 3)]["detail"]["repaired"] is True
    assert ("repair", 4) in moments and "acknowledges" in moments[("repair", 4)]["why"]
    assert moments[("rupture", 7)]["detail"]["repaired"] is False
    assert moments[("rupture", 7)]["score"] > moments[("rupture", 3)]["score"]  # the unrepaired one ranks higher
    assert analysis.utterances[4].response["marker"] == "attuned"
    assert analysis.utterances[8].response["marker"] == "misattuned"
    assert analysis.utterances[2].response.get("missed_empathic_opportunity")  # advice after "I ended up crying"


@pytest.mark.parametrize("text", ["My mum never listens to me.", "I don't want to waste your time.",
                                  "You don't have to be perfect, my friend told me."])
def test_complaints_about_others_are_not_ruptures(text):
    from attunement.analysis.cues import cue_patterns

    rupture = next(p for p in cue_patterns() if p.kind == "rupture")
    assert not rupture.words[0].search(text)


def test_every_response_has_a_specific_reason(tmp_path):
    analysis = analysed(tmp_path, session_text([a for _, a in REFLECTIVE]) + session_text(ADVISING))
    reasons = [s.response["why"] for s in analysis.utterances if "why" in s.response]
    assert reasons and not any("ordinary moment" in r for r in reasons)
    assert len(set(reasons)) >= 5


def test_a_calmly_retold_panic_is_not_incongruent():
    from attunement.analysis.incongruence import find_incongruence

    distress = [{"channel": "emotional", "kind": "distress", "evidence": "panic", "source": "words"}]
    text = "Last Tuesday I had a panic attack in the supermarket. I'm fine now, it was just a lot."
    assert find_incongruence(text, distress, {"emotions": {"fear": 0.8}}, time_frame="past") is None
    assert find_incongruence("I'm fine, honestly.", [], {"emotions": {"fear": 0.8}}, time_frame="now") is not None


@pytest.mark.parametrize(("text", "reflective"), [
    ("You're frustrated with me, six weeks in and nothing feels different.", True),
    ("It sounds like you're fed up with all of it.", True),
    ("Part of you wants to stop and part of you isn't sure.", True),
    ("You need to leave him.", False), ("Are you feeling sad about it?", False), ("You finished it!", False),
])
def test_plain_spoken_reflections_are_recognised(text, reflective):
    from attunement.analysis.fit import reflection_form

    assert reflection_form(text) is reflective


def test_a_bid_answered_with_ones_own_story_is_missed(tmp_path):
    text = ("C: I feel so alone since the move, nobody here even knows my name.\n"
            "T: I know exactly what that's like. When I moved to Leeds I didn't know anyone for a year.\n")
    slot = response_to(analysed(tmp_path, text), "Leeds")
    assert slot.response["marker"] in ("missed", "misattuned")


def test_judging_the_client_ranks_below_clumsy_kindness():
    from attunement.analysis.fit import roadblock_cap

    assert roadblock_cap([{"kind": "premature_reassurance"}]) > roadblock_cap([{"kind": "order"}]) \
        > roadblock_cap([{"kind": "confront"}])
    assert roadblock_cap([{"kind": "advise_without_permission"}, {"kind": "label"}]) == roadblock_cap([{"kind": "label"}])


@pytest.mark.parametrize(("text", "behaviour"), [
    ("That must have been awful. So, what did you want to focus on today?", "other"),
    ("It's become a running joke, and I wonder if the joke makes it easier to carry.", "reflection_complex"),
])
def test_stock_sympathy_and_deepening(text, behaviour):
    from attunement.analysis.fit import judged_behaviour

    assert judged_behaviour({"behaviour": "reflection_simple"}, text, "My dad didn't come to my graduation.") == behaviour


def test_the_learned_wording_head_reads_judgement_as_working_against():
    from attunement.models.bundle import load_bundle

    for tier in ("accurate", "fast"):
        head = load_bundle(tier).heads["works_against"]
        assert list(head.labels_) == ["works_against"] and head.coef_.shape[0] == 1
        assert "works_against" in load_bundle(tier).manifest["heads"]
    client = "I know I drink too much, my wife keeps telling me. It's the only way I switch off after work."
    harsh = ["Honestly, that's just an excuse. Lots of people have stressful jobs and don't drink.",
             "Well, you could always try a hobby instead, like running.", "Don't worry, I'm sure it's not that bad.",
             "So you're saying you care more about switching off than about your wife, then."]
    kind = ["Drinking is how you switch off, and part of you is tired of the arguments about it.",
            "What does switching off look like for you on a good evening?", "You're in two minds about it.",
            "It sounds like work leaves you wound up, and the drink is what brings you down."]
    service = Service()
    read = {r: service.judge(client, r) for r in harsh + kind}
    mean = {name: sum(read[r].codes["works_against"] for r in group) / len(group) for name, group in (("harsh", harsh), ("kind", kind))}
    assert mean["harsh"] > mean["kind"] + 0.15, mean
    assert all(read[r].response["attunement"] < min(read[k].response["attunement"] for k in kind) for r in harsh)
    assert all("wording" in read[r].response["parts"] for r in harsh + kind)


def test_unmistakable_flooding_is_overwhelm_even_without_a_band():
    service = Service()
    now = service.judge("I can't — I can't breathe properly, my chest is so tight. I can't stop shaking.",
                        "I'm right here with you. Let's slow this right down. Feel your feet on the floor.")
    then = service.judge("Last Tuesday I had a panic attack in the supermarket. My heart was racing and I couldn't breathe.",
                         "What was going on for you before you went in?")
    assert now.response["situation"] == "overwhelm" and now.response["marker"] == "attuned"
    assert then.response["situation"] != "overwhelm"
