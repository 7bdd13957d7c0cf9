"""The fast tier's static vectors: every word piece run through the accurate encoder alone.

Each of the 30,522 word pieces is encoded as a one-token text with no context;
its pooled text vector becomes its row in the table (the idea of model2vec,
without its extra steps). A sentence is then the mean of its pieces' rows:
no transformer at run time, tens of thousands of utterances a second.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..models.encoder import OnnxEncoder, PairBatch

__all__ = ["distill_static"]


def distill_static(encoder: OnnxEncoder, out: Path, *, vocab_size: int = 30522, batch: int = 512) -> Path:
    """Write ``static.npy`` (float16, one row per word piece) into ``out``; returns its path."""
    half = encoder.dim // 2
    table = np.zeros((vocab_size, half), dtype=np.float32)
    for start in range(0, vocab_size, batch):
        ids = range(start, min(start + batch, vocab_size))
        rows = PairBatch([([], [i]) for i in ids])
        table[start : start + len(ids)] = encoder.session.run(None, rows.feeds())[0][:, :half]
    out.mkdir(parents=True, exist_ok=True)
    path = out / "static.npy"
    np.save(path, table.astype(np.float16))
    return path
