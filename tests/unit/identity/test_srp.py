"""Cognito SRP-6a: the spec's test vector and round trips with pycognito as the real client."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import UTC, datetime

import pytest
from pycognito.aws_srp import AWSSRP

from cognigate.identity import srp

POOL_ID = "us-east-1_AbCdEf123"
USER = "CognitoUser"
PASSWORD = "Passw0rd!"
SALT = "c0ffee0123456789abcdef0123456789"
SMALL_A = int("a" * 64, 16)
SMALL_B = int("b" * 64, 16)
SECRET_BLOCK = base64.b64encode(b"opaque-server-state-0001").decode()
TIMESTAMP = "Tue Jun 6 07:05:03 UTC 2023"
VECTOR_NOW = datetime(2023, 6, 6, 7, 5, 3, tzinfo=UTC).timestamp()
SIGNATURE = "Hu1shdkNSZfT25IzFczJtR9zv8Oo6nTCm56ghhmJCU8="


def _vector_challenge() -> tuple[str, str, srp.ServerChallenge]:
    _, verifier = srp.make_verifier(POOL_ID, USER, PASSWORD, SALT)
    a_hex = format(pow(srp.G, SMALL_A, srp.N), "x")
    return verifier, a_hex, srp.start(verifier, a_hex, b=SMALL_B)


def _epoch_of(timestamp: str) -> float:
    return datetime.strptime(timestamp, "%a %b %d %H:%M:%S UTC %Y").replace(tzinfo=UTC).timestamp()


def test_multiplier_k_matches_spec() -> None:
    assert format(srp.K, "x") == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0x2, "02"),
        (0x7F, "7f"),
        (0x80, "0080"),
        (0xABC, "0abc"),
        (0x1234, "1234"),
        (0xFF00, "00ff00"),
    ],
)
def test_pad_hex_makes_values_positive_even_length(value: int, expected: str) -> None:
    assert srp.pad_hex(value) == expected


def test_x_matches_spec_vector() -> None:
    x = srp.compute_x(POOL_ID, USER, PASSWORD, SALT)

    assert format(x, "x") == "2cbe4f9d2401f81a7c8bac9ec50c9ad0b7b2f6e058737ccd6783f9991cfa7531"


def test_client_public_a_matches_spec_vector() -> None:
    a_hex = format(pow(srp.G, SMALL_A, srp.N), "x")

    assert a_hex.startswith("94a9554a71a4e65ecc9ce50e2188604ec2b3b0fc24b2c4ef8882d0399393ac24")
    assert len(a_hex) == 768


def test_server_public_b_matches_spec_vector() -> None:
    _, _, challenge = _vector_challenge()

    assert challenge.B_hex.startswith(
        "7946245002094714b35f379c3dbb03cc31c81557aa4c99c0a413efba176db947"
    )
    assert len(challenge.B_hex) == 768


def test_u_s_and_key_match_spec_vector() -> None:
    verifier, a_hex, challenge = _vector_challenge()
    a_public, b_public = int(a_hex, 16), int(challenge.B_hex, 16)

    u = srp.compute_u(a_public, b_public)
    premaster = srp.server_premaster(a_public, int(verifier, 16), u, challenge.b)
    key = srp.derive_key(u, premaster)

    assert format(u, "x") == "7c416a51ce60b32397fc0ad618701c51b39eb42f1539d99d51b4e3e2e0baec82"
    assert format(premaster, "x").startswith(
        "890d1987609311adf103ab30851f695fade426680f2926d7fa22081db8cff9e4"
    )
    assert key.hex() == "ac83b35a27da2fa1ad968522444de17d"


def test_claim_signature_matches_spec_vector() -> None:
    key = bytes.fromhex("ac83b35a27da2fa1ad968522444de17d")

    signature = srp.claim_signature(key, POOL_ID, USER, SECRET_BLOCK, TIMESTAMP)

    assert signature == SIGNATURE


def test_verify_claim_accepts_spec_vector_signature() -> None:
    verifier, a_hex, challenge = _vector_challenge()

    ok = srp.verify_claim(
        POOL_ID, USER, verifier, challenge, a_hex,
        secret_block=SECRET_BLOCK, timestamp=TIMESTAMP, signature=SIGNATURE, now=VECTOR_NOW,
    )  # fmt: skip

    assert ok


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("secret_block", base64.b64encode(b"opaque-server-state-0002").decode()),
        ("secret_block", "not base64!"),
        ("signature", "Hu1shdkNSZfT25IzFczJtR9zv8Oo6nTCm56ghhmJCU9="),
        ("signature", "ünïcode"),
        ("timestamp", "Tue Jun 06 07:05:03 UTC 2023"),
        ("timestamp", "Wed Jun 6 07:05:03 UTC 2023"),
        ("timestamp", "Tue Jun 6 7:05:03 UTC 2023"),
        ("timestamp", "Tue Jun 6 07:05:03 GMT 2023"),
        ("timestamp", "garbage"),
    ],
)
def test_verify_claim_rejects_altered_answer(field: str, value: str) -> None:
    verifier, a_hex, challenge = _vector_challenge()
    answer = {"secret_block": SECRET_BLOCK, "timestamp": TIMESTAMP, "signature": SIGNATURE}
    answer[field] = value

    ok = srp.verify_claim(
        POOL_ID, USER, verifier, challenge, a_hex,
        secret_block=answer["secret_block"], timestamp=answer["timestamp"],
        signature=answer["signature"], now=VECTOR_NOW,
    )  # fmt: skip

    assert not ok


@pytest.mark.parametrize("offset", [-301.0, 301.0])
def test_verify_claim_rejects_timestamp_outside_skew(offset: float) -> None:
    verifier, a_hex, challenge = _vector_challenge()

    ok = srp.verify_claim(
        POOL_ID, USER, verifier, challenge, a_hex,
        secret_block=SECRET_BLOCK, timestamp=TIMESTAMP, signature=SIGNATURE,
        now=VECTOR_NOW + offset,
    )  # fmt: skip

    assert not ok


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        ("Tue Jun 6 07:05:03 UTC 2023", True),
        ("Tue Jun 06 07:05:03 UTC 2023", False),
        ("Mon Jun 6 07:05:03 UTC 2023", False),
        ("Tue Jun 6 07:05:03 UTC 2023 ", False),
        ("Tue Jun 31 07:05:03 UTC 2023", False),
    ],
)
def test_timestamp_must_be_canonical(timestamp: str, expected: bool) -> None:
    assert srp.timestamp_is_valid(timestamp, VECTOR_NOW) is expected


def test_format_timestamp_does_not_pad_day() -> None:
    assert srp.format_timestamp(VECTOR_NOW) == TIMESTAMP


def test_make_verifier_salt_is_lowercase_hex_without_leading_zero() -> None:
    salts = [srp.make_verifier(POOL_ID, USER, PASSWORD)[0] for _ in range(64)]

    assert all(re.fullmatch(r"[1-9a-f][0-9a-f]{31}", salt) for salt in salts)


@pytest.mark.parametrize(("password", "expected"), [(PASSWORD, True), ("Passw0rd?", False)])
def test_check_password_compares_with_stored_verifier(password: str, expected: bool) -> None:
    salt, verifier = srp.make_verifier(POOL_ID, USER, PASSWORD)

    assert srp.check_password(POOL_ID, USER, password, salt, verifier) is expected


@pytest.mark.parametrize("a_hex", ["0", format(srp.N, "x"), format(2 * srp.N, "x"), "xyz", ""])
def test_start_rejects_invalid_client_public_value(a_hex: str) -> None:
    _, verifier = srp.make_verifier(POOL_ID, USER, PASSWORD)

    with pytest.raises(ValueError):  # noqa: PT011 - the message is not part of the contract
        srp.start(verifier, a_hex)


def test_start_answers_lowercase_b_without_leading_zero() -> None:
    verifier, a_hex, _ = _vector_challenge()

    values = [srp.start(verifier, a_hex).B_hex for _ in range(32)]

    assert all(re.fullmatch(r"[1-9a-f][0-9a-f]*", value) for value in values)


def _pycognito_signs_in(password: str, pool_id: str = POOL_ID) -> bool:
    """Play pycognito's client against our server; whether its answer is verified."""
    salt, verifier = srp.make_verifier(pool_id, USER, PASSWORD)
    client = AWSSRP(USER, password, pool_id, "client-id", client=object())
    a_hex = client.get_auth_params()["SRP_A"]
    challenge = srp.start(verifier, a_hex)
    block = base64.b64encode(b"any opaque state").decode()
    parameters = {"SALT": salt, "SRP_B": challenge.B_hex, "SECRET_BLOCK": block,
                  "USERNAME": USER, "USER_ID_FOR_SRP": USER}  # fmt: skip
    answer = client.process_challenge(parameters, {"USERNAME": USER})
    return srp.verify_claim(
        pool_id, USER, verifier, challenge, a_hex,
        secret_block=answer["PASSWORD_CLAIM_SECRET_BLOCK"], timestamp=answer["TIMESTAMP"],
        signature=answer["PASSWORD_CLAIM_SIGNATURE"], now=_epoch_of(answer["TIMESTAMP"]),
    )  # fmt: skip


