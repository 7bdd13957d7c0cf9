"""Fine-tune MiniLM on therapy codes, several tasks at once, and export it to int8 ONNX.

One encoder serves every code at run time, so it is tuned on the tasks where
context matters most and data are in-domain: AnnoMI therapist behaviour (group
and subtype) and client talk type, and EPITOME's three empathy mechanisms. The
other codes are heads trained afterwards on this encoder's frozen output
(:mod:`attunement.training.heads`).

Needs torch (``pip install torch==2.13.0`` first, alone: a CPU build) and the
``[train]`` extra. Runs on a CPU in about 15-20 minutes on 2 cores; uses a GPU
when one is present. Seeds are fixed; results are close but not bit-identical
across machines (thread scheduling in torch).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from ..models.encoder import PairBatch, encode_pairs, load_tokenizer
from . import data
from .minilm import PairPooler, load_minilm
from .splits import group_split

__all__ = ["TASKS", "build_examples", "finetune", "export_onnx"]

log = logging.getLogger("attunement.training")

#: Head name → its classes. Subtype heads only learn from utterances of their group.
TASKS: dict[str, tuple[str, ...]] = {
    "behaviour_group": data.BEHAVIOUR_GROUPS,
    "question_kind": ("question_open", "question_closed"),
    "reflection_kind": ("reflection_simple", "reflection_complex"),
    "input_kind": ("giving_information", "advice"),
    "talk_type": data.TALK_TYPES,
    "emotional_reaction": ("0", "1", "2"),
    "interpretation": ("0", "1", "2"),
    "exploration": ("0", "1", "2"),
}
_SUBHEAD = {"question": "question_kind", "reflection": "reflection_kind", "therapist_input": "input_kind"}


def build_examples(root: Path | None = None) -> list[dict[str, object]]:
    """Every fine-tuning example: context, text, split, and target per task (absent = not labelled)."""
    therapist, client = data.annomi(root)
    items: list[dict[str, object]] = []
    for c, t, (group, sub), split in zip(therapist.context, therapist.text, therapist.label,
                                        group_split([f"annomi-{g}" for g in therapist.group])):
        targets = {"behaviour_group": data.BEHAVIOUR_GROUPS.index(group)}
        if group in _SUBHEAD and sub in TASKS[_SUBHEAD[group]]:
            targets[_SUBHEAD[group]] = TASKS[_SUBHEAD[group]].index(sub)
        items.append({"context": c, "text": t, "split": split, "targets": targets})
    for c, t, label, split in zip(client.context, client.text, client.label,
                                  group_split([f"annomi-{g}" for g in client.group])):
        items.append({"context": c, "text": t, "split": split, "targets": {"talk_type": data.TALK_TYPES.index(label)}})
    mechanisms = data.epitome(root)
    first = next(iter(mechanisms.values()))
    splits = group_split([f"epitome-{g}" for g in first.group])
    for i in range(len(first)):
        targets = {name: int(ex.label[i]) for name, ex in mechanisms.items()}
        items.append({"context": first.context[i], "text": first.text[i], "split": splits[i], "targets": targets})
    return items


class _Model(nn.Module):
    def __init__(self, pooler: PairPooler) -> None:
        super().__init__()
        self.pooler = pooler
        self.heads = nn.ModuleDict({name: nn.Linear(768, len(classes)) for name, classes in TASKS.items()})
        self.dropout = nn.Dropout(0.1)

    def forward(self, batch: PairBatch) -> dict[str, torch.Tensor]:
        pooled = self.pooler(*(torch.from_numpy(a) for a in (batch.input_ids, batch.attention_mask, batch.token_type_ids)))
        pooled = self.dropout(pooled)
        return {name: head(pooled) for name, head in self.heads.items()}


def _targets(items: list[dict[str, object]]) -> dict[str, torch.Tensor]:
    return {name: torch.tensor([it["targets"].get(name, -100) for it in items]) for name in TASKS}  # type: ignore[union-attr]


def _weights(items: list[dict[str, object]]) -> dict[str, torch.Tensor]:
    """Square-root inverse class frequencies: a compromise between accuracy and macro-F1."""
    out = {}
    for name, classes in TASKS.items():
        counts = np.bincount([it["targets"][name] for it in items if name in it["targets"]], minlength=len(classes))  # type: ignore[index,operator]
        w = np.sqrt(counts.sum() / np.maximum(counts, 1) / len(classes))
        out[name] = torch.tensor(w / w.mean(), dtype=torch.float32)
    return out


def _batches(rows: list[tuple[list[int], list[int]]], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (bucketed) to save padding."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i][0]) + len(rows[i][1]) + rng.random() * 8))
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _evaluate(model: _Model, items: list[dict[str, object]], rows: list[tuple[list[int], list[int]]]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    model.eval()
    logits: dict[str, list[np.ndarray]] = {name: [] for name in TASKS}
    with torch.no_grad():
        for start in range(0, len(rows), 64):
            out = model(PairBatch(rows[start : start + 64]))
            for name in TASKS:
                logits[name].append(out[name].numpy())
    scores = {}
    targets = _targets(items)
    for name in TASKS:
        y = targets[name].numpy()
        mask = y >= 0
        if mask.any():
            pred = np.concatenate(logits[name])[mask].argmax(1)
            scores[name] = float(f1_score(y[mask], pred, average="macro"))
    model.train()
    return scores


def finetune(weights: Path, tokenizer_path: Path, out: Path, *, epochs: int = 2, batch_size: int = 16,
             lr: float = 6e-5, freeze_layers: int = 2, seed: int = 13, root: Path | None = None) -> dict[str, object]:
    """Fine-tune and save ``encoder.pt`` and ``heads.pt`` in ``out``; returns the training log."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = load_tokenizer(tokenizer_path)
    items = build_examples(root)
    train = [it for it in items if it["split"] == "train"]
    val = [it for it in items if it["split"] == "val"]
    rows = {name: encode_pairs(tokenizer, [str(i["context"]) for i in part], [str(i["text"]) for i in part])
            for name, part in (("train", train), ("val", val))}
    encoder = load_minilm(weights)
    for parameter in [*encoder.word.parameters(), *encoder.position.parameters(), *encoder.token_type.parameters(),
                      *encoder.norm.parameters(), *(p for layer in encoder.layers[:freeze_layers] for p in layer.parameters())]:
        parameter.requires_grad = False
    model = _Model(PairPooler(encoder))
    head_params = list(model.heads.parameters())
    body_params = [p for p in model.pooler.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW([{"params": body_params, "lr": lr}, {"params": head_params, "lr": lr * 10}], weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    weights_by_task = _weights(train)
    history: list[dict[str, object]] = []
    best, best_state = -1.0, None
    model.train()
    for epoch in range(1, epochs + 1):
        started = time.time()
        total = 0.0
        for n, index in enumerate(_batches(rows["train"], batch_size, rng), start=1):
            logits = model(PairBatch([rows["train"][i] for i in index]))
            targets = _targets([train[i] for i in index])
            loss = sum(
                nn.functional.cross_entropy(logits[name], targets[name], weight=weights_by_task[name], ignore_index=-100)
                for name in TASKS if (targets[name] >= 0).any()
            )
            optimiser.zero_grad()
            loss.backward()  # type: ignore[union-attr]
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())  # type: ignore[union-attr]
            if n % 100 == 0:
                log.info("epoch %d step %d loss %.4f (%.0f s)", epoch, n, total / n, time.time() - started)
        scores = _evaluate(model, val, rows["val"])
        key = float(np.mean([scores["behaviour_group"], scores["talk_type"]]))
        history.append({"epoch": epoch, "train_loss": total / n, "val_macro_f1": scores, "seconds": time.time() - started})
        log.info("epoch %d done: %s", epoch, json.dumps(history[-1]))
        if key > best:  # keep the best epoch on disk at once: a long run can be interrupted
            best, best_state = key, {k: v.detach().clone() for k, v in model.state_dict().items()}
            out.mkdir(parents=True, exist_ok=True)
            torch.save(model.pooler.state_dict(), out / "encoder.pt")
            torch.save({name: head.state_dict() for name, head in model.heads.items()}, out / "heads.pt")
    assert best_state is not None
    model.load_state_dict(best_state)
    result = {"history": history, "best_val": best, "seed": seed, "epochs": epochs, "lr": lr,
              "freeze_layers": freeze_layers, "batch_size": batch_size, "n_train": len(train), "n_val": len(val)}
    (out / "finetune.json").write_text(json.dumps(result, indent=1))
    return result


def export_onnx(out: Path, *, weights: Path) -> Path:
    """Export the fine-tuned pooler to ONNX and quantise its weights to int8; returns the int8 file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    encoder = load_minilm(weights)
    pooler = PairPooler(encoder)
    pooler.load_state_dict(torch.load(out / "encoder.pt"))
    pooler.eval()
    example = PairBatch([([2000, 2001], [2002, 2003, 2004])])
    inputs = tuple(torch.from_numpy(a) for a in (example.input_ids, example.attention_mask, example.token_type_ids))
    full = out / "encoder-fp32.onnx"
    torch.onnx.export(
        pooler, inputs, str(full), input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["pooled"], opset_version=17, dynamo=False,
        dynamic_axes={name: {0: "batch", 1: "sequence"} for name in ("input_ids", "attention_mask", "token_type_ids")}
        | {"pooled": {0: "batch"}},
    )
    int8 = out / "encoder.onnx"
    quantize_dynamic(str(full), str(int8), weight_type=QuantType.QInt8, per_channel=True)  # per-channel: cosine 0.989 to fp32, 0.936 without
    return int8


def main() -> None:
    parser = argparse.ArgumentParser(description="Fine-tune the shared encoder")
    parser.add_argument("--out", type=Path, default=Path("build/finetune"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--weights", type=Path, required=True, help="MiniLM model.safetensors")
    parser.add_argument("--tokenizer", type=Path, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(max(1, torch.get_num_threads()))
    finetune(args.weights, args.tokenizer, args.out, epochs=args.epochs)
    export_onnx(args.out, weights=args.weights)


if __name__ == "__main__":
    main()
