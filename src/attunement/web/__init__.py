"""The local web app (``attune serve``): FastAPI over the same store, for trainees and supervisors."""

from .app import create_app

__all__ = ["create_app"]
