"""Federation's pure parts: the provider's ID-token checks, claim mapping, the sealed state
and the ProviderDetails rules."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cognigate.identity import idp_config
from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.federation_state import (
    STATE_SECONDS,
    FederationState,
    SealedRequest,
    StateInvalid,
)
from cognigate.identity.federation_tokens import (
    IdTokenInvalid,
    claim_text,
    mapped_attributes,
    verify_id_token,
)

ISSUER = "https://idp.example"
CLIENT = "client-1"
NOW = 1_800_000_000.0
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwks(key: rsa.RSAPrivateKey, kid: str = "k1") -> dict[str, Any]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {"keys": [{**public, "kid": kid, "alg": "RS256", "use": "sig"}]}


def _token(key: rsa.RSAPrivateKey = KEY, **claims: Any) -> str:
    body = {"iss": ISSUER, "aud": CLIENT, "sub": "u-1", "exp": NOW + 300, "iat": NOW,
            "nonce": "n-1", **claims}  # fmt: skip
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def _verify(token: str) -> dict[str, object]:
    return verify_id_token(token, _jwks(KEY), issuer=ISSUER, client_id=CLIENT, nonce="n-1", now=NOW)


def test_genuine_id_token_gives_its_claims() -> None:
    assert _verify(_token(email="a@example.com"))["email"] == "a@example.com"


@pytest.mark.parametrize(
    "token",
    [
        _token(OTHER_KEY),
        _token(iss="https://evil.example"),
        _token(aud="someone-else"),
        _token(exp=NOW - 3600),
        _token(nonce="replayed"),
        _token(nonce=None),
    ],
    ids=["foreign-key", "issuer", "audience", "expired", "nonce", "no-nonce"],
)
def test_id_token_failing_a_check_is_refused(token: str) -> None:
    with pytest.raises(IdTokenInvalid):
        _verify(token)


@pytest.mark.parametrize(
    ("value", "text"),
    [("x", "x"), (True, "true"), (False, "false"), (5, "5"), (["a"], '["a"]'), (None, None)],
)
def test_claims_become_attribute_text(value: object, text: str | None) -> None:
    assert claim_text(value) == text


def test_mapping_skips_username_and_missing_claims() -> None:
    mapping = {"username": "sub", "email": "mail", "name": "absent"}
    assert mapped_attributes(mapping, {"sub": "u", "mail": "a@b"}) == [("email", "a@b")]


def _sealed(binding: str, issued: float = NOW) -> SealedRequest:
    return SealedRequest("dom", "Corp", {"client_id": "c"}, "n", binding, issued)


def test_state_opens_for_the_browser_that_started() -> None:
    state = FederationState(b"secret")
    binding = state.new_binding()
    opened = state.open(state.seal(_sealed(binding)), binding, now=NOW + 10)
    assert (opened.provider, dict(opened.query)) == ("Corp", {"client_id": "c"})


@pytest.mark.parametrize(
    ("secret", "binding", "now"),
    [
        (b"other-secret", "b-1", NOW),
        (b"secret", "b-2", NOW),
        (b"secret", "b-1", NOW + STATE_SECONDS + 1),
    ],
    ids=["other-installation", "other-browser", "expired"],
)
def test_state_is_refused(secret: bytes, binding: str, now: float) -> None:
    token = FederationState(b"secret").seal(_sealed("b-1"))
    with pytest.raises(StateInvalid):
        FederationState(secret).open(token, binding, now=now)


def test_discovery_fills_only_missing_endpoints() -> None:
    document = {
        "authorization_endpoint": "https://d/authorize",
        "token_endpoint": "https://d/t",
        "jwks_uri": "https://d/jwks",
    }
    details = idp_config.with_discovered({"token_url": "https://explicit/t"}, document)
    assert (details["token_url"], details["authorize_url"]) == (
        "https://explicit/t", "https://d/authorize"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("methods", "chosen"),
    [
        (None, "client_secret_post"),
        (["client_secret_basic", "client_secret_post"], "client_secret_post"),
        (["client_secret_basic"], "client_secret_basic"),
    ],
)
def test_token_endpoint_authentication_follows_the_discovery_document(
    methods: list[str] | None, chosen: str
) -> None:
    document = {} if methods is None else {"token_endpoint_auth_methods_supported": methods}
    assert idp_config.token_auth_method(document) == chosen


def test_oidc_attributes_request_method_must_be_get_or_post() -> None:
    details = {"client_id": "c", "authorize_scopes": "openid", "oidc_issuer": ISSUER,
               "attributes_request_method": "PUT"}  # fmt: skip
    with pytest.raises(InvalidParameterException):
        idp_config.check_details("OIDC", details)
