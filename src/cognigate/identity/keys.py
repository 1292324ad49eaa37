"""Per-pool RS256 signing keys and the pool's JWKS document.

JWK per RFC 7517 / RFC 7518 §6.3 (https://www.rfc-editor.org/rfc/rfc7518#section-6.3);
Cognito's JWKS: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

__all__ = [
    "KEY_SIZE",
    "Jwk",
    "Jwks",
    "KeyPurpose",
    "SigningKey",
    "generate_pool_keys",
    "generate_signing_key",
    "jwks",
    "key_id",
    "load_private_key",
    "public_jwk",
    "public_key",
]

KEY_SIZE = 2048
_PUBLIC_EXPONENT = 65537
_CACHE_SIZE = 1024

Jwk = dict[str, str]
Jwks = dict[str, list[Jwk]]


class KeyPurpose(StrEnum):
    """Which tokens a key signs; Cognito uses a separate key for each."""

    ID = "id"
    ACCESS = "access"


@dataclass(frozen=True, slots=True)
class SigningKey:
    """One RSA key of a pool, as stored (PEM, PKCS#8, unencrypted)."""

    kid: str
    purpose: KeyPurpose
    private_pem: bytes
    created: float


@functools.lru_cache(maxsize=_CACHE_SIZE)
def load_private_key(private_pem: bytes) -> rsa.RSAPrivateKey:
    """The key object for stored PEM bytes; cached (bounded), since PEM parsing is slow.

    :raises ValueError: the PEM is not an RSA private key.
    """
    key = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


def public_key(key: SigningKey) -> rsa.RSAPublicKey:
    """The public half of a stored signing key."""
    return load_private_key(key.private_pem).public_key()


def key_id(public: rsa.RSAPublicKey) -> str:
    """``kid``: standard base64 of SHA-256 of the SubjectPublicKeyInfo DER (44 chars)."""
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def generate_signing_key(purpose: KeyPurpose, *, created: float) -> SigningKey:
    """A new 2048-bit RSA key for ``purpose``."""
    private = rsa.generate_private_key(public_exponent=_PUBLIC_EXPONENT, key_size=KEY_SIZE)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SigningKey(key_id(private.public_key()), purpose, pem, created)


def generate_pool_keys(*, created: float) -> tuple[SigningKey, SigningKey]:
    """A new pool's two keys: (ID-token key, access-token key)."""
    return (
        generate_signing_key(KeyPurpose.ID, created=created),
        generate_signing_key(KeyPurpose.ACCESS, created=created),
    )


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def public_jwk(key: SigningKey) -> Jwk:
    """The key's public JWK, members in Cognito's order (alg, e, kid, kty, n, use)."""
    numbers = public_key(key).public_numbers()
    return {
        "alg": "RS256",
        "e": _b64url_uint(numbers.e),
        "kid": key.kid,
        "kty": "RSA",
        "n": _b64url_uint(numbers.n),
        "use": "sig",
    }


def jwks(keys: Iterable[SigningKey]) -> Jwks:
    """The JWKS document (``{"keys": [...]}``) of a pool's keys, ID-token key first."""
    ordered = sorted(keys, key=lambda k: (k.purpose != KeyPurpose.ID, k.created, k.kid))
    return {"keys": [public_jwk(key) for key in ordered]}
