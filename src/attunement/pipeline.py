"""The analysis pipeline: components that declare what they need and what they add.

A component is a callable over an :class:`~attunement.model.Analysis` with three
class attributes:

``name``
    How the configuration refers to it.
``requires``
    Slots it reads, e.g. ``"utterance.codes.valence"`` or ``"session.scores.talk"``.
``assigns``
    Slots it writes. A component writes nothing else, and never the session's words.

:class:`Pipeline` checks, before running anything, that every slot is declared in
its typed record (:mod:`attunement.record`), that every requirement is assigned by
an earlier component and that no two components assign one slot. While a component
runs, reading a slot it declared neither in ``requires`` nor in ``assigns`` raises
:class:`~attunement.errors.PipelineError` (:mod:`attunement.slotguard`); after it,
writing an undeclared slot does too.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from .config import Config, load_config
from .errors import PipelineError
from .model import Analysis, Session
from .record import UTTERANCE_SLOTS as _UTTERANCE_SLOTS
from .record import slot_keys
from .slotguard import SlotGuard

__all__ = ["Component", "Pipeline", "ProgressCallback", "parse_slot"]

ProgressCallback = Callable[[str, int, int], None]
_SESSION_SLOTS = ("scores", "episodes", "moments")
_RECORD_NAMES = {"codes": "Codes", "timing": "Timing", "client_state": "ClientState", "response": "Response",
                 "scores": "Scores"}


@runtime_checkable
class Component(Protocol):
    """What every pipeline component provides."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, analysis: Analysis) -> None: ...


class Pipeline:
    """Components run in order over a session.

    Parameters
    ----------
    components
        Component instances, in the order they run.

    Raises
    ------
    PipelineError
        A requirement is not assigned by an earlier component, a slot is
        assigned twice, or a slot name is malformed.
    """

    def __init__(self, components: Sequence[Component]) -> None:
        self.components = tuple(components)
        _check_order(self.components)

    @classmethod
    def from_config(cls, config: Config | None = None) -> Pipeline:
        """The pipeline the configuration describes (the packaged default if None)."""
        from .analysis import COMPONENTS

        config = config or load_config()
        coder = config.options.get("coder", {})
        models = {k: coder[k] for k in ("tier", "model_dir") if k in coder}

        def options(name: str) -> dict[str, Any]:  # a component that reads text with the models reads it with the coder's
            shared = models if getattr(COMPONENTS[name], "shares_models", False) else {}
            return {**shared, **config.options.get(name, {})}

        return cls([COMPONENTS[name](**options(name)) for name in config.components])

    def prepare(self) -> None:
        """Load what components need (models) now, so a missing file fails before any session is read."""
        for component in self.components:
            prepare = getattr(component, "prepare", None)
            if prepare is not None:
                prepare()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.components)

    def __call__(self, session: Session, *, progress: ProgressCallback | None = None) -> Analysis:
        """Analyse a session; the session itself is not changed."""
        analysis = Analysis.empty(session)
        analysis.warnings.extend(session.metadata.get("warnings", []))  # the reader's, carried on the session
        guard = SlotGuard(analysis)
        guard.wrap()
        try:
            for step, component in enumerate(self.components, start=1):
                before = _written(analysis)
                guard.use(component)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    component(analysis)
                for warning in caught:  # kept in the report, and passed on to the caller
                    analysis.warnings.append(str(warning.message))
                    warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
                extra = _written(analysis) - before - set(component.assigns)
                if extra:
                    raise PipelineError(f"component {component.name!r} wrote undeclared slot(s): {', '.join(sorted(extra))}")
                if progress is not None:
                    progress(component.name, step, len(self.components))
        finally:
            guard.unwrap()
        return analysis


def parse_slot(slot: str) -> tuple[str, str, str | None]:
    """A slot name as (level, slot, key); a malformed name or a key missing from its record raises PipelineError."""
    parts = slot.split(".")
    level = parts[0]
    valid = (level == "utterance" and len(parts) == 3 and parts[1] in _UTTERANCE_SLOTS) or (
        level == "session" and parts[1:2] == ["scores"] and len(parts) == 3
    ) or (level == "session" and len(parts) == 2 and parts[1] in ("episodes", "moments"))
    if not valid:
        raise PipelineError(
            f"malformed slot {slot!r}: use utterance.<{'|'.join(_UTTERANCE_SLOTS)}>.<key> "
            "session.scores.<key>, session.episodes or session.moments"
        )
    if len(parts) == 3 and parts[2] not in slot_keys(parts[1]):
        raise PipelineError(f"slot {slot!r} is not declared in its typed record: add {parts[2]!r} to "
                            f"attunement.record.{_RECORD_NAMES[parts[1]]}")
    return level, parts[1], parts[2] if len(parts) == 3 else None


def _check_order(components: Sequence[Component]) -> None:
    assigned: dict[str, str] = {}
    for component in components:
        for slot in component.requires:
            parse_slot(slot)
            if slot not in assigned:
                raise PipelineError(
                    f"component {component.name!r} requires {slot!r}, which no earlier component assigns"
                )
        for slot in component.assigns:
            parse_slot(slot)
            if slot in assigned:
                raise PipelineError(f"{slot!r} is assigned by both {assigned[slot]!r} and {component.name!r}")
            assigned[slot] = component.name


def _written(analysis: Analysis) -> set[str]:
    """Every slot holding something, read past the guards (this is the pipeline's check, not a component's read)."""
    written = {f"session.scores.{key}" for key in dict.keys(analysis.scores)}
    written |= {f"session.{name}" for name in ("episodes", "moments") if list.__len__(getattr(analysis, name))}
    for slot in _UTTERANCE_SLOTS:
        keys: set[str] = set().union(*(dict.keys(getattr(item, slot)) for item in analysis.utterances))
        written |= {f"utterance.{slot}.{key}" for key in keys}
    return written
