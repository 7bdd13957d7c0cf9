"""What goes wrong with a recording, in words a user can act on."""

from __future__ import annotations

import importlib.util

from ..errors import TranscriptError

__all__ = ["MediaError", "needs_media", "MEDIA_HINT"]

MEDIA_HINT = "install the media extra: pip install 'attunement[media]'"


class MediaError(TranscriptError):
    """A recording could not be decoded or transcribed."""


def needs_media(path: str) -> None:
    """Raise a clear error when the packages that read recordings are not installed."""
    missing = [name for name in ("av", "faster_whisper", "ctranslate2", "cv2") if importlib.util.find_spec(name) is None]
    if missing:
        raise MediaError(f"reading recordings needs packages that are not installed ({', '.join(missing)})",
                         path=path, hint=MEDIA_HINT)
