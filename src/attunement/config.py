"""Configuration: one declarative default file, validated against typed schemas.

Loading never writes files or prints. Component options are checked against the
typed fields of each component's dataclass.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Config", "load_config", "default_config_text"]


@dataclass(frozen=True, slots=True)
class Config:
    """Validated configuration.

    Attributes
    ----------
    components
        Component names in the order they run.
    options
        Options per component name.
    max_bytes
        Largest transcript file that is read.
    """

    components: tuple[str, ...]
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_bytes: int = 20_000_000


def default_config_text() -> str:
    """The text of the packaged default configuration file."""
    return resources.files("attunement.resources").joinpath("default_config.toml").read_text("utf-8")


def load_config(path: str | Path | None = None) -> Config:
    """The default configuration, updated by a user's TOML file if given.

    Raises
    ------
    ConfigError
        The file is missing, not TOML, or has unknown or mistyped settings.
    """
    data = tomllib.loads(default_config_text())
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        data = _merge(data, user)
    return _validate(data, source=str(path or "default config"))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _validate(data: dict[str, Any], *, source: str) -> Config:
    from .analysis import COMPONENTS  # the catalogue of components and their option types

    unknown = set(data) - {"reader", "pipeline", "components"}
    if unknown:
        raise ConfigError(f"{source}: unknown section(s) {', '.join(sorted(unknown))}")
    for section, keys in (("reader", {"max_bytes"}), ("pipeline", {"components"}), ("components", None)):
        if not isinstance(data.get(section, {}), dict):
            raise ConfigError(f"{source}: [{section}] must be a table of settings")
        extra = set(data.get(section, {})) - keys if keys is not None else set()
        if extra:
            raise ConfigError(f"{source}: [{section}] has no setting {', '.join(sorted(extra))}")
    names = data.get("pipeline", {}).get("components", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{source}: pipeline.components must be a list of names")
    options: dict[str, dict[str, Any]] = {}
    for name, values in data.get("components", {}).items():
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: [components.{name}] must be a table of settings")
        if name not in COMPONENTS:
            raise ConfigError(f"{source}: unknown component {name!r}; known: {', '.join(COMPONENTS)}")
        options[name] = _check_options(name, values, COMPONENTS[name], source=source)
    for name in names:
        if name not in COMPONENTS:
            raise ConfigError(f"{source}: unknown component {name!r} in pipeline; known: {', '.join(COMPONENTS)}")
    max_bytes = data.get("reader", {}).get("max_bytes", 20_000_000)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ConfigError(f"{source}: reader.max_bytes must be a positive whole number")
    return Config(components=tuple(names), options=options, max_bytes=max_bytes)


def _check_options(name: str, values: dict[str, Any], cls: type, *, source: str) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"{source}: component {name!r} has no setting {key!r}; it has {', '.join(fields) or 'none'}")
        expected = fields[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{source}: components.{name}.{key} must be {expected.__name__}, got {value!r}")
        values = {**values, key: value}
    try:
        cls(**values)  # components check their own ranges
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{source}: [components.{name}] {exc}") from exc
    return dict(values)
