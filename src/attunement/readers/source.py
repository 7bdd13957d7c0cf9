"""Load a transcript file's bytes and decode them, refusing what is not a transcript."""

from __future__ import annotations

import codecs
import warnings
from pathlib import Path

from ..errors import TranscriptError, TranscriptWarning

__all__ = ["DEFAULT_MAX_BYTES", "load_bytes", "decode", "looks_binary"]

#: Largest file read by default (a 50-minute session is about 40 kB of text).
DEFAULT_MAX_BYTES = 20_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def load_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, with a clear error when it is missing, a folder or too big."""
    if not path.exists():
        raise TranscriptError("no such file", path=path, hint="check the path and its spelling")
    if path.is_dir():
        raise TranscriptError("is a folder, not a file", path=path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TranscriptError(
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one session",
            path=path,
            hint="split it into sessions, or raise the limit with --max-size",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"cannot be read: {exc.strerror}", path=path) from exc


def looks_binary(data: bytes) -> bool:
    """True when ``data`` (without a Unicode BOM) is not text: NUL bytes or many control bytes."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


def decode(data: bytes, *, path: Path, encoding: str | None = None) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else Windows-1252 with a warning.

    Parameters
    ----------
    data
        The file's bytes.
    path
        Used in messages only.
    encoding
        Force this encoding (``--encoding``).

    Raises
    ------
    TranscriptError
        Empty or binary content, or bytes that do not decode in the forced encoding.
    """
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise TranscriptError(f"cannot be decoded as {encoding}: {exc}", path=path) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise TranscriptError(
                    f"starts with a {name} byte-order mark but is not valid {name}",
                    path=path,
                    hint="re-save the file as UTF-8",
                ) from exc
    if not data.strip():
        raise TranscriptError("file is empty", path=path, hint="export the transcript again")
    if looks_binary(data):
        raise TranscriptError(
            "looks like a binary file, not a transcript",
            path=path,
            hint="run 'attune formats' to see what can be read",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        warnings.warn(
            f"{path}:{line}: not valid UTF-8; read as Windows-1252 (Latin-1). "
            "If characters look wrong, re-save the file as UTF-8 or pass --encoding.",
            TranscriptWarning,
            stacklevel=2,
        )
        return data.decode("cp1252", errors="replace")
