"""Judgements on material the rules were not written from: roadblocks, reflections, risk, time frame, vignette pairs.

    python benchmarks/judgement.py              # prints, and rewrites its section of RESULTS.md
    python benchmarks/judgement.py --no-write

The held-out sets (tests/heldout/, written by a helper who never saw the rules) are scored whole
and in halves: the misses of the odd-numbered items were read while the rules were refined; the
misses of the even-numbered items never were. Baselines in the same run: keyword lists for
roadblocks and risk, a tense-only rule for time frame, and TF-IDF + logistic regression trained
on AnnoMI's therapist utterances for reflections.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"
JUDGEMENT = ROOT / "tests" / "vignettes" / "judgement"
VIGNETTES = ROOT / "tests" / "vignettes"
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import publish  # noqa: E402

_BASE_ROADBLOCK = re.compile(r"\b(?:should|must|need to|have to|but you|don'?t worry|why don'?t you|you'?ll|stop|obviously)\b", re.I)
_BASE_RISK = re.compile(r"\b(?:kill|die|dying|dead|suicid\w*|hurt|cut|cutting|hit|hits|harm|abuse\w*)\b", re.I)


def load(name: str) -> list[dict]:
    path = HELDOUT / name
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def half(item: dict) -> str:
    return "odd" if int(re.sub(r"\D", "", item["id"])) % 2 else "even"


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def coded(items: list[dict], tier: str) -> list[dict]:
    """The coder's codes of each response, read after its client turn (one session of pairs)."""
    from attunement.analysis import Coder
    from attunement.model import Session, Speaker, Utterance
    from attunement.pipeline import Pipeline

    therapist, client = Speaker("Therapist", "therapist"), Speaker("Client", "client")
    turns = [u for item in items for u in ((client, item["client"]), (therapist, item["response"]))]
    session = Session(id="bench", source="bench", format="text", speakers=(therapist, client),
                      utterances=tuple(Utterance(i, s, t) for i, (s, t) in enumerate(turns)))
    analysis = Pipeline([Coder(tier=tier)])(session)
    return [analysis.utterances[2 * k + 1].codes for k in range(len(items))]


def roadblock_rows(items: list[dict]) -> list[str]:
    codes = coded(items, "fast")
    rows = []
    for name, keep in (("all", lambda i: True), ("odd half (misses read)", lambda i: half(i) == "odd"),
                       ("even half (misses never read)", lambda i: half(i) == "even")):
        chosen = [(item, c) for item, c in zip(items, codes) if keep(item)]
        ours = prf([(i["label"] != "none", bool(c.get("roadblocks"))) for i, c in chosen])
        base = prf([(i["label"] != "none", bool(_BASE_ROADBLOCK.search(i["response"]))) for i, _ in chosen])
        kind = [c["roadblocks"][0]["kind"] == i["label"] for i, c in chosen if i["label"] != "none" and c.get("roadblocks")]
        hard = [(i["label"] != "none") == bool(c.get("roadblocks")) for i, c in chosen if i.get("hard")]
        rows.append(f"| roadblocks: {name} | {len(chosen)} | {ours[0]:.2f} / {ours[1]:.2f} / {ours[2]:.2f} | "
                    f"{sum(kind) / max(len(kind), 1):.2f} | {sum(hard) / max(len(hard), 1):.2f} | "
                    f"{base[0]:.2f} / {base[1]:.2f} / {base[2]:.2f} |")
    return rows


def risk_rows(items: list[dict]) -> list[str]:
    from attunement.analysis.risk import find_risk

    rows = []
    for name, keep in (("all", lambda i: True), ("odd half (misses read)", lambda i: half(i) == "odd"),
                       ("even half (misses never read)", lambda i: half(i) == "even")):
        chosen = [i for i in items if keep(i)]
        found = [find_risk(i["text"]) for i in chosen]
        ours = prf([(i["label"] != "none", bool(f)) for i, f in zip(chosen, found)])
        base = prf([(i["label"] != "none", bool(_BASE_RISK.search(i["text"]))) for i in chosen])
        kind = [f[0]["kind"] == i["label"] for i, f in zip(chosen, found) if i["label"] != "none" and f]
        hard = [not f for i, f in zip(chosen, found) if i["label"] == "none" and i.get("hard")]
        rows.append(f"| risk: {name} | {len(chosen)} | {ours[0]:.2f} / {ours[1]:.2f} / {ours[2]:.2f} | "
                    f"{sum(kind) / max(len(kind), 1):.2f} | {sum(hard) / max(len(hard), 1):.2f} | "
                    f"{base[0]:.2f} / {base[1]:.2f} / {base[2]:.2f} |")
    return rows


def time_rows(items: list[dict]) -> list[str]:
    from attunement.analysis.timeframe import time_frame
    from attunement.model import Speaker, Utterance

    client = Speaker("Client", "client")
    rows = []
    for name, keep in (("all", lambda i: True), ("odd half (misses read)", lambda i: half(i) == "odd"),
                       ("even half (misses never read)", lambda i: half(i) == "even")):
        chosen = [i for i in items if keep(i)]
        ours = sum(time_frame(Utterance(0, client, i["text"])) == i["label"] for i in chosen) / max(len(chosen), 1)
        tense = sum(_tense(i["text"]) == i["label"] for i in chosen) / max(len(chosen), 1)
        rows.append(f"| time frame: {name} | {len(chosen)} | {ours:.2f} | {tense:.2f} |")
    return rows


def _tense(text: str) -> str:
    if re.search(r"\b(?:was|were|had|did|\w+ed)\b", text, re.I):
        return "past"
    if re.search(r"\b(?:will|'ll|going to)\b", text, re.I):
        return "future"
    return "now"