@pytest.mark.parametrize("pool_id", [POOL_ID, "eu-west-1_Zz9", "us-east-1_x"])
def test_pycognito_client_with_right_password_is_verified(pool_id: str) -> None:
    assert _pycognito_signs_in(PASSWORD, pool_id)


def test_pycognito_client_with_wrong_password_is_refused() -> None:
    assert not _pycognito_signs_in("Wr0ng-password")


def test_server_key_equals_pycognito_client_key() -> None:
    salt, verifier = srp.make_verifier(POOL_ID, USER, PASSWORD)
    client = AWSSRP(USER, PASSWORD, POOL_ID, "client-id", client=object())
    challenge = srp.start(verifier, format(client.large_a_value, "x"))
    b_public = int(challenge.B_hex, 16)
    u = srp.compute_u(client.large_a_value, b_public)

    client_key = client.get_password_authentication_key(USER, PASSWORD, b_public, salt)
    server_key = srp.derive_key(
        u, srp.server_premaster(client.large_a_value, int(verifier, 16), u, challenge.b)
    )

    assert bytes(client_key) == server_key


def test_secret_hash_matches_spec_example() -> None:
    value = srp.secret_hash("1example23456789", "secretsecret", "CognitoUser")

    assert value == "W5LgBbSbmacftD7vggzPneAz3wZPrb8EB2v2ObTlVkc="


