"""Logging in and out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...store import User
from ..context import COOKIE, check_csrf, current_user, page, state
from ..security import verify_password

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return page(request, "login.html", None, error=None)


@router.post("/login")
def login(request: Request, name: str = Form(...), password: str = Form(...)) -> Response:
    app = state(request)
    key = f"{name}|{request.client.host if request.client else ''}"
    if app.limiter.blocked(key):
        app.audit.write(name, "login blocked")
        return page(request, "login.html", None, error="Too many attempts. Wait five minutes and try again.")
    found = app.store.accounts.user(name)
    if found is None or not verify_password(found[1], password):
        app.limiter.failed(key)
        app.audit.write(name, "login failed")
        return page(request, "login.html", None, error="Name or password is wrong.")
    app.limiter.reset(key)
    app.audit.write(name, "login")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, app.sessions.issue(found[0].id), httponly=True, samesite="strict",
                        secure=app.secure_cookies, max_age=app.sessions.max_age)
    return response


@router.post("/logout")
def logout(request: Request, user: User = Depends(current_user), _: None = Depends(check_csrf)) -> Response:
    state(request).audit.write(user.name, "logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
