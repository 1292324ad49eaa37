"""Device SRP (DEVICE_PASSWORD_VERIFIER) against pycognito's client side of it: the verifier
ConfirmDevice stores, computed by the client, and the claim signature it sends."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from pycognito.aws_srp import AWSSRP, generate_hash_device

from cognigate.identity import srp

POOL_ID = "us-east-1_Example1"
DEVICE_KEY = "us-east-1_6e3cb5cf-6c22-4110-97cc-fa43e3b13280"
GROUP_KEY = "-abcDEF123"
BLOCK = base64.b64encode(b"secret block bytes").decode()
NOW = 1_700_000_000.0


def _signature(client: AWSSRP, password: str, salt: str, b_hex: str, timestamp: str) -> str:
    key = client.get_device_authentication_key(
        GROUP_KEY, DEVICE_KEY, password, int(b_hex, 16), salt
    )
    message = GROUP_KEY.encode() + DEVICE_KEY.encode() + base64.b64decode(BLOCK)
    digest = hmac.new(key, message + timestamp.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


@pytest.mark.parametrize(("claimed", "expected"), [(None, True), ("guessed", False)])
def test_device_claim_is_verified_against_the_confirmed_verifier(
    claimed: str | None, expected: bool
) -> None:
    password, config = generate_hash_device(GROUP_KEY, DEVICE_KEY)
    salt = base64.b64decode(config["Salt"]).hex()
    verifier = base64.b64decode(config["PasswordVerifier"]).hex()
    client = AWSSRP("ada", "unused", POOL_ID, "client", client=object())
    a_hex = format(client.large_a_value, "x")
    challenge = srp.start(verifier, a_hex)
    timestamp = srp.format_timestamp(NOW)

    signature = _signature(client, claimed or password, salt, challenge.B_hex, timestamp)

    ok = srp.verify_device_claim(
        GROUP_KEY,
        DEVICE_KEY,
        verifier,
        challenge,
        a_hex,
        secret_block=BLOCK,
        timestamp=timestamp,
        signature=signature,
        now=NOW,
    )
    assert ok is expected
