"""The office password (hashed with argon2), signed session cookies, CSRF tokens, per-link rate limits, headers."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque

from .store import Store

PASSWORD_ENV = "REPORTGEN_ADMIN_PASSWORD"
PASSWORD_KEY = "admin_password_hash"
SECRET_KEY = "secret"
SESSION_COOKIE = "reportgen_admin"
SESSION_SECONDS = 12 * 3600
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",  # a unit's link never leaks to another site
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
UPLOADS_PER_MINUTE = 20


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def password_matches(stored: str, given: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(stored, given)
    except (VerificationError, InvalidHashError):
        return False


def prepare_secrets(store: Store) -> str | None:
    """Make sure a signing secret and an office password exist; the generated password (to print once), else None.

    $REPORTGEN_ADMIN_PASSWORD, when set, becomes the password (only its hash is stored).
    """
    if store.setting(SECRET_KEY) is None:
        store.set_setting(SECRET_KEY, secrets.token_hex(32))
    given = os.environ.get(PASSWORD_ENV, "")
    stored = store.setting(PASSWORD_KEY)
    if given:
        if stored is None or not password_matches(stored, given):
            store.set_setting(PASSWORD_KEY, hash_password(given))
        return None
    if stored is not None:
        return None
    generated = secrets.token_urlsafe(12)
    store.set_setting(PASSWORD_KEY, hash_password(generated))
    return generated


class Signer:
    """HMAC signatures with the server's secret: session cookies and CSRF tokens."""

    def __init__(self, secret: str) -> None:
        self.key = secret.encode()

    def sign(self, text: str) -> str:
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def session(self) -> str:
        issued = str(int(time.time()))
        nonce = secrets.token_hex(16)
        return f"{issued}.{nonce}.{self.sign(f'session:{issued}.{nonce}')}"

    def session_valid(self, cookie: str | None) -> bool:
        if not cookie or cookie.count(".") != 2:
            return False
        issued, nonce, mac = cookie.split(".")
        if not issued.isdigit() or time.time() - int(issued) > SESSION_SECONDS:
            return False
        return hmac.compare_digest(mac, self.sign(f"session:{issued}.{nonce}"))

    def csrf(self, bound_to: str) -> str:
        """The form token of a session or a unit's link: a page of one cannot post for another."""
        return self.sign(f"csrf:{bound_to}")

    def csrf_valid(self, bound_to: str, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(str(given), self.csrf(bound_to))


class RateLimit:
    """At most ``count`` events per key in any ``seconds`` (uploads per link)."""

    def __init__(self, count: int = UPLOADS_PER_MINUTE, seconds: float = 60.0) -> None:
        self.count, self.seconds = count, seconds
        self.events: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        at = time.monotonic()
        with self.lock:
            events = self.events.setdefault(key, deque())
            while events and at - events[0] > self.seconds:
                events.popleft()
            if len(events) >= self.count:
                return False
            events.append(at)
            return True
