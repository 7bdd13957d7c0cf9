"""Reads checked against ``requires``: while a component runs, its slots refuse undeclared keys.

:func:`guarded` swaps every slot of an analysis for a view that checks each key read
(``[]``, ``get``, ``in``, iteration) against the keys the component declared in
``requires`` or ``assigns``, then puts plain containers back — also when the component
fails. A component that reads what it did not declare raises
:class:`~attunement.errors.PipelineError` at once, instead of silently using a default
when the upstream component is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from .errors import PipelineError
from .model import Analysis
from .record import UTTERANCE_SLOTS as _UTTERANCE_SLOTS

__all__ = ["guarded", "allowed_keys", "SlotGuard"]



class _Declares(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def allowed_keys(component: _Declares) -> dict[str, frozenset[str]]:
    """The keys the component may read, per slot (``codes``, ``scores``, ``episodes``...)."""
    out: dict[str, set[str]] = {}
    for slot in (*component.requires, *component.assigns):
        parts = slot.split(".")
        if len(parts) == 3:
            out.setdefault(parts[1], set()).add(parts[2])
        else:
            out.setdefault(parts[1], set()).add("*")
    return {k: frozenset(v) for k, v in out.items()}


class _Fail:
    def __init__(self, component: str, slot: str, allowed: frozenset[str]) -> None:
        self.component, self.slot, self.allowed = component, slot, allowed

    def check(self, key: Any) -> None:
        if key not in self.allowed:
            raise PipelineError(f"component {self.component!r} read {self.slot}.{key}, which it does not declare: "
                                f"add {self.slot}.{key!s} to its requires")


class GuardedDict(dict):  # type: ignore[type-arg]
    """A slot's dict that checks every key read."""

    __slots__ = ("_guard",)

    def __getitem__(self, key: Any) -> Any:
        self._guard.check(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._guard.check(key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._guard.check(key)
        return dict.__contains__(self, key)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._guard.check(key)
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._guard.check(key)
        return dict.pop(self, key, *default)

    def __iter__(self) -> Iterator[Any]:
        for key in dict.keys(self):
            self._guard.check(key)
        return dict.__iter__(self)

    def keys(self) -> Any:
        list(self.__iter__())
        return dict.keys(self)

    def items(self) -> Any:
        list(self.__iter__())
        return dict.items(self)

    def values(self) -> Any:
        list(self.__iter__())
        return dict.values(self)


class GuardedList(list):  # type: ignore[type-arg]
    """``session.episodes`` or ``session.moments`` for a component that may only append to it, or not touch it."""

    __slots__ = ("_guard",)

    def _read(self) -> None:
        if "*" not in self._guard.allowed:
            raise PipelineError(f"component {self._guard.component!r} read {self._guard.slot}, which it does not "
                                f"declare: add {self._guard.slot} to its requires")

    def __iter__(self) -> Iterator[Any]:
        self._read()
        return list.__iter__(self)

    def __getitem__(self, index: Any) -> Any:
        self._read()
        return list.__getitem__(self, index)

    def __len__(self) -> int:
        self._read()
        return list.__len__(self)


class SlotGuard:
    """Guarded views over an analysis for a whole run; :meth:`use` switches the component they check for.

    Wrapping once per run (not once per component) keeps the check cheap on long sessions.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.fails = {slot: _Fail("", f"utterance.{slot}", frozenset()) for slot in (*_UTTERANCE_SLOTS, "scores")}
        self.fails["scores"].slot = "session.scores"
        self.lists = {name: _Fail("", f"session.{name}", frozenset()) for name in ("episodes", "moments")}

    def use(self, component: _Declares) -> None:
        """Check reads against this component's declarations from now on."""
        allowed = allowed_keys(component)
        for slot, fail in (*self.fails.items(), *self.lists.items()):
            fail.component, fail.allowed = component.name, allowed.get(slot, frozenset())

    def wrap(self) -> None:
        analysis = self.analysis
        for item in analysis.utterances:
            for slot in _UTTERANCE_SLOTS:
                setattr(item, slot, _wrap(getattr(item, slot), GuardedDict, self.fails[slot]))
        analysis.scores = _wrap(analysis.scores, GuardedDict, self.fails["scores"])
        for listed, fail in self.lists.items():
            setattr(analysis, listed, _wrap(getattr(analysis, listed), GuardedList, fail))

    def unwrap(self) -> None:
        analysis = self.analysis
        for item in analysis.utterances:
            for slot in _UTTERANCE_SLOTS:
                setattr(item, slot, dict(dict.items(getattr(item, slot))))
        analysis.scores = dict(dict.items(analysis.scores))  # type: ignore[assignment]
        for listed in self.lists:
            setattr(analysis, listed, list.__getitem__(getattr(analysis, listed), slice(None)))


def _wrap(container: Any, kind: type, fail: _Fail) -> Any:
    view = kind(container)
    view._guard = fail
    return view


@contextmanager
def guarded(analysis: Analysis, component: _Declares) -> Iterator[None]:
    """Run the body with ``analysis``'s slots checking reads against ``component``'s declarations."""
    guard = SlotGuard(analysis)
    guard.use(component)
    guard.wrap()
    try:
        yield
    finally:
        guard.unwrap()
