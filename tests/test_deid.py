"""De-identification: typed, consistent placeholders; cues stay in place; offline; CLI."""

import json
import warnings

import pytest

pytest.importorskip("presidio_analyzer")
from click.testing import CliRunner  # noqa: E402

import attunement  # noqa: E402
from attunement.cli import cli  # noqa: E402
from attunement.deidentify import deidentify_session, find_identifiers  # noqa: E402
from attunement.model import Annotation, Session, Speaker, Utterance  # noqa: E402

from .conftest import write  # noqa: E402

T, C = Speaker("Therapist", "therapist"), Speaker("Client", "client")


def session(*texts, cues=()):
    utterances = tuple(Utterance(i, T if i % 2 == 0 else C, t, annotations=cues if i == 1 else ()) for i, t in enumerate(texts))
    return Session(id="d", source="d", format="text", utterances=utterances, speakers=(T, C))


def test_placeholders_are_typed_and_consistent(no_network):
    s = session("How was the weekend with Sarah?",
                "Sarah came over on March 3rd. Call her on 555-201-3344 or sarah.j@example.com.",
                "And how did it feel when Sarah left?")
    clean, mapping = deidentify_session(s)
    texts = [u.text for u in clean.utterances]
    assert "Sarah" not in " ".join(texts) and "555-201-3344" not in texts[1] and "example.com" not in texts[1]
    assert texts[0].endswith("[PERSON_1]?") and "[PERSON_1]" in texts[2]
    assert mapping["[PERSON_1]"] == "Sarah" and clean.metadata["deidentified"]
    assert no_network == []


@pytest.mark.parametrize(("text", "kind"), [
    ("my number is five five five, one two three, four five six seven", "PHONE"),
    ("email me at jane dot doe at gmail dot com", "EMAIL"),
    ("my gran turned 94 last week", "AGE_OVER_89"),
    ("we live at 42 Elm Street now", "LOCATION"),
    ("the policy number is AB123456", "ID"),
    ("she made it to 101 in the end", "AGE_OVER_89"),
    ("I'm ninety-one, you know", "AGE_OVER_89"),
    ("call 503.555.0147 or (503) 555-0148", "PHONE"),
    ("the flat is at LS6 2QT", "LOCATION"),
    ("the card ending in 8206", "ID"),
    ("the serial is C02ZK1ABMD6T", "OTHER"),
    ("it's fundraise dot example dot com slash help-me", "URL"),
    ("she's kayla underscore rae on there", "OTHER"),
])
def test_spoken_and_written_identifiers(text, kind):
    assert kind in {k for _, _, k in find_identifiers(text)}


def test_ordinary_words_and_young_ages_stay(no_network):
    spans = find_identifiers("On Monday I told Mum I'm 45 and I still miss Christmas at home.")
    assert not spans
    for text in ("so that was ninety pounds", "I've told you a hundred times", "a hundred and twenty guests",
                 "Nervous, but in a normal way.", "Well! Shall we make a plan?"):
        assert not find_identifiers(text), text


def test_cue_positions_move_with_the_text():
    s = session("Hi.", "Mary-Anne Fitzgerald called me and I cried", cues=(Annotation("crying", "[crying]", 36),))
    clean, _ = deidentify_session(s)
    u = clean.utterances[1]
    assert u.text.startswith("[PERSON_1]") and u.text[: u.annotations[0].position].endswith("and I")


def test_analysis_barely_changes_on_deidentified_text(examples):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = attunement.read_session(examples / "pleasing-and-fidgeting.txt")
        before = attunement.analyze(original).scores["attunement_index"]
        after = attunement.analyze(deidentify_session(original)[0]).scores["attunement_index"]
    assert abs(before - after) < 2


