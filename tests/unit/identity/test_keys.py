"""Per-pool signing keys and the JWKS document."""

from __future__ import annotations

import base64
import hashlib
import re

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cognigate.identity import keys
from cognigate.identity.keys import KeyPurpose, SigningKey

CREATED = 1_700_000_000.0


@pytest.fixture(scope="module")
def pool_keys() -> tuple[SigningKey, SigningKey]:
    return keys.generate_pool_keys(created=CREATED)


def test_pool_gets_one_id_key_and_one_access_key(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    id_key, access_key = pool_keys

    assert (id_key.purpose, access_key.purpose) == (KeyPurpose.ID, KeyPurpose.ACCESS)
    assert id_key.kid != access_key.kid


def test_keys_are_2048_bit_rsa(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    sizes = [keys.load_private_key(key.private_pem).key_size for key in pool_keys]

    assert sizes == [2048, 2048]


def test_kid_is_base64_sha256_of_public_key_der(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    key = pool_keys[0]
    der = keys.public_key(key).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )

    assert key.kid == base64.b64encode(hashlib.sha256(der).digest()).decode()
    assert len(key.kid) == 44


def test_private_key_is_stored_as_pem(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    assert pool_keys[0].private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")


def test_jwks_lists_both_keys_with_cognito_members(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    document = keys.jwks(reversed(pool_keys))

    assert [jwk["kid"] for jwk in document["keys"]] == [key.kid for key in pool_keys]
    assert all(list(jwk) == ["alg", "e", "kid", "kty", "n", "use"] for jwk in document["keys"])
    assert all(
        (jwk["alg"], jwk["e"], jwk["kty"], jwk["use"]) == ("RS256", "AQAB", "RSA", "sig")
        for jwk in document["keys"]
    )


def test_jwk_modulus_is_base64url_without_padding(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    jwk = keys.public_jwk(pool_keys[0])
    modulus = base64.urlsafe_b64decode(jwk["n"] + "==")

    assert re.fullmatch(r"[A-Za-z0-9_-]+", jwk["n"])
    assert int.from_bytes(modulus, "big") == keys.public_key(pool_keys[0]).public_numbers().n


def test_pyjwt_loads_every_jwk(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    loaded = [jwt.PyJWK(jwk) for jwk in keys.jwks(pool_keys)["keys"]]

    assert [jwk.key_id for jwk in loaded] == [key.kid for key in pool_keys]


def test_loaded_private_keys_are_cached(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    first = keys.load_private_key(pool_keys[0].private_pem)

    assert keys.load_private_key(pool_keys[0].private_pem) is first


def test_private_key_cache_is_bounded() -> None:
    assert keys.load_private_key.cache_info().maxsize == 1024


def test_non_rsa_pem_is_rejected() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )

    with pytest.raises(ValueError, match="RSA"):
        keys.load_private_key(pem)
