"""Golden files: the bundled synthetic examples, read and analysed, must not drift unnoticed.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff.
"""

import json
import re
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
    with warnings.catch_warnings():  # the reader's warnings travel on the session into the report by themselves
        warnings.simplefilter("ignore")
        session = attunement.read_session(EXAMPLES / name)
        analysis = attunement.analyze(session)
    if kind == "session":
        document = session_to_dict(session)
        document["source"] = os.path.basename(document["source"])
        if "warnings" in document["metadata"]:
            document["metadata"]["warnings"] = [w.replace(str(EXAMPLES) + "/", "") for w in document["metadata"]["warnings"]]
    else:
        document = _normalise(report_document(analysis))
    path = GOLDEN / f"{name}.{kind}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if kind == "session":
        assert document == expected
    else:
        assert _differences(document, expected) == []


#: The int8 encoder's numbers differ slightly between processors (AVX2 and AVX-512 VNNI kernels
#: round differently), so model-derived numbers are compared within this margin and the
#: probabilities quoted inside evidence strings are ignored. Every code, key, list and word
#: must still match exactly.
MODEL_MARGIN = 0.12
EMOTION_FLOOR_MARGIN = 0.25


def _differences(got, want, path="$"):
    if isinstance(got, bool) or isinstance(want, bool) or not isinstance(got, (int, float)) \
            or not isinstance(want, (int, float)):
        if isinstance(got, str) and isinstance(want, str):
            same = re.sub(r"\d+%", "N%", got) == re.sub(r"\d+%", "N%", want)
            return [] if same else [f"{path}: {got!r} != {want!r}"]
        if type(got) is not type(want):
            return [f"{path}: {got!r} != {want!r}"]
        if isinstance(got, dict):
            out = []
            keys = set(got) | set(want)
            if path.endswith(".emotions"):  # labels near the reporting floor come and go with the kernel
                keys = {k for k in keys if max(got.get(k, 0), want.get(k, 0)) >= EMOTION_FLOOR_MARGIN}
            for key in sorted(keys):
                if key not in got or key not in want:
                    out.append(f"{path}.{key}: only in {'expected' if key in want else 'result'}")
                else:
                    out.extend(_differences(got[key], want[key], f"{path}.{key}"))
            return out
        if isinstance(got, list):
            if len(got) != len(want):
                return [f"{path}: {len(got)} items != {len(want)}"]
            return [d for i, (a, b) in enumerate(zip(got, want)) for d in _differences(a, b, f"{path}[{i}]")]
        return [] if got == want else [f"{path}: {got!r} != {want!r}"]
    return [] if abs(got - want) <= MODEL_MARGIN else [f"{path}: {got} != {want}"]
