"""Cognito's SRP-6a variant (USER_SRP_AUTH / PASSWORD_VERIFIER, DEVICE_SRP_AUTH /
DEVICE_PASSWORD_VERIFIER) and SECRET_HASH.

SRP per RFC 5054 (https://www.rfc-editor.org/rfc/rfc5054) with the 3072-bit group of RFC 3526,
SHA-256 and Cognito's HKDF ("Caldera Derived Key");
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import gmpy2

__all__ = [
    "FakeSrpUser",
    "G",
    "K",
    "N",
    "ServerChallenge",
    "check_password",
    "claim_signature",
    "compute_u",
    "compute_x",
    "derive_key",
    "fake_srp_user",
    "format_timestamp",
    "make_verifier",
    "pad_hex",
    "secret_hash",
    "secret_hash_matches",
    "server_premaster",
    "start",
    "timestamp_is_valid",
    "verify_claim",
    "verify_device_claim",
]

_N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
#: The group modulus (RFC 3526 group 15) and generator.
N = int(_N_HEX, 16)
G = 2
_SALT_BYTES = 16
_PRIVATE_BYTES = 32
_INFO = b"Caldera Derived Key\x01"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DEFAULT_MAX_SKEW = 300.0


def powmod(base: int, exponent: int, modulus: int) -> int:
    """``base ** exponent % modulus`` through GMP: SRP's 3072-bit arithmetic is ten times
    faster than with Python's ``pow``, which matters on every sign-in."""
    return int(gmpy2.powmod(base, exponent, modulus))


def pad_hex(value: int) -> str:
    """Hex of a non-negative integer, padded so that it reads as positive two's complement."""
    digits = format(value, "x")
    if len(digits) % 2:
        return "0" + digits
    if digits[0] in "89abcdef":
        return "00" + digits
    return digits


def _hash_hex_string(hex_string: str) -> int:
    return int(hashlib.sha256(bytes.fromhex(hex_string)).hexdigest(), 16)


#: The SRP-6a multiplier k = H(padHex(N) ‖ padHex(g)).
K = _hash_hex_string(pad_hex(N) + pad_hex(G))


def _pool_suffix(pool_id: str) -> str:
    return pool_id.split("_", 1)[1]


def _parse_hex(value: str) -> int:
    """A client-supplied hex number; ``ValueError`` when it is not hex."""
    if not value or not all(c in "0123456789abcdefABCDEF" for c in value):
        raise ValueError("not a hex number")
    return int(value, 16)


def compute_x(pool_id: str, user_id_for_srp: str, password: str, salt_hex: str) -> int:
    """The private value x = H(padHex(salt) ‖ H(poolSuffix ‖ user ‖ ":" ‖ password))."""
    identity = f"{_pool_suffix(pool_id)}{user_id_for_srp}:{password}".encode()
    inner = hashlib.sha256(identity).hexdigest()
    return _hash_hex_string(pad_hex(int(salt_hex, 16)) + inner)


def _new_salt() -> str:
    while True:
        salt = secrets.token_hex(_SALT_BYTES)
        # JS clients parse SALT as a number while pycognito pads the string: no leading zero.
        if salt[0] != "0":
            return salt


def make_verifier(
    pool_id: str, username: str, password: str, salt: str | None = None
) -> tuple[str, str]:
    """A (salt_hex, verifier_hex) pair storing ``password``; ``username`` is USER_ID_FOR_SRP."""
    salt_hex = salt if salt is not None else _new_salt()
    verifier = powmod(G, compute_x(pool_id, username, password, salt_hex), N)
    return salt_hex, format(verifier, "x")


def check_password(
    pool_id: str, username: str, password: str, salt_hex: str, verifier_hex: str
) -> bool:
    """Whether ``password`` matches the stored salt and verifier (constant-time compare)."""
    _, candidate = make_verifier(pool_id, username, password, salt_hex)
    stored = format(int(verifier_hex, 16), "x")
    return hmac.compare_digest(candidate, stored)


@dataclass(frozen=True, slots=True)
class ServerChallenge:
    """The server's secret ``b`` and public ``B`` (``SRP_B``, lowercase hex, no leading zero)."""

    b: int
    B_hex: str


