"""Passwords (argon2), signed session cookies, CSRF tokens and login rate limiting."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

__all__ = ["hash_password", "verify_password", "Sessions", "RateLimiter"]


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import Argon2Error

    try:
        return PasswordHasher().verify(password_hash, password)
    except (Argon2Error, ValueError):  # a wrong password, or a locked account ("!locked" is no hash)
        return False


class Sessions:
    """Signed, expiring session cookies carrying the user id, and CSRF tokens bound to them."""

    def __init__(self, secret: str, *, max_age: int = 8 * 3600) -> None:
        from itsdangerous import URLSafeTimedSerializer

        self.secret = secret
        self.max_age = max_age
        self._serializer = URLSafeTimedSerializer(secret, salt="attunement-session")

    def issue(self, user_id: int) -> str:
        return self._serializer.dumps({"uid": user_id, "nonce": secrets.token_hex(8)})

    def read(self, cookie: str | None) -> dict[str, object] | None:
        from itsdangerous import BadSignature

        if not cookie:
            return None
        try:
            return self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:
            return None

    def csrf(self, cookie: str) -> str:
        return hmac.new(self.secret.encode(), f"csrf:{cookie}".encode(), hashlib.sha256).hexdigest()

    def check_csrf(self, cookie: str | None, token: str | None) -> bool:
        return bool(cookie and token) and hmac.compare_digest(self.csrf(cookie or ""), token or "")


class RateLimiter:
    """At most ``attempts`` failed logins per key (user name or address) in ``window`` seconds."""

    def __init__(self, *, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, key: str) -> bool:
        with self._lock:
            queue = self._failures[key]
            while queue and time.monotonic() - queue[0] > self.window:
                queue.popleft()
            return len(queue) >= self.attempts

    def failed(self, key: str) -> None:
        with self._lock:
            self._failures[key].append(time.monotonic())

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
