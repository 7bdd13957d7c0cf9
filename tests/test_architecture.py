"""The house rules that keep attunement easy to change (docs/architecture.md, "Where to change what").

The import graph has no cycles and no upward edges (lower layers never import higher ones,
function-level imports included); the store imports nothing from the readers, the report or
the analysis; no module is over 400 lines and no function over 80.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import attunement

PACKAGE = Path(attunement.__file__).parent

#: Lowest first: a module may import from its own layer and the layers before it.
LAYERS = [
    ["version", "errors", "environment", "vocabulary", "atomic"],
    ["record"], ["model"], ["sessionjson", "slotguard"],
    ["readers", "models", "recordings"],
    ["analysis"], ["config"], ["pipeline", "testing"],
    ["report", "store", "deidentify", "training", "corrections", "practice"],
    ["settings"], ["service"], ["batch"], ["api", "cli", "web", "__main__"], [""],
]


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {t for t in found if t in MODULES and t != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    short = name.removeprefix("attunement").removeprefix(".")
    best = (-1, -1)
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if (short == prefix or short.startswith(prefix + ".") or prefix == "" and short == "") and len(prefix) > best[1]:
                best = (i, len(prefix))
    assert best[0] >= 0, f"{name} is in no layer: add it to LAYERS"
    return best[0]


def test_no_cycles():
    seen: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in GRAPH[node]:
            assert seen.get(nxt) != 1, "import cycle: " + " -> ".join([*path, node, nxt])
            if nxt not in seen:
                visit(nxt, [*path, node])
        seen[node] = 2

    for node in GRAPH:
        if node not in seen:
            visit(node, [])


def test_no_upward_imports():
    upward = [f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets if _layer(b) > _layer(a)]
    assert upward == []


def test_the_store_only_stores():
    reaches = [f"{a} -> {b}" for a, targets in GRAPH.items() if a.startswith("attunement.store")
               for b in targets if b.startswith(("attunement.readers", "attunement.report", "attunement.analysis"))]
    assert reaches == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_small_pieces(name):
    text = MODULES[name].read_text("utf-8")
    assert text.count("\n") <= 400, f"{name} has {text.count(chr(10))} lines (at most 400)"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
            assert length <= 80, f"{name}.{node.name} has {length} lines (at most 80)"
