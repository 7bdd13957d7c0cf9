"""Whole corpora: worker processes and Dask give the same reports in the same order as one process, a killed worker
loses and duplicates nothing, and the research formats (Parquet, ConvoKit, ELAN) carry every field out and back."""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from attunement.cli import cli
from attunement.readers import expand_paths, read_sessions

ROOT = Path(__file__).resolve().parent.parent
needs_pyarrow = pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="needs the [corpus] extra")
needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs the [corpus] extra")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Ten sessions in seven files: the three bundled examples, three short ones, and a CSV of three transcripts."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((ROOT / "examples").iterdir()):
        if path.suffix in (".txt", ".docx", ".vtt"):
            shutil.copy(path, folder / path.name)
    for n in range(3):
        (folder / f"short-{n}.txt").write_text(
            f"Therapist: What brings you here today?\nClient: I have been feeling low for {n + 2} weeks.\n"
            "Therapist: It sounds like it has been heavy.\nClient: Yes. [sighs] Really heavy.\n")
    rows = ["transcript_id,interlocutor,utterance_text"]
    for t in range(3):
        rows += [f"{t},therapist,What would you like to talk about today?",
                 f'{t},client,"I keep putting off my exercise, {t} times this week."',
                 f"{t},therapist,You'd like to move more but it keeps slipping.", f"{t},client,Yes. It's frustrating."]
    (folder / "several.csv").write_text("\n".join(rows) + "\n")
    return folder


