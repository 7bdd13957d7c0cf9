"""The web app's routers, one module per area; :func:`attunement.web.create_app` includes them all."""

from . import auth, comments, compare, exports, growth, practice, sessions, upload

ROUTERS = (auth.router, sessions.router, upload.router, comments.router, growth.router, practice.router, compare.router,
           exports.router)

__all__ = ["ROUTERS"]
