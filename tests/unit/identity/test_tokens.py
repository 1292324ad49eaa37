"""Token claim sets, signing, verification with PyJWT, and refresh tokens."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace

import jwt
import pytest

from cognigate.identity import keys, tokens
from cognigate.identity.keys import KeyPurpose, SigningKey
from cognigate.identity.tokens import ClaimOverrides, TokenRequest

ISSUER = "http://127.0.0.1:4590/us-east-1_AbCdEf123"
CLIENT_ID = "1example23456789abcdefghij"
NOW = 1_700_000_000


@pytest.fixture(scope="module")
def pool_keys() -> tuple[SigningKey, SigningKey]:
    return keys.generate_pool_keys(created=float(NOW))


@pytest.fixture(scope="module")
def other_key() -> SigningKey:
    return keys.generate_signing_key(KeyPurpose.ACCESS, created=float(NOW))


_BASE = TokenRequest(
    issuer=ISSUER,
    client_id=CLIENT_ID,
    sub="5f1b9a4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    username="CognitoUser",
    auth_time=NOW - 60,
    issued_at=NOW,
    event_id="c0a8e3e2-6f0a-4d9b-9a57-0b1c2d3e4f50",
)


def _issue(
    pool_keys: tuple[SigningKey, SigningKey], request: TokenRequest = _BASE
) -> tokens.IssuedTokens:
    return tokens.issue_tokens(request, id_key=pool_keys[0], access_key=pool_keys[1])


def _segment(token: str, index: int) -> str:
    raw = token.split(".")[index]
    return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()


def _verify(
    token: str,
    pool_keys: tuple[SigningKey, SigningKey],
    *,
    issuer: str = ISSUER,
    now: float = NOW + 1,
    expected_use: str | None = None,
) -> tokens.Claims:
    by_kid = {key.kid: key for key in pool_keys}
    return tokens.decode_and_verify(
        token, by_kid, issuer=issuer, now=now, expected_use=expected_use
    )


def test_header_is_exactly_kid_then_alg(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys)

    assert _segment(issued.access_token, 0) == json.dumps(
        {"kid": pool_keys[1].kid, "alg": "RS256"}, separators=(",", ":")
    ).replace("/", "\\/")


def test_each_token_is_signed_by_its_own_key(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys)
    assert issued.id_token is not None

    kids = [jwt.get_unverified_header(t)["kid"] for t in (issued.id_token, issued.access_token)]

    assert kids == [pool_keys[0].kid, pool_keys[1].kid]


def test_payload_escapes_slashes_like_cognito(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys)

    assert '"iss":"http:\\/\\/127.0.0.1:4590\\/us-east-1_AbCdEf123"' in _segment(
        issued.access_token, 1
    )


@pytest.mark.parametrize("use", ["id", "access"])
def test_pyjwt_verifies_tokens_with_published_jwks(
    pool_keys: tuple[SigningKey, SigningKey], use: str
) -> None:
    issued = _issue(pool_keys, replace(_BASE, origin_jti="o-1"))
    token = issued.id_token if use == "id" else issued.access_token
    assert token is not None
    jwk_set = jwt.PyJWKSet.from_dict(keys.jwks(pool_keys))
    signing_key = jwk_set[jwt.get_unverified_header(token)["kid"]]

    claims = jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256"],
        issuer=ISSUER,
        audience=CLIENT_ID if use == "id" else None,
        options={"verify_exp": False, "verify_aud": use == "id"},
    )

    assert claims["token_use"] == use


def test_api_flow_id_token_claims_in_cognito_order(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = _issue(
        pool_keys,
        replace(_BASE, origin_jti="o-1", groups=("admins",), attributes={"email": "a@example.com"}),
    )
    assert issued.id_claims is not None

    assert list(issued.id_claims) == [
        "sub", "cognito:groups", "iss", "cognito:username", "origin_jti", "aud", "event_id",
        "token_use", "auth_time", "exp", "iat", "jti", "email",
    ]  # fmt: skip


def test_api_flow_access_token_claims_in_cognito_order(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = _issue(pool_keys, replace(_BASE, origin_jti="o-1"))

    assert list(issued.access_claims) == [
        "sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time",
        "exp", "iat", "jti", "username",
    ]  # fmt: skip
    assert issued.access_claims["scope"] == "aws.cognito.signin.user.admin"


def test_oauth_tokens_match_lab_sample_order(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(
        pool_keys,
        replace(
            _BASE, oauth=True, scope="phone openid email", attributes={"email": "a@example.com"}
        ),
    )
    assert issued.id_claims is not None

    assert list(issued.id_claims) == [
        "at_hash", "sub", "iss", "cognito:username", "aud", "event_id", "token_use", "auth_time",
        "exp", "iat", "jti", "email",
    ]  # fmt: skip
    assert list(issued.access_claims) == [
        "sub", "iss", "version", "client_id", "event_id", "token_use", "scope", "auth_time",
        "exp", "iat", "jti", "username",
    ]  # fmt: skip


@pytest.mark.parametrize(("oauth", "expected"), [(True, 2), (False, None)])
def test_version_claim_only_on_oauth_access_tokens(
    pool_keys: tuple[SigningKey, SigningKey], oauth: bool, expected: int | None
) -> None:
    issued = _issue(pool_keys, replace(_BASE, oauth=oauth))

    assert issued.access_claims.get("version") == expected


def test_at_hash_is_left_half_of_access_token_sha256(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = _issue(pool_keys, replace(_BASE, oauth=True))
    assert issued.id_claims is not None
    digest = hashlib.sha256(issued.access_token.encode()).digest()[:16]

    assert issued.id_claims["at_hash"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert len(str(issued.id_claims["at_hash"])) == 22


def test_id_and_access_token_share_event_id(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys)
    assert issued.id_claims is not None

    assert issued.id_claims["event_id"] == issued.access_claims["event_id"]
    assert issued.id_claims["jti"] != issued.access_claims["jti"]


@pytest.mark.parametrize(
    ("name", "stored", "claim"),
    [
        ("email_verified", "true", True),
        ("phone_number_verified", "false", False),
        ("custom:age", "42", "42"),
        ("updated_at", "1700000000", 1700000000),
        ("name", "Ada", "Ada"),
    ],
)
def test_attribute_claims_have_cognito_json_types(
    pool_keys: tuple[SigningKey, SigningKey], name: str, stored: str, claim: object
) -> None:
    issued = _issue(pool_keys, replace(_BASE, attributes={name: stored}))
    assert issued.id_token is not None

    assert jwt.decode(issued.id_token, options={"verify_signature": False})[name] == claim


def test_sub_attribute_does_not_override_sub_claim(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = _issue(pool_keys, replace(_BASE, attributes={"sub": "other"}))
    assert issued.id_claims is not None

    assert issued.id_claims["sub"] == "5f1b9a4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"


def test_nonce_is_echoed_in_id_token(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys, replace(_BASE, oauth=True, nonce="n-0S6_WzA2Mj"))
    assert issued.id_claims is not None

    assert issued.id_claims["nonce"] == "n-0S6_WzA2Mj"


@pytest.mark.parametrize(("id_validity", "access_validity"), [(3600, 3600), (300, 86400)])
def test_expiry_is_issue_time_plus_validity(
    pool_keys: tuple[SigningKey, SigningKey], id_validity: int, access_validity: int
) -> None:
    issued = _issue(
        pool_keys, replace(_BASE, id_validity=id_validity, access_validity=access_validity)
    )
    assert issued.id_claims is not None

    assert issued.id_claims["exp"] == NOW + id_validity
    assert issued.access_claims["exp"] == NOW + access_validity


def test_access_token_alone_when_id_token_not_wanted(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = tokens.issue_tokens(
        _BASE, id_key=pool_keys[0], access_key=pool_keys[1], include_id_token=False
    )

    assert (issued.id_token, issued.id_claims) == (None, None)


def test_client_credentials_token_has_client_as_subject() -> None:
    claims = tokens.client_credentials_claims(
        issuer=ISSUER, client_id=CLIENT_ID, scope="api/read", issued_at=NOW, validity=3600
    )

    assert claims["sub"] == claims["client_id"] == CLIENT_ID
    assert "username" not in claims
    assert claims["version"] == 2


def test_overrides_add_and_suppress_claims(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    overrides = ClaimOverrides(add_or_override={"tenant": "t-1"}, suppress=frozenset({"email"}))
    issued = tokens.issue_tokens(
        replace(_BASE, attributes={"email": "a@example.com"}),
        id_key=pool_keys[0],
        access_key=pool_keys[1],
        id_overrides=overrides,
    )
    assert issued.id_claims is not None

    assert issued.id_claims["tenant"] == "t-1"
    assert "email" not in issued.id_claims


@pytest.mark.parametrize("claim", ["sub", "iss", "token_use", "exp"])
def test_overrides_cannot_touch_protected_claims(
    pool_keys: tuple[SigningKey, SigningKey], claim: str
) -> None:
    overrides = ClaimOverrides(add_or_override={claim: "forged"}, suppress=frozenset({claim}))
    issued = tokens.issue_tokens(
        _BASE, id_key=pool_keys[0], access_key=pool_keys[1], access_overrides=overrides
    )

    assert issued.access_claims[claim] == tokens.access_token_claims(_BASE)[claim]


@pytest.mark.parametrize("use", ["id", "access"])
def test_decode_and_verify_returns_claims_of_valid_token(
    pool_keys: tuple[SigningKey, SigningKey], use: str
) -> None:
    issued = _issue(pool_keys)
    token = issued.id_token if use == "id" else issued.access_token
    assert token is not None

    claims = _verify(token, pool_keys, expected_use=use)

    assert claims == (issued.id_claims if use == "id" else issued.access_claims)


@pytest.mark.parametrize("offset", [3600, 7200])
def test_decode_and_verify_refuses_expired_token(
    pool_keys: tuple[SigningKey, SigningKey], offset: int
) -> None:
    issued = _issue(pool_keys)

    with pytest.raises(tokens.ExpiredToken):
        _verify(issued.access_token, pool_keys, now=NOW + offset)


def test_decode_and_verify_refuses_token_of_other_key(
    pool_keys: tuple[SigningKey, SigningKey], other_key: SigningKey
) -> None:
    token = tokens.sign(tokens.access_token_claims(_BASE), other_key)

    with pytest.raises(tokens.InvalidTokenSignature):
        _verify(token, pool_keys)


def test_decode_and_verify_refuses_other_key_posing_as_pool_key(
    pool_keys: tuple[SigningKey, SigningKey], other_key: SigningKey
) -> None:
    impostor = SigningKey(pool_keys[1].kid, KeyPurpose.ACCESS, other_key.private_pem, NOW)
    token = tokens.sign(tokens.access_token_claims(_BASE), impostor)

    with pytest.raises(tokens.InvalidTokenSignature):
        _verify(token, pool_keys)


def test_decode_and_verify_refuses_alg_none(pool_keys: tuple[SigningKey, SigningKey]) -> None:
    issued = _issue(pool_keys)
    header = base64.urlsafe_b64encode(
        json.dumps({"kid": pool_keys[1].kid, "alg": "none"}).encode()
    ).rstrip(b"=")
    token = header.decode() + "." + issued.access_token.split(".")[1] + "."

    with pytest.raises(tokens.InvalidTokenSignature):
        _verify(token, pool_keys)


def test_decode_and_verify_refuses_tampered_payload(
    pool_keys: tuple[SigningKey, SigningKey],
) -> None:
    issued = _issue(pool_keys)
    head, _, signature = issued.access_token.split(".")
    claims = dict(issued.access_claims, username="admin")
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    with pytest.raises(tokens.InvalidTokenSignature):
        _verify(f"{head}.{body}.{signature}", pool_keys)


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "a.b", "eyJhbGciOiJSUzI1NiJ9.e30"])
def test_decode_and_verify_refuses_malformed_token(
    pool_keys: tuple[SigningKey, SigningKey], token: str
) -> None:
    with pytest.raises(tokens.MalformedToken):
        _verify(token, pool_keys)


@pytest.mark.parametrize(
    ("issuer", "expected_use"),
    [("http://elsewhere/us-east-1_AbCdEf123", None), (ISSUER, "id")],
)
def test_decode_and_verify_refuses_wrong_issuer_or_use(
    pool_keys: tuple[SigningKey, SigningKey], issuer: str, expected_use: str | None
) -> None:
    issued = _issue(pool_keys)

    with pytest.raises(tokens.InvalidTokenSignature):
        _verify(issued.access_token, pool_keys, issuer=issuer, expected_use=expected_use)


def test_refresh_token_looks_like_cognito_jwe() -> None:
    token = tokens.new_refresh_token()

    assert re.fullmatch(r"[A-Za-z0-9\-_=.]+", token)
    assert len(token.split(".")) == 5
    assert 1600 <= len(token) <= 1800
    assert json.loads(_segment(token, 0)) == {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}


def test_refresh_tokens_are_unique() -> None:
    assert len({tokens.new_refresh_token() for _ in range(50)}) == 50


def test_refresh_token_hash_is_sha256_hex() -> None:
    token = tokens.new_refresh_token()

    assert tokens.refresh_token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
