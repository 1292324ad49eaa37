"""Challenge ``Session`` strings and SRP ``SECRET_BLOCK``s: sealed, self-contained state.

Every instance shares the installation secret, so any instance can continue a sign-in that
another began; nothing lives only in one process.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken

from cognigate.identity.errors import NotAuthorizedException

INVALID_SESSION = "Invalid session for the user."
EXPIRED_SESSION = "Invalid session for the user, session is expired."


@dataclass(frozen=True, slots=True)
class AuthSession:
    """Where a sign-in stands between two calls."""

    pool_id: str
    client_id: str
    username: str
    challenge: str
    issued: float
    auth_time: float = 0.0
    data: Mapping[str, object] = field(default_factory=dict)
    #: random id of this sealed step: what a consumed answer is recorded by (single use)
    nonce: str = ""


class SessionCodec:
    """Seals and opens sessions with a key derived from the installation secret."""

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(b"cognigate/auth-session\x00" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, session: AuthSession) -> str:
        payload = {
            "p": session.pool_id,
            "c": session.client_id,
            "u": session.username,
            "ch": session.challenge,
            "i": session.issued,
            "a": session.auth_time,
            "d": dict(session.data),
            "j": session.nonce or secrets.token_urlsafe(16),
        }
        return self._fernet.encrypt(json.dumps(payload).encode()).decode()

    def open(self, token: str | None, *, now: float, validity: float) -> AuthSession:
        """The session, or ``NotAuthorizedException`` if forged, foreign or expired."""
        try:
            raw = json.loads(self._fernet.decrypt((token or "").encode()))
        except (InvalidToken, ValueError, UnicodeDecodeError) as error:
            raise NotAuthorizedException(INVALID_SESSION) from error
        session = AuthSession(
            pool_id=raw["p"],
            client_id=raw["c"],
            username=raw["u"],
            challenge=raw["ch"],
            issued=raw["i"],
            auth_time=raw.get("a", 0.0),
            data=raw.get("d", {}),
            nonce=str(raw.get("j") or hashlib.sha256(json.dumps(raw).encode()).hexdigest()),
        )
        if now - session.issued > validity:
            raise NotAuthorizedException(EXPIRED_SESSION)
        return session

    def seal_block(self, session: AuthSession) -> str:
        """A session as standard base64, the encoding clients expect of ``SECRET_BLOCK``."""
        raw = base64.urlsafe_b64decode(self.seal(session).encode())
        return base64.b64encode(raw).decode()

    def open_block(self, block: str | None, *, now: float, validity: float) -> AuthSession:
        try:
            raw = base64.b64decode((block or "").encode(), validate=True)
        except (binascii.Error, ValueError) as error:
            raise NotAuthorizedException(INVALID_SESSION) from error
        return self.open(base64.urlsafe_b64encode(raw).decode(), now=now, validity=validity)
