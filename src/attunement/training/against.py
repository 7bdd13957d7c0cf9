"""The ``works_against`` head: does a response's wording work against where the client is?

Trained on the ranking sets written for this project by blind helpers (``tests/heldout/ranking*.jsonl``):
each client statement has five responses ranked by a supervisor-writer, whose brief put a well-meant
roadblock (unasked advice, early reassurance, one's own story, information in place of the feeling)
at rank 4 and a clearly poor response (moralising, warning, blaming, sarcasm, labelling, dismissing,
defending oneself) at rank 5. The label is "rank 4 or 5". The input is the encoder's vector of the
response read after the client statement — the same vector the coder computes for every therapist
turn, so the head costs no extra encoder pass.

The sets named in :data:`HELD_OUT` are never trained on: they are the honest test
(``benchmarks/ranking.py``). The regularisation is chosen by leaving one training set out at a time,
and so is the head's weight in the response score (``python benchmarks/ranking.py --choose-weight``).

    python -m attunement.training.against            # trains both tiers into the packaged models
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from ..analysis.tokens import with_surrogates
from ..models.bundle import load_bundle, packaged_models_dir, save_heads
from ..models.heads import SigmoidHead, head_from_arrays

__all__ = ["TRAIN", "HELD_OUT", "LABEL", "examples", "train", "install", "add_head", "choose_c", "vectors"]

log = logging.getLogger("attunement.training")

HELDOUT = Path(__file__).resolve().parents[3] / "tests" / "heldout"
#: Ranking sets trained on, and those kept as the honest test.
TRAIN = ("ranking.jsonl", "ranking3.jsonl", "ranking5.jsonl", "ranking6.jsonl")
HELD_OUT = ("ranking2.jsonl", "ranking4.jsonl")
LABEL = "works_against"


def examples(files: tuple[str, ...], folder: Path = HELDOUT) -> list[tuple[str, str, bool, str]]:
    """(client statement, response, ranked 4 or 5, set) for every response of the named sets that exist."""
    out = []
    for name in files:
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out += [(item["client"], r["text"], r["rank"] >= 4, name) for r in item["responses"]]
    return out


def spoken_examples(limit: int = 900, seed: int = 13) -> list[tuple[str, str, bool, str]]:
    """Weakly labelled real speech, so that the head does not take spoken style for working against the client.

    From AnnoMI's training split only (its test split stays unseen): therapist reflections and open
    questions (the annotators' labels) as not working against — in an MI demonstration they are
    not —, up to ``limit`` of them, seeded; and every therapist turn the roadblock lexicon flags as working
    against. Empty when the data set is not there.
    """
    from ..analysis.roadblocks import find_roadblocks
    from . import data
    from .splits import group_split

    try:
        therapist, _ = data.annomi()
    except FileNotFoundError:
        return []
    train = [k for k, part in enumerate(group_split(therapist.group)) if part == "train"]
    staying = [k for k in train if therapist.label[k][0] == "reflection" or therapist.label[k][1] == "question_open"]  # type: ignore[index]
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(staying, size=min(limit, len(staying)), replace=False).tolist())
    flagged = [k for k in train if find_roadblocks(therapist.text[k], client_text=therapist.context[k])]
    return ([(therapist.context[k], therapist.text[k], False, "annomi") for k in chosen if k not in flagged]
            + [(therapist.context[k], therapist.text[k], True, "annomi") for k in flagged])


def vectors(encoder: Any, rows: list[tuple[str, str, bool, str]]) -> np.ndarray:
    return np.asarray(encoder([with_surrogates(c) for c, _, _, _ in rows], [with_surrogates(t) for _, t, _, _ in rows]))


def choose_c(X: np.ndarray, y: np.ndarray, sets: np.ndarray) -> tuple[float, dict[str, float]]:
    """The regularisation with the best mean leave-one-set-out log loss."""
    losses: dict[str, float] = {}
    for C in (0.03, 0.1, 0.3, 1.0):
        fold = []
        for held in np.unique(sets):
            train, test = sets != held, sets == held
            head = SigmoidHead(C=C).fit(X[train], [[LABEL] if v else [] for v in y[train]], labels=[LABEL])
            p = np.clip(head.predict_proba(X[test])[:, 0], 1e-6, 1 - 1e-6)
            fold.append(float(-np.mean(y[test] * np.log(p) + (1 - y[test]) * np.log(1 - p))))
        losses[str(C)] = round(float(np.mean(fold)), 4)
    best = min(losses, key=losses.get)  # type: ignore[arg-type]
    return float(best), losses


def train(encoder: Any, folder: Path = HELDOUT) -> tuple[SigmoidHead, dict[str, Any]]:
    """The head for one tier's encoder and its model card entry."""
    written = examples(TRAIN, folder)
    if not written:
        raise FileNotFoundError(f"no ranking sets in {folder}")
    spoken = spoken_examples()
    rows = written + spoken
    X = vectors(encoder, rows)
    y = np.array([bad for _, _, bad, _ in rows])
    sets = np.array([s for *_, s in rows])
    C, losses = choose_c(X, y, sets)
    head = SigmoidHead(C=C).fit(X, [[LABEL] if v else [] for v in y], labels=[LABEL])
    card = {"data": [s for s in TRAIN if (folder / s).exists()] + (["AnnoMI training split (weak labels)"] if spoken else []),
            "never_trained_on": list(HELD_OUT), "examples": len(rows), "written_examples": len(written),
            "spoken_examples": len(spoken), "spoken_positives": sum(1 for r in spoken if r[2]),
            "positives": int(y.sum()), "C": C, "leave_one_set_out_log_loss": losses,
            "label": "response ranked 4 or 5 of 5 by a blind supervisor-writer (a roadblock or a clearly poor response)",
            "licence": "written for this project (tests/heldout/ranking*.README.md)"}
    return head, card


def install(folder: Path, head: SigmoidHead, card: dict[str, Any]) -> None:
    """Add (or replace) the head in one tier's folder (heads.npz, manifest) and write its model card beside."""
    stored = np.load(folder / "heads.npz", allow_pickle=False)
    names = sorted({key.split("/", 1)[0] for key in stored.files})
    heads = {name: head_from_arrays({k.split("/", 1)[1]: stored[k] for k in stored.files if k.startswith(name + "/")})
             for name in names}
    heads[LABEL] = head
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.setdefault("heads", {})[LABEL] = card
    save_heads(folder, heads, manifest)
    cards = folder.parent / "cards"
    cards.mkdir(exist_ok=True)
    (cards / f"{folder.name}-{LABEL}.md").write_text(_card(folder.name, card), "utf-8")


def add_head(folder: Path, encoder: Any) -> dict[str, Any] | None:
    """Train and install the head for the tier in ``folder`` when the ranking sets are there (a checkout)."""
    if not examples(TRAIN):
        log.warning("no ranking sets in %s: the %s head is not trained", HELDOUT, LABEL)
        return None
    head, card = train(encoder)
    install(folder, head, card)
    return card


def _card(tier: str, card: dict[str, Any]) -> str:
    return "\n".join([
        f"# {LABEL} ({tier} tier)", "",
        "**What it reads.** Whether a therapist response's wording works against where the client is: the "
        "probability that a supervisor would rank it among the two worst of five (a well-meant roadblock or a clearly "
        "poor response). Above 0.5 it lowers the response score, by up to half at 1 (`analysis/response.py`, "
        "`AGAINST_WEIGHT`, `AGAINST_FROM`); the rules' reason stays the explanation.", "",
        f"**Training data.** {card['examples']} responses ({card['positives']} labelled as working against) to client statements in "
        f"{', '.join(card['data'])}. The ranking sets were written and ranked for this project by helpers who never "
        "saw the tool's rules (tests/heldout/ranking*.README.md): written examples, not recordings of real sessions. "
        f"{card.get('spoken_examples', 0)} of the examples are real speech from AnnoMI's training split, weakly "
        "labelled: reflections and open questions as not working against, turns the roadblock lexicon flags as "
        "working against — so that spoken style is not read as harm. AnnoMI's licence terms are not stated "
        "(\"public domain\" in brief); its test split is never used.", "",
        f"**Never trained on.** {', '.join(card['never_trained_on'])}: the honest test in `benchmarks/ranking.py`.", "",
        f"**Regularisation.** C = {card['C']}, chosen by leaving one training set out "
        f"(log loss {card['leave_one_set_out_log_loss']}).", "",
        "**Licence of the training data.** Written for this project; shipped with it.", "",
        "**Limits.** One writer's judgement per set, no second rater; English only; the writers' briefs asked for "
        "roadblocks at rank 4 and clearly poor responses at rank 5, so the head learns that brief's idea of "
        "working against the client. Treat it as an estimate.", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tier", choices=("accurate", "fast", "both"), default="both")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for tier in ("accurate", "fast") if args.tier == "both" else (args.tier,):
        card = add_head(packaged_models_dir() / tier, load_bundle(tier).encoder)
        log.info("%s: %s", tier, card)


if __name__ == "__main__":
    main()
