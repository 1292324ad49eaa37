"""GetSigningCertificate end to end: a self-signed X.509 certificate per pool (RSA 2048), the
same on every call and after a restart.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetSigningCertificate.html
"""

from __future__ import annotations

import base64
import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import START_TIMEOUT, Server, unique


def _certificate(cognito: Any, pool_id: str) -> x509.Certificate:
    body = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]
    return x509.load_der_x509_certificate(base64.b64decode(body, validate=True))


def test_certificate_is_a_self_signed_rsa_2048_x509_for_the_pool(
    cognito: Any, pool_id: str
) -> None:
    certificate = _certificate(cognito, pool_id)

    key = certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size == 2048
    assert certificate.subject == certificate.issuer
    common_name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert common_name == pool_id
    hash_algorithm = certificate.signature_hash_algorithm
    assert hash_algorithm is not None
    key.verify(
        certificate.signature,
        certificate.tbs_certificate_bytes,
        padding.PKCS1v15(),
        hash_algorithm,
    )


def test_certificate_body_is_one_base64_line_without_pem_armour(cognito: Any, pool_id: str) -> None:
    body = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]

    assert body.startswith("MII")
    assert "-----" not in body
    assert "\n" not in body


def test_certificate_is_valid_for_ten_years(cognito: Any, pool_id: str) -> None:
    certificate = _certificate(cognito, pool_id)

    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc

    assert lifetime == datetime.timedelta(days=3650)


def test_certificate_is_the_same_on_every_call(cognito: Any, pool_id: str) -> None:
    first = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]

    second = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]

    assert second == first


def test_each_pool_has_its_own_certificate(cognito: Any, make_pool: PoolFactory) -> None:
    one, other = make_pool()["Id"], make_pool()["Id"]

    first = cognito.get_signing_certificate(UserPoolId=one)["Certificate"]
    second = cognito.get_signing_certificate(UserPoolId=other)["Certificate"]

    assert first != second


def test_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.get_signing_certificate(UserPoolId="us-east-1_Nope12345")

    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_certificate_survives_a_restart(fresh_server: Server) -> None:
    fresh_server.start(timeout=START_TIMEOUT)
    cognito = fresh_server.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=unique("cert"))["UserPool"]["Id"]
    before = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]

    fresh_server.stop()
    fresh_server.start(timeout=START_TIMEOUT)
    after = fresh_server.client("cognito-idp").get_signing_certificate(UserPoolId=pool_id)

    assert after["Certificate"] == before
