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


@pytest.mark.parametrize("name, by, least", [("dialogue-stereo.wav", "channels", 0.95), ("dialogue-mono.wav", "voices", 0.9)])
def test_a_recording_is_transcribed_with_its_two_speakers_and_their_roles(recordings, name, by, least):
    from attunement.recordings.measures import normalise, speaker_accuracy, word_error_rate

    session = read_sessions(recordings / name)[0]
    script = _script(recordings)
    said = [w for t in script for w in normalise(t["text"])]
    heard = [w for u in session.utterances for w in normalise(u.text)]
    assert word_error_rate(said, heard) <= 0.25
    assert session.metadata["recording"]["speakers_by"] == by
    assert speaker_accuracy(session.utterances, script) >= least  # words given to the person who said them
    assert session.utterances[0].role == "therapist" and {u.role for u in session.utterances} == {"therapist", "client"}
    assert session.has_timestamps


def test_two_men_of_the_same_pitch_on_one_channel_are_told_apart_by_their_voices(tmp_path):
    from attunement.recordings.measures import speaker_accuracy

    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_recordings.py"), str(tmp_path),
                    "--voices", "en-us+m3", "en-us+m7"], check=True)  # pitch-and-timbre clustering got 62% of words here
    session = read_sessions(tmp_path / "dialogue-mono.wav")[0]
    assert session.metadata["recording"]["speakers_by"] == "voices"
    assert speaker_accuracy(session.utterances, _script(tmp_path)) >= 0.9


def test_one_speaker_per_channel_gives_every_turn_to_the_right_person(recordings):
    session = read_sessions(recordings / "dialogue-stereo.wav")[0]
    script = _script(recordings)
    assert [u.role for u in session.utterances] == [t["speaker"] for t in script]
    for u, t in zip(session.utterances, script):
        assert abs(u.start - t["start"]) < 1.0 and abs(u.end - t["end"]) < 1.0


def test_vocal_arousal_rises_where_the_client_spoke_aroused(recordings):
    session = read_sessions(recordings / "dialogue-stereo.wav")[0]  # one speaker per channel: turns are exact
    aroused = next(t for t in _script(recordings) if t["aroused"])
    client = [u for u in session.utterances if u.role == "client" and u.prosody.vocal_arousal is not None]
    top = max(client, key=lambda u: u.prosody.vocal_arousal)
    assert top.start <= (aroused["start"] + aroused["end"]) / 2 <= top.end + 0.6
    assert top.prosody.vocal_arousal >= 1.0
    for u in session.utterances:
        assert u.prosody.intensity_db < 0 and u.prosody.speech_rate > 0
    therapist = [u.prosody.pitch_mean_hz for u in session.utterances if u.role == "therapist" and u.prosody.pitch_mean_hz]
    assert max(therapist) < min(u.prosody.pitch_mean_hz for u in client if u.prosody.pitch_mean_hz)  # a lower voice


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


def test_the_voice_is_evidence_for_the_client_and_for_synchrony(recordings):
    import attunement

    analysis = attunement.analyze(read_sessions(recordings / "dialogue-stereo.wav")[0])
    aroused = next(t for t in _script(recordings) if t["aroused"])
    voiced = [(u, s) for u, s in zip(analysis.session.utterances, analysis.utterances)
              if any(c["kind"] == "voice_aroused" for c in s.client_state.get("cues", []))]
    assert voiced and all(u.start <= (aroused["start"] + aroused["end"]) / 2 <= u.end + 0.6 for u, _ in voiced)
    cue = next(c for c in voiced[0][1].client_state["cues"] if c["kind"] == "voice_aroused")
    assert cue["source"] == "voice" and cue["channel"] == "verbal"
    vocal = analysis.scores["synchrony"]["vocal"]
    assert vocal["pairs"] == 3 and {"pitch", "intensity"} <= set(vocal)


def test_a_recording_read_back_from_session_json_keeps_its_prosody(recordings, tmp_path):
    from attunement.sessionjson import session_from_dict, session_to_dict

    session = read_sessions(recordings / "dialogue-stereo.wav")[0]
    again = session_from_dict(json.loads(json.dumps(session_to_dict(session))), path="x")
    assert [u.prosody for u in again.utterances] == [u.prosody for u in session.utterances]


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    pytest.importorskip("cv2")
    out = tmp_path_factory.mktemp("video") / "lagged.mp4"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_video.py"), str(out), "--seconds", "60", "--lag", "1.0"], check=True)
    return out


