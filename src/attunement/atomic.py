"""Write files all at once or not at all, readable by their owner only.

A report half-written when a run is interrupted is worse than none: readers
take it for complete. Files are written to a temporary file in the same folder,
flushed to disk and renamed over the target in one step. Reports hold clinical
text, so they are created with owner-only permissions (0600).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: str | Path, data: str | bytes, *, mode: int = 0o600) -> Path:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path
        Target file; its folder must exist.
    data
        Text (written as UTF-8) or bytes.
    mode
        Permission bits of the new file.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
