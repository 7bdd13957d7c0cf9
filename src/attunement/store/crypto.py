"""Encryption at rest of the store's clinical content: AES-256-GCM, with a key the user holds.

Transcripts, reports, sources, pseudonyms and comments are encrypted column by column
(authenticated encryption from ``cryptography``; each value carries its own random nonce and is
bound to its session id, so a value cannot be moved to another row unnoticed). Chosen over
SQLCipher because it works the same on SQLite and PostgreSQL and needs no native build.

The key (32 random bytes) comes from ``$ATTUNEMENT_KEY`` (base64), else from the key file
``$ATTUNEMENT_KEY_FILE`` or the platform's user config folder, which must be readable by its
owner only (0600). Without a key file one is created, 0600. Keep a copy of it somewhere safe:
without it the stored sessions cannot be read.
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

from .. import environment
from ..errors import StoreError

__all__ = ["Cipher", "Sealer", "key_path", "load_key", "new_key", "write_key", "PREFIX"]

PREFIX = "enc1:"


def key_path() -> Path:
    if environment.get("ATTUNEMENT_KEY_FILE"):
        return Path(environment.get("ATTUNEMENT_KEY_FILE"))  # type: ignore[arg-type]
    import platformdirs

    return Path(platformdirs.user_config_dir("attunement", appauthor=False)) / "store.key"


def new_key() -> bytes:
    return os.urandom(32)


def write_key(key: bytes, path: Path | None = None) -> Path:
    """Write a key file readable by its owner only (atomically)."""
    from ..atomic import atomic_write

    path = path or key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(path, base64.b64encode(key) + b"\n", mode=0o600)


def load_key(*, create: bool = True) -> bytes:
    """The store key: from the environment, else the key file (created if missing)."""
    if environment.get("ATTUNEMENT_KEY"):
        return _decode(environment.get("ATTUNEMENT_KEY"), "ATTUNEMENT_KEY")  # type: ignore[arg-type]
    path = key_path()
    if not path.exists():
        if not create:
            raise StoreError(f"no key file at {path}")
        write_key(new_key(), path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise StoreError(f"key file {path} is readable by others (mode {mode:o})", hint=f"run: chmod 600 {path}")
    return _decode(path.read_text().strip(), str(path))


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise StoreError(f"{where} is not a base64 key") from exc
    if len(key) != 32:
        raise StoreError(f"{where} must hold a 32-byte key, base64-encoded")
    return key


class Cipher:
    """Encrypts and decrypts text values, each bound to a context (the session id)."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)

    def encrypt(self, text: str | None, *, context: str) -> str | None:
        if text is None:
            return None
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, value: str | None, *, context: str) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value  # written before encryption was switched on
        from cryptography.exceptions import InvalidTag

        raw = base64.b64decode(value[len(PREFIX):])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
        except InvalidTag as exc:
            raise StoreError("stored content cannot be decrypted with this key",
                             hint="set ATTUNEMENT_KEY or ATTUNEMENT_KEY_FILE to the key the store was written with") from exc


class Sealer:
    """The store's clinical columns sealed and opened with the user's key, loaded on first use.

    Shared by the store's repositories; :meth:`replace` switches every one of them to a new
    key at once (key rotation).
    """

    def __init__(self) -> None:
        self._cipher: Cipher | None = None

    @property
    def cipher(self) -> Cipher:
        if self._cipher is None:
            self._cipher = Cipher(load_key())
        return self._cipher

    def seal(self, text: str | None, context: str) -> str | None:
        return self.cipher.encrypt(text, context=context)

    def open(self, value: str | None, context: str) -> str | None:
        return self.cipher.decrypt(value, context=context)

    def replace(self, cipher: Cipher) -> None:
        self._cipher = cipher
