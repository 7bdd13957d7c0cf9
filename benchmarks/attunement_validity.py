"""Does the attunement profile agree with what people on the receiving end reported?

Usage::

    python benchmarks/attunement_validity.py            # prints, and rewrites its section of RESULTS.md
    python benchmarks/attunement_validity.py --no-write

1. **ESConv**: Spearman of the session's ``attunement_index`` with the seeker's own rating of
   the supporter's empathy (1–5) and with the drop in the seeker's emotional intensity; AUC of
   the index for ordinary against failed dialogues (FailedESConv).
2. **EmpatheticExchanges**: Spearman of ``response.attunement`` of the listener turn with the
   human behavioural-empathy score (3-point). Part of these exchanges trained the
   perceived-empathy head that feeds the depth part, so only the held-out test conversations
   are used.
3. **Vignette pairs** written by the team: the attuned version must score higher than the
   misattuned one in every pair (also a test: tests/test_therapist.py).

Chats between peers and crowd-workers are not therapy; these are checks of direction and size,
not clinical validation. Session quality labels held out by the data owners will be used later.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from client_validity import DATA, _session, auc, ci, esconv_sample, spearman  # noqa: E402
from results import publish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def esconv(limit: int) -> list[str]:
    import attunement

    chosen = esconv_sample(limit)
    rows, contrast = [], []
    for n, d in enumerate(chosen):
        survey = d["survey_score"]["seeker"]
        if not all(survey.get(k) for k in ("empathy", "initial_emotion_intensity", "final_emotion_intensity")):
            continue
        turns = [("client" if t["speaker"] == "usr" else "therapist", t["text"]) for t in d["dialog"]]
        index = attunement.analyze(_session(turns, f"esconv-{n}")).scores["attunement_index"]
        if index is None:
            continue
        drop = float(survey["initial_emotion_intensity"]) - float(survey["final_emotion_intensity"])
        rows.append((index, float(survey["empathy"]), drop))
        contrast.append((index, True))
    for n, d in enumerate(json.loads((DATA / "esconv" / "FailedESConv.json").read_text())):
        turns = [("client" if t["speaker"] == "speaker" else "therapist", t["content"]) for t in d["dialog"]]
        if sum(r == "client" for r, _ in turns) >= 3 and sum(r == "therapist" for r, _ in turns) >= 2:
            index = attunement.analyze(_session(turns, f"failed-{n}")).scores["attunement_index"]
            if index is not None:
                contrast.append((index, False))
    index, empathy, drop = (np.array(c) for c in zip(*rows))
    lines = [f"ESConv, {len(rows)} dialogues (seeded sample) with a complete seeker survey:", "",
             "| attunement_index against | Spearman | 95% CI |", "|---|---|---|"]
    for name, values in (("seeker's rating of the supporter's empathy (1–5)", empathy),
                         ("drop in the seeker's emotional intensity", drop)):
        lo, hi = ci(spearman, index, values)
        lines.append(f"| {name} | {spearman(index, values):+.3f} | {lo:+.3f} … {hi:+.3f} |")
    scores = np.array([c[0] for c in contrast])
    labels = np.array([c[1] for c in contrast])
    lo, hi = ci(auc, scores, labels)
    lines += ["", f"Ordinary ({labels.sum()}) vs failed ({(~labels).sum()}) dialogues: AUC of the index "
              f"{auc(scores, labels):.3f} (95% CI {lo:.3f}–{hi:.3f}).", ""]
    return lines


def exchanges() -> list[str]:
    import attunement
    from attunement.training.splits import group_split

    with (DATA / "empathetic_exchanges" / "EmpatheticExchanges_3ES.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    split = group_split([f"ee-{r['conv_id']}" for r in rows])
    rows = [r for r, s in zip(rows, split) if s == "test"]
    scores, empathy = [], []
    for n, r in enumerate(rows):
        speaker, listener = (r[k].replace("_comma_", ",") for k in ("speaker_utterance", "listener_utterance"))
        analysis = attunement.analyze(_session([("client", speaker), ("therapist", listener)], f"ee-{n}"))
        response = analysis.utterances[1].response
        if "attunement" in response:
            scores.append(response["attunement"])
            empathy.append(float(r["empathy"]))
    s, e = np.array(scores), np.array(empathy)
    lo, hi = ci(spearman, s, e)
    return [f"EmpatheticExchanges, {len(s)} held-out exchanges: Spearman of `response.attunement` with the human "
            f"behavioural-empathy score {spearman(s, e):+.3f} (95% CI {lo:+.3f} … {hi:+.3f}).", ""]


def pairs() -> list[str]:
    import attunement

    folder = ROOT / "tests" / "vignettes"
    expectations = json.loads((folder / "pair_expectations.json").read_text())
    lines = ["Vignette pairs (same client words, attuned vs misattuned therapist):", "",
             "| pair | situation | key responses, attuned / misattuned | index, attuned / misattuned |", "|---|---|---|---|"]
    wins = 0
    for pair in expectations:
        result = []
        for kind in ("attuned", "misattuned"):
            analysis = attunement.analyze(folder / f"{pair['pair']}-{kind}.txt")
            by_line = {u.line: s.response for u, s in zip(analysis.session.utterances, analysis.utterances)}
            keys = [by_line[l]["attunement"] for l in pair["key_lines"] if "attunement" in by_line.get(l, {})]
            result.append((float(np.mean(keys)), analysis.scores["attunement_index"]))
        index_ok = result[0][1] is None and result[1][1] is None or (
            None not in (result[0][1], result[1][1]) and result[0][1] > result[1][1])
        wins += result[0][0] > result[1][0] and index_ok
        shown = [("not enough evidence" if v is None else f"{v:.0f}") for v in (result[0][1], result[1][1])]
        lines.append(f"| {pair['pair']} | {pair['situation']} | {result[0][0]:.2f} / {result[1][0]:.2f} | "
                     f"{shown[0]} / {shown[1]} |")
    lines += ["", f"The attuned version's responses score higher, and its index too where there is one, in {wins} of "
              f"{len(expectations)} pairs. (These excerpts have six client turns, below the index's minimum of eight.)", ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--esconv", type=int, default=300)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    lines = ["## Attunement profile validity (`python benchmarks/attunement_validity.py`)", "",
             *pairs(), *esconv(args.esconv), *exchanges()]
    publish("attunement-validity", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
