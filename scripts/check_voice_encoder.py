"""Check the numpy voice encoder against Resemblyzer's own pipeline (librosa's mel + torch's LSTM).

    pip install torch==2.13.0 librosa   # in a scratch environment; attunement never needs them
    python scripts/check_voice_encoder.py [tests/golden/voice-encoder-reference.npz]

Builds a deterministic 2.5 s voiced test signal, computes the power mel spectrogram with librosa
(as Resemblyzer does) and the embeddings of two 1.6 s windows with torch's ``nn.LSTM`` and
``nn.Linear`` loaded from the shipped weights, and prints how far attunement's numpy versions are
from them. With a path it saves the references, which ``tests/test_voices.py`` compares against.
"""

from __future__ import annotations

import sys

import librosa
import numpy as np
import torch

from attunement.recordings import voices


def signal() -> np.ndarray:
    """The test signal (the same in tests/test_voices.py): 14 harmonics of 140 Hz, a 3 Hz swell, a little noise."""
    t = np.arange(int(2.5 * 16000)) / 16000
    x = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 15)) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) * 0.05
    return (x + np.random.default_rng(0).normal(0, 0.01, len(t))).astype(np.float32)


def main(argv: list[str]) -> None:
    x = signal()
    ref_mel = librosa.feature.melspectrogram(y=x, sr=16000, n_fft=400, hop_length=160, n_mels=40,
                                             pad_mode="reflect").astype(np.float32).T
    mel = voices.mel_power(x)
    print(f"mel: largest difference {np.abs(ref_mel - mel).max() / ref_mel.max():.1e} of the largest value")
    w = voices._weights()
    lstm, linear = torch.nn.LSTM(40, 256, 3, batch_first=True), torch.nn.Linear(256, 256)
    lstm.load_state_dict({k.removeprefix("lstm."): torch.from_numpy(v) for k, v in w.items() if k.startswith("lstm.")})
    linear.load_state_dict({"weight": torch.from_numpy(w["linear.weight"]), "bias": torch.from_numpy(w["linear.bias"])})
    windows = np.stack([mel[:160], mel[40:200]])
    with torch.no_grad():
        _, (hidden, _) = lstm(torch.from_numpy(windows))
        ref = torch.relu(linear(hidden[-1]))
        ref = (ref / ref.norm(dim=1, keepdim=True)).numpy()
    ours = voices._forward(windows)
    print(f"embeddings: largest difference {np.abs(ref - ours).max():.1e}")
    if argv:
        np.savez_compressed(argv[0], mel=ref_mel, embeddings=ref)
        print(f"saved the references to {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
