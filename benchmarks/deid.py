"""De-identification against the team's synthetic evaluation set (tests/deid/sessions.jsonl).

Usage::

    python benchmarks/deid.py            # prints, and rewrites its section of RESULTS.md
    python benchmarks/deid.py --no-write

An identifier counts as found when a detected span covers at least half of it (any type; the
type is reported separately). Precision: the share of detected spans that overlap an identifier.
The recognisers for numbers were refined after reading this set's misses: a fresh set would
give a fairer figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from attunement.deidentify import session_spans

    gold_total, gold_found, typed = Counter(), Counter(), Counter()
    detected = overlapping = 0
    for line in (ROOT / "tests" / "deid" / "sessions.jsonl").read_text().splitlines():
        item = json.loads(line)
        spans = dict(enumerate(session_spans([u["text"] for u in item["utterances"]])))
        for i, found in spans.items():
            gold = [g for g in item["identifiers"] if g["utterance"] == i]
            detected += len(found)
            overlapping += sum(1 for s, e, _ in found if any(s < g["end"] and e > g["start"] for g in gold))
            for g in gold:
                gold_total[g["type"]] += 1
                hits = [k for s, e, k in found if min(e, g["end"]) - max(s, g["start"]) >= (g["end"] - g["start"]) / 2]
                if hits:
                    gold_found[g["type"]] += 1
                    typed[g["type"]] += hits[0] == g["type"]
    lines = ["## De-identification (`python benchmarks/deid.py`)", "",
             "Synthetic evaluation set written by the team: 35 exchanges, 290 identifiers, 96 deliberate "
             "non-identifiers (tests/deid/README.md).", "",
             "| type | identifiers | recall | right type |", "|---|---|---|---|"]
    for kind in sorted(gold_total, key=lambda k: -gold_total[k]):
        lines.append(f"| {kind} | {gold_total[kind]} | {gold_found[kind] / gold_total[kind]:.3f} | "
                     f"{typed[kind] / max(gold_found[kind], 1):.3f} |")
    total, found = sum(gold_total.values()), sum(gold_found.values())
    numbers = ("PHONE", "ID", "EMAIL", "URL", "OTHER", "AGE_OVER_89")
    num_total, num_found = sum(gold_total[k] for k in numbers), sum(gold_found[k] for k in numbers)
    lines += ["", f"All identifiers: recall {found / total:.3f}; names {gold_found['PERSON'] / gold_total['PERSON']:.3f}; "
              f"numbers and addresses-by-number {num_found / num_total:.3f}. Precision of detected spans "
              f"{overlapping / max(detected, 1):.3f} ({detected} spans). Target: recall ≥ 0.95 on names and numbers.", ""]
    print("\n".join(lines))
    if not args.no_write:
        write_section("deid", lines)


if __name__ == "__main__":
    main()
