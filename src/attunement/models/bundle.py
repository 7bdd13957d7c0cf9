"""The shipped models: one encoder and its heads per tier, loaded once per process.

Layout of a model folder (the packaged one is ``attunement/resources/models``)::

    tokenizer.json              word pieces shared by both tiers
    accurate/encoder.onnx       fine-tuned MiniLM, int8, pooled output
    accurate/heads.npz          every head, keys "<head>/<array>"
    accurate/manifest.json      heads, classes, training data and held-out metrics
    fast/static.npy             word-piece vectors distilled from the accurate encoder
    fast/heads.npz, fast/manifest.json

Nothing is downloaded: a missing file is an error that says how to rebuild it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .. import environment
from ..errors import AttunementError
from .encoder import OnnxEncoder, StaticEncoder
from .heads import RidgeHead, SigmoidHead, SoftmaxHead, head_from_arrays

__all__ = ["TIERS", "ModelBundle", "ModelError", "load_bundle", "packaged_models_dir", "save_heads"]

TIERS = ("accurate", "fast")


class ModelError(AttunementError, RuntimeError):
    """The model files are missing or do not fit together."""


def packaged_models_dir() -> Path:
    return Path(str(resources.files("attunement.resources").joinpath("models")))


@dataclass
class ModelBundle:
    """An encoder and the heads that read its vectors."""

    tier: str
    encoder: OnnxEncoder | StaticEncoder
    heads: dict[str, SoftmaxHead | SigmoidHead | RidgeHead]
    manifest: dict[str, Any] = field(default_factory=dict)
    vocabulary: frozenset[str] = frozenset()


def save_heads(folder: Path, heads: dict[str, SoftmaxHead | SigmoidHead | RidgeHead], manifest: dict[str, Any]) -> None:
    """Write ``heads.npz`` and ``manifest.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {f"{name}/{key}": value for name, head in heads.items() for key, value in head.to_arrays().items()}
    np.savez_compressed(folder / "heads.npz", **arrays)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


@lru_cache(maxsize=4)
def load_bundle(tier: str = "accurate", directory: str | None = None) -> ModelBundle:
    """The models of one tier, loaded once per process and folder.

    Parameters
    ----------
    tier
        ``"accurate"`` (fine-tuned encoder) or ``"fast"`` (distilled static vectors).
    directory
        A model folder written by ``attune train``; the packaged models if None.
    """
    if tier not in TIERS:
        raise ModelError(f"unknown model tier {tier!r}; use one of {', '.join(TIERS)}")
    root = Path(directory) if directory else packaged_models_dir()
    folder = root / tier
    needed = [root / "tokenizer.json", folder / "heads.npz", folder / "manifest.json",
              folder / ("encoder.onnx" if tier == "accurate" else "static.npy")]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise ModelError(f"model files missing: {', '.join(missing)}",
                         hint="reinstall attunement, or rebuild them with 'attune train'")
    if tier == "accurate":
        encoder: OnnxEncoder | StaticEncoder = OnnxEncoder(folder / "encoder.onnx", root / "tokenizer.json",
                                                                  threads=environment.threads())
    else:
        encoder = StaticEncoder(folder / "static.npy", root / "tokenizer.json")
    with np.load(folder / "heads.npz", allow_pickle=False) as stored:
        grouped: dict[str, dict[str, np.ndarray]] = {}
        for key in stored.files:
            name, part = key.split("/", 1)
            grouped.setdefault(name, {})[part] = stored[key]
    heads = {name: head_from_arrays(arrays) for name, arrays in grouped.items()}
    manifest = json.loads((folder / "manifest.json").read_text())
    vocab = json.loads((root / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    words = frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))
    return ModelBundle(tier=tier, encoder=encoder, heads=heads, manifest=manifest, vocabulary=words)
