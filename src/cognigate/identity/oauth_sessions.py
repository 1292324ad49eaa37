"""Hosted-UI state kept by the browser: the single sign-on session and CSRF tokens.

Both are sealed/MACed with the installation secret, so every instance accepts them and no
process keeps them. The session lasts one hour (not configurable, as on AWS).
https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken

SESSION_SECONDS = 3600
CSRF_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class HostedSession:
    """Who signed in to a pool's hosted UI, and when."""

    pool_id: str
    sub: str
    auth_time: float
    issued: float


class HostedState:
    """Seals SSO sessions and mints/checks CSRF tokens (double-submit, MACed, expiring)."""

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(b"cognigate/hosted-session\x00" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self._mac_key = hashlib.sha256(b"cognigate/csrf\x00" + secret).digest()

    def seal_session(self, session: HostedSession) -> str:
        payload = [session.pool_id, session.sub, session.auth_time, session.issued]
        return self._fernet.encrypt(json.dumps(payload).encode()).decode()

    def open_session(self, token: str | None, *, pool_id: str, now: float) -> HostedSession | None:
        """The session of this pool if the cookie is genuine and under an hour old."""
        if not token:
            return None
        try:
            pool, sub, auth_time, issued = json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError, TypeError, UnicodeDecodeError):
            return None
        if pool != pool_id or not 0 <= now - float(issued) < SESSION_SECONDS:
            return None
        return HostedSession(str(pool), str(sub), float(auth_time), float(issued))

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._mac_key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def new_csrf(self, now: float) -> str:
        body = f"{secrets.token_urlsafe(24)}.{int(now)}"
        return f"{body}.{self._mac(body)}"

    def csrf_valid(self, token: str | None, *, now: float) -> bool:
        """A token this installation minted less than an hour ago."""
        parts = (token or "").split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return False
        body = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._mac(body), parts[2]):
            return False
        return 0 <= now - int(parts[1]) < CSRF_SECONDS

    def csrf_matches(self, cookie: str | None, form: str | None, *, now: float) -> bool:
        """Double submit: the form's ``_csrf`` equals the cookie, which is genuine and fresh."""
        if not cookie or not form or not hmac.compare_digest(cookie, form):
            return False
        return self.csrf_valid(cookie, now=now)
