"""MiniLM (BERT architecture) in plain torch, loaded from the offline safetensors weights.

Training only: run time uses the ONNX export of this module. Written out here
(about a hundred lines) instead of depending on ``transformers``, so that the
exported graph is exactly what we train, pooling included.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn

__all__ = ["MiniLM", "PairPooler", "load_minilm"]


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attn_out = nn.Linear(hidden, hidden)
        self.attn_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.inner = nn.Linear(hidden, inner)
        self.out = nn.Linear(inner, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        d = h // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        context = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, h)
        x = self.attn_norm(x + self.dropout(self.attn_out(context)))
        return self.out_norm(x + self.dropout(self.out(nn.functional.gelu(self.inner(x)))))


class MiniLM(nn.Module):
    """BERT encoder: token, position and type embeddings, then transformer layers."""

    def __init__(self, vocab: int = 30522, hidden: int = 384, layers: int = 6, heads: int = 12,
                 inner: int = 1536, positions: int = 512, dropout: float = 0.1) -> None:
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Embedding(positions, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(_Layer(hidden, heads, inner, dropout) for _ in range(layers))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        x = self.dropout(self.norm(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class PairPooler(nn.Module):
    """MiniLM followed by pooling: mean of the text tokens beside the mean of the context tokens."""

    def __init__(self, encoder: MiniLM) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids, attention_mask, token_type_ids)
        mask = attention_mask.to(hidden.dtype)
        text = mask * token_type_ids.to(hidden.dtype)
        context = mask - text
        text_mean = (hidden * text[..., None]).sum(1) / text.sum(1, keepdim=True).clamp(min=1.0)
        context_mean = (hidden * context[..., None]).sum(1) / context.sum(1, keepdim=True).clamp(min=1.0)
        return torch.cat([text_mean, context_mean], dim=-1)


def load_minilm(weights: str | Path) -> MiniLM:
    """A MiniLM with the weights of ``model.safetensors`` (sentence-transformers layout)."""
    from safetensors.torch import load_file

    source = load_file(str(weights))
    model = MiniLM()
    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "position.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "norm.weight": "embeddings.LayerNorm.weight",
        "norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
             "attn_out": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
             "inner": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm"}
    for i in range(len(model.layers)):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
    model.load_state_dict({ours: source[theirs] for ours, theirs in names.items()})
    return model
