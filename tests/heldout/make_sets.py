#!/usr/bin/env python3
"""Assemble and validate the held-out evaluation sets in this folder.

The items themselves are hand-written, invented text kept in the items_*.py modules
next to this script. This script only numbers them, writes the JSON Lines files and
checks them (valid JSON per line, unique ids, allowed labels, counts, no duplicate
turns). Run:  python tests/heldout/make_sets.py  [--check]

With --check the files on disk are validated without being rewritten.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from items_reflections import REFLECTIONS  # noqa: E402
from items_risk import RISK  # noqa: E402
from items_roadblocks import ROADBLOCKS  # noqa: E402
from items_time_frame import TIME_FRAME  # noqa: E402

ROADBLOCK_LABELS = {
    "confront", "warn", "moralise", "label", "advise_without_permission",
    "argue", "premature_reassurance", "order", "none",
}
REFLECTION_LABELS = {"reflection", "not_reflection"}
RISK_LABELS = {"suicidal_ideation", "self_harm", "harm_to_others", "abuse_or_neglect", "none"}
TIME_LABELS = {"now", "past", "future", "general"}


def build() -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {}

    rows = []
    for i, (label, client, response, hard) in enumerate(ROADBLOCKS, 1):
        row = {"id": f"rb-{i:03d}", "client": client, "response": response, "label": label}
        if hard:
            row["hard"] = True
        rows.append(row)
    sets["roadblocks.jsonl"] = rows

    rows = []
    for i, (label, kind, client, response) in enumerate(REFLECTIONS, 1):
        row = {"id": f"rf-{i:03d}", "client": client, "response": response,
               "label": label, "kind": kind}
        if kind.startswith("hard"):
            row["hard"] = True
        rows.append(row)
    sets["reflections.jsonl"] = rows

    sets["risk.jsonl"] = [
        {"id": f"rk-{i:03d}", "text": text, "label": label, "hard": bool(hard)}
        for i, (label, hard, text) in enumerate(RISK, 1)
    ]

    rows = []
    for i, (label, mixed, text) in enumerate(TIME_FRAME, 1):
        row = {"id": f"tf-{i:03d}", "text": text, "label": label}
        if mixed:
            row["mixed"] = True
        rows.append(row)
    sets["time_frame.jsonl"] = rows
    return sets


def write(sets: dict[str, list[dict]]) -> None:
    for name, rows in sets.items():
        with open(HERE / name, "w", encoding="utf-8", newline="\n") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _load(name: str) -> list[dict]:
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"{name}:{n}: blank line"
            obj = json.loads(line)
            assert isinstance(obj, dict), f"{name}:{n}: not an object"
            rows.append(obj)
    return rows


def _common(name: str, rows: list[dict], labels: set[str], text_keys: tuple[str, ...]) -> Counter:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for r in rows:
        assert r["label"] in labels, f"{name}: bad label {r['label']!r} in {r['id']}"
        for k in text_keys:
            assert isinstance(r[k], str) and r[k].strip() == r[k] and len(r[k]) > 1, \
                f"{name}: bad {k} in {r['id']}"
        if "hard" in r:
            assert isinstance(r["hard"], bool), f"{name}: hard not bool in {r['id']}"
    first = [r[text_keys[0]].lower() for r in rows]
    dupes = [t for t, c in Counter(first).items() if c > 1]
    assert not dupes, f"{name}: repeated {text_keys[0]}: {dupes}"
    return Counter(r["label"] for r in rows)


def validate() -> dict[str, Counter]:
    out = {}

    rows = _load("roadblocks.jsonl")
    c = _common("roadblocks.jsonl", rows, ROADBLOCK_LABELS, ("client", "response"))
    assert 200 <= len(rows) <= 240, len(rows)
    for lab in ROADBLOCK_LABELS - {"none"}:
        assert c[lab] >= 8, f"roadblocks: only {c[lab]} {lab}"
    share = c["none"] / len(rows)
    assert 0.35 <= share <= 0.45, f"roadblocks: none share {share:.2f}"
    assert sum(1 for r in rows if r.get("hard") and r["label"] == "none") >= 25
    assert sum(1 for r in rows if r.get("hard") and r["label"] != "none") >= 12
    out["roadblocks.jsonl"] = c

    rows = _load("reflections.jsonl")
    c = _common("reflections.jsonl", rows, REFLECTION_LABELS, ("client", "response"))
    assert 180 <= len(rows) <= 220, len(rows)
    assert abs(c["reflection"] - c["not_reflection"]) <= 10, c
    for r in rows:
        assert isinstance(r.get("kind"), str) and r["kind"], r["id"]
        if r["label"] == "reflection":
            assert not r["response"].rstrip().endswith("?"), f"question-form reflection {r['id']}"
    out["reflections.jsonl"] = c

    rows = _load("risk.jsonl")
    c = _common("risk.jsonl", rows, RISK_LABELS, ("text",))
    assert 180 <= len(rows) <= 220, len(rows)
    for lab in RISK_LABELS - {"none"}:
        assert c[lab] >= 20, f"risk: only {c[lab]} {lab}"
    assert all(isinstance(r.get("hard"), bool) for r in rows)
    none_rows = [r for r in rows if r["label"] == "none"]
    assert 0.4 <= len(none_rows) / len(rows) <= 0.6
    assert sum(r["hard"] for r in none_rows) > len(none_rows) / 2, "most negatives should be hard"
    out["risk.jsonl"] = c

    rows = _load("time_frame.jsonl")
    c = _common("time_frame.jsonl", rows, TIME_LABELS, ("text",))
    assert 130 <= len(rows) <= 160, len(rows)
    assert max(c.values()) - min(c.values()) <= 6, c
    out["time_frame.jsonl"] = c

    # client turns should not repeat across the two response-level sets
    a = {r["client"].lower() for r in _load("roadblocks.jsonl")}
    b = {r["client"].lower() for r in _load("reflections.jsonl")}
    assert not (a & b), f"client turns shared across sets: {sorted(a & b)}"
    return out


def main() -> None:
    if "--check" not in sys.argv:
        write(build())
    for name, counts in validate().items():
        total = sum(counts.values())
        detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        print(f"{name}: {total} items ({detail})")
    print("all checks passed")


if __name__ == "__main__":
    main()