def test_cli(tmp_path):
    source = write(tmp_path / "s.txt", "Therapist: How is Tom?\nClient: Tom is fine. [sighs] He lives in Leeds.\n")
    result = CliRunner().invoke(cli, ["deidentify", str(source), str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.stderr
    out = (tmp_path / "out.txt").read_text()
    assert "Tom" not in out and "[PERSON_1]" in out and "[sighs]" in out
    assert CliRunner().invoke(cli, ["deidentify", str(source), str(tmp_path / "out.json")]).exit_code == 0
    assert json.loads((tmp_path / "out.json").read_text())["metadata"]["deidentified"] is True
    analysed = CliRunner().invoke(cli, ["analyze", str(source), "--deidentify", "--json", str(tmp_path / "r.jsonl")])
    assert analysed.exit_code == 0 and "Tom" not in (tmp_path / "r.jsonl").read_text()


def spans_of(*texts):
    from attunement.deidentify import session_spans

    return [[t[s:e] for s, e, _ in found] for t, found in zip(texts, session_spans(list(texts)))]


def test_names_the_model_misses():
    found = spans_of("Amara was born in September.", "so marcus found out. i hope he calms down",
                     "PC Haldane gave me a number.", "My friend Saoirse came.", "Then Chidiebere said no, and Reed Fairclough laughed.",
                     "my cousin Siobhán rang", "her name's mrs. bello.")
    assert found[0][0] == "Amara" and "marcus" in found[1] and "hope" not in found[1]
    assert "Haldane" in found[2] and "Saoirse" in found[3] and found[4] == ["Chidiebere", "Reed Fairclough"]
    assert found[5] == ["Siobhán"] and found[6] == ["bello"]


def test_names_that_are_words_count_only_as_names():
    found = spans_of("How are things with Will?", "Will went white. I will never forget it.", "Will you come next week?",
                     "My sister Hope came. I hope that's fine.")
    assert found[0] == ["Will"] and found[1] == ["Will"] and found[2] == []
    assert found[3] == ["Hope"]


def test_one_person_keeps_one_placeholder_under_nicknames_and_misspellings():
    clean, mapping = deidentify_session(session("Tell me about Robert.", "Bobby? Robert was my first love. Katherine hated him.",
                                                "And Katharine, your sister, said what?"))
    texts = [u.text for u in clean.utterances]
    assert texts[0] == "Tell me about [PERSON_1]." and texts[1].startswith("[PERSON_1]? [PERSON_1] was")
    assert "[PERSON_2]" in texts[1] and texts[2].startswith("And [PERSON_2],")
    assert set(mapping) == {"[PERSON_1]", "[PERSON_2]"}


def test_speaker_names_notes_and_file_name_are_replaced_too():
    sarah, dr = Speaker("Sarah", "client"), Speaker("Dr Okafor", "therapist")
    s = Session(id="n", source="sarah-okafor_week2.txt", format="text", speakers=(dr, sarah),
                utterances=(Utterance(0, dr, "How are you, Sarah?"), Utterance(1, sarah, "Tired, Dr Okafor.")),
                metadata={"notes": {"1": ["Sarah looked away when I said Okafor"]}})
    clean, _ = deidentify_session(s)
    assert [sp.name for sp in clean.speakers] == ["Therapist", "Client"]
    assert [u.speaker.name for u in clean.utterances] == ["Therapist", "Client"]
    everything = " ".join(u.text for u in clean.utterances) + str(clean.metadata["notes"]) + clean.source
    assert "Sarah" not in everything and "Okafor" not in everything and "sarah" not in clean.source
    assert clean.source.endswith(".txt") and clean.metadata["identifiers_replaced"]["PERSON"] == 2


def test_a_replaced_name_moves_no_other_utterance():
    """Each utterance is encoded on its own, and placeholders are read as ordinary words of their kind."""
    from attunement.analysis.tokens import with_surrogates, words

    assert words("Ask [PERSON_1] about [AGE_OVER_89_2].") == ["ask", "[person_1]", "about", "[age_over_89_2]"]
    assert with_surrogates("Ask [PERSON_1] in [LOCATION_1].") == "Ask Alex in Riverside."
    original = session("How was the week?", "Ellie refused school again and I shouted at her.", "That sounds hard.",
                       "I feel like such a failure as a mum.", "You're not a failure. What happened then?")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = attunement.analyze(original)
        after = attunement.analyze(deidentify_session(original)[0])
    for i in (0, 3, 4):  # neither the utterance nor the turn it answers holds the name
        assert before.utterances[i].codes == after.utterances[i].codes


def test_cli_mapping_only_when_asked(tmp_path):
    source = write(tmp_path / "s.txt", "Sarah: I saw Tom.\nDr Lee: How was Tom?\n")
    quiet = CliRunner().invoke(cli, ["deidentify", str(source), str(tmp_path / "o.txt"), "--therapist", "Dr Lee"])
    assert quiet.exit_code == 0 and "\tTom" not in quiet.stderr and "replaced (1 person)" in quiet.stderr
    out = (tmp_path / "o.txt").read_text()
    assert out.startswith("Client: I saw [PERSON_") and "Sarah" not in out and "Lee" not in out
    loud = CliRunner().invoke(cli, ["deidentify", str(source), str(tmp_path / "o.txt"), "--therapist", "Dr Lee", "--show-mapping"])
    assert "\tTom" in loud.stderr


def test_two_named_clients_stay_two_people():
    t, a, b = Speaker("Therapist", "therapist"), Speaker("Priya", "client"), Speaker("Tom", "client")
    s = Session(id="c", source="couple.txt", format="text", speakers=(t, a, b),
                utterances=(Utterance(0, t, "What brings you both?"), Utterance(1, a, "Tom never listens."),
                            Utterance(2, b, "Priya, that's not fair.")))
    clean, _ = deidentify_session(s)
    assert [u.speaker.name for u in clean.utterances] == ["Therapist", "Client 1", "Client 2"]
    assert clean.utterances[1].text == "[PERSON_1] never listens." and clean.utterances[2].text.startswith("[PERSON_2],")


def test_the_name_lists_hold_names_only():
    """The lists' "# Generated…" header lines are not read as names ("not", "by", "edit")."""
    assert spans_of("i do not edit it by hand, marcus said") == [["marcus"]]
