"""The environment variables attunement reads, in one place.

Nothing else in the package reads ``os.environ`` for a setting. Each variable is
documented in ``docs/configuration.md``; :class:`attunement.settings.Settings` puts them
in order of precedence with the command line's flags and the configuration file.
"""

from __future__ import annotations

import os

__all__ = ["VARIABLES", "get", "keep_hub_offline"]

#: Every variable attunement reads, with what it sets.
VARIABLES: dict[str, str] = {
    "ATTUNEMENT_DB": "the session store: a SQLite file, or a postgresql:// URL",
    "ATTUNEMENT_KEY": "the store's encryption key (base64), instead of a key file",
    "ATTUNEMENT_KEY_FILE": "where the store's key file is (default: the user config folder)",
    "ATTUNEMENT_SECRET": "the key that signs the web app's login cookies (random per process if unset)",
}


def get(name: str) -> str | None:
    """The variable's value, or None when it is unset or empty."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not one of attunement's environment variables")
    return os.environ.get(name) or None


def keep_hub_offline() -> None:
    """Tell the Hugging Face libraries (faster-whisper imports ``huggingface_hub``) never to reach the hub.

    attunement gives them local model folders only; this is the belt to those braces, set before they load.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
