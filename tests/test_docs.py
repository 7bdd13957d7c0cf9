"""Help text and documentation cannot drift: every command, option and setting is documented."""

import tomllib

from pathlib import Path

import click
import pytest

from attunement.analysis import COMPONENTS
from attunement.cli import cli
from attunement.config import default_config_text

from .conftest import ROOT

DOCS = ROOT / "docs"


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize(("path", "command"), list(_commands(cli)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_and_option_is_in_cli_docs(path, command):
    text = (DOCS / "cli.md").read_text()
    assert f"attune {' '.join(path)}" in text
    for param in command.params:
        for flag in param.opts:
            if flag.startswith("-"):
                assert f"`{flag}`" in text, f"{flag} of 'attune {' '.join(path)}' is not in docs/cli.md"


def test_every_setting_is_in_configuration_docs():
    text = (DOCS / "configuration.md").read_text()
    config = tomllib.loads(default_config_text())
    keys = [*config["reader"], *config["pipeline"]]
    for options in config["components"].values():
        keys.extend(options)
    for key in keys:
        assert f"`{key}`" in text, f"setting {key} is not in docs/configuration.md"


def test_every_component_is_in_analysis_docs():
    text = (DOCS / "analysis.md").read_text()
    for name in COMPONENTS:
        assert f"`{name}`" in text


def test_readme_shows_the_two_commands():
    head = (ROOT / "README.md").read_text()[:1500]
    assert "make demo" in head and "make test" in head


def test_every_environment_variable_is_documented():
    from attunement.environment import VARIABLES

    text = (DOCS / "configuration.md").read_text()
    for name in VARIABLES:
        assert f"`{name}`" in text, f"{name} is not in docs/configuration.md"


def test_only_the_environment_module_reads_the_environment():
    import attunement

    package = Path(attunement.__file__).parent
    readers = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if "os.environ" in p.read_text() and p.parts[-2] != "training"]
    assert readers == ["environment.py"], readers


def test_every_command_is_in_the_cli_guide():
    guide = (ROOT / "docs" / "cli.md").read_text("utf-8")
    missing = []
    for name, command in cli.commands.items():
        if f"attune {name}" not in guide:
            missing.append(name)
        if isinstance(command, click.Group):
            missing += [f"{name} {sub}" for sub in command.commands if f"attune {name} {sub}" not in guide
                        and not (f"attune {name}" in guide and f"`{sub}`" in guide)]
    assert missing == [], f"docs/cli.md does not describe: {', '.join(missing)}"
