"""The library's front door: read and analyse in one call each."""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .errors import TranscriptError
from .model import Analysis, Session
from .pipeline import ProgressCallback
from .readers import ReadOptions, read_session, read_sessions
from .service import Service, default_config, default_pipeline
from .settings import Settings

__all__ = ["analyze", "read_session", "read_sessions", "default_pipeline"]


def analyze(
    session: Session | str | Path,
    *,
    config: Config | None = None,
    options: ReadOptions = ReadOptions(),
    progress: ProgressCallback | None = None,
) -> Analysis:
    """Analyse a session (or read one from a path first).

    Parameters
    ----------
    session
        A session, or the path of a transcript holding one.
    config
        Configuration; the packaged default if None.
    options
        How to read ``session`` when it is a path.
    progress
        Called as ``progress(component_name, step, n_steps)``.
    """
    service = Service(Settings(config=default_config() if config is None else config))
    if not isinstance(session, Session):
        found = service.ingest(session, options=options)
        if len(found) != 1:
            raise TranscriptError(f"holds {len(found)} sessions, expected one", path=session, hint="use read_sessions")
        session = found[0]
    return service.analyse(session, progress=progress)
