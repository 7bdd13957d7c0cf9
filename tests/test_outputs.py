"""Reports: every output validates against the published JSON Schema; the HTML is self-contained and safe."""

import json
import re
import warnings
from importlib import resources

import jsonschema
import pytest

import attunement
from attunement.model import Session, Speaker, Utterance
from attunement.report import render_html, report_document, to_jsonl

EXAMPLE_FILES = ["pleasing-and-fidgeting.txt", "grief-checkin.vtt", "work-stress.docx"]


def schema(name):
    return json.loads(resources.files("attunement.resources").joinpath(f"schemas/{name}").read_text())


@pytest.fixture(scope="module")
def analyses():
    from .conftest import EXAMPLES

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [attunement.analyze(EXAMPLES / name) for name in EXAMPLE_FILES]


def test_every_report_validates_against_the_schema(analyses, tiny_session):
    validator = jsonschema.Draft202012Validator(schema("report.schema.json"))
    for analysis in [*analyses, attunement.analyze(tiny_session)]:
        document = json.loads(to_jsonl([report_document(analysis)]))
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, errors[0]


def test_contract_keys(analyses):
    document = report_document(analyses[0])
    assert document["schema"] == "attunement.report/1"
    assert document["session"]["source"].endswith("pleasing-and-fidgeting.txt")
    assert document["session"]["n_utterances"] == len(document["utterances"])
    assert [u["index"] for u in document["utterances"]] == list(range(len(document["utterances"])))
    incongruence = document["utterances"][29]
    assert incongruence["nonverbal"] == ["fidgeting with her sleeve", "laughs nervously"]
    assert "[" not in incongruence["text"]


def test_session_documents_validate(analyses):
    from attunement.readers.jsonformat import session_to_dict

    validator = jsonschema.Draft202012Validator(schema("session.schema.json"))
    for analysis in analyses:
        validator.validate(session_to_dict(analysis.session))


def test_html_is_self_contained(analyses):
    for analysis in analyses:
        html = render_html(analysis)
        assert html.startswith("<!DOCTYPE html>")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
        assert "@import" not in html and "url(" not in html
        assert "default-src 'none'" in html
        for u in analysis.session.utterances[:5]:
            assert f'id="u-{u.index}"' in html


def test_html_escapes_transcript_text():
    t, c = Speaker("T<script>", "therapist"), Speaker("C", "client")
    session = Session(id="x", source="<img src=x onerror=alert(1)>", format="text", speakers=(t, c), utterances=(
        Utterance(0, t, "<script>alert('x')</script> hello", None, None),
        Utterance(1, c, "fine & \"dandy\" </td></tr>", None, None)))
    html = render_html(attunement.analyze(session))
    assert "<script>alert" not in html and "<img src=x" not in html and "</td></tr>\"" not in html
    assert "&lt;script&gt;alert(" in html
    assert html.count("<script>") == 1  # only our own inline script


def test_jsonl_is_one_object_per_line(analyses):
    text = to_jsonl(report_document(a) for a in analyses)
    lines = text.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["schema"] == "attunement.report/1" for line in lines)
