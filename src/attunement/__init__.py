"""attunement: local-first analysis of how attuned a therapist is to the client, moment by moment.

>>> import attunement
>>> session = attunement.read_session("examples/pleasing-and-fidgeting.txt")  # doctest: +SKIP
>>> analysis = attunement.analyze(session)  # doctest: +SKIP
"""

from __future__ import annotations

from .version import __version__  # noqa: E402

from .api import analyze, read_session, read_sessions  # noqa: E402
from .model import Analysis, Annotation, Session, Speaker, Utterance  # noqa: E402
from .pipeline import Pipeline  # noqa: E402

__all__ = [
    "__version__",
    "analyze",
    "read_session",
    "read_sessions",
    "Analysis",
    "Annotation",
    "Session",
    "Speaker",
    "Utterance",
    "Pipeline",
]
