"""The local web app for trainees and supervisors: routers over the one service.

Every page is server-rendered (Jinja2), every asset is served from this package, and the
strict security headers forbid anything from elsewhere. A trainee sees only their own
sessions, a supervisor those of the trainees assigned to them; every view and change is
written to the audit log. :func:`create_app` only assembles the parts: the routes live in
``web/routes/`` (one module per area), what they share in ``web/context.py``.
"""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..corrections import CODE_CHOICES
from ..report.glossary import GLOSSARY, definition, label
from ..service import Service
from ..settings import Settings
from .context import HERE, AppState, AuditWriter, HTTPError
from .routes import ROUTERS
from .security import Sessions

__all__ = ["create_app", "MAX_UPLOAD_BYTES"]

MAX_UPLOAD_BYTES = 5_000_000
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def create_app(settings: Settings | str | Path | None = None, *, secret: str | None = None,
               max_upload: int = MAX_UPLOAD_BYTES, secure_cookies: bool = False, analyse_inline: bool = False,
               keep_recordings: bool = False) -> FastAPI:
    """The web app with these settings (or over the store at this path).

    Parameters
    ----------
    settings
        The settings ``attune serve`` was given, or a store path (then the defaults for the rest).
    secret
        Key that signs session cookies, overriding the settings'; random per process if neither has one.
    secure_cookies
        Mark cookies ``Secure`` (set when served over HTTPS).
    analyse_inline
        Analyse uploads in the request instead of the background (tests).
    keep_recordings
        Keep an uploaded recording, encrypted, so the session page can play it from any line; by default a
        recording is deleted once it is transcribed and only what was derived from it is kept.
    """
    if not isinstance(settings, Settings):
        settings = Settings.load(db=settings)
    service = Service(settings)
    service.store.connect()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["glossary"] = GLOSSARY  # the same plain words as the report
    templates.env.globals["code_choices"] = CODE_CHOICES  # the codes a supervisor may correct, and their values
    templates.env.filters["label"], templates.env.filters["definition"] = label, definition
    app = FastAPI(title="attunement", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.attune = AppState(
        service=service, sessions=Sessions(secret or settings.secret or secrets.token_hex(32)),
        templates=templates, audit=AuditWriter(service.store),
        max_upload=max_upload, secure_cookies=secure_cookies, analyse_inline=analyse_inline, keep_recordings=keep_recordings,
        workers=ThreadPoolExecutor(max_workers=1))
    app.state.audit = app.state.attune.audit
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.middleware("http")(_security_headers)
    app.exception_handler(HTTPError)(_error_page)
    for router in ROUTERS:
        app.include_router(router)
    return app


async def _security_headers(request: Request, call_next: Any) -> Response:
    response = await call_next(request)
    if request.url.path.endswith("/report"):  # the stored report page carries its own inline script and style
        response.headers.update({k: v for k, v in HEADERS.items() if k != "Content-Security-Policy"})
        response.headers["Content-Security-Policy"] = REPORT_CSP
    else:
        response.headers.update(HEADERS)
    return response


async def _error_page(request: Request, exc: HTTPError) -> Response:
    templates = request.app.state.attune.templates
    return templates.TemplateResponse(request, "error.html", {"status": exc.status, "message": exc.message, "user": None,
                                                              "kept": exc.kept, "back": exc.back}, status_code=exc.status)
