"""The pipeline's contract: order checks, declared writes only, the caller's session untouched."""

import copy
from dataclasses import dataclass
from typing import ClassVar

import pytest

from attunement.config import load_config
from attunement.errors import ConfigError, PipelineError
from attunement.pipeline import Component, Pipeline
from attunement.analysis import COMPONENTS

from .conftest import write


@dataclass
class Writes:
    name: ClassVar[str] = "writes"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("utterance.codes.question_count",)

    def __call__(self, analysis):
        for slot in analysis.utterances:
            slot.codes["question_count"] = 1


@dataclass
class Reads:
    name: ClassVar[str] = "reads"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.question_count",)
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.questions",)

    def __call__(self, analysis):
        analysis.scores["questions"] = sum(s.codes["question_count"] for s in analysis.utterances)


@dataclass
class Sneaky:
    name: ClassVar[str] = "sneaky"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.talk",)

    def __call__(self, analysis):
        analysis.scores["talk"] = {}
        analysis.utterances[0].client_state["oops"] = True


def test_components_run_in_order(tiny_session):
    analysis = Pipeline([Writes(), Reads()])(tiny_session)
    assert analysis.scores["questions"] == 4


def test_unmet_requirement_is_caught_before_running():
    with pytest.raises(PipelineError, match="requires 'utterance.codes.question_count'"):
        Pipeline([Reads(), Writes()])


def test_slot_assigned_twice():
    with pytest.raises(PipelineError, match="assigned by both"):
        Pipeline([Writes(), Writes()])


@dataclass
class Peeks:
    name: ClassVar[str] = "peeks"
    requires: ClassVar[tuple[str, ...]] = ("utterance.codes.question_count",)
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.questions",)

    def __call__(self, analysis):
        analysis.scores["questions"] = sum(s.codes.get("behaviour", 0) == "advice" for s in analysis.utterances)


@dataclass
class PeeksAtEpisodes:
    name: ClassVar[str] = "peeks_at_episodes"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("session.scores.questions",)

    def __call__(self, analysis):
        analysis.scores["questions"] = len(analysis.episodes)


def test_undeclared_read_is_caught(tiny_session):
    with pytest.raises(PipelineError, match="read utterance.codes.behaviour, which it does not declare"):
        Pipeline([Writes(), Peeks()])(tiny_session)
    with pytest.raises(PipelineError, match="read session.episodes"):
        Pipeline([PeeksAtEpisodes()])(tiny_session)


def test_a_failed_component_leaves_plain_slots(tiny_session):
    from attunement.model import Analysis
    from attunement.slotguard import guarded

    analysis = Analysis.empty(tiny_session)
    with pytest.raises(PipelineError), guarded(analysis, Peeks()):
        analysis.utterances[0].codes.get("behaviour")
    assert type(analysis.utterances[0].codes) is dict and type(analysis.scores) is dict


def test_slot_missing_from_its_record_is_refused():
    @dataclass
    class Unrecorded:
        name: ClassVar[str] = "unrecorded"
        requires: ClassVar[tuple[str, ...]] = ()
        assigns: ClassVar[tuple[str, ...]] = ("utterance.codes.mark",)

        def __call__(self, analysis):
            pass

    with pytest.raises(PipelineError, match="not declared in its typed record.*Codes"):
        Pipeline([Unrecorded()])


def test_undeclared_write_is_caught(tiny_session):
    with pytest.raises(PipelineError, match="undeclared slot.*client_state.oops"):
        Pipeline([Sneaky()])(tiny_session)


@pytest.mark.parametrize("slot", ["codes.x", "utterance.words.x", "session.things", "utterance.codes"])
def test_malformed_slot_names(slot):
    @dataclass
    class Bad:
        name: ClassVar[str] = "bad"
        requires: ClassVar[tuple[str, ...]] = ()
        assigns: ClassVar[tuple[str, ...]] = (slot,)

        def __call__(self, analysis):
            pass

    with pytest.raises(PipelineError, match="malformed slot"):
        Pipeline([Bad()])


def test_session_is_not_mutated(tiny_session):
    before = copy.deepcopy(tiny_session)
    Pipeline.from_config()(tiny_session)
    assert tiny_session == before


@pytest.mark.parametrize("name", list(COMPONENTS))
def test_every_component_meets_the_protocol_and_declares_what_it_writes(name, tiny_session):
    component = COMPONENTS[name]()
    assert isinstance(component, Component)
    order = list(COMPONENTS)  # the catalogue is in an order that satisfies every requirement
    before = [COMPONENTS[n]() for n in order[: order.index(name)]]
    analysis = Pipeline([*before, component])(tiny_session)  # raises on undeclared writes
    assert analysis.session is tiny_session


def test_default_config_builds_the_default_pipeline():
    config = load_config()
    assert Pipeline.from_config(config).names == config.components


def test_deterministic(tiny_session):
    pipeline = Pipeline.from_config()
    a, b = pipeline(tiny_session), pipeline(tiny_session)
    assert a.scores == b.scores and a.utterances == b.utterances


@pytest.mark.parametrize(
    ("toml", "message"),
    [("[pipeline]\ncomponents = ['nope']\n", "unknown component 'nope'"),
     ("[components.timing]\nspeed = 1\n", "has no setting 'speed'"),
     ("[components.timing]\nlong_pause_s = 'x'\n", "must be float"),
     ("[extra]\n", "unknown section"),
     ("[reader]\nmax_bytes = -1\n", "positive"),
     ("not toml = = =", "not valid TOML")],
)
def test_config_errors(tmp_path, toml, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path / "c.toml", toml))


def test_config_overrides_merge_with_defaults(tmp_path):
    config = load_config(write(tmp_path / "c.toml", "[components.timing]\nlong_pause_s = 5\n"))
    assert config.options["timing"] == {"long_pause_s": 5.0, "words_per_second": 2.5}
    assert config.components == load_config().components


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "none.toml")


@pytest.mark.parametrize(
    ("toml", "message"),
    [("[components.timing]\nwords_per_second = 0\n", "greater than 0"),
     ("[reader]\nmax_size = 3\n", "has no setting max_size"),
     ("reader = 3\n", "must be a table"),
     ("[pipeline]\ncomponents = 3\n", "must be a list")],
)
def test_config_range_and_shape_errors(tmp_path, toml, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path / "c.toml", toml))
