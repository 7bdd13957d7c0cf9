"""Decode any audio or video file (PyAV) to 16 kHz float samples, one row per channel."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import MediaError

__all__ = ["SAMPLE_RATE", "decode"]

SAMPLE_RATE = 16_000


def decode(path: str | Path) -> np.ndarray:
    """The audio track of ``path`` as float32 samples in [-1, 1], shape ``(channels, samples)``, at 16 kHz.

    Raises
    ------
    MediaError
        The file has no audio track, or FFmpeg cannot read it.
    """
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaError("has no audio track", path=path, hint="give a recording with sound, or its transcript")
            stream = container.streams.audio[0]
            channels = min(2, stream.codec_context.channels or 1)
            layout = "stereo" if channels == 2 else "mono"
            resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
            chunks = []
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray())
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray())
    except MediaError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as exc:  # type: ignore[attr-defined]
        raise MediaError(f"could not be decoded ({exc})", path=path, hint="check that it is an audio or video file") from None
    if not chunks:
        raise MediaError("holds no sound", path=path, hint="give a recording with sound, or its transcript")
    return np.concatenate(chunks, axis=1).astype(np.float32)
