"""The web app's routers, one module per area; :func:`attunement.web.create_app` includes them all."""

from . import auth, comments, exports, growth, sessions, upload

ROUTERS = (auth.router, sessions.router, upload.router, comments.router, growth.router, exports.router)

__all__ = ["ROUTERS"]