@pytest.mark.parametrize(
    ("given", "expected"),
    [("W5LgBbSbmacftD7vggzPneAz3wZPrb8EB2v2ObTlVkc=", True), ("W5Lg", False), ("é", False)],
)
def test_secret_hash_matches_checks_given_value(given: str, expected: bool) -> None:
    ok = srp.secret_hash_matches("1example23456789", "secretsecret", "CognitoUser", given)

    assert ok is expected


def test_secret_hash_agrees_with_pycognito() -> None:
    ours = srp.secret_hash("client", "s3cret", "alice")

    assert ours == AWSSRP.get_secret_hash("alice", "client", "s3cret")


def test_fake_srp_user_is_deterministic_per_pool_and_username() -> None:
    first = srp.fake_srp_user(b"instance-secret", POOL_ID, "ghost")

    assert srp.fake_srp_user(b"instance-secret", POOL_ID, "ghost") == first


@pytest.mark.parametrize(
    ("secret", "pool_id", "username"),
    [(b"other-secret", POOL_ID, "ghost"), (b"instance-secret", "eu-west-1_x", "ghost"),
     (b"instance-secret", POOL_ID, "ghost2")],
)  # fmt: skip
def test_fake_srp_user_differs_when_inputs_differ(
    secret: bytes, pool_id: str, username: str
) -> None:
    base = srp.fake_srp_user(b"instance-secret", POOL_ID, "ghost")

    other = srp.fake_srp_user(secret, pool_id, username)

    assert other.salt_hex != base.salt_hex
    assert other.user_id_for_srp != base.user_id_for_srp


@pytest.mark.parametrize("username", [f"ghost{i}" for i in range(16)])
def test_fake_srp_user_looks_like_real_material(username: str) -> None:
    fake = srp.fake_srp_user(b"instance-secret", POOL_ID, username)

    assert re.fullmatch(r"[1-9a-f][0-9a-f]{31}", fake.salt_hex)
    assert str(uuid.UUID(fake.user_id_for_srp)) == fake.user_id_for_srp
    assert not srp.check_password(POOL_ID, username, PASSWORD, fake.salt_hex, fake.verifier_hex)


@pytest.mark.parametrize("a_hex", ["0", format(srp.N, "x"), "not-hex"])
def test_verify_claim_refuses_invalid_client_public_value(a_hex: str) -> None:
    verifier, _, challenge = _vector_challenge()

    ok = srp.verify_claim(
        POOL_ID, USER, verifier, challenge, a_hex,
        secret_block=SECRET_BLOCK, timestamp=TIMESTAMP, signature=SIGNATURE, now=VECTOR_NOW,
    )  # fmt: skip

    assert not ok
