"""The console's token inspector: decode a token and check it against its pool's keys."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field

from cognigate.identity.auth.access import unverified_pool_id
from cognigate.identity.context import Deps
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.tokens import ExpiredToken, TokenError, decode_and_verify


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a token says and whether it checks out."""

    header: dict[str, object] = field(default_factory=dict)
    claims: dict[str, object] = field(default_factory=dict)
    #: ``valid``, ``expired``, ``invalid signature``, ``unknown pool`` or ``malformed``
    verdict: str = "malformed"
    pool_id: str | None = None
    seconds_left: int | None = None


def _segment(token: str, index: int) -> dict[str, object]:
    part = token.split(".")[index]
    value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


class TokenInspector:
    """Decodes and verifies tokens issued by any pool of this installation."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def inspect(self, token: str) -> Inspection:
        try:
            header, claims = _segment(token, 0), _segment(token, 1)
            pool_id = unverified_pool_id(token)
        except (IndexError, ValueError, binascii.Error, NotAuthorizedException):
            return Inspection()
        now = self._deps.clock.now()
        exp = claims.get("exp")
        left = int(exp - now) if isinstance(exp, int | float) else None
        with self._deps.uow(write=False) as store:
            if store.pools.get(pool_id) is None:
                return Inspection(header, claims, "unknown pool", pool_id, left)
            keys = {key.kid: key for key in store.signing_keys.for_pool(pool_id)}
        try:
            decode_and_verify(
                token, keys, issuer=self._deps.issuer(pool_id), now=now, expected_use=None
            )
        except ExpiredToken:
            return Inspection(header, claims, "expired", pool_id, left)
        except TokenError:
            return Inspection(header, claims, "invalid signature", pool_id, left)
        return Inspection(header, claims, "valid", pool_id, left)
