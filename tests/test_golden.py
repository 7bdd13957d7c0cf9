"""Golden files: the bundled synthetic examples, read and analysed, must not drift unnoticed.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff.
"""

import json
import os
import warnings

import pytest

import attunement
from attunement.readers.jsonformat import session_to_dict
from attunement.report import report_document

from .conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = ["pleasing-and-fidgeting.txt", "grief-checkin.vtt", "work-stress.docx"]


def _normalise(document):
    document = json.loads(json.dumps(document))
    document.pop("generator", None)
    document["session"]["source"] = os.path.basename(document["session"]["source"])
    document["warnings"] = [w.replace(str(EXAMPLES) + "/", "") for w in document.get("warnings", [])]
    return document


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("kind", ["session", "report"])
def test_golden(name, kind):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        session = attunement.read_session(EXAMPLES / name)
        analysis = attunement.analyze(session)
        analysis.warnings.extend(str(w.message) for w in caught)
    if kind == "session":
        document = session_to_dict(session)
        document["source"] = os.path.basename(document["source"])
    else:
        document = _normalise(report_document(analysis))
    path = GOLDEN / f"{name}.{kind}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert document == json.loads(path.read_text(encoding="utf-8"))