def test_motion_energy_finds_the_lag_the_leader_fidgeting_and_stillness(video):
    from attunement.recordings.motion import episodes, motion_energy, movement_synchrony

    motion = motion_energy(video)
    assert motion.energy.shape[0] == 2 and abs(motion.duration_s - 60) < 0.5
    sync = movement_synchrony(motion.energy, names=("left", "right"))
    assert abs(sync["lag_s"] - 1.0) <= 0.3 and sync["leader"] == "left" and sync["p"] <= 0.05 and sync["r"] > 0.3
    fidgets = [(a, b) for kind, a, b in episodes(motion.energy[1]) if kind == "fidgeting"]
    assert fidgets and all(29 <= a and b <= 37 for a, b in fidgets)
    still = [(a, b) for kind, a, b in episodes(motion.energy[0]) if kind == "stillness"]
    assert any(a <= 45 and b >= 51 for a, b in still)


def test_a_video_beside_the_recording_gives_the_body_to_the_right_person(recordings, tmp_path):
    pytest.importorskip("cv2")
    import attunement

    clip = tmp_path / "dialogue.mp4"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_video.py"), str(clip), "--script",
                    str(recordings / "dialogue.json")], check=True)
    result = CliRunner().invoke(cli, ["analyze", str(recordings / "dialogue-stereo.wav"), "--video", str(clip),
                                      "--json", str(tmp_path / "r.jsonl"), "-q"])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "r.jsonl").read_text())
    aroused = next(t for t in _script(recordings) if t["aroused"])
    fidgeting = [u for u in document["utterances"] if any("fidgeting" in n for n in u["nonverbal"])]
    assert fidgeting and all(u["role"] == "client" and u["start"] <= aroused["end"] and u["end"] >= aroused["start"] for u in fidgeting)
    cue = next(c for c in fidgeting[0]["client_state"]["cues"] if c["kind"] == "fidgeting")
    assert cue["source"] == "video" and "video" in cue["evidence"]
    assert {"r", "lag_s", "leader", "p"} <= set(document["scores"]["synchrony"]["movement"])
    session = read_sessions(recordings / "dialogue-stereo.wav")[0]
    assert attunement.analyze(session).scores["synchrony"].get("movement") is None  # no video, no movement


def test_a_video_needs_a_transcript_with_times_and_a_video_needs_sound(video, tmp_path):
    untimed = tmp_path / "s.txt"
    untimed.write_text("Therapist: How are you?\nClient: Fine.\n")
    result = CliRunner().invoke(cli, ["analyze", str(untimed), "--video", str(video)])
    assert result.exit_code == 2 and "no time stamps" in result.output
    silent = CliRunner().invoke(cli, ["analyze", str(video)])
    assert silent.exit_code == 2 and "no audio track" in silent.output


