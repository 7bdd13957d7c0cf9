"""Turn utterances, each with the turn it answers, into vectors: the accurate and the fast encoder.

Input to both encoders is a pair: the **context** (the preceding turn of the
other speaker; empty if none) and the **text** (the utterance being coded). A
reflection is only a reflection of something, so the therapist's words are read
with the client's words before them, and the client's with the therapist's.

The pair is laid out as ``[CLS] context [SEP] text [SEP]``, with token-type 0 for
the context and 1 for the text; the text keeps its first ``MAX_TEXT`` tokens and
the context its last tokens, up to ``MAX_TOKENS`` in all. The same function
builds the inputs for training and at run time, so they cannot drift apart.

:class:`OnnxEncoder` runs the fine-tuned MiniLM (int8 ONNX) whose graph ends in
pooling: the mean of the text tokens and the mean of the context tokens,
concatenated. :class:`StaticEncoder` is the fast tier: one vector per word piece,
distilled from the same encoder, averaged.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

__all__ = ["MAX_TOKENS", "MAX_TEXT", "PairBatch", "load_tokenizer", "encode_pairs", "OnnxEncoder", "StaticEncoder"]

MAX_TOKENS = 128
MAX_TEXT = 96
CLS, SEP, PAD = 101, 102, 0


class PairBatch:
    """Token ids, attention mask and token types of a batch of pairs, padded to the longest."""

    def __init__(self, rows: list[tuple[list[int], list[int]]]) -> None:
        width = max(len(c) + len(t) + 3 for c, t in rows)
        self.input_ids = np.zeros((len(rows), width), dtype=np.int64)
        self.attention_mask = np.zeros_like(self.input_ids)
        self.token_type_ids = np.zeros_like(self.input_ids)
        for i, (context, text) in enumerate(rows):
            ids = [CLS, *context, SEP, *text, SEP]
            self.input_ids[i, : len(ids)] = ids
            self.attention_mask[i, : len(ids)] = 1
            self.token_type_ids[i, len(context) + 2 : len(ids)] = 1

    def feeds(self) -> dict[str, np.ndarray]:
        return {"input_ids": self.input_ids, "attention_mask": self.attention_mask,
                "token_type_ids": self.token_type_ids}


def load_tokenizer(path: str | Path):  # type: ignore[no-untyped-def]
    """The WordPiece tokenizer from ``tokenizer.json``, without padding or truncation."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def encode_pairs(tokenizer, contexts: Sequence[str], texts: Sequence[str]) -> list[tuple[list[int], list[int]]]:  # type: ignore[no-untyped-def]
    """Word-piece ids of each (context, text) pair, cut to fit ``MAX_TOKENS``."""
    text_ids = [e.ids[:MAX_TEXT] for e in tokenizer.encode_batch(list(texts), add_special_tokens=False)]
    context_ids = [e.ids for e in tokenizer.encode_batch(list(contexts), add_special_tokens=False)]
    rows = []
    for context, text in zip(context_ids, text_ids):
        room = MAX_TOKENS - 3 - len(text)
        rows.append((context[-room:] if room > 0 else [], text))
    return rows


def _batches(rows: list[tuple[list[int], list[int]]], batch_size: int) -> list[np.ndarray]:
    """Indices grouped by similar length, so little padding is computed."""
    order = np.argsort([len(c) + len(t) for c, t in rows], kind="stable")
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


class OnnxEncoder:
    """The accurate encoder: fine-tuned MiniLM, int8 ONNX, pooled output of width ``dim``.

    Parameters
    ----------
    model_path, tokenizer_path
        The ONNX graph and its ``tokenizer.json``.
    threads
        CPU threads (2 on the reference machine).
    batch_size
        Pairs per onnxruntime call. The default, 1, makes each vector depend on its own pair
        only: the int8 graph scales activations per call, so pairs sharing a call nudge each
        other's vectors (cosine 0.992 between batches of 8 and of 1), and a session's codes
        would change when an unrelated utterance did. Single pairs run on ``threads`` threads
        at once (one onnxruntime thread each), which is faster than batches of 8 on 2 cores;
        larger batches use the threads inside each call (training).
    """

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path, *, threads: int = 2,
                 batch_size: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1 if batch_size == 1 else threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.batch_size = batch_size
        self.threads = threads
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def __call__(self, contexts: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Pooled vectors, one row per (context, text) pair."""
        rows = encode_pairs(self.tokenizer, contexts, texts)
        out = np.zeros((len(rows), self.dim), dtype=np.float32)

        def run(index: np.ndarray) -> None:
            out[index] = self.session.run(None, PairBatch([rows[i] for i in index]).feeds())[0]

        batches = _batches(rows, self.batch_size)
        if self.batch_size == 1 and self.threads > 1 and len(batches) > 1:
            with ThreadPoolExecutor(self.threads) as pool:  # onnxruntime releases the GIL while it runs
                list(pool.map(run, batches))
        else:
            for index in batches:
                run(index)
        return out


class StaticEncoder:
    """The fast tier: a table of word-piece vectors distilled from the accurate encoder.

    A text's vector is the mean of its word pieces' vectors; the pair's vector is
    the text's vector beside the context's, like the accurate encoder's output.
    """

    def __init__(self, table_path: str | Path, tokenizer_path: str | Path) -> None:
        self.table = np.load(table_path).astype(np.float32)
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.dim = 2 * self.table.shape[1]

    def mean(self, texts: Sequence[str]) -> np.ndarray:
        """Mean of each text's word-piece vectors (zeros for an empty text), all texts at once."""
        ids = [e.ids[:MAX_TOKENS] for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]
        counts = np.array([len(i) for i in ids])
        out = np.zeros((len(ids), self.table.shape[1]), dtype=np.float32)
        filled = np.flatnonzero(counts)
        if len(filled):
            flat = np.concatenate([ids[i] for i in filled])
            starts = np.concatenate([[0], np.cumsum(counts[filled])[:-1]])
            out[filled] = np.add.reduceat(self.table[flat], starts, axis=0) / counts[filled, None]
        return out

    def __call__(self, contexts: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys([*texts, *contexts]))  # a context is usually an earlier text: encode it once
        position = {text: i for i, text in enumerate(unique)}
        means = self.mean(unique)
        return np.hstack([means[[position[t] for t in texts]], means[[position[c] for c in contexts]]])