def reflection_rows(items: list[dict]) -> list[str]:
    gold = [i["label"] == "reflection" for i in items]
    rows = []
    baseline = _tfidf_baseline()
    for tier in ("accurate", "fast"):
        codes = coded(items, tier)
        pred = [str(c.get("behaviour", "")).startswith("reflection") for c in codes]
        for name, keep in (("all", lambda i: True), ("odd half (misses read)", lambda i: half(i) == "odd"),
                           ("even half (misses never read)", lambda i: half(i) == "even")):
            pairs = [(g, p) for g, p, i in zip(gold, pred, items) if keep(i)]
            p, r, f = prf(pairs)
            rows.append(f"| reflections ({tier}): {name} | {len(pairs)} | {p:.2f} / {r:.2f} / {f:.2f} |"
                        + (f" {prf([(g, b) for g, b, i in zip(gold, baseline(items), items) if keep(i)])[2]:.2f} |"
                           if baseline else " – |"))
    return rows


def _tfidf_baseline():
    """TF-IDF + logistic regression on AnnoMI therapist utterances (reflection or not); None without the data."""
    path = DATA / "annomi" / "AnnoMI-simple.csv"
    if not path.exists():
        return None
    import csv

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["interlocutor"] == "therapist"]
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=1000, C=2.0))
    model.fit([r["utterance_text"] for r in rows], [r["main_therapist_behaviour"] == "reflection" for r in rows])
    return lambda items: list(model.predict([i["response"] for i in items]))


def pair_rows() -> list[str]:
    import attunement

    rows = []
    cases = []
    if (JUDGEMENT / "pairs.json").exists():
        cases += [(JUDGEMENT, p["pair"], p["pattern"], p["key_lines"]) for p in json.loads((JUDGEMENT / "pairs.json").read_text())]
    cases += [(VIGNETTES, p["pair"], p["situation"], p["key_lines"])
              for p in json.loads((VIGNETTES / "pair_expectations.json").read_text())]
    right = inconsistent = mi_lines = 0
    for folder, pair, pattern, lines in cases:
        scores, markers = {}, {}
        for version in ("attuned", "misattuned"):
            analysis = attunement.analyze(folder / f"{pair}-{version}.txt")
            by_line = {u.line: (u, s) for u, s in zip(analysis.session.utterances, analysis.utterances)}
            judged = [by_line[n][1] for n in lines if n in by_line]
            values = [s.response["attunement"] for s in judged if "attunement" in s.response]
            scores[version] = sum(values) / len(values) if values else float("nan")
            markers[version] = [str(s.response.get("marker", "–")) for s in judged]
            if version == "misattuned" and pair in ("jp-01", "jp-02", "jp-08"):
                mi_lines += len(judged)
                inconsistent += sum(s.codes.get("mi_adherence") == "inconsistent" for s in judged)
        ok = scores["attuned"] > scores["misattuned"]
        right += ok
        good = sum(m in ("attuned", "neutral") for m in markers["attuned"]) / max(len(markers["attuned"]), 1)
        bad = sum(m in ("missed", "misattuned") for m in markers["misattuned"]) / max(len(markers["misattuned"]), 1)
        rows.append(f"| {pair} | {pattern} | {scores['attuned']:.2f} | {scores['misattuned']:.2f} | {'yes' if ok else 'NO'} | "
                    f"{good:.0%} | {bad:.0%} |")
    return rows, right, len(cases), inconsistent, mi_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    lines = ["## Judgements on held-out material (`python benchmarks/judgement.py`)", "",
             "Held-out sets in tests/heldout/ were written by a helper who never saw the rules (its README says how). "
             "The misses of the odd-numbered items were read while the rules were refined; the misses of the "
             "even-numbered items were never read, so the even half is the honest figure. Precision / recall / F1 "
             "for detecting any roadblock or risk; 'right kind' is the share of detected items given the labelled kind; "
             "'hard' is the share of deliberately hard look-alikes judged right.", "",
             "| set | items | ours P / R / F1 | right kind | hard items right | baseline P / R / F1 |",
             "|---|---|---|---|---|---|"]
    roadblocks, risk = load("roadblocks.jsonl"), load("risk.jsonl")
    if roadblocks:
        lines += roadblock_rows(roadblocks)
    if risk:
        lines += risk_rows(risk)
    lines += ["", "Baselines: a keyword list (should, must, need to, but you, don't worry, why don't you, you'll, stop, "
              "obviously) for roadblocks; (kill, die, dead, suicide, hurt, cut, hit, harm, abuse) for risk.", ""]
    frames = load("time_frame.jsonl")
    if frames:
        lines += ["| set | items | ours accuracy | tense-only baseline |", "|---|---|---|---|", *time_rows(frames), ""]
    reflections = load("reflections.jsonl")
    if reflections:
        lines += ["Reflection or not, on expert-style responses to client statements (the behaviour code after the "
                  "roadblock check); baseline TF-IDF + logistic regression trained on all of AnnoMI's therapist utterances.", "",
                  "| set | items | ours P / R / F1 | baseline F1 |", "|---|---|---|---|", *reflection_rows(reflections), ""]
    pairs, right, n, inconsistent, mi_lines = pair_rows()
    lines += [f"Vignette pairs: the attuned version's key responses score higher in {right} of {n} pairs. "
              f"MI-inconsistent key responses (pairs jp-01, jp-02, jp-08) coded `mi_adherence: inconsistent`: "
              f"{inconsistent} of {mi_lines}. The jp-NN pairs were written by a helper who never saw the rules; "
              "pair-NN by the team.", "",
              "| pair | pattern | attuned mean | misattuned mean | right order | attuned lines not marked missed | "
              "misattuned lines marked missed or misattuned |", "|---|---|---|---|---|---|---|", *pairs, ""]
    publish("judgement", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
