"""Audio and video recordings: transcribed offline, the two speakers told apart, then read like a transcript.

The work is done in :mod:`attunement.recordings` (the ``[media]`` extra); this reader turns its turns
into a session through the same assembly as every other reader, so roles are resolved the same way.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import TranscriptError
from ..model import Session
from .assemble import RawTurn, ReadOptions, build_session

__all__ = ["AUDIO_SUFFIXES", "VIDEO_SUFFIXES", "SUFFIXES", "parse_recording", "parse_bytes", "is_recording", "with_video"]

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".flac", ".ogg", ".opus")
VIDEO_SUFFIXES = (".mp4", ".mkv", ".avi", ".mov", ".webm")
SUFFIXES = AUDIO_SUFFIXES + VIDEO_SUFFIXES
#: Recordings are read from disk in pieces, so they have their own, larger limit (about 3 hours of video).
MAX_RECORDING_BYTES = 4_000_000_000


def is_recording(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def parse_bytes(data: bytes, *, path: str, options: ReadOptions = ReadOptions()) -> list[Session]:
    """A recording given as bytes (a reader's common signature; files are read from disk by :func:`parse_recording`)."""
    import tempfile

    suffix = Path(path).suffix if Path(path).suffix.lower() in SUFFIXES else ".wav"
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"recording{suffix}"
        copy.write_bytes(data)
        try:
            return parse_recording(str(copy), options=options, name=path)
        except TranscriptError as exc:  # name the user's file, not the copy
            exc.path = path
            raise


def parse_recording(path: str, *, options: ReadOptions = ReadOptions(), name: str | None = None) -> list[Session]:
    """The session in a recording (one per file); ``name`` is what to call its source instead of ``path``."""
    from ..recordings import needs_media

    needs_media(path)
    from ..recordings.asr import transcribe
    from ..recordings.audio import SAMPLE_RATE, decode
    from ..recordings.errors import MediaError
    from ..recordings.prosody import measure, samples, with_arousal
    from ..recordings.speakers import attribute
    from ..recordings.turns import turns

    if Path(path).stat().st_size > MAX_RECORDING_BYTES:
        raise MediaError(f"is larger than {MAX_RECORDING_BYTES // 1_000_000_000} GB", path=path,
                         hint="split the recording, or give its audio track alone")
    audio = decode(path)
    words = transcribe(audio.mean(axis=0), model_dir=options.asr_model, progress=options.progress)
    if not words:
        raise MediaError("has no speech that could be transcribed", path=path,
                         hint="check the recording's sound, or give its transcript")
    who = attribute(audio, words)
    names = ("Left channel", "Right channel") if who.method == "channels" else ("Speaker 1", "Speaker 2")
    found = turns(words, who.labels)
    measured, previous = [], None
    for s, text, start, end in found:
        x = samples(audio, s if who.method == "channels" else None, start, end)
        measured.append(measure(x, n_words=len(text.split()), start=start, end=end, previous_end=previous))
        previous = end
    measured = with_arousal(measured, [s for s, *_ in found])
    raw = [RawTurn(speaker=names[s], raw=text, line=n, start=round(start, 2), end=round(end, 2), extra={"prosody": p})
           for n, ((s, text, start, end), p) in enumerate(zip(found, measured), start=1)]
    metadata = {"recording": {"duration_s": round(audio.shape[1] / SAMPLE_RATE, 2), "channels": int(audio.shape[0]),
                              "speakers_by": who.method, "speaker_confidence": who.confidence,
                              "asr_model": "given folder" if options.asr_model else "whisper tiny.en (shipped)",
                              "words": len(words)}}
    session = build_session(raw, path=name or path, format="recording", options=options, metadata=metadata)
    video = options.video or (path if Path(path).suffix.lower() in VIDEO_SUFFIXES else None)
    return [with_video(session, video) if video else session]


def with_video(session: Session, video: str) -> Session:
    """The session with the body from a video aligned with it from its start: fidgeting and stillness as non-verbal
    signs (source "video", with their time) on the utterances they overlap, and the movement and its synchrony in
    ``metadata["movement"]``. The two people in the picture are matched to the roles by who moves more while
    speaking; without time stamps they cannot be, and the video is refused."""
    import dataclasses

    from ..model import Annotation
    from ..recordings import needs_media
    import numpy as np

    from ..recordings.motion import RATE, episodes, motion_energy, movement_synchrony

    needs_media(video)
    if not session.has_timestamps:
        raise TranscriptError("has no time stamps, so a video cannot be aligned with it", path=session.source,
                              hint="give a transcript with times (WebVTT, SRT, a timed text) or the recording itself")
    motion = motion_energy(video)

    def mean_while(person: int, role: str) -> float:  # how much this person moves while someone of this role speaks
        spans = [motion.energy[person][int(u.start * RATE):int(u.end * RATE)] for u in session.utterances
                 if u.role == role and u.start is not None and u.end is not None]
        moving = np.concatenate(spans) if spans else np.zeros(0)
        return float(moving.mean()) if len(moving) else 0.0

    talk = [mean_while(p, "therapist") - mean_while(p, "client") for p in (0, 1)]
    therapist = 0 if talk[0] - talk[1] >= 0 else 1  # the person who moves more while the therapist speaks
    roles = {therapist: "therapist", 1 - therapist: "client"}
    found = {p: episodes(motion.energy[p]) for p in (0, 1)}
    utterances = []
    for u in session.utterances:
        signs = [(kind, a, b) for p, kinds in found.items() if roles[p] == u.role for kind, a, b in kinds
                 if u.start is not None and u.end is not None and a < u.end and b > u.start]
        extra = tuple(Annotation(label=kind, raw=f"[{kind} (video {a:.1f}–{b:.1f} s)]", position=len(u.text), source="video")
                      for kind, a, b in signs)
        utterances.append(dataclasses.replace(u, annotations=u.annotations + extra) if extra else u)
    sync = movement_synchrony(motion.energy, names=(roles[0], roles[1]))
    movement = {"video": Path(video).name, "regions_by": motion.regions_by, "duration_s": motion.duration_s,
                "people": {roles[p]: {"region": list(motion.regions[p]), "mean_motion": round(float(motion.energy[p].mean()), 4),
                                      "episodes": [{"kind": k, "start": a, "end": b} for k, a, b in found[p]]} for p in (0, 1)},
                "roles_by": f"who moves more while the therapist speaks (difference {abs(talk[0] - talk[1]):.4f})",
                "synchrony": sync}
    return dataclasses.replace(session, utterances=tuple(utterances), metadata={**session.metadata, "movement": movement})
