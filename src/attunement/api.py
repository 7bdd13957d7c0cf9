"""The library's front door: read and analyse in one call each."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .config import Config, load_config
from .model import Analysis, Session
from .pipeline import Pipeline, ProgressCallback
from .readers import ReadOptions, read_session, read_sessions

__all__ = ["analyze", "read_session", "read_sessions", "default_pipeline"]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline of the packaged default configuration, built once per process."""
    return Pipeline.from_config(load_config())


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
    if not isinstance(session, Session):
        session = read_session(session, options=options)
    pipeline = default_pipeline() if config is None else Pipeline.from_config(config)
    return pipeline(session, progress=progress)
