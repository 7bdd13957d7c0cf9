"""Synthetic vignettes written by the team, each built around a known client event (or none).

Every expected event must be detected where it happens; every kind listed as absent must not
be detected anywhere (false alarms). See tests/vignettes/README.md.
"""

import json
import warnings
from pathlib import Path

import pytest

import attunement

FOLDER = Path(__file__).parent / "vignettes"
CASES = json.loads((FOLDER / "client_expectations.json").read_text())


def detections(analysis):
    """(kind, utterance index) for every detection of the client-side analysis."""
    found = [(e["kind"], i) for e in analysis.episodes for i in e["utterances"]]
    for u, slot in zip(analysis.session.utterances, analysis.utterances):
        state = slot.client_state
        if "incongruence" in state:
            found.append(("incongruence", u.index))
        for marker in state.get("markers", {}):
            found.append((marker, u.index))
    return found


@pytest.fixture(scope="module")
def analysed():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {case["file"]: attunement.analyze(FOLDER / case["file"]) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_expected_events_are_found_where_they_happen(case, analysed):
    analysis = analysed[case["file"]]
    line_of = {u.index: u.line for u in analysis.session.utterances}
    found = detections(analysis)
    for event in case["events"]:
        first, last = event["lines"]
        hits = [i for kind, i in found if kind == event["kind"] and first <= line_of[i] <= last]
        assert hits, f"{event['kind']} expected at lines {first}-{last}; found {sorted(set(found))}"


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_no_false_alarms(case, analysed):
    found = {kind for kind, _ in detections(analysed[case["file"]])}
    assert not found & set(case["absent"]), f"false alarm: {sorted(found & set(case['absent']))}"


def test_every_vignette_report_validates(analysed):
    import jsonschema
    from importlib import resources

    from attunement.report import report_document

    schema = json.loads(resources.files("attunement.resources").joinpath("schemas/report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for analysis in analysed.values():
        document = json.loads(json.dumps(report_document(analysis)))
        errors = list(validator.iter_errors(document))
        assert not errors, errors[0]
