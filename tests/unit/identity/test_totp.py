"""RFC 6238 TOTP for software-token MFA, checked against pyotp as an authenticator app."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest

from cognigate.identity import totp

NOW = 1_700_000_010.0  # 10 s into a 30 s step
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


def test_new_secret_is_52_char_base32_of_32_bytes() -> None:
    secret = totp.new_secret()

    assert len(secret) == 52
    assert len(base64.b32decode(secret + "====")) == 32


def test_new_secrets_are_unique() -> None:
    assert len({totp.new_secret() for _ in range(20)}) == 20


@pytest.mark.parametrize(("at", "code"), [(59, "287082"), (1111111109, "081804")])
def test_code_matches_rfc_6238_sha1_vectors(at: int, code: str) -> None:
    assert totp.code_at(RFC_SECRET, at) == code


def test_code_from_authenticator_app_is_accepted() -> None:
    secret = totp.new_secret()
    code = pyotp.TOTP(secret).at(int(NOW))

    assert totp.verify(secret, code, now=NOW)


@pytest.mark.parametrize(
    ("drift", "expected"), [(-30, True), (30, True), (-60, False), (60, False)]
)
def test_one_step_of_clock_drift_is_tolerated(drift: int, expected: bool) -> None:
    secret = totp.new_secret()
    code = pyotp.TOTP(secret).at(int(NOW) + drift)

    assert totp.verify(secret, code, now=NOW) is expected


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 456"])
def test_malformed_code_is_refused(code: str) -> None:
    assert not totp.verify(totp.new_secret(), code, now=NOW)


def test_wrong_code_is_refused() -> None:
    secret = totp.new_secret()
    right = pyotp.TOTP(secret).at(int(NOW))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    assert not totp.verify(secret, wrong, now=NOW, window=0)


def test_matching_step_reports_the_step_of_the_code() -> None:
    secret = totp.new_secret()
    code = pyotp.TOTP(secret).at(int(NOW) - 30)

    assert totp.matching_step(secret, code, now=NOW) == int(NOW) // 30 - 1


def test_provisioning_uri_carries_secret_account_and_issuer() -> None:
    secret = totp.new_secret()

    uri = urlsplit(totp.provisioning_uri(secret, account="alice", issuer="MyPool"))

    assert (uri.scheme, uri.netloc, uri.path) == ("otpauth", "totp", "/MyPool:alice")
    assert parse_qs(uri.query) == {"secret": [secret], "issuer": ["MyPool"]}
