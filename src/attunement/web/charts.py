"""Small inline SVG line charts for growth over time (no JavaScript, no external library)."""

from __future__ import annotations

from typing import Any

__all__ = ["line_chart"]

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")


def line_chart(labels: list[str], series: dict[str, list[float | None]], *, lo: float, hi: float,
               width: int = 640, height: int = 200) -> dict[str, Any]:
    """Geometry of a line chart: one polyline per series over evenly spaced sessions (gaps where None)."""
    left, right, top, bottom = 40, 12, 12, 28
    n = max(len(labels), 1)
    step = (width - left - right) / max(n - 1, 1)

    def y(value: float) -> float:
        return round(top + (hi - min(max(value, lo), hi)) / (hi - lo) * (height - top - bottom), 1)

    lines = []
    for k, (name, values) in enumerate(series.items()):
        points = [(round(left + i * step, 1), y(v)) for i, v in enumerate(values) if v is not None]
        lines.append({"name": name, "colour": PALETTE[k % len(PALETTE)], "points": " ".join(f"{a},{b}" for a, b in points),
                      "dots": points})
    ticks = [{"x": round(left + i * step, 1), "label": label} for i, label in enumerate(labels)]
    grid = [{"y": y(v), "label": f"{v:g}"} for v in (lo, (lo + hi) / 2, hi)]
    return {"width": width, "height": height, "lines": lines, "ticks": ticks, "grid": grid, "left": left}
