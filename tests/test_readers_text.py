import warnings

import pytest

from attunement.errors import TranscriptError, TranscriptWarning
from attunement.readers import ReadOptions, read_session
from attunement.readers.text import parse_text

from .conftest import write


def parse(text, **options):
    return parse_text(text, path="t.txt", options=ReadOptions(**options))[0]


@pytest.mark.parametrize(
    ("therapist", "client"),
    [("Therapist", "Client"), ("T", "C"), ("Counsellor", "Client"), ("Counselor", "Patient"),
     ("Interviewer", "Interviewee"), ("THERAPIST", "CLIENT")],
)
def test_role_words_are_recognised(therapist, client):
    session = parse(f"{therapist}: How are you?\n{client}: Fine.\n{therapist}: Fine?\n")
    assert [u.role for u in session.utterances] == ["therapist", "client", "therapist"]


def test_each_labelled_line_is_one_utterance_and_continuations_join():
    session = parse("Therapist: Hello.\nClient: I was thinking\nabout what you said.\n\nTherapist: Go on.\n")
    assert [u.text for u in session.utterances] == ["Hello.", "I was thinking about what you said.", "Go on."]
    assert [u.index for u in session.utterances] == [0, 1, 2]
    assert [u.line for u in session.utterances] == [1, 2, 5]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [("[00:12:03] Client: Hi.", 723.0, None), ("00:12:03 Client: Hi.", 723.0, None),
     ("Client [00:12:03]: Hi.", 723.0, None), ("[00:12:03 - 00:12:09] Client: Hi.", 723.0, 729.0),
     ("[12:03] Client: Hi.", 723.0, None), ("Client: Hi.", None, None)],
)
def test_time_stamps(line, start, end):
    session = parse(f"Therapist: So.\n{line}\n")
    assert (session.utterances[1].start, session.utterances[1].end) == (start, end)
    assert session.utterances[1].text == "Hi."


def test_named_speakers_mapped_with_option():
    session = parse("Anna: What brings you?\nBen: My sleep.\nAnna: Tell me.\n", therapist="anna")
    assert {s.name: s.role for s in session.speakers} == {"Anna": "therapist", "Ben": "client"}


def test_named_speakers_guessed_by_questions_with_a_warning():
    text = "Ben: I can't sleep.\nAnna: What keeps you up?\nBen: Work.\nAnna: How long has it been?\n"
    with pytest.warns(TranscriptWarning, match="guessed that 'Anna' is the therapist"):
        session = parse(text)
    assert {s.name: s.role for s in session.speakers} == {"Anna": "therapist", "Ben": "client"}


def test_one_named_speaker_beside_a_role_word_needs_no_guess():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        session = parse("Therapist: Hi.\nLena: Hi.\nTherapist: Welcome.\n")
    assert session.speakers[1].role == "client"


def test_one_off_word_colon_inside_speech_is_not_a_speaker():
    session = parse("Therapist: What did she say?\nClient: She said\nListen: you are wrong.\nTherapist: Hm.\n")
    assert session.utterances[1].text == "She said Listen: you are wrong."


def test_third_speaker_with_known_roles_becomes_other():
    with pytest.warns(TranscriptWarning, match="kept as 'other'"):
        session = parse("Therapist: Hi.\nClient: Hi.\nInterpreter: Hola.\nInterpreter: Si.\n")
    assert session.utterances[2].role == "other"


def test_text_is_never_mutated_beyond_removing_annotations():
    raw = "Client:   I  feel   odd [sighs] today.  "
    session = parse(f"Therapist: Hi.\n{raw}\n")
    assert session.utterances[1].text == "I  feel   odd today."


def test_reads_files_in_utf16_with_bom(tmp_path):
    path = write(tmp_path / "s.txt", "Therapist: Ça va?\nClient: Oui, ça va.\n", encoding="utf-16")
    assert read_session(path).utterances[0].text == "Ça va?"


def test_latin1_is_read_with_a_warning(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes("Therapist: Ça va?\nClient: Très bien.\n".encode("latin-1"))
    with pytest.warns(TranscriptWarning, match="not valid UTF-8"):
        session = read_session(path)
    assert session.utterances[1].text == "Très bien."


def test_preamble_is_kept_with_a_warning():
    with pytest.warns(TranscriptWarning, match="preamble"):
        session = parse("Session 4, 3 May\nTherapist: Hi.\nClient: Hi.\n")
    assert session.metadata["preamble"] == "Session 4, 3 May"


def test_session_id_is_stable_and_content_derived():
    a = parse("Therapist: Hi.\nClient: Hello.\n")
    b = parse("Therapist: Hi.\nClient: Hello.\n")
    c = parse("Therapist: Hi.\nClient: Hello!\n")
    assert a.id == b.id != c.id


@pytest.mark.parametrize(
    ("text", "message"),
    [("just some words\nwith no labels\n", "no speaker labels"),
     ("Client: Hi.\nClient: Hello?\n", "only one speaker"),
     ("Anna: Hi.\nBen: Hi.\nCara: Hi.\nAnna: So?\nBen: Yes.\nCara: No.\n", "cannot tell who is the therapist")],
)
def test_unreadable_speaker_structure(text, message):
    with pytest.raises(TranscriptError, match=message):
        parse(text)


@pytest.mark.parametrize("line", ["(00:12:03) Client: Hi.", "00:12:03 - 00:12:09 Client: Hi."])
def test_more_time_stamp_forms(line):
    assert parse(f"Therapist: So.\n{line}\n").utterances[1].start == 723.0


def test_stamped_one_off_label_warns_when_joined():
    text = "Therapist: Hi.\nClient: Hi.\n[00:00:09] Note: something odd.\nTherapist: Okay.\nClient: Yes.\n"
    with pytest.warns(TranscriptWarning, match="'Note' opens only this line"):
        session = parse(text)
    assert session.utterances[1].text == "Hi. [00:00:09] Note: something odd."
