"""Public checks for components and model heads, in the style of scikit-learn's ``parametrize_with_checks``.

A third party's component or head can be checked the way ours are::

    import pytest
    from attunement.testing import check_component, check_head

    @pytest.mark.parametrize("component", [MyComponent()])
    def test_my_component(component):
        check_component(component)

Each check raises ``AssertionError`` (or :class:`~attunement.errors.PipelineError`) with a
sentence that says what is wrong. The project's own tests run them over every registered
component and head (``tests/test_contracts.py``).
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import numpy as np

from .model import Annotation, Session, Speaker, Utterance
from .pipeline import Component, Pipeline, parse_slot

__all__ = ["check_component", "check_head", "sample_session", "HEAD_TARGETS"]


def sample_session() -> Session:
    """A small synthetic session with times, an annotation, a feeling, a question and a reflection."""
    t, c = Speaker("Therapist", "therapist"), Speaker("Client", "client")
    turns = [
        (t, "What would you like to talk about today?"), (c, "Um, I don't know. Work, I guess. It's been fine."),
        (t, "Fine, and yet you paused before saying it."),
        (c, "I feel so alone at night and my chest gets tight. I can't breathe."),
        (t, "Let's slow down. Feel your feet on the floor and take a breath with me."),
        (c, "Okay. That helps a bit. Is that what you wanted me to say?"),
        (t, "It sounds like you're checking whether you got it right with me."), (c, "Yeah. I always do that."),
    ]
    utterances = tuple(Utterance(i, s, text, start=6.0 * i, end=6.0 * i + 4.5, line=i + 1,
                                 annotations=(Annotation("fidgeting", "[fidgeting]", 0),) if i == 3 else ())
                       for i, (s, text) in enumerate(turns))
    return Session(id="sample", source="sample", format="text", utterances=utterances, speakers=(t, c))


def check_component(component: Any, *, upstream: list[Any] | None = None, session: Session | None = None) -> None:
    """Check a pipeline component's contract.

    The component meets the :class:`~attunement.pipeline.Component` protocol; every slot it
    declares is well formed and declared in its typed record; run after ``upstream`` (the
    default pipeline's components before it, if None) it reads only what it declares in
    ``requires`` (or ``assigns``), writes only what it declares in ``assigns``, leaves the
    session untouched, and gives the same result twice.
    """
    assert isinstance(component, Component), f"{component!r} lacks name, requires, assigns or __call__"
    for slot in (*component.requires, *component.assigns):
        parse_slot(slot)  # raises PipelineError for a malformed or unrecorded slot
    session = session or sample_session()
    if upstream is None:
        default = Pipeline.from_config()
        names = default.names
        upstream = list(default.components[: names.index(component.name)]) if component.name in names else \
            _providers(default.components, component)
    before = copy.deepcopy(session)
    first = Pipeline([*upstream, component])(session)  # checks reads and writes as it runs
    second = Pipeline([*upstream, component])(session)
    assert session == before, f"{component.name} changed the session it analysed"
    assert _slots(first) == _slots(second), f"{component.name} is not deterministic"


def _providers(components: tuple[Any, ...], component: Any) -> list[Any]:
    """The default components needed, in order, to assign what ``component`` requires."""
    needed = set(component.requires)
    chosen: list[Any] = []
    for candidate in reversed(components):
        if needed & set(candidate.assigns):
            chosen.insert(0, candidate)
            needed |= set(candidate.requires)
    return chosen


def _slots(analysis: Any) -> Any:
    return ([(u.codes, u.timing, u.client_state, u.response) for u in analysis.utterances], analysis.scores,
            analysis.episodes, analysis.moments)


_RNG = np.random.default_rng(0)
_X = _RNG.normal(size=(60, 8)).astype(np.float32)
#: Training targets that fit each kind of head.
HEAD_TARGETS: dict[str, Any] = {
    "softmax": np.array(["a", "b", "c"])[np.arange(60) % 3],
    "sigmoid": [["a"] if i % 2 else ["b", "c"] for i in range(60)],
    "ridge": np.c_[_X[:, 0], _X[:, 1] * 2],
}


def check_head(cls: type, target: Any) -> None:
    """Check a model head's estimator contract (scikit-learn's rules, as in ``models/heads.py``).

    The constructor only stores its arguments; nothing learned exists before ``fit``, which
    returns ``self`` and leaves learned state in attributes ending in ``_``; an unfitted head
    refuses to export; predictions are deterministic and survive ``to_arrays`` →
    ``head_from_arrays``.
    """
    from .models.heads import NotFittedError, head_from_arrays

    head = cls()
    params = list(inspect.signature(cls).parameters)
    assert all(hasattr(head, p) for p in params), f"{cls.__name__}() does not store every constructor argument"
    assert not [k for k in vars(head) if k.endswith("_")], f"{cls.__name__}() has learned state before fit"
    try:
        head.to_arrays()
    except NotFittedError:
        pass
    else:
        raise AssertionError(f"an unfitted {cls.__name__} exported its arrays")
    assert head.fit(_X, target) is head, f"{cls.__name__}.fit does not return self"
    assert [k for k in vars(head) if k.endswith("_")], f"{cls.__name__}.fit leaves no learned attribute ending in _"
    predict = getattr(head, "predict_proba", None) or head.predict
    first = predict(_X)
    np.testing.assert_array_equal(first, predict(_X), err_msg=f"{cls.__name__} predictions are not deterministic")
    rebuilt = head_from_arrays({k: np.asarray(v) for k, v in head.to_arrays().items()})
    np.testing.assert_allclose((getattr(rebuilt, "predict_proba", None) or rebuilt.predict)(_X), first, rtol=1e-5,
                               err_msg=f"{cls.__name__} changes when rebuilt from its arrays")
