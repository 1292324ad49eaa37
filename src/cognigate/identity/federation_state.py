"""The ``state`` we send to a third-party IdP: the original authorization request, sealed with
the installation secret (so any instance can open it and no browser can change it), and bound
to the browser that started the sign-in by a cookie value only that browser holds.

RFC 6749 §10.12 (CSRF on the redirection endpoint); OIDC Core §3.1.2.1 (``nonce``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken

#: how long a user may spend at the provider before the callback is refused
STATE_SECONDS = 900


@dataclass(frozen=True, slots=True)
class SealedRequest:
    """What travels in ``state``: where the sign-in started and what it asked for."""

    domain: str
    provider: str
    query: Mapping[str, str]
    nonce: str
    binding: str
    issued: float


class StateInvalid(Exception):
    """The state is forged, altered, expired, or belongs to another browser."""


class FederationState:
    """Seals and opens the provider ``state`` (Fernet: encrypted and authenticated)."""

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(b"cognigate/federation-state\x00" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    @staticmethod
    def new_binding() -> str:
        """A fresh browser binding (the cookie value)."""
        return secrets.token_urlsafe(24)

    def seal(self, request: SealedRequest) -> str:
        payload = {
            "d": request.domain, "p": request.provider, "q": dict(request.query),
            "n": request.nonce, "b": hashlib.sha256(request.binding.encode()).hexdigest(),
            "t": request.issued,
        }  # fmt: skip
        return self._fernet.encrypt(json.dumps(payload).encode()).decode()

    def open(self, token: str | None, binding: str | None, *, now: float) -> SealedRequest:
        """The sealed request if genuine, fresh and started by the browser holding ``binding``.

        :raises StateInvalid:
        """
        if not token or not binding:
            raise StateInvalid("state or browser binding missing")
        try:
            payload = json.loads(self._fernet.decrypt(token.encode()))
            domain, provider, query = str(payload["d"]), str(payload["p"]), payload["q"]
            nonce, bound, issued = str(payload["n"]), str(payload["b"]), float(payload["t"])
        except (InvalidToken, ValueError, TypeError, KeyError, UnicodeDecodeError) as error:
            raise StateInvalid("state is not genuine") from error
        if not isinstance(query, dict) or not 0 <= now - issued < STATE_SECONDS:
            raise StateInvalid("state expired")
        if not hmac.compare_digest(bound, hashlib.sha256(binding.encode()).hexdigest()):
            raise StateInvalid("state belongs to another browser")
        return SealedRequest(domain, provider, {str(k): str(v) for k, v in query.items()},
                             nonce, binding, issued)  # fmt: skip
