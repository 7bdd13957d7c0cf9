"""Uploading a session: read and de-identify through the service, store, analyse in the background."""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
import warnings
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from ...errors import AttunementError
from ...model import Session
from ...readers import FORMATS
from ...readers.recording import is_recording
from ...readers.notes import merged_notes
from ...service import Service
from ...vocabulary import Setting
from ...store import User
from ..context import AppState, HTTPError, check_csrf, current_user, in_web_words, state

router = APIRouter()

SUFFIXES = {s for f in FORMATS.values() for s in f.suffixes}
#: A recording is transcribed on upload, then deleted with its temporary folder: only what was derived from it
#: (the words, their times, the voice's measures) is kept. About two hours of compressed audio.
MAX_RECORDING_BYTES = 300_000_000
SETTINGS = tuple(str(s) for s in Setting)


@router.post("/upload")
async def upload(request: Request, file: UploadFile = File(...), pseudonym: str = Form(""),
                 session_date: str = Form(""), notes: str = Form(""), keep_identifiers: str = Form(""),
                 setting: str = Form(""), therapist: str = Form(""),
                 user: User = Depends(current_user), _: None = Depends(check_csrf)) -> Response:
    if user.role not in ("trainee", "supervisor"):
        raise HTTPError(403, "Only trainees and supervisors upload sessions.")
    app = state(request)
    name = Path(file.filename or "upload").name  # never trust a path from the browser
    if Path(name).suffix.lower() not in SUFFIXES:
        raise HTTPError(415, f"{name}: not a transcript format attune reads ({', '.join(sorted(SUFFIXES))}).")
    limit = MAX_RECORDING_BYTES if is_recording(Path(name)) else app.max_upload
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPError(413, f"{name} is larger than {limit // 1_000_000} MB. Split the session or export it as text.")
    if setting and setting not in SETTINGS:
        raise HTTPError(422, f"Unknown setting {setting!r}; choose one of {', '.join(SETTINGS)} or leave it to be inferred.")
    session = await run_in_threadpool(_ingest, app.service, name, data, notes, not keep_identifiers, app.max_upload,
                                      setting, therapist.strip()[:80] or None)
    owned = app.store.accounts.ownership(session.id)
    if owned is not None and owned["owner_id"] != user.id:  # the same transcript from someone else: never share a row
        session = dataclasses.replace(session, id=hashlib.sha256(f"{session.id}:{user.id}".encode()).hexdigest()[:16])
        owned = app.store.accounts.ownership(session.id)
    if owned is not None:  # uploaded again by its owner: keep what they wrote before
        earlier = app.store.sessions.get(session.id).metadata.get("notes") or {}
        notes_now = merged_notes(earlier, session.metadata.get("notes") or {})
        if notes_now:
            session = dataclasses.replace(session, metadata={**session.metadata, "notes": notes_now})
        pseudonym = pseudonym.strip() or owned["pseudonym"]
        session_date = session_date.strip() or (owned["session_date"] or "")
    app.store.sessions.save(session)
    if app.keep_recordings and is_recording(Path(name)):  # kept only by the server's choice, sealed
        app.store.recordings.put(session.id, Path(name).suffix.lower(), data)
    unsure = (session.metadata.get("roles_guessed") or {}).get("confidence") == "low"
    app.store.accounts.set_owner(session.id, user.id, pseudonym=pseudonym.strip()[:60], session_date=session_date[:10],
                                 status="confirm" if unsure else "queued")
    app.audit.write(user.name, "upload", session.id)
    app.forget(session.id)
    if not unsure:  # when who is the therapist is not clear, the page asks before analysing
        schedule(app, session.id)
    return RedirectResponse(f"/sessions/{session.id}", status_code=303)


def _ingest(service: Service, name: str, data: bytes, notes: str, deidentify: bool, max_bytes: int,
            setting: str, therapist: str | None = None) -> Session:
    """The one session in the upload, read, with notes linked, the setting and de-identified: the service's ingest."""
    from ...deidentify import DeidentificationError

    try:
        with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they travel on the session
            path = Path(folder) / name
            path.write_bytes(data)
            found = service.ingest(path, options=service.settings.read_options(max_bytes=max_bytes, therapist=therapist), name=name,
                                   notes_text=notes if notes.strip() else None, setting=setting or None,
                                   deidentify=deidentify)
    except DeidentificationError as exc:  # names never reach the store: refuse rather than keep them
        raise HTTPError(503, "De-identification is not installed on this server (pip install 'attunement[deid]'); "
                             "ask the administrator, or tick 'keep identifiers' if this transcript has none.") from exc
    except AttunementError as exc:
        raise HTTPError(422, in_web_words(exc.one_line().replace(str(Path(folder)) + "/", ""))) from exc
    if len(found) != 1:
        raise HTTPError(422, f"{name} holds {len(found)} sessions; upload one at a time.")
    return found[0]


def schedule(app: AppState, session_id: str) -> None:
    """Analyse a stored session now (tests, ``analyse_inline``) or in the background worker."""
    if app.analyse_inline:
        analyse(app, session_id)
    else:
        app.workers.submit(analyse, app, session_id)  # type: ignore[union-attr]


def analyse(app: AppState, session_id: str) -> None:
    """Analyse a stored session and keep its report (runs in the background worker)."""
    try:
        app.store.accounts.set_status(session_id, "analysing")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            app.service.analyse_stored(session_id)
        app.store.accounts.set_status(session_id, "ready")
    except Exception as exc:  # the page shows the failure; nothing is lost, the transcript stays stored
        app.store.accounts.set_status(session_id, "failed", str(exc)[:500])
