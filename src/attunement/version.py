"""The package version, in one place (read by setuptools and stamped on every report)."""

__version__ = "0.1.0"
