"""Every kind of bad input: one clear line naming the file, exit code 2, no traceback, no partial output."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from attunement.cli import cli

from .conftest import write

GOOD = "Therapist: How are you?\nClient: Not great.\nTherapist: Say more?\n"


def run(*args):
    result = CliRunner().invoke(cli, ["analyze", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def _bad_files(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        line = "Client: " + "words " * 20 + "\n"
        while handle.tell() < 50_000_000:
            handle.write(line * 1000)
    return {
        "empty": (write(tmp_path / "empty.txt", ""), "file is empty"),
        "blank": (write(tmp_path / "blank.txt", "\n  \n"), "file is empty"),
        "binary": ((tmp_path / "x.txt"), "binary"),
        "big": (big, "over the 20 MB limit"),
        "no labels": (write(tmp_path / "nolabels.txt", "hello there\nhow are you\n"), "no speaker labels"),
        "one speaker": (write(tmp_path / "one.txt", "Client: Hi.\nClient: Hello?\n"), "only one speaker"),
        "three speakers": (write(tmp_path / "three.txt", "A: Hi?\nB: Hi.\nC: Yo.\nA: So?\nB: Yes.\nC: No.\n"),
                           "3 speakers"),
        "bad vtt": (write(tmp_path / "bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nT: hi\n"), "malformed cue timing"),
        "csv columns": (write(tmp_path / "bad.csv", "who,what\nT,hi\n"), "missing column"),
        "missing": (tmp_path / "nope.txt", "no such file"),
        "utf16 bad": ((tmp_path / "u16.txt"), "utf-16"),
    }


@pytest.fixture
def bad_files(tmp_path):
    files = _bad_files(tmp_path)
    (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "u16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8")  # BOM then a lone surrogate
    return files


@pytest.mark.parametrize("case", [
    "empty", "blank", "binary", "big", "no labels", "one speaker", "three speakers", "bad vtt", "csv columns",
    "missing", "utf16 bad"])
def test_bad_input_gives_one_line_and_exit_2(case, bad_files, tmp_path):
    path, message = bad_files[case]
    out = tmp_path / "out"
    code, stdout, stderr = run(path, "--json", out.with_suffix(".jsonl"), "--html", out)
    assert code == 2
    assert "Traceback" not in stdout + stderr
    lines = [line for line in stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], stderr
    assert not out.exists() and not out.with_suffix(".jsonl").exists()


def test_folder_with_good_and_bad_files(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    write(folder / "a.txt", GOOD)
    write(folder / "b.txt", GOOD.replace("Not great", "Better"))
    write(folder / "broken.txt", "no labels at all\n")
    (folder / "c.vtt").write_text("WEBVTT\n\n00:00:01.000 --> nonsense\nT: hi\n")
    code, stdout, stderr = run(folder, "--json", tmp_path / "r.jsonl", "--html", tmp_path / "html")
    assert code == 2
    assert "2 of 4 file(s) could not be analysed" in stderr
    assert "broken.txt" in stderr and "c.vtt" in stderr
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 2
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == ["a.html", "b.html"]


def test_glob_patterns(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "b.txt", GOOD.replace("Not great", "Fine"))
    code, stdout, _ = run(str(tmp_path / "*.txt"))
    assert code == 0 and stdout.count("utterances") == 2


def test_html_file_for_many_sessions_is_refused_before_writing(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "b.txt", GOOD.replace("Not great", "Fine"))
    code, _, stderr = run(tmp_path / "a.txt", tmp_path / "b.txt", "--html", tmp_path / "one.html")
    assert code == 2 and "names one file" in stderr and not (tmp_path / "one.html").exists()


def test_output_folder_missing(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    code, _, stderr = run(tmp_path / "a.txt", "--json", tmp_path / "no" / "such" / "r.jsonl")
    assert code == 2 and "folder does not exist" in stderr


def test_bad_config_is_one_line(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    config = write(tmp_path / "c.toml", "[components.timing]\nlong_pause_s = 'long'\n")
    code, _, stderr = run(tmp_path / "a.txt", "--config", config)
    assert code == 2 and "long_pause_s must be float" in stderr and "Traceback" not in stderr


def test_real_process_exit_code_and_no_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "attunement", "analyze", str(tmp_path / "missing.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "missing.txt: no such file" in result.stderr