def compute_u(a_public: int, b_public: int) -> int:
    """The scrambling parameter u = H(padHex(A) ‖ padHex(B))."""
    return _hash_hex_string(pad_hex(a_public) + pad_hex(b_public))


def start(verifier_hex: str, A_hex: str, *, b: int | None = None) -> ServerChallenge:
    """Answer the client's ``SRP_A`` with a new server key pair.

    :param b: the server secret; random (256 bits) unless given (tests).
    :raises ValueError: ``SRP_A`` is not hex or is 0 mod N (the SRP safety check).
    """
    a_public = _parse_hex(A_hex)
    if a_public % N == 0:
        raise ValueError("SRP_A is 0 mod N")
    verifier = int(verifier_hex, 16)
    while True:
        secret = b if b is not None else secrets.randbits(8 * _PRIVATE_BYTES) | 1
        b_public = (K * verifier + powmod(G, secret, N)) % N
        if b_public != 0 and compute_u(a_public, b_public) != 0:
            return ServerChallenge(b=secret, B_hex=format(b_public, "x"))
        if b is not None:
            raise ValueError("the given b yields B = 0 or u = 0")


def server_premaster(a_public: int, verifier: int, u: int, b: int) -> int:
    """The server's shared secret S = (A · v^u)^b mod N."""
    return powmod(a_public * powmod(verifier, u, N), b, N)


def derive_key(u: int, premaster: int) -> bytes:
    """The 16-byte session key K: one-block HKDF-SHA256 with salt padHex(u), info Caldera."""
    prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(premaster)), "sha256")
    return hmac.new(prk.digest(), _INFO, hashlib.sha256).digest()[:16]


def claim_signature(
    key: bytes, pool_id: str, user_id_for_srp: str, secret_block: str, timestamp: str
) -> str:
    """PASSWORD_CLAIM_SIGNATURE: base64 HMAC over poolSuffix ‖ user ‖ block bytes ‖ timestamp.

    :raises ValueError: ``secret_block`` is not base64.
    """
    return _signature(key, _pool_suffix(pool_id), user_id_for_srp, secret_block, timestamp)


def _signature(key: bytes, realm: str, user: str, secret_block: str, timestamp: str) -> str:
    try:
        block = base64.b64decode(secret_block, validate=True)
    except binascii.Error as exc:
        raise ValueError("SECRET_BLOCK is not base64") from exc
    message = realm.encode() + user.encode() + block + timestamp.encode()
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode("ascii")


def format_timestamp(epoch: float) -> str:
    """Cognito's TIMESTAMP rendering, e.g. ``Tue Jun 6 07:05:03 UTC 2023``."""
    at = datetime.fromtimestamp(int(epoch), tz=UTC)
    return (
        f"{_WEEKDAYS[at.weekday()]} {_MONTHS[at.month - 1]} {at.day} "
        f"{at.hour:02d}:{at.minute:02d}:{at.second:02d} UTC {at.year}"
    )


