"""The voice encoder (Resemblyzer's weights, run in numpy) matches Resemblyzer's own librosa + torch pipeline.

The references in tests/golden/voice-encoder-reference.npz were computed once with librosa 0.11 and
torch 2.13 by scripts/check_voice_encoder.py; neither is needed here.
"""

from pathlib import Path

import numpy as np

from attunement.recordings import voices

REFERENCE = Path(__file__).resolve().parent / "golden" / "voice-encoder-reference.npz"


def _signal() -> np.ndarray:  # the same as scripts/check_voice_encoder.py
    t = np.arange(int(2.5 * 16000)) / 16000
    x = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 15)) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) * 0.05
    return (x + np.random.default_rng(0).normal(0, 0.01, len(t))).astype(np.float32)


def test_the_mel_spectrogram_and_the_lstm_match_the_reference_implementation():
    reference = np.load(REFERENCE)
    mel = voices.mel_power(_signal())
    assert mel.shape == reference["mel"].shape
    assert np.abs(mel - reference["mel"]).max() <= 1e-5 * reference["mel"].max()
    ours = voices._forward(np.stack([mel[:160], mel[40:200]]))
    assert np.abs(ours - reference["embeddings"]).max() < 1e-4


def test_embeddings_are_unit_length_one_per_clip_and_short_clips_still_get_one():
    x = _signal()
    out = voices.embed([x, x[:8000], x[:100], np.zeros(0, np.float32)])
    assert out.shape == (4, 256)
    assert np.allclose(np.linalg.norm(out[:3], axis=1), 1, atol=1e-5)
    assert float(out[0] @ out[1]) > 0.9  # the same sound, longer or shorter, is the same voice


def test_the_shipped_weights_are_the_converted_resemblyzer_file():
    from importlib import resources

    with resources.files("attunement").joinpath("resources/models/voice/encoder.npz").open("rb") as f:
        digest = str(np.load(f)["source_sha256"])
    assert digest == "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"  # resemblyzer 0.1.4 pretrained.pt