def test_the_report_plays_the_recording_from_any_utterance(recordings, tmp_path):
    import re as _re

    out = tmp_path / "reports" / "session.html"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["analyze", str(recordings / "dialogue-stereo.wav"), "--html", str(out), "-q"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    src = _re.search(r'<audio id="player"[^>]* src="([^"]+)"', page).group(1)
    assert not src.startswith(("http", "/")) and (out.parent / src).resolve() == (recordings / "dialogue-stereo.wav").resolve()
    assert len(_re.findall(r'<button type="button" class="play" data-t="', page)) == 8
    text = tmp_path / "t.html"
    assert CliRunner().invoke(cli, ["analyze", str(ROOT / "examples" / "grief-checkin.vtt"), "--html", str(text), "-q"]).exit_code == 0
    assert 'id="player"' not in text.read_text()  # a transcript has no recording to play


@pytest.mark.slow
def test_pressing_play_beside_a_line_seeks_the_recording_there(recordings, tmp_path):
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    out = tmp_path / "session.html"
    assert CliRunner().invoke(cli, ["analyze", str(recordings / "dialogue-stereo.wav"), "--html", str(out), "-q"]).exit_code == 0
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required",
                 "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(out.as_uri())
        buttons = driver.find_elements(By.CSS_SELECTOR, "button.play")
        target = float(buttons[3].get_attribute("data-t"))
        driver.execute_script("arguments[0].scrollIntoView()", buttons[3])
        buttons[3].click()
        import time as _time

        _time.sleep(1.0)
        now = driver.execute_script("return document.getElementById('player').currentTime")
        assert target - 0.1 <= now <= target + 2.0
    finally:
        driver.quit()


def test_the_web_app_reads_an_uploaded_recording_and_keeps_no_media(recordings, tmp_path):
    pytest.importorskip("fastapi")
    import re as _re

    from fastapi.testclient import TestClient

    from attunement.store import Store
    from attunement.web import create_app
    from attunement.web.security import hash_password

    db = tmp_path / "store.db"
    with Store(db) as store:
        store.accounts.add_user("ana", "trainee", hash_password("correct horse battery"))
    app = create_app(db, secret="s", analyse_inline=True)
    c = TestClient(app, base_url="http://127.0.0.1")
    assert c.post("/login", data={"name": "ana", "password": "correct horse battery"}, follow_redirects=False).status_code == 303
    token = _re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/").text).group(1)
    audio = (recordings / "dialogue-stereo.wav").read_bytes()
    r = c.post("/upload", data={"csrf": token, "pseudonym": "Client R", "keep_identifiers": "1"},
               files={"file": ("week3.wav", audio, "audio/wav")}, follow_redirects=False)
    assert r.status_code == 303, r.text
    session_id = r.headers["location"].rsplit("/", 1)[1]
    with Store(db) as store:
        session = store.sessions.get(session_id)
        assert session.format == "recording" and len(session) == 8 and session.utterances[3].prosody is not None
        raw = store.sql("SELECT session_json FROM sessions")[0][0]
        assert b"RIFF" not in raw.encode() and len(raw) < len(audio) / 10  # the words and measures, not the sound
    assert "since we last met" in c.get(f"/sessions/{session_id}").text.lower()  # the transcribed words, analysed


def test_a_kept_recording_is_sealed_and_played_only_to_those_who_may_see_the_session(recordings, tmp_path):
    pytest.importorskip("fastapi")
    import re as _re

    from fastapi.testclient import TestClient

    from attunement.store import Store
    from attunement.web import create_app
    from attunement.web.security import hash_password

    db = tmp_path / "store.db"
    with Store(db) as store:
        for name in ("ana", "ben"):
            store.accounts.add_user(name, "trainee", hash_password("correct horse battery"))
    app = create_app(db, secret="s", analyse_inline=True, keep_recordings=True)

    def login(name):
        c = TestClient(app, base_url="http://127.0.0.1")
        assert c.post("/login", data={"name": name, "password": "correct horse battery"}, follow_redirects=False).status_code == 303
        return c

    ana = login("ana")
    token = _re.search(r'name="csrf" value="([0-9a-f]+)"', ana.get("/").text).group(1)
    audio = (recordings / "dialogue-stereo.wav").read_bytes()
    r = ana.post("/upload", data={"csrf": token, "keep_identifiers": "1"}, files={"file": ("s.wav", audio, "audio/wav")},
                 follow_redirects=False)
    session_id = r.headers["location"].rsplit("/", 1)[1]
    page = ana.get(f"/sessions/{session_id}").text
    assert 'id="player"' in page and page.count('class="play"') == 8
    assert "<script>" not in page.split("</title>")[0]  # the page's title is only a title
    played = ana.get(f"/sessions/{session_id}/recording")
    assert played.status_code == 200 and played.content == audio and played.headers["content-type"] == "audio/wav"
    assert login("ben").get(f"/sessions/{session_id}/recording").status_code == 404
    with Store(db) as store:
        sealed = store.sql("SELECT data FROM recordings")[0][0]
        assert "UklGR" not in sealed  # not the plain base64 of a WAV ("RIFF")
        store.rotate_key(b"n" * 32)
        assert store.recordings.get(session_id)[1] == audio
