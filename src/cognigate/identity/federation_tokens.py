"""Checking a third-party provider's ID token and mapping its claims to pool attributes.

OIDC Core §3.1.3.7 (ID token validation); AttributeMapping:
https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping

import jwt

from cognigate.identity.oidc_client import JsonDocument

#: clock skew tolerated on ``exp``/``iat`` (seconds)
LEEWAY = 60
ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")


class IdTokenInvalid(Exception):
    """The provider's ID token fails a check (signature, iss, aud, exp, nonce)."""


def _signing_key(token: str, jwks: JsonDocument) -> object:
    try:
        header = jwt.get_unverified_header(token)
        keys = jwt.PyJWKSet.from_dict(dict(jwks))
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
        raise IdTokenInvalid(f"unreadable token or key set: {error}") from error
    kid = header.get("kid")
    for key in keys.keys:
        if kid is None or key.key_id == kid:
            return key.key
    raise IdTokenInvalid("no key of the provider's JWKS signed the token")


def verify_id_token(
    token: str, jwks: JsonDocument, *, issuer: str, client_id: str, nonce: str, now: float
) -> dict[str, object]:
    """The token's claims once signature, ``iss``, ``aud``, ``exp`` and ``nonce`` check out.

    :raises IdTokenInvalid:
    """
    key = _signing_key(token, jwks)
    try:
        claims: dict[str, object] = jwt.decode(
            token, key, algorithms=list(ALGORITHMS), audience=client_id,  # type: ignore[arg-type]  # PyJWK keys are the crypto key objects jwt.decode takes
            issuer=issuer, options={"verify_exp": False, "verify_iat": False,
                                    "require": ["iss", "aud", "exp", "sub"]},
        )  # fmt: skip
    except jwt.PyJWTError as error:
        raise IdTokenInvalid(str(error)) from error
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires + LEEWAY < now:
        raise IdTokenInvalid("the ID token has expired")
    sent = claims.get("nonce")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, nonce):
        raise IdTokenInvalid("nonce does not match the sign-in request")
    return claims


def claim_text(value: object) -> str | None:
    """A claim as an attribute value: strings as they are, booleans ``true``/``false``,
    numbers as digits, objects and lists as JSON; ``None`` when absent."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, separators=(",", ":"))


def mapped_attributes(
    mapping: Mapping[str, str], claims: Mapping[str, object]
) -> list[tuple[str, str]]:
    """(pool attribute, value) for every mapped claim the provider sent (not ``username``)."""
    pairs: list[tuple[str, str]] = []
    for attribute, claim in mapping.items():
        value = claim_text(claims.get(claim))
        if attribute != "username" and value is not None:
            pairs.append((attribute, value))
    return pairs
