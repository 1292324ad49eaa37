"""Cognito ID, access and refresh tokens: claim sets, RS256 signing and verification.

JWT per RFC 7519 (https://www.rfc-editor.org/rfc/rfc7519); claims as in
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from cognigate.identity.keys import SigningKey, load_private_key, public_key

__all__ = [
    "ADMIN_SCOPE",
    "PROTECTED_CLAIMS",
    "ClaimOverrides",
    "Claims",
    "ExpiredToken",
    "InvalidTokenSignature",
    "IssuedTokens",
    "MalformedToken",
    "SigningKey",
    "TokenError",
    "TokenRequest",
    "access_token_claims",
    "at_hash",
    "client_credentials_claims",
    "decode_and_verify",
    "id_token_claims",
    "issue_tokens",
    "new_refresh_token",
    "new_token_id",
    "refresh_token_hash",
    "sign",
]

Claims = dict[str, object]

#: The scope of tokens issued by the Cognito API (InitiateAuth etc.).
ADMIN_SCOPE = "aws.cognito.signin.user.admin"
#: Claims a PreTokenGeneration trigger may neither add, override nor suppress.
PROTECTED_CLAIMS = frozenset(
    {"acr", "amr", "at_hash", "auth_time", "aud", "azp", "c_hash", "client_id", "cognito:username",
     "event_id", "exp", "iat", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use",
     "username", "version"}
)  # fmt: skip
_BOOLEAN_ATTRIBUTES = frozenset({"email_verified", "phone_number_verified"})
_NUMERIC_ATTRIBUTES = frozenset({"updated_at"})
_HIDDEN_ATTRIBUTES = frozenset({"sub"})
_REFRESH_HEADER = {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}


def new_token_id() -> str:
    """A fresh UUID string for ``jti``, ``event_id`` or ``origin_jti``."""
    return str(uuid.UUID(bytes=secrets.token_bytes(16), version=4))


@dataclass(frozen=True, slots=True)
class TokenRequest:
    """What one issuance (ID + access token) is about; times are integer epoch seconds."""

    issuer: str
    client_id: str
    sub: str
    username: str
    auth_time: int
    issued_at: int
    event_id: str = field(default_factory=new_token_id)
    origin_jti: str | None = None
    groups: tuple[str, ...] = ()
    #: the ID token's ``cognito:roles`` (the groups' RoleArns) and ``cognito:preferred_role``
    roles: tuple[str, ...] = ()
    preferred_role: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    scope: str = ADMIN_SCOPE
    oauth: bool = False
    nonce: str | None = None
    device_key: str | None = None
    id_validity: int = 3600
    access_validity: int = 3600


@dataclass(frozen=True, slots=True)
class ClaimOverrides:
    """A PreTokenGeneration trigger's ``claimsToAddOrOverride`` / ``claimsToSuppress``."""

    add_or_override: Mapping[str, object] = field(default_factory=dict)
    suppress: frozenset[str] = frozenset()


def _attribute_claim(name: str, value: str) -> object:
    if name in _BOOLEAN_ATTRIBUTES:
        return value.lower() == "true"
    if name in _NUMERIC_ATTRIBUTES and value.isdigit():
        return int(value)
    if name == "address":
        # AWS parity: the attribute is the OIDC address object's ``formatted`` member
        # (OIDC Core 5.1.1), not a plain string.
        return {"formatted": value}
    if name == "identities":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _attribute_claims(attributes: Mapping[str, str]) -> Claims:
    return {
        name: _attribute_claim(name, value)
        for name, value in attributes.items()
        if name not in _HIDDEN_ATTRIBUTES
    }


def _apply(claims: Claims, overrides: ClaimOverrides | None) -> Claims:
    if overrides is None:
        return claims
    suppressed = overrides.suppress - PROTECTED_CLAIMS
    result = {name: value for name, value in claims.items() if name not in suppressed}
    for name, value in overrides.add_or_override.items():
        if name not in PROTECTED_CLAIMS:
            result[name] = value
    return result


def id_token_claims(
    request: TokenRequest, *, access_token: str | None = None, jti: str | None = None
) -> Claims:
    """The ID token's claims in Cognito's order; ``at_hash`` when ``access_token`` is given."""
    claims: Claims = {}
    if access_token is not None:
        claims["at_hash"] = at_hash(access_token)
    claims["sub"] = request.sub
    if request.groups:
        claims["cognito:groups"] = list(request.groups)
    if request.preferred_role is not None:
        claims["cognito:preferred_role"] = request.preferred_role
    claims["iss"] = request.issuer
    claims["cognito:username"] = request.username
    if request.nonce is not None:
        claims["nonce"] = request.nonce
    if request.origin_jti is not None:
        claims["origin_jti"] = request.origin_jti
    if request.roles:
        claims["cognito:roles"] = list(request.roles)
    claims["aud"] = request.client_id
    claims["event_id"] = request.event_id
    claims["token_use"] = "id"
    claims["auth_time"] = request.auth_time
    claims["exp"] = request.issued_at + request.id_validity
    claims["iat"] = request.issued_at
    claims["jti"] = jti or new_token_id()
    for name, value in _attribute_claims(request.attributes).items():
        claims.setdefault(name, value)
    return claims


def access_token_claims(request: TokenRequest, *, jti: str | None = None) -> Claims:
    """The access token's claims in Cognito's order (``version: 2`` only for OAuth tokens)."""
    claims: Claims = {"sub": request.sub}
    if request.device_key is not None:
        claims["device_key"] = request.device_key
    if request.groups:
        claims["cognito:groups"] = list(request.groups)
    claims["iss"] = request.issuer
    if request.oauth:
        claims["version"] = 2
    claims["client_id"] = request.client_id
    if request.origin_jti is not None:
        claims["origin_jti"] = request.origin_jti
    claims["event_id"] = request.event_id
    claims["token_use"] = "access"
    claims["scope"] = request.scope
    claims["auth_time"] = request.auth_time
    claims["exp"] = request.issued_at + request.access_validity
    claims["iat"] = request.issued_at
    claims["jti"] = jti or new_token_id()
    claims["username"] = request.username
    return claims


