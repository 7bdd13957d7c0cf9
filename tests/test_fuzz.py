"""Property-based fuzzing of every reader: whatever the input, only our typed errors escape.

The quick run (every `make test`) tries 300 inputs per reader; the slow-marked run 10,000.
"""

import io
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.errors import AttunementError
from attunement.readers import FORMATS, ReadOptions

LABELS = st.sampled_from(["Therapist", "Client", "T", "C", "Ann", "Bo", "Dr. X", "", "WEBVTT", "NOTE", "1"])
STAMP = st.sampled_from(["", "[00:00:01] ", "00:01 ", "(00:02:03) ", "[99:99:99] ", "00:00:01.000 --> 00:00:02.000\n",
                         "00:00:01,000 --> 00:00:0x,000\n"])
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
LINE = st.builds(lambda s, l, w, a: f"{s}{l}: {w}{a}", STAMP, LABELS, WORDS,
                 st.sampled_from(["", " [sighs]", " (long pause)", " *cries*", " [", ")", "—"]))
TRANSCRIPT = st.one_of(st.lists(LINE, max_size=12).map("\n".join), st.text(max_size=300))
JSONISH = st.one_of(TRANSCRIPT, st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                                             lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                                             max_leaves=20).map(lambda v: __import__("json").dumps(
                                                 {"schema": "attunement.session/1", "speakers": v, "utterances": v})))


from .test_readers_exports import tiny_pdf  # noqa: E402


def _docx_bytes(parts: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, part in enumerate(parts):
            archive.writestr(["[Content_Types].xml", "word/document.xml", "x.txt"][i % 3], part)
    return buffer.getvalue()


STRATEGIES = {
    "text": TRANSCRIPT, "vtt": TRANSCRIPT.map(lambda t: "WEBVTT\n\n" + t), "srt": TRANSCRIPT,
    "csv": st.one_of(TRANSCRIPT, st.lists(LINE, max_size=8).map(lambda ls: "interlocutor,utterance_text\n" + "\n".join(ls))),
    "json": JSONISH,
    "docx": st.one_of(st.binary(max_size=200), st.lists(st.text(max_size=60), max_size=3).map(_docx_bytes)),
    "pdf": st.one_of(st.binary(max_size=200), st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
                     st.lists(st.lists(LINE, max_size=4), min_size=1, max_size=3).map(tiny_pdf)),
    "convokit": st.one_of(TRANSCRIPT, JSONISH, st.lists(st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(
            ["id", "speaker", "user", "text", "meta", "conversation_id", "root", "timestamp", "start", "end", "role",
             "nonverbal"]), c, max_size=6), max_leaves=15), max_size=5).map(
        lambda rows: "\n".join(__import__("json").dumps(r) for r in rows))),
    "eaf": st.one_of(TRANSCRIPT, st.builds(
        lambda slots, tiers: f'<ANNOTATION_DOCUMENT><TIME_ORDER>{slots}</TIME_ORDER>{tiers}</ANNOTATION_DOCUMENT>',
        st.lists(st.builds(lambda i, v: f'<TIME_SLOT TIME_SLOT_ID="t{i}" TIME_VALUE="{v}"/>', st.integers(0, 5),
                           st.sampled_from(["0", "1500", "-3", "x", "99999999999999999999"])), max_size=6).map("".join),
        st.lists(st.builds(lambda name, who, a, b, value: f'<TIER TIER_ID="{name}" PARTICIPANT="{who}"><ANNOTATION>'
                           f'<ALIGNABLE_ANNOTATION ANNOTATION_ID="a" TIME_SLOT_REF1="t{a}" TIME_SLOT_REF2="t{b}">'
                           f'<ANNOTATION_VALUE>{value}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>',
                           st.sampled_from(["Therapist", "Client", "gesture", "attunement", ""]), LABELS,
                           st.integers(0, 5), st.integers(0, 5), st.sampled_from(["", "hi", "[sighs]", "&amp;", "<"])),
                 max_size=5).map("".join))),
    "recording": st.one_of(st.binary(max_size=200), st.binary(max_size=300).map(lambda b: b"RIFF\x24\x00\x00\x00WAVEfmt " + b)),
}


def check(name: str, value: object) -> None:
    fmt = FORMATS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fmt.parse(value, path=f"fuzz.{name}", options=ReadOptions())
        except AttunementError:
            pass  # a clear, typed error is the right answer to garbage


def _fuzz(name: str, examples: int):
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[name])
    def run(value):
        check(name, value)

    run()


@pytest.mark.parametrize("name", list(FORMATS))
def test_readers_raise_only_typed_errors_quick(name):
    _fuzz(name, 300)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FORMATS))
def test_readers_raise_only_typed_errors_10000(name):
    _fuzz(name, 1_000 if name == "recording" else 10_000)  # each recording example goes through a file and FFmpeg
