"""Recordings: synthetic two-voice sessions with known words and speakers (scripts/make_recordings.py).

Needs the [media] extra and Debian's espeak-ng and sox; skipped without them.
"""

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from attunement.cli import cli
from attunement.readers import read_sessions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("sox") and importlib.util.find_spec("faster_whisper")),
    reason="needs espeak-ng, sox and the [media] extra")


@pytest.fixture(scope="module")
def recordings(tmp_path_factory):
    out = tmp_path_factory.mktemp("recordings")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_recordings.py"), str(out)], check=True)
    return out


def _script(recordings):
    return json.loads((recordings / "dialogue.json").read_text())["turns"]


@pytest.mark.parametrize("name, by", [("dialogue-stereo.wav", "channels"), ("dialogue-mono.wav", "voices")])
def test_a_recording_is_transcribed_with_its_two_speakers_and_their_roles(recordings, name, by):
    from attunement.recordings.measures import normalise, word_error_rate

    session = read_sessions(recordings / name)[0]
    script = _script(recordings)
    said = [w for t in script for w in normalise(t["text"])]
    heard = [w for u in session.utterances for w in normalise(u.text)]
    assert word_error_rate(said, heard) <= 0.25
    assert session.metadata["recording"]["speakers_by"] == by
    assert [u.role for u in session.utterances] == [t["speaker"] for t in script]  # every turn, the right person
    for u, t in zip(session.utterances, script):
        assert abs(u.start - t["start"]) < 1.0 and abs(u.end - t["end"]) < 1.0
    assert session.has_timestamps


def test_attune_analyze_reads_a_recording(recordings, tmp_path):
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(cli, ["analyze", str(recordings / "dialogue-stereo.wav"), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert document["session"]["n_utterances"] == 8
    assert sum(1 for u in document["utterances"] if u["role"] == "therapist") == 4


def test_a_file_that_is_not_a_recording_is_a_clear_error(tmp_path):
    fake = tmp_path / "session.wav"
    fake.write_text("Therapist: hello\nClient: hi\n")
    result = CliRunner().invoke(cli, ["analyze", str(fake)])
    assert result.exit_code == 2 and "could not be decoded" in result.output and "Traceback" not in result.output


def test_silence_is_a_clear_error(tmp_path):
    quiet = tmp_path / "quiet.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(quiet), "trim", "0", "3"], check=True)
    result = CliRunner().invoke(cli, ["analyze", str(quiet)])
    assert result.exit_code == 2 and "no speech" in result.output


def test_a_model_folder_that_is_not_one_is_a_clear_error(recordings, tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(recordings / "dialogue-mono.wav"), "--asr-model", str(tmp_path)])
    assert result.exit_code == 2 and "not a CTranslate2 Whisper model folder" in result.output


def test_word_error_rate():
    from attunement.recordings.measures import word_error_rate

    assert word_error_rate("a b c d".split(), "a x c".split()) == 0.5  # one substitution, one deletion
    assert word_error_rate([], []) == 0.0
