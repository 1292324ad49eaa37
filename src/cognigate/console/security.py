"""Console access control: signed session cookie, CSRF tokens, admin sign-in off loopback."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
from dataclasses import dataclass

COOKIE = "cognigate-console"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True, slots=True)
class ConsoleSession:
    csrf: str
    signed_in: bool
    issued: float
    #: the access mode it was minted under (see :func:`access_mode`)
    mode: str = ""


class SessionSigner:
    """Signs the console session cookie with a key derived from the installation secret."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"cognigate/console-session\x00" + secret).digest()

    def dump(self, session: ConsoleSession) -> str:
        body = base64.urlsafe_b64encode(
            json.dumps(
                {"c": session.csrf, "s": session.signed_in, "i": session.issued, "m": session.mode}
            ).encode()
        ).decode()
        return f"{body}.{self._sign(body)}"

    def load(self, cookie: str | None, now: float) -> ConsoleSession | None:
        if not cookie or "." not in cookie:
            return None
        body, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            raw = json.loads(base64.urlsafe_b64decode(body.encode()))
            session = ConsoleSession(
                str(raw["c"]), bool(raw["s"]), float(raw["i"]), str(raw.get("m", ""))
            )
        except (ValueError, KeyError, TypeError):
            return None
        return session if now - session.issued < SESSION_SECONDS else None

    def _sign(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()


def new_session(now: float, *, signed_in: bool, mode: str) -> ConsoleSession:
    return ConsoleSession(
        csrf=secrets.token_urlsafe(24), signed_in=signed_in, issued=now, mode=mode
    )


def access_mode(bind_host: str, admin_password: str | None) -> str:
    """A fingerprint of how the console is guarded: a session minted while the console was
    open (loopback) or under another admin password is not honoured."""
    locked = needs_password(bind_host)
    material = f"{locked}:{admin_password if locked else ''}".encode()
    return hashlib.sha256(b"cognigate/console-mode\x00" + material).hexdigest()[:32]


def needs_password(bind_host: str) -> bool:
    """Bound to loopback the console is open; on any other address it needs the admin password."""
    if bind_host in LOOPBACK_HOSTS:
        return False
    try:
        return not ipaddress.ip_address(bind_host.strip("[]")).is_loopback
    except ValueError:
        return True


def password_matches(expected: str | None, given: str) -> bool:
    return expected is not None and hmac.compare_digest(expected.encode(), given.encode())
