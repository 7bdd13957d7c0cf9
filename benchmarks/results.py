"""Write one benchmark's section of benchmarks/RESULTS.md, between its own markers."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, lines: list[str]) -> str:
    """Replace (or append) the section marked ``<!-- name:start -->`` … ``<!-- name:end -->``; returns its text."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = "\n".join([start, "", *lines, end])
    current = RESULTS.read_text() if RESULTS.exists() else "# Results\n"
    if start in current:
        current = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: text, current, flags=re.S)
    else:
        current = current.rstrip() + "\n\n" + text + "\n"
    RESULTS.write_text(current)
    return text


def publish(name: str, lines: list[str], *, write: bool) -> None:
    """Print a benchmark's section and, if ``write``, put it in RESULTS.md."""
    print("\n".join(lines))
    if write:
        write_section(name, lines)