def _parse_timestamp(timestamp: str) -> float | None:
    parts = timestamp.split(" ")
    if len(parts) != 6 or parts[4] != "UTC" or parts[1] not in _MONTHS:
        return None
    try:
        hour, minute, second = (int(p) for p in parts[3].split(":"))
        month = _MONTHS.index(parts[1]) + 1
        at = datetime(int(parts[5]), month, int(parts[2]), hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return at.timestamp()


def timestamp_is_valid(timestamp: str, now: float, max_skew: float = DEFAULT_MAX_SKEW) -> bool:
    """Whether TIMESTAMP is canonical (unpadded day, matching weekday) and within the skew."""
    # AWS parity: real Cognito rejects "Wed Apr 05 ..." and weekdays that do not match the date.
    epoch = _parse_timestamp(timestamp)
    if epoch is None or format_timestamp(epoch) != timestamp:
        return False
    return abs(epoch - now) <= max_skew


@dataclass(frozen=True, slots=True)
class _Proof:
    """A client's PASSWORD_CLAIM_* answer."""

    secret_block: str
    timestamp: str
    signature: str


def verify_claim(
    pool_id: str,
    user_id_for_srp: str,
    verifier_hex: str,
    challenge: ServerChallenge,
    A_hex: str,
    *,
    secret_block: str,
    timestamp: str,
    signature: str,
    now: float,
    max_skew: float = DEFAULT_MAX_SKEW,
) -> bool:
    """Whether the client's PASSWORD_VERIFIER answer proves knowledge of the password.

    False for a wrong password, a malformed or stale TIMESTAMP, or undecodable input.
    """
    proof = _Proof(secret_block, timestamp, signature)
    realm = _pool_suffix(pool_id)
    return _verify(
        realm,
        user_id_for_srp,
        verifier_hex,
        challenge,
        A_hex,
        proof=proof,
        now=now,
        max_skew=max_skew,
    )


def verify_device_claim(
    device_group_key: str,
    device_key: str,
    verifier_hex: str,
    challenge: ServerChallenge,
    A_hex: str,
    *,
    secret_block: str,
    timestamp: str,
    signature: str,
    now: float,
) -> bool:
    """Whether a DEVICE_PASSWORD_VERIFIER answer proves the device's secret.

    Device SRP is the user SRP with the device group key in place of the pool suffix and the
    device key as the user: x = H(salt ‖ H(groupKey ‖ deviceKey ‖ ":" ‖ devicePassword)),
    the verifier ConfirmDevice stored.
    https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
    """
    proof = _Proof(secret_block, timestamp, signature)
    return _verify(
        device_group_key,
        device_key,
        verifier_hex,
        challenge,
        A_hex,
        proof=proof,
        now=now,
        max_skew=DEFAULT_MAX_SKEW,
    )


def _verify(
    realm: str,
    user: str,
    verifier_hex: str,
    challenge: ServerChallenge,
    A_hex: str,
    *,
    proof: _Proof,
    now: float,
    max_skew: float,
) -> bool:
    if not timestamp_is_valid(proof.timestamp, now, max_skew):
        return False
    try:
        a_public = _parse_hex(A_hex)
        u = compute_u(a_public, int(challenge.B_hex, 16))
        if a_public % N == 0 or u == 0:
            return False
        premaster = server_premaster(a_public, int(verifier_hex, 16), u, challenge.b)
        key = derive_key(u, premaster)
        expected = _signature(key, realm, user, proof.secret_block, proof.timestamp)
    except ValueError:
        return False
    return hmac.compare_digest(expected.encode(), proof.signature.encode("utf-8", "replace"))


def secret_hash(client_id: str, client_secret: str, username: str) -> str:
    """SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))."""
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode("ascii")


def secret_hash_matches(client_id: str, client_secret: str, username: str, given: str) -> bool:
    """Constant-time check of a client-supplied SECRET_HASH."""
    expected = secret_hash(client_id, client_secret, username)
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))


@dataclass(frozen=True, slots=True)
class FakeSrpUser:
    """Stand-in SRP material for an unknown user (PreventUserExistenceErrors ENABLED)."""

    salt_hex: str
    verifier_hex: str
    user_id_for_srp: str


def _derive(instance_secret: bytes, label: str, pool_id: str, username: str) -> bytes:
    message = "\x00".join((label, pool_id, username)).encode()
    return hmac.new(instance_secret, message, hashlib.sha256).digest()


def fake_srp_user(instance_secret: bytes, pool_id: str, username: str) -> FakeSrpUser:
    """Deterministic per (pool, username) salt, verifier and UUID-shaped USER_ID_FOR_SRP.

    Derived with HMAC from ``instance_secret`` so that repeated probes see stable values
    and nothing distinguishes an unknown user from a real one.
    """
    counter = 0
    while True:
        salt_hex = _derive(instance_secret, f"salt{counter}", pool_id, username)[:16].hex()
        if salt_hex[0] != "0":
            break
        counter += 1
    user_bytes = _derive(instance_secret, "user", pool_id, username)[:16]
    user_id = str(uuid.UUID(bytes=user_bytes, version=4))
    x = int.from_bytes(_derive(instance_secret, "verifier", pool_id, username), "big")
    return FakeSrpUser(salt_hex, format(powmod(G, x, N), "x"), user_id)
