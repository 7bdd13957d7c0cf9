"""One ``Settings`` object: the command line's flags, the environment and the configuration file.

Order of precedence, highest first:

1. flags given to ``attune`` (``--db``, ``--config``, ``--models``, ``--model-dir``) or the
   arguments given to :meth:`Settings.load`;
2. environment variables (:data:`attunement.environment.VARIABLES`);
3. the user's configuration file (``--config FILE``);
4. the packaged defaults (``resources/default_config.toml``).

``attune analyze``, ``attune serve`` and the Python API all build their settings here, so
the same flags mean the same thing everywhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from . import environment
from .config import Config, load_config
from .readers import ReadOptions

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a front end needs to know to read, analyse and store.

    Attributes
    ----------
    config
        The validated pipeline configuration (file and flags applied).
    db
        The session store (a file or a ``postgresql://`` URL); None for the default location.
    secret
        The key that signs the web app's cookies; None for a random one per process.
    config_path
        The configuration file it came from, if any.
    """

    config: Config
    db: str | None = None
    secret: str | None = None
    config_path: str | None = None

    @classmethod
    def load(cls, *, config_path: str | Path | None = None, db: str | Path | None = None, tier: str | None = None,
             model_dir: str | Path | None = None, secret: str | None = None) -> Settings:
        """Settings from flags (the arguments), then the environment, then the file, then the defaults."""
        config = _with_models(load_config(config_path), tier, None if model_dir is None else str(model_dir))
        return cls(config=config, db=str(db) if db else environment.get("ATTUNEMENT_DB"),
                   secret=secret or environment.get("ATTUNEMENT_SECRET"),
                   config_path=str(config_path) if config_path else None)

    def read_options(self, **given: object) -> ReadOptions:
        """Reading options with the configured size limit unless one is given."""
        options = {k: v for k, v in given.items() if v is not None}
        options.setdefault("max_bytes", self.config.max_bytes)
        return ReadOptions(**options)  # type: ignore[arg-type]


def _with_models(config: Config, tier: str | None, model_dir: str | None) -> Config:
    """The configuration with the coder's tier and model folder set by a flag."""
    if tier is None and model_dir is None:
        return config
    coder = dict(config.options.get("coder", {}))
    coder.update({k: v for k, v in (("tier", tier), ("model_dir", model_dir)) if v is not None})
    return dataclasses.replace(config, options={**config.options, "coder": coder})