def _analyse(folder, out, *extra):
    result = subprocess.run([sys.executable, "-m", "attunement", "analyze", str(folder), "--json", str(out), "-q",
                             "--models", "fast", *map(str, extra)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out.read_text()


@pytest.mark.slow
def test_two_workers_give_the_same_reports_in_the_same_order_as_one(corpus, tmp_path):
    one = _analyse(corpus, tmp_path / "one.jsonl")
    two = _analyse(corpus, tmp_path / "two.jsonl", "--workers", "2")
    assert one == two  # byte for byte, in input order
    sources = [json.loads(line)["session"]["source"] for line in one.splitlines()]
    assert list(dict.fromkeys(s.split("#")[0] for s in sources)) == [str(p) for p in expand_paths([corpus])]
    assert [s for s in sources if "#" in s] == [f"{corpus / 'several.csv'}#{t}" for t in range(3)]


@pytest.mark.slow
@needs_dask
def test_a_dask_local_cluster_gives_the_same_reports(corpus, tmp_path):
    one = _analyse(corpus, tmp_path / "one.jsonl")
    assert _analyse(corpus, tmp_path / "dask.jsonl", "--dask", "local", "--workers", "2") == one


def _workers_of(pid):
    """The process ids of multiprocessing workers started (directly or not) by ``pid``."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            children[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmdline)
    found, frontier = [], {pid}
    while frontier:
        frontier = {p for p, (parent, _) in children.items() if parent in frontier}
        found += [p for p in frontier if "spawn_main" in children[p][1] and "resource_tracker" not in children[p][1]]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("how", [["--workers", "2"], pytest.param(["--dask", "local", "--workers", "2"], marks=needs_dask)])
def test_a_worker_killed_midway_loses_and_duplicates_nothing(corpus, tmp_path, how):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(5):
        for path in corpus.iterdir():
            shutil.copy(path, folder / f"{n}-{path.name}")
    expected = len(list(expand_paths([folder])))
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "attunement", "analyze", str(folder), "--json", str(out), "-q",
                                *how], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # accurate: slow enough
    deadline = time.time() + 120
    killed = None
    while time.time() < deadline and killed is None and process.poll() is None:
        time.sleep(0.2)
        if len(_workers_of(process.pid)) >= 2:
            time.sleep(3)  # let them load their models and start on the files
            victims = _workers_of(process.pid)
            if victims and process.poll() is None:
                killed = victims[0]
                os.kill(killed, signal.SIGKILL)
    assert killed is not None, "no worker was killed while the run went on"
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    sources = [json.loads(line)["session"]["source"] for line in out.read_text().splitlines()]
    assert [s.split("#")[0] for s in sources if not s.endswith(("#1", "#2"))] == \
        [str(p) for p in expand_paths([folder])]  # every file once, in order
    assert len(sources) == expected + 2 * 5 and len(set(sources)) == len(sources)  # each CSV holds three sessions


def test_workers_share_the_cores_out(monkeypatch):
    from attunement import batch, environment

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert batch.threads_each(1) == 2 and batch.threads_each(2) == 1 and batch.threads_each(8) == 1
    monkeypatch.setenv("ATTUNEMENT_THREADS", "1")
    assert environment.threads() == 1


def test_a_bad_file_in_a_batch_is_reported_and_the_rest_analysed_by_the_workers(corpus, tmp_path):
    from attunement import batch
    from attunement.readers import ReadOptions
    from attunement.settings import Settings

    bad = tmp_path / "empty.txt"
    bad.write_text("")
    files = [str(corpus / "short-0.txt"), str(bad), str(corpus / "short-1.txt")]
    job = batch.Job(Settings.load(tier="fast"), ReadOptions())
    seen = []
    outcomes = list(batch.run(job, files, progress=lambda done, total, sessions: seen.append((done, total, sessions))))
    assert [o.path for o in outcomes] == files
    assert outcomes[1].failure and "empty.txt" in outcomes[1].failure and not outcomes[1].analyses
    assert len(outcomes[0].analyses) == 1 and len(outcomes[2].analyses) == 1
    assert seen == [(1, 3, 1), (2, 3, 1), (3, 3, 2)]


# ---- Parquet ------------------------------------------------------------------------------------------------------

@needs_pyarrow
def test_parquet_tables_hold_every_utterance_score_and_a_long_table(corpus, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "tables"
    result = invoke("analyze", corpus / "short-0.txt", corpus / "short-1.txt", "--models", "fast", "--parquet", out,
                    "--json", tmp_path / "r.jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    utterances = pq.read_table(out / "utterances.parquet").to_pylist()
    sessions = pq.read_table(out / "sessions.parquet").to_pylist()
    long = pq.read_table(out / "long.parquet").to_pylist()
    assert len(utterances) == sum(len(r["utterances"]) for r in reports) and len(sessions) == 2
    first = reports[0]["utterances"][2]
    row = next(u for u in utterances if u["session_id"] == reports[0]["session"]["id"] and u["index"] == 2)
    assert row["text"] == first["text"] and row["codes.form"] == first["codes"]["form"]
    assert row["response.attunement"] == pytest.approx(first["response"]["attunement"])
    assert row["response.parts.fit"] == pytest.approx(first["response"]["parts"]["fit"])
    assert row["therapist"] == f"{reports[0]['session']['id']}:Therapist"  # a role name is not a person
    assert sessions[0]["scores.attunement_index"] == reports[0]["scores"]["attunement_index"]
    measures = {(r["session"], r["utterance"], r["measure"]): r["value"] for r in long}
    assert measures[(reports[0]["session"]["id"], 2, "response.attunement")] == pytest.approx(first["response"]["attunement"])
    assert {"therapist", "client", "session", "utterance", "role", "measure", "value"} == set(long[0])
    assert oct(os.stat(out / "utterances.parquet").st_mode & 0o777) == "0o600"


@needs_pyarrow
def test_export_from_the_store_writes_the_same_tables(corpus, tmp_path):
    import pyarrow.parquet as pq

    db = tmp_path / "store.db"
    assert invoke("analyze", corpus / "short-0.txt", "--models", "fast", "--save", "--db", db, "--parquet",
                  tmp_path / "direct", "-q").exit_code == 0
    result = invoke("export", "--db", db, "--parquet", tmp_path / "exported")
    assert result.exit_code == 0, result.stderr
    for name in ("utterances", "sessions", "long"):
        assert pq.read_table(tmp_path / "exported" / f"{name}.parquet").to_pylist() == \
            pq.read_table(tmp_path / "direct" / f"{name}.parquet").to_pylist()


def test_export_says_what_is_wrong(tmp_path):
    assert invoke("export", "--db", tmp_path / "s.db").exit_code == 2
    not_reports = tmp_path / "x.jsonl"
    not_reports.write_text('{"a": 1}\n')
    result = invoke("export", "--from", not_reports, "--convokit", tmp_path / "ck")
    assert result.exit_code == 2 and "x.jsonl:1" in result.stderr and "Traceback" not in result.stderr


# ---- ConvoKit and ELAN --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reports(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "r.jsonl"
    result = invoke("analyze", corpus / "pleasing-and-fidgeting.txt", corpus / "short-1.txt", "--json", out, "-q",
                    "--models", "fast")
    assert result.exit_code == 0, result.stderr
    return out


def test_a_convokit_corpus_goes_out_and_comes_back_with_its_speakers_roles_and_signs(reports, tmp_path):
    assert invoke("export", "--from", reports, "--convokit", tmp_path / "ck").exit_code == 0
    documents = [json.loads(line) for line in reports.read_text().splitlines()]
    for name in ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json"):
        assert (tmp_path / "ck" / name).is_file()
    records = [json.loads(line) for line in (tmp_path / "ck" / "utterances.jsonl").read_text().splitlines()]
    assert records[1]["reply-to"] == records[0]["id"] and records[0]["reply-to"] is None
    assert records[1]["meta"]["codes"] == documents[0]["utterances"][1]["codes"]
    # and back: the folder is found as one corpus, its companions are not read as transcripts
    assert [p.name for p in expand_paths([tmp_path / "ck"])] == ["utterances.jsonl"]
    sessions = read_sessions(tmp_path / "ck" / "utterances.jsonl")
    assert len(sessions) == 2
    for session, document in zip(sessions, documents):
        assert [u.text for u in session.utterances] == [u["text"] for u in document["utterances"]]
        assert [u.role for u in session.utterances] == [u["role"] for u in document["utterances"]]
        assert [[a.label for a in u.annotations] for u in session.utterances] == \
            [u["nonverbal"] for u in document["utterances"]]


def test_a_convokit_corpus_written_by_convokit_style_tools_is_read(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [{"id": "u1", "user": "A", "root": "c1", "reply_to": None, "timestamp": 0, "text": "How are you feeling?",
              "meta": {}},
             {"id": "u2", "user": "B", "root": "c1", "reply_to": "u1", "timestamp": 1, "text": "Tired. Really tired.",
              "meta": {}}]
    (folder / "utterances.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    (folder / "users.json").write_text(json.dumps({"A": {"role": "counselor"}, "B": {"role": "client"}}))
    session = read_sessions(folder / "utterances.jsonl")[0]
    assert [u.role for u in session.utterances] == ["therapist", "client"]
    (folder / "utterances.jsonl").write_text('{"id": "u1", "text": "hi"\n')
    result = invoke("analyze", folder)
    assert result.exit_code == 2 and "utterances.jsonl:1" in result.stderr


def test_an_elan_file_goes_out_with_judgement_tiers_and_comes_back_with_turns_and_signs(reports, tmp_path):
    assert invoke("export", "--from", reports, "--eaf", tmp_path / "elan").exit_code == 0
    files = sorted((tmp_path / "elan").glob("*.eaf"))
    assert len(files) == 2
    document = json.loads(reports.read_text().splitlines()[0])
    text = next(f for f in files if f.name.startswith("pleasing")).read_text()
    assert 'TIER_ID="attunement"' in text and "non-verbal" in text and "estimated" in text
    session = read_sessions(next(f for f in files if f.name.startswith("pleasing")))[0]
    assert [u.text for u in session.utterances] == [u["text"] for u in document["utterances"]]
    assert [u.role for u in session.utterances] == [u["role"] for u in document["utterances"]]
    assert [[a.label for a in u.annotations] for u in session.utterances] == [u["nonverbal"] for u in document["utterances"]]


def test_an_elan_file_made_elsewhere_is_read_by_tier(tmp_path):
    eaf = tmp_path / "s.eaf"
    eaf.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0"><HEADER TIME_UNITS="milliseconds"/>
<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="2500"/>
<TIME_SLOT TIME_SLOT_ID="t3" TIME_VALUE="3000"/><TIME_SLOT TIME_SLOT_ID="t4" TIME_VALUE="6000"/>
<TIME_SLOT TIME_SLOT_ID="t5" TIME_VALUE="3500"/><TIME_SLOT TIME_SLOT_ID="t6" TIME_VALUE="5000"/></TIME_ORDER>
<TIER TIER_ID="Dr Lee" PARTICIPANT="Therapist" LINGUISTIC_TYPE_REF="utt"><ANNOTATION><ALIGNABLE_ANNOTATION
 ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>What feels hardest right now?</ANNOTATION_VALUE>
</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<TIER TIER_ID="Client" PARTICIPANT="Client" LINGUISTIC_TYPE_REF="utt"><ANNOTATION><ALIGNABLE_ANNOTATION
 ANNOTATION_ID="a2" TIME_SLOT_REF1="t3" TIME_SLOT_REF2="t4"><ANNOTATION_VALUE>I'm fine, honestly.</ANNOTATION_VALUE>
</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<TIER TIER_ID="Client gesture" PARTICIPANT="Client" LINGUISTIC_TYPE_REF="utt"><ANNOTATION><ALIGNABLE_ANNOTATION
 ANNOTATION_ID="a3" TIME_SLOT_REF1="t5" TIME_SLOT_REF2="t6"><ANNOTATION_VALUE>fidgeting</ANNOTATION_VALUE>
</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utt" TIME_ALIGNABLE="true"/></ANNOTATION_DOCUMENT>""")
    session = read_sessions(eaf)[0]
    assert [(u.role, u.text, u.start, u.end) for u in session.utterances] == [
        ("therapist", "What feels hardest right now?", 0.0, 2.5), ("client", "I'm fine, honestly.", 3.0, 6.0)]
    assert [a.label for a in session.utterances[1].annotations] == ["fidgeting"]
    eaf.write_text("<ANNOTATION_DOCUMENT><TIER")
    result = invoke("analyze", eaf)
    assert result.exit_code == 2 and "s.eaf" in result.stderr and "XML" in result.stderr


@needs_pyarrow
def test_parquet_parts_are_joined_into_one_table_whatever_columns_each_part_had(tmp_path):
    import pyarrow.parquet as pq

    from attunement.report.parquet import write_parquet

    def document(n, extra):
        return {"session": {"id": f"s{n}", "source": f"{n}.txt", "speakers": [{"name": "Ann", "role": "therapist"}]},
                "utterances": [{"index": 0, "role": "therapist", "speaker": "Ann", "text": "Hi", "codes": extra}],
                "scores": {"attunement_index": n}, "moments": [], "warnings": []}

    documents = [document(0, {"form": "question"}), document(1, {"form": "statement", "valence": 1}),
                 document(2, {"valence": 0.5})]
    write_parquet(documents, tmp_path / "parts", part_size=1)  # three parts with different columns
    write_parquet(documents, tmp_path / "whole")
    for name in ("utterances", "sessions", "long"):
        parts, whole = (pq.read_table(tmp_path / f / f"{name}.parquet") for f in ("parts", "whole"))
        assert parts.to_pylist() == whole.select(parts.column_names).to_pylist()
    rows = pq.read_table(tmp_path / "parts" / "utterances.parquet").to_pylist()
    assert [r["codes.form"] for r in rows] == ["question", "statement", None]
    assert [r["codes.valence"] for r in rows] == [None, 1.0, 0.5]  # a whole number in one part, a fraction in another
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["long.parquet", "sessions.parquet", "utterances.parquet"]
