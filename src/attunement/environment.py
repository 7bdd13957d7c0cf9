"""The environment variables attunement reads, in one place.

Nothing else in the package reads ``os.environ`` for a setting. Each variable is
documented in ``docs/configuration.md``; :class:`attunement.settings.Settings` puts them
in order of precedence with the command line's flags and the configuration file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["VARIABLES", "get", "keep_hub_offline", "threads", "child_threads"]

#: Every variable attunement reads, with what it sets.
VARIABLES: dict[str, str] = {
    "ATTUNEMENT_DB": "the session store: a SQLite file, or a postgresql:// URL",
    "ATTUNEMENT_KEY": "the store's encryption key (base64), instead of a key file",
    "ATTUNEMENT_KEY_FILE": "where the store's key file is (default: the user config folder)",
    "ATTUNEMENT_SECRET": "the key that signs the web app's login cookies (random per process if unset)",
    "ATTUNEMENT_THREADS": "CPU threads one process gives the text encoder (default 2; `--workers` sets it per worker)",
}


def get(name: str) -> str | None:
    """The variable's value, or None when it is unset or empty."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not one of attunement's environment variables")
    return os.environ.get(name) or None


def threads() -> int:
    """CPU threads for the text encoder in this process: ``ATTUNEMENT_THREADS``, else 2."""
    value = get("ATTUNEMENT_THREADS")
    return max(1, int(value)) if value and value.isdigit() else 2


@contextmanager
def child_threads(n: int) -> Iterator[None]:
    """Processes started inside get ``n`` threads each: the encoder's (``ATTUNEMENT_THREADS``) and the numeric
    libraries' (OpenMP, OpenBLAS, MKL), so that several workers do not oversubscribe the cores."""
    names = ("ATTUNEMENT_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    before = {k: os.environ.get(k) for k in names}
    os.environ.update(dict.fromkeys(names, str(n)))
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def keep_hub_offline() -> None:
    """Tell the Hugging Face libraries (faster-whisper imports ``huggingface_hub``) never to reach the hub.

    attunement gives them local model folders only; this is the belt to those braces, set before they load.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
