"""From a recording to a session: decode, transcribe offline, tell the two speakers apart, form turns.

Needs the ``[media]`` extra (faster-whisper with the Whisper tiny.en weights that ship in a package,
PyAV to decode). Nothing is downloaded: the shipped model is found on disk, or the user gives a model
folder (``--asr-model DIR``). docs/recordings.md says what is measured, how, and its limits.

* :mod:`.audio` decodes any audio or video file to 16 kHz, keeping the channels;
* :mod:`.asr` transcribes with word time stamps and voice-activity detection;
* :mod:`.speakers` gives each word a speaker: by channel when each person has their own channel (as
  telehealth recorders write), otherwise by clustering the voices;
* :mod:`.turns` groups words into turns, which the readers' role resolver then names.
"""

from __future__ import annotations

from .errors import MediaError, needs_media

__all__ = ["MediaError", "needs_media"]
