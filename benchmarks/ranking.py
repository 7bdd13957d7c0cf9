"""Ranking responses to the same client statement: does the response score order them as a supervisor would?

    python benchmarks/ranking.py              # prints, and rewrites its section of RESULTS.md
    python benchmarks/ranking.py --no-write
    python benchmarks/ranking.py --misses odd # list the misordered pairs of the odd-numbered items

tests/heldout/ranking.jsonl (set A, 48 items) and ranking2.jsonl (set B, 40 items): client
statements, each with five responses ranked 1 (best) to 5 by helpers who wrote them blind to
the tool's rules (the READMEs beside them). Each
response is analysed on its own, after the item's context and client turn, as a short session
with the setting inferred (as a user's file would be). Measures per item, averaged: the share of
the ten pairs of responses put in the supervisor's order (ties count half), whether the best
response scores highest and the worst lowest. The misordered pairs of the odd-numbered items were
read while the rules were refined; those of the even-numbered items never were, so the even half
is the honest figure. Baselines in the same run: response length (longer ranked better) and the
encoder's similarity of the response to the client turn ("stays on topic").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"
#: Set A (ranking.jsonl, 48 items): the misordered pairs of its odd items were read while the rules were
#: refined, then (after set B was written) those of its even items too. Set B (ranking2.jsonl, 40 items,
#: another blind writer): never read, the honest figure.
SETS = {"A": "ranking.jsonl", "B": "ranking2.jsonl", "C": "ranking3.jsonl", "D": "ranking4.jsonl"}
#: The sets whose misordered pairs were never read: the honest figures.
NEVER_READ = ("B", "D")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import publish  # noqa: E402

#: The score the same data got before issue 13's changes, measured once with commit 7f564e8's code.
BEFORE: dict[str, float] = {}


def half(item: dict) -> str:
    return "odd" if int(re.sub(r"\D", "", item["id"])) % 2 else "even"


def judged(item: dict, response: str) -> dict:
    """The response slot of ``response`` read after the item's context and client turn."""
    import attunement
    from attunement.model import Session, Speaker, Utterance

    therapist, client = Speaker("Therapist", "therapist"), Speaker("Client", "client")
    turns = [(client if t["speaker"] == "client" else therapist, t["text"]) for t in item.get("context", [])]
    turns += [(client, item["client"]), (therapist, response)]
    session = Session(id=item["id"], source=item["id"], format="text", speakers=(therapist, client),
                      utterances=tuple(Utterance(i, s, t) for i, (s, t) in enumerate(turns)))
    analysis = attunement.analyze(session)
    slot = analysis.utterances[-1]
    return {"score": slot.response.get("attunement", 0.0), "marker": slot.response.get("marker"),
            "why": slot.response.get("why"), "situation": slot.response.get("situation"),
            "similarity": slot.codes.get("context_similarity", 0.0), "words": len(response.split())}


def concordance(ranks: list[int], scores: list[float]) -> float:
    """The share of pairs ordered as the ranks order them (rank 1 best; ties in score count half)."""
    pairs = list(combinations(range(len(ranks)), 2))
    agree = 0.0
    for a, b in pairs:
        better, worse = (a, b) if ranks[a] < ranks[b] else (b, a)
        agree += 1.0 if scores[better] > scores[worse] else 0.5 if scores[better] == scores[worse] else 0.0
    return agree / len(pairs)


def measures(rows: list[tuple[dict, list[dict]]], key) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    pair, top, bottom = [], [], []
    for item, results in rows:
        ranks = [r["rank"] for r in item["responses"]]
        scores = [key(x) for x in results]
        pair.append(concordance(ranks, scores))
        best, worst = ranks.index(1), ranks.index(max(ranks))
        top.append(all(scores[best] > s for i, s in enumerate(scores) if i != best))
        bottom.append(all(scores[worst] < s for i, s in enumerate(scores) if i != worst))
    n = max(len(rows), 1)
    return sum(pair) / n, sum(top) / n, sum(bottom) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--misses", choices=("odd", "even"), help="print the misordered pairs of this half of set A")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    items = [{**json.loads(line), "set": name} for name, file in SETS.items() if (HELDOUT / file).exists()
             for line in (HELDOUT / file).read_text().splitlines() if line.strip()]
    rows = [(item, [judged(item, r["text"]) for r in item["responses"]]) for item in items]
    lines = ["## Ranking responses to the same client statement (`python benchmarks/ranking.py`)", "",
             "Client statements × 5 responses each, ranked 1–5 by helpers who wrote them blind to the rules: set A "
             "(tests/heldout/ranking.README.md, 48 items; its misordered pairs were read while the rules were refined) "
             "and set B (ranking2.README.md, 40 items by another writer, never read: the honest figure). Pairs: share "
             "of the ten pairs per item in the supervisor's order (ties half); best first / worst last: share of items "
             "where the best response scores highest / the worst lowest.", "",
             "| items | scorer | pairs in order | best first | worst last |", "|---|---|---|---|---|"]
    scorers = (("response score (attunement)", lambda x: x["score"]), ("baseline: longer is better", lambda x: x["words"]),
               ("baseline: closest to the client's words (encoder)", lambda x: x["similarity"]))
    present = sorted({i["set"] for i in items})
    groups = [(f"set {n}" + (" (never read)" if n in NEVER_READ else " (read)"), lambda i, n=n: i["set"] == n) for n in present]
    groups += [("never-read sets together", lambda i: i["set"] in NEVER_READ), ("all sets", lambda i: True)]
    for name, keep in groups:
        chosen = [(i, r) for i, r in rows if keep(i)]
        for scorer, key in scorers:
            p, t, b = measures(chosen, key)
            lines.append(f"| {name} ({len(chosen)}) | {scorer} | {p:.2f} | {t:.2f} | {b:.2f} |")
    by_setting: dict[str, list] = {}
    for item, results in rows:
        by_setting.setdefault(item["setting"], []).append((item, results))
    lines += ["", "By setting (response score, both sets): " + "; ".join(
        f"{s} {measures(r, lambda x: x['score'])[0]:.2f} pairs in order ({len(r)} items)" for s, r in sorted(by_setting.items()))]
    if BEFORE:
        lines += ["", f"Before issue 13's changes (commit {BEFORE['commit']}): pairs in order {BEFORE['pairs']:.2f} on all items."]
    lines.append("")
    publish("ranking", lines, write=not args.no_write)
    if args.misses:
        for item, results in rows:
            if item["set"] != "A" or half(item) != args.misses:
                continue
            ranks = [r["rank"] for r in item["responses"]]
            for a, b in combinations(range(5), 2):
                better, worse = (a, b) if ranks[a] < ranks[b] else (b, a)
                if results[better]["score"] <= results[worse]["score"]:
                    print(f"\n{item['id']} [{item['situation']}] client: {item['client'][:120]}")
                    for k in (better, worse):
                        r = results[k]
                        print(f"   rank {ranks[k]} score {100 * r['score']:.0f} {r['situation']}/{r['marker']}: "
                              f"{item['responses'][k]['text'][:110]} — {r['why']}")


if __name__ == "__main__":
    main()
