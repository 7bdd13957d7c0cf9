"""Labelled data sets, read from ``../shared/data`` (or ``$ATTUNEMENT_DATA_DIR``) into one shape.

Each loader returns a :class:`Examples`: parallel lists of context, text, label
and group (the unit of splitting: transcript, conversation or seeker post).
Nothing here is shipped or committed; the data stay where they are.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Examples", "data_dir", "annomi", "epitome", "esconv", "empathetic_exchanges", "goemotions", "warriner",
           "BEHAVIOUR_GROUPS", "TALK_TYPES", "STRATEGIES", "SUBTYPE_OF"]

BEHAVIOUR_GROUPS = ("question", "reflection", "therapist_input", "other")
TALK_TYPES = ("change", "neutral", "sustain")
STRATEGIES = ("question", "restatement_or_paraphrasing", "reflection_of_feelings", "self_disclosure",
              "affirmation_and_reassurance", "providing_suggestions", "information", "others")
#: AnnoMI subtype → our behaviour code (see docs/codes.md).
SUBTYPE_OF = {
    ("question", "open"): "question_open", ("question", "closed"): "question_closed",
    ("reflection", "simple"): "reflection_simple", ("reflection", "complex"): "reflection_complex",
    ("therapist_input", "information"): "giving_information", ("therapist_input", "negotiation"): "giving_information",
    ("therapist_input", "advice"): "advice", ("therapist_input", "options"): "advice",
}


def data_dir() -> Path:
    """Where the labelled data live: ``$ATTUNEMENT_DATA_DIR`` or ``../shared/data`` from the repository."""
    if os.environ.get("ATTUNEMENT_DATA_DIR"):
        return Path(os.environ["ATTUNEMENT_DATA_DIR"])
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass
class Examples:
    """Parallel lists: what came before, the text coded, its label, and its group."""

    name: str
    context: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    label: list[object] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    extra: dict[str, list[object]] = field(default_factory=dict)

    def add(self, context: str, text: str, label: object, group: str, **extra: object) -> None:
        self.context.append(context)
        self.text.append(text)
        self.label.append(label)
        self.group.append(group)
        for key, value in extra.items():
            self.extra.setdefault(key, []).append(value)

    def __len__(self) -> int:
        return len(self.text)


def annomi(root: Path | None = None) -> tuple[Examples, Examples]:
    """AnnoMI therapist and client utterances with the previous turn as context.

    Therapist labels are ``(behaviour_group, behaviour)``; where a transcript was
    coded by several people (AnnoMI-full), the majority label is used and all
    annotators' labels are kept in ``extra["annotators"]`` for agreement checks.
    """
    path = (root or data_dir()) / "annomi" / "AnnoMI-full.csv"
    votes: dict[tuple[str, int], list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            votes[(row["transcript_id"], int(row["utterance_id"]))].append(row)
    therapist, client = Examples("annomi_therapist"), Examples("annomi_client")
    previous: dict[str, tuple[str, str]] = {}
    for (tid, _), rows in sorted(votes.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
        first = rows[0]
        text, role = first["utterance_text"], first["interlocutor"]
        context = previous.get(tid, ("", ""))
        context_text = context[1] if context[0] != role else ""
        if role == "therapist":
            codes = [(r["main_therapist_behaviour"], _subtype(r)) for r in rows]
            group_label = Counter(g for g, _ in codes).most_common(1)[0][0]
            sub = Counter(s for g, s in codes if g == group_label).most_common(1)[0][0]
            therapist.add(context_text, text, (group_label, sub), tid, annotators=[g for g, _ in codes])
        else:
            labels = [r["client_talk_type"] for r in rows]
            client.add(context_text, text, Counter(labels).most_common(1)[0][0], tid, annotators=labels)
        previous[tid] = (role, text)
    return therapist, client


def _subtype(row: dict[str, str]) -> str:
    group = row["main_therapist_behaviour"]
    column = {"question": "question_subtype", "reflection": "reflection_subtype",
              "therapist_input": "therapist_input_subtype"}.get(group)
    return SUBTYPE_OF.get((group, row.get(column, "") if column else ""), "other")


def epitome(root: Path | None = None) -> dict[str, Examples]:
    """EPITOME: emotional reactions, interpretations and explorations (0/1/2) of Reddit responses."""
    folder = (root or data_dir()) / "epitome"
    out = {}
    for key, name in (("emotional_reaction", "emotional-reactions-reddit.csv"),
                      ("interpretation", "interpretations-reddit.csv"),
                      ("exploration", "explorations-reddit.csv")):
        examples = Examples(f"epitome_{key}")
        with (folder / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                examples.add(row["seeker_post"], row["response_post"], int(row["level"]), row["sp_id"],
                             rationale=row.get("rationales", ""))
        out[key] = examples
    return out


def esconv(root: Path | None = None) -> tuple[Examples, list[dict[str, object]]]:
    """ESConv supporter turns labelled with their strategy, context the seeker's turns before them.

    Also returns one record per dialogue (survey scores, text) for session-level validation.
    """
    folder = (root or data_dir()) / "esconv"
    examples = Examples("esconv_strategy")
    dialogues = []
    for split in ("train", "valid", "test"):
        for n, line in enumerate((folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()):
            dialogue = json.loads(line)
            group = f"{split}-{n}"
            dialogues.append({"group": group, **dialogue})
            seeker: list[str] = []
            for turn in dialogue["dialog"]:
                if turn["speaker"] == "usr":
                    seeker.append(turn["text"])
                    continue
                strategy = turn.get("strategy", "Others").lower().replace(" ", "_").replace("-", "_")
                examples.add(" ".join(seeker[-2:]), turn["text"], strategy, group)
                seeker = seeker[-1:] if seeker else []
    return examples, dialogues


def empathetic_exchanges(root: Path | None = None) -> Examples:
    """EmpatheticExchanges: human behavioural-empathy score of the listener turn (3-point scale)."""
    path = (root or data_dir()) / "empathetic_exchanges" / "EmpatheticExchanges_3ES.csv"
    examples = Examples("empathetic_exchanges")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            clean = [row[k].replace("_comma_", ",") for k in ("speaker_utterance", "listener_utterance")]
            examples.add(clean[0], clean[1], int(float(row["empathy"])), row["conv_id"])
    return examples


def goemotions(root: Path | None = None) -> dict[str, Examples]:
    """GoEmotions comments with their emotion labels (multi-label), by the data set's own splits."""
    folder = (root or data_dir()) / "goemotions"
    names = (folder / "emotions.txt").read_text().split()
    out = {}
    for split in ("train", "dev", "test"):
        examples = Examples(f"goemotions_{split}")
        for line in (folder / f"{split}.tsv").read_text(encoding="utf-8").splitlines():
            text, labels, cid = line.split("\t")
            examples.add("", text, [names[int(i)] for i in labels.split(",")], cid)
        out[split] = examples
    return out


def warriner(root: Path | None = None) -> Examples:
    """Warriner et al. word norms: label is (valence, arousal) on 1–9; group is the word."""
    folder = (root or data_dir()) / "warriner_vad_norms"
    dev = set((folder / "splits" / "dev.txt").read_text().split())
    examples = Examples("warriner")
    with (folder / "Ratings_Warriner_et_al.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            word = row["Word"]
            examples.add("", word, (float(row["V.Mean.Sum"]), float(row["A.Mean.Sum"])), word, dev=word in dev)
    return examples
