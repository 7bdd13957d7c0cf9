"""Two sessions side by side: the headline scores, the four tasks, the axis, the responses and the moments by kind.

:func:`compare` reads two report documents (``attunement.report/1``) and returns the rows the CLI and the
web page show: each figure for A and B and the change from A to B, so that growth is concrete. A figure
that is null in either session ("not enough evidence") has no change, never a made-up one.
"""

from __future__ import annotations

from typing import Any

from ..vocabulary import Marker, Task
from .headlines import HEADLINES

__all__ = ["compare", "compare_text"]

#: The response markers, best first, counted per session.
_MARKERS = tuple(Marker)


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 3)


def _markers(document: dict[str, Any]) -> dict[str, int]:
    counts = {str(m): 0 for m in _MARKERS}
    for u in document.get("utterances", []):
        marker = (u.get("response") or {}).get("marker")
        if marker in counts:
            counts[marker] += 1
    return counts


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The comparison of two report documents: ``{sessions, headlines, tasks, responses, moments, feedback}``."""
    sa, sb = a.get("scores", {}), b.get("scores", {})
    headlines = [{"key": h.key, "label": h.label, "definition": h.definition, "a": h.value(sa), "b": h.value(sb),
                  "change": _delta(h.value(sa), h.value(sb)), "fmt": h.fmt} for h in HEADLINES]
    tasks = []
    for task in Task:
        ta, tb = sa.get("tasks", {}).get(task, {}), sb.get("tasks", {}).get(task, {})
        tasks.append({"task": str(task), "a": ta.get("score"), "b": tb.get("score"), "change": _delta(ta.get("score"), tb.get("score")),
                      "reason_a": ta.get("reason", ""), "reason_b": tb.get("reason", "")})
    ma, mb = _markers(a), _markers(b)
    na, nb = sum(ma.values()), sum(mb.values())
    responses = [{"marker": m, "a": ma[m], "b": mb[m], "share_a": round(ma[m] / na, 3) if na else None,
                  "share_b": round(mb[m] / nb, 3) if nb else None,
                  "change": _delta(round(ma[m] / na, 3) if na else None, round(mb[m] / nb, 3) if nb else None)} for m in ma]
    ca, cb = sa.get("moment_counts", {}), sb.get("moment_counts", {})
    moments = [{"kind": k, "a": ca.get(k, {}).get("found", 0), "b": cb.get(k, {}).get("found", 0),
                "change": cb.get(k, {}).get("found", 0) - ca.get(k, {}).get("found", 0)} for k in sorted(set(ca) | set(cb))]
    return {
        "sessions": [{"id": d.get("session", {}).get("id"), "source": d.get("session", {}).get("source"),
                      "n_utterances": d.get("session", {}).get("n_utterances"), "setting": d.get("session", {}).get("setting")}
                     for d in (a, b)],
        "headlines": headlines, "tasks": tasks, "responses": responses, "moments": moments,
        "index_reason": [(d.get("scores", {}).get("attunement_index_detail") or {}).get("reason") for d in (a, b)],
        "feedback": [d.get("scores", {}).get("feedback", {}) for d in (a, b)],
    }


def _cell(value: Any, fmt: str = "{:.0f}") -> str:
    return "–" if value is None else fmt.format(value)


def _change(value: float | None, fmt: str = "{:+.0f}") -> str:
    return "" if value is None else fmt.format(value)


def compare_text(found: dict[str, Any]) -> str:
    """The comparison as a plain-text table (``attune compare``)."""
    a, b = found["sessions"]
    lines = [f"A: {a['source']} ({a['n_utterances']} utterances)", f"B: {b['source']} ({b['n_utterances']} utterances)", "",
             f"{'':<34}{'A':>10}{'B':>10}{'change':>10}"]
    for h in found["headlines"]:
        change = _change(h["change"], "{:+.2f}" if "2f" in h["fmt"] or "1f" in h["fmt"] else "{:+.0f}")
        lines.append(f"{h['label']:<34}{_cell(h['a'], h['fmt']):>10}{_cell(h['b'], h['fmt']):>10}{change:>10}")
    lines.append("")
    for t in found["tasks"]:
        lines.append(f"{t['task'].replace('_', ' '):<34}{_cell(t['a']):>10}{_cell(t['b']):>10}{_change(t['change']):>10}")
    lines.append("")
    for r in found["responses"]:
        shares = [_cell(None if s is None else 100 * s, "{:.0f}%") for s in (r["share_a"], r["share_b"])]
        lines.append(f"{'responses ' + r['marker']:<34}{shares[0]:>10}{shares[1]:>10}"
                     f"{_change(None if r['change'] is None else 100 * r['change'], '{:+.0f} pts'):>10}")
    lines.append("")
    for m in found["moments"]:
        lines.append(f"{'moments: ' + m['kind'].replace('_', ' '):<34}{m['a']:>10}{m['b']:>10}{m['change']:>+10}")
    for name, reason in zip("AB", found["index_reason"]):
        if reason:
            lines.append(f"{name}: no attunement index ({reason})")
    return "\n".join(lines)
