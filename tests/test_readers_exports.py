"""Transcripts in the shapes real tools export: Otter.ai text, Zoom names, Word name paragraphs, CSV columns."""

import warnings

import docx
import pytest

from attunement.readers import ReadOptions, read_session
from attunement.readers.names import clinical_title, display_name

from .conftest import write

OTTER = """Ana Ruiz  0:02
Hi Sam, how has the week been?

Sam Lee  0:09
Honestly pretty rough. I barely slept.
And work was a lot.

Ana Ruiz  0:21
Barely slept, and work piled on top of it.

Sam Lee  0:30
Yeah. Exactly that.
"""

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Dr. Ana Ruiz, LCSW (she/her): Hi Sam, how has the week been?

2
00:00:05.000 --> 00:00:08.000
Sam's iPhone: Pretty rough, honestly.

3
00:00:09.000 --> 00:00:12.000
Dr. Ana Ruiz, LCSW (she/her): Rough in what way?

4
00:00:13.000 --> 00:00:16.000
Sam's iPhone: I barely slept.
"""


def read(path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        session = read_session(path, options=ReadOptions(**options))
    return session, [str(w.message) for w in caught]


@pytest.mark.parametrize(("label", "name", "titled"), [
    ("Ana Ruiz (she/her)", "Ana Ruiz", False), ("Dr. Ana Ruiz, LCSW", "Dr. Ana Ruiz", True),
    ("Ana Ruiz, PhD, LCSW (she/her)", "Ana Ruiz", True), ("Sam's iPhone", "Sam", False), ("Jordan Lee (2)", "Jordan Lee", False),
    ("Therapist", "Therapist", True), ("Sam", "Sam", False),
])
def test_display_names(label, name, titled):
    assert display_name(label) == name and clinical_title(label) is titled


def test_otter_text_export(tmp_path):
    session, _ = read(write(tmp_path / "otter.txt", OTTER))
    assert [(u.speaker.name, u.start) for u in session.utterances] == [
        ("Ana Ruiz", 2.0), ("Sam Lee", 9.0), ("Ana Ruiz", 21.0), ("Sam Lee", 30.0)]
    assert session.utterances[1].text == "Honestly pretty rough. I barely slept. And work was a lot."
    assert session.utterances[1].line == 5  # the line of the words, so an error points at them


def test_zoom_names_with_pronouns_credentials_and_devices(tmp_path):
    session, messages = read(write(tmp_path / "zoom.vtt", ZOOM))
    assert {s.name: s.role for s in session.speakers} == {"Dr. Ana Ruiz": "therapist", "Sam": "client"}
    assert any("clinical title" in m for m in messages)
    for given in ("Ana Ruiz", "Dr. Ana Ruiz, LCSW (she/her)"):  # as the user types it, or as Zoom shows it
        session, messages = read(write(tmp_path / "zoom2.vtt", ZOOM), therapist=given)
        assert session.utterances[0].speaker.role == "therapist" and not any("guessed" in m for m in messages)


def test_word_file_with_each_name_in_its_own_paragraph(tmp_path):
    document = docx.Document()
    for name, words in [("Counsellor", "What brings you here today?"), ("Jo", "My sleep, mostly. It's been bad."),
                        ("Counsellor", "Bad in what way?"), ("Jo", "I wake at three and can't get back.")]:
        document.add_paragraph().add_run(name).bold = True
        document.add_paragraph(words)
    path = tmp_path / "session.docx"
    document.save(path)
    session, _ = read(path)
    assert [(u.role, u.text) for u in session.utterances][:2] == [
        ("therapist", "What brings you here today?"), ("client", "My sleep, mostly. It's been bad.")]


def test_csv_speaker_name_and_time_columns_and_the_ones_not_read(tmp_path):
    text = ("Speaker Name,Start Time,End Time,Transcript,Sentiment\n"
            "Ana Ruiz (she/her),00:00:01,00:00:04,How has the week been?,neutral\n"
            "Sam Lee,00:00:06,00:00:09,Pretty rough. I barely slept.,negative\n"
            "Ana Ruiz (she/her),00:00:12,00:00:15,Barely slept. What kept you up?,neutral\n"
            "Sam Lee,00:00:17,00:00:20,Work mostly.,neutral\n")
    session, messages = read(write(tmp_path / "export.csv", text))
    assert [(u.speaker.name, u.start, u.end) for u in session.utterances][:2] == [("Ana Ruiz", 1.0, 4.0), ("Sam Lee", 6.0, 9.0)]
    assert any("'Sentiment' not read" in m for m in messages)