def client_credentials_claims(
    *, issuer: str, client_id: str, scope: str, issued_at: int, validity: int
) -> Claims:
    """The access token of a client_credentials grant: ``sub`` is the client, no username."""
    return {
        "sub": client_id,
        "token_use": "access",
        "scope": scope,
        "auth_time": issued_at,
        "iss": issuer,
        "exp": issued_at + validity,
        "iat": issued_at,
        "version": 2,
        "jti": new_token_id(),
        "client_id": client_id,
    }


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json(value: Mapping[str, object]) -> bytes:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    # AWS parity: Cognito escapes "/" as "\/" (only ever inside strings in JSON text).
    return text.replace("/", "\\/").encode()


def sign(claims: Mapping[str, object], key: SigningKey) -> str:
    """A compact RS256 JWT with header exactly ``{"kid": ..., "alg": "RS256"}`` (no ``typ``)."""
    signing_input = f"{_b64url(_json({'kid': key.kid, 'alg': 'RS256'}))}.{_b64url(_json(claims))}"
    signature = load_private_key(key.private_pem).sign(
        signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256()
    )
    return f"{signing_input}.{_b64url(signature)}"


def at_hash(access_token: str) -> str:
    """OIDC ``at_hash``: base64url of the left half of SHA-256 of the access token."""
    return _b64url(hashlib.sha256(access_token.encode("ascii")).digest()[:16])


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """A signed pair; ``id_token`` is None when no ID token was asked for."""

    access_token: str
    access_claims: Claims
    id_token: str | None
    id_claims: Claims | None


def issue_tokens(
    request: TokenRequest,
    *,
    id_key: SigningKey,
    access_key: SigningKey,
    include_id_token: bool = True,
    id_overrides: ClaimOverrides | None = None,
    access_overrides: ClaimOverrides | None = None,
) -> IssuedTokens:
    """Sign an access token and (optionally) an ID token sharing ``event_id``.

    OAuth issuances (``request.oauth``) put ``at_hash`` of the access token into the ID token.
    """
    access_claims = _apply(access_token_claims(request), access_overrides)
    access_token = sign(access_claims, access_key)
    if not include_id_token:
        return IssuedTokens(access_token, access_claims, None, None)
    hashed = access_token if request.oauth else None
    id_claims = _apply(id_token_claims(request, access_token=hashed), id_overrides)
    return IssuedTokens(access_token, access_claims, sign(id_claims, id_key), id_claims)


class TokenError(Exception):
    """A token failed verification."""


class MalformedToken(TokenError):
    """Not a compact JWS with JSON header and payload."""


class InvalidTokenSignature(TokenError):
    """Unknown key, wrong algorithm, bad signature, or claims not for this pool/use."""


class ExpiredToken(TokenError):
    """Signature good, but ``exp`` has passed."""


def _verified_payload(token: str, keys_by_kid: Mapping[str, SigningKey]) -> Claims:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise MalformedToken("malformed token") from exc
    kid = header.get("kid")
    key = keys_by_kid.get(kid) if isinstance(kid, str) else None
    if header.get("alg") != "RS256" or key is None:
        raise InvalidTokenSignature("unknown key or algorithm")
    try:
        payload = jwt.decode(
            token,
            public_key(key),
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                     "verify_aud": False, "verify_iss": False},
        )  # fmt: skip
    except jwt.InvalidSignatureError as exc:
        raise InvalidTokenSignature("bad signature") from exc
    except jwt.InvalidTokenError as exc:
        raise MalformedToken("malformed token") from exc
    return dict(payload)


def decode_and_verify(
    token: str,
    keys_by_kid: Mapping[str, SigningKey],
    *,
    issuer: str,
    now: float,
    expected_use: str | None,
) -> Claims:
    """The claims of a token signed by one of ``keys_by_kid``, for ``issuer``, not expired.

    :param expected_use: ``"id"`` or ``"access"``; None accepts either.
    :raises MalformedToken: not a JWT.
    :raises InvalidTokenSignature: signature, key, ``iss`` or ``token_use`` do not check out.
    :raises ExpiredToken: everything checks out except ``exp``.
    """
    claims = _verified_payload(token, keys_by_kid)
    use = claims.get("token_use")
    if claims.get("iss") != issuer or use not in ("id", "access"):
        raise InvalidTokenSignature("token is not from this issuer")
    if expected_use is not None and use != expected_use:
        raise InvalidTokenSignature("wrong token_use")
    exp = claims.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise MalformedToken("exp is not a number")
    if now >= exp:
        raise ExpiredToken("token has expired")
    return claims


def new_refresh_token() -> str:
    """An opaque refresh token shaped like Cognito's 5-segment JWE (about 1,700 chars).

    Only its :func:`refresh_token_hash` is stored; the random segments carry 256+ bits.
    """
    header = _b64url(json.dumps(_REFRESH_HEADER, separators=(",", ":")).encode())
    segments = (secrets.token_bytes(256), secrets.token_bytes(12), secrets.token_bytes(960))
    encrypted_key, iv, ciphertext = (_b64url(s) for s in segments)
    tag = _b64url(secrets.token_bytes(16))
    return ".".join((header, encrypted_key, iv, ciphertext, tag))


def refresh_token_hash(token: str) -> str:
    """SHA-256 hex of a refresh token: the only form in which it is stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
