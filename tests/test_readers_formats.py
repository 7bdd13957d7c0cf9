"""WebVTT, SRT, DOCX, CSV and JSON readers, and choosing between them."""

import json
import warnings

import docx
import pytest

from attunement.errors import TranscriptError
from attunement.readers import ReadOptions, read_session, read_sessions, sniff_format
from attunement.readers.jsonformat import session_from_dict, session_to_dict

from .conftest import DATA_DIR, write

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:03.500
<v Maya>How have you been?</v>

2
00:00:05.000 --> 00:00:07.000
Sam: Not great. [sighs]

3
00:00:07.200 --> 00:00:09.000
It's been a long week.

4
00:00:12.000 --> 00:00:13.000
Maya: Long in what way?
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Therapist: How are you?

2
00:00:04,000 --> 00:00:06,500
Client: Tired.

3
00:00:06,600 --> 00:00:08,000
Client: Really tired.
"""


def test_vtt_voices_prefixes_and_merging(tmp_path):
    session = read_session(write(tmp_path / "s.vtt", VTT), options=ReadOptions(therapist="Maya"))
    assert [(u.speaker.name, u.text) for u in session.utterances] == [
        ("Maya", "How have you been?"),
        ("Sam", "Not great. It's been a long week."),
        ("Maya", "Long in what way?"),
    ]
    sam = session.utterances[1]
    assert (sam.start, sam.end) == (5.0, 9.0)
    assert sam.annotations[0].label == "sighs"
    assert session.format == "vtt"


def test_vtt_malformed_timing_names_the_line(tmp_path):
    bad = VTT.replace("00:00:05.000 --> 00:00:07.000", "00:00:05.000 --> 00:0x:07.000")
    with pytest.raises(TranscriptError) as info:
        read_session(write(tmp_path / "s.vtt", bad))
    assert info.value.line == 8 and "malformed cue timing" in info.value.one_line()


def test_vtt_without_header_is_refused(tmp_path):
    with pytest.raises(TranscriptError, match="WEBVTT"):
        read_session(write(tmp_path / "s.vtt", VTT.replace("WEBVTT", "", 1)))


def test_srt_merges_and_times(tmp_path):
    session = read_session(write(tmp_path / "s.srt", SRT))
    assert [u.text for u in session.utterances] == ["How are you?", "Tired. Really tired."]
    assert session.utterances[1].end == 8.0


def test_srt_malformed_timing(tmp_path):
    with pytest.raises(TranscriptError, match="malformed cue timing") as info:
        read_session(write(tmp_path / "s.srt", SRT.replace("00:00:04,000", "00:00:04.000")))
    assert info.value.line == 6


def _docx(path, paragraphs=(), rows=()):
    document = docx.Document()
    document.add_paragraph("Transcript")
    for speaker, words in paragraphs:
        p = document.add_paragraph()
        p.add_run(f"{speaker}:").bold = True
        p.add_run(f" {words}")
    if rows:
        table = document.add_table(rows=0, cols=3)
        for cells in rows:
            row = table.add_row().cells
            for cell, value in zip(row, cells):
                cell.text = value
    document.save(path)
    return path


def test_docx_paragraphs(tmp_path):
    path = _docx(tmp_path / "s.docx", [("Therapist", "Hello. [smiles]"), ("Client", "Hi."), ("Therapist", "Welcome.")])
    with pytest.warns(Warning, match="preamble"):
        session = read_session(path)
    assert [u.text for u in session.utterances] == ["Hello.", "Hi.", "Welcome."]
    assert session.utterances[0].annotations[0].label == "smiles"


def test_docx_table_layout(tmp_path):
    rows = [("Therapist", "00:00:05", "How are you?"), ("Client", "00:00:09", "Okay.")]
    with pytest.warns(Warning):
        session = read_session(_docx(tmp_path / "s.docx", rows=rows))
    assert [(u.role, u.start, u.text) for u in session.utterances] == [
        ("therapist", 5.0, "How are you?"), ("client", 9.0, "Okay.")]


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "s.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(TranscriptError, match="not a valid .docx|cannot be opened"):
        read_session(path)


CSV = """transcript_id,utterance_id,interlocutor,timestamp,utterance_text,main_therapist_behaviour,client_talk_type
7,1,client,00:00:05,I want to cut down.,n/a,change
7,0,therapist,00:00:01,What brings you in?,question,n/a
7,0,therapist,00:00:01,What brings you in?,question,n/a
9,0,therapist,00:00:02,Hello.,other,n/a
9,1,client,00:00:04,Hi.,n/a,neutral
"""


def test_csv_groups_orders_and_dedupes(tmp_path):
    sessions = read_sessions(write(tmp_path / "c.csv", CSV))
    assert [s.source.rsplit("#", 1)[1] for s in sessions] == ["7", "9"]
    first = sessions[0]
    assert [u.text for u in first.utterances] == ["What brings you in?", "I want to cut down."]
    assert first.metadata["gold"] == {"behaviour_group": ["question", None], "talk_type": [None, "change"]}


def test_csv_missing_columns(tmp_path):
    with pytest.raises(TranscriptError, match="missing column") as info:
        read_session(write(tmp_path / "c.csv", "who,what\nT,hi\n"))
    assert info.value.line == 1


def test_json_round_trips_losslessly(tmp_path, examples):
    for name in ("pleasing-and-fidgeting.txt", "grief-checkin.vtt", "work-stress.docx"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            original = read_session(examples / name)
        path = write(tmp_path / "s.json", json.dumps(session_to_dict(original)))
        assert read_session(path) == original
        assert session_from_dict(session_to_dict(original), path="x") == original


def test_jsonl_holds_several_sessions(tmp_path, tiny_session):
    line = json.dumps(session_to_dict(tiny_session))
    assert len(read_sessions(write(tmp_path / "s.jsonl", f"{line}\n{line}\n"))) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [("{\"schema\": \"other\"}", "not an attunement session"),
     ("{\"schema\": \"attunement.session/1\", \"speakers\": [], \"utterances\": []}", "no utterances"),
     ("{not json", "invalid JSON"),
     ("[" * 100_000 + "]" * 100_000, "nested too deeply|not an attunement")],
)
def test_json_errors(tmp_path, content, message):
    with pytest.raises(TranscriptError, match=message):
        read_session(write(tmp_path / "s.json", content))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [("a.txt", "WEBVTT\n\n", "vtt"), ("a.txt", "1\n00:00:01,000 --> 00:00:02,000\nT: hi\n", "srt"),
     ("a", '{"schema": "attunement.session/1"}', "json"), ("a", "interlocutor,utterance_text\n", "csv"),
     ("a.docx", "PK\x03\x04", "docx"), ("a.log", "Therapist: hi", "text")],
)
def test_sniffing(tmp_path, name, content, expected):
    assert sniff_format(tmp_path / name, content.encode()) == expected


@pytest.mark.skipif(not (DATA_DIR / "annomi").exists(), reason="shared data not present")
def test_reads_all_of_annomi():
    with pytest.warns(Warning):
        sessions = read_sessions(DATA_DIR / "annomi" / "AnnoMI-full.csv")
    assert len(sessions) == 133 and sum(len(s) for s in sessions) == 9699



def test_vtt_keeps_a_long_pause_inside_a_turn_as_two_utterances(tmp_path):
    paused = VTT.replace("00:00:07.200 --> 00:00:09.000", "00:00:12.000 --> 00:00:14.000").replace(
        "00:00:12.000 --> 00:00:13.000", "00:00:15.000 --> 00:00:16.000")
    session = read_session(write(tmp_path / "s.vtt", paused), options=ReadOptions(therapist="Maya"))
    assert [u.speaker.name for u in session.utterances] == ["Maya", "Sam", "Sam", "Maya"]


def test_docx_keeps_document_order_of_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("Therapist: First.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Client", "Second."
    document.add_paragraph("Therapist: Third.")
    document.save(tmp_path / "m.docx")
    assert [u.text for u in read_session(tmp_path / "m.docx").utterances] == ["First.", "Second.", "Third."]


def test_folder_search_skips_report_files(tmp_path):
    from attunement.readers import expand_paths

    write(tmp_path / "s.txt", "Therapist: Hi.\nClient: Hi.\n")
    write(tmp_path / "report.jsonl", '{"schema":"attunement.report/1"}\n')
    assert [p.name for p in expand_paths([tmp_path])] == ["s.txt"]


def test_jsonl_error_names_its_line(tmp_path, tiny_session):
    line = json.dumps(session_to_dict(tiny_session))
    with pytest.raises(TranscriptError) as info:
        read_sessions(write(tmp_path / "s.jsonl", f"{line}\n{{broken\n"))
    assert info.value.line == 2
