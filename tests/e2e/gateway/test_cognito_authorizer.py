"""COGNITO_USER_POOLS authorizers at invoke time: every bad token is 401 and never the body;
ID versus access tokens by scopes; identityValidationExpression; claims in mapping templates."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

from tests.e2e.gateway.conftest import MOCK_BODY, Gateway, SignedIn, add_path, mock_method, sign_in
from tests.support import unique

SCOPE = "aws.cognito.signin.user.admin"
CLAIMS_TEMPLATE = (
    '{"user": "$context.authorizer.claims[\'cognito:username\']", '
    '"email": "$context.authorizer.claims.email", "use": "$context.authorizer.claims.token_use"}'
)


@dataclass(frozen=True)
class Secured:
    gateway: Gateway
    api_id: str
    user: SignedIn
    stranger: SignedIn

    def get(self, path: str, token: str | None) -> httpx.Response:
        headers = {} if token is None else {"auth-token": token}
        return self.gateway.invoke(self.api_id, path, headers=headers)


def _authorizer(apigw: Any, api_id: str, pool_arn: str, **extra: Any) -> str:
    found: str = apigw.create_authorizer(
        restApiId=api_id, name=unique("cognito"), type="COGNITO_USER_POOLS",
        providerARNs=[pool_arn], identitySource="method.request.header.auth-token", **extra,
    )["id"]  # fmt: skip
    return found


@pytest.fixture(scope="module")
def secured(gateway_server: Gateway) -> Secured:
    apigw = gateway_server.client("apigateway")
    idp = gateway_server.client("cognito-idp")
    user, stranger = sign_in(idp), sign_in(idp)
    api_id = apigw.create_rest_api(name=unique("secured"))["id"]
    plain = _authorizer(apigw, api_id, user.pool_arn)
    audience = _authorizer(
        apigw, api_id, user.pool_arn, identityValidationExpression=user.client_id
    )
    wrong_audience = _authorizer(apigw, api_id, user.pool_arn, identityValidationExpression="x+")
    methods: dict[str, dict[str, Any]] = {
        "/id": {"authorizerId": plain},
        "/scoped": {"authorizerId": plain, "authorizationScopes": [SCOPE]},
        "/other-scope": {"authorizerId": plain, "authorizationScopes": ["orders/read"]},
        "/audience": {"authorizerId": audience},
        "/wrong-audience": {"authorizerId": wrong_audience},
    }
    for path, params in methods.items():
        resource = add_path(apigw, api_id, path)
        mock_method(apigw, api_id, resource, authorizationType="COGNITO_USER_POOLS", **params)
    claims = add_path(apigw, api_id, "/claims")
    mock_method(
        apigw, api_id, claims, authorizationType="COGNITO_USER_POOLS", authorizerId=plain,
        responses={"200": (None, CLAIMS_TEMPLATE)},
    )  # fmt: skip
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return Secured(gateway_server, api_id, user, stranger)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _part(token: str, index: int) -> dict[str, Any]:
    raw = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    return decoded


def _alg_none(token: str) -> str:
    header = {"alg": "none", "kid": _part(token, 0)["kid"]}
    return f"{_b64(json.dumps(header).encode())}.{token.split('.')[1]}."


def _tampered_payload(token: str) -> str:
    header, _, signature = token.split(".")
    claims = {**_part(token, 1), "cognito:username": "admin"}
    return f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"


def _tampered_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    flipped = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{flipped}{signature[1:]}"


def _hs256_with_public_key(secured: Secured) -> str:
    token = secured.user.id_token
    url = f"{secured.gateway.server.url}/{secured.user.pool_id}/.well-known/jwks.json"
    kid = _part(token, 0)["kid"]
    jwk = next(k for k in httpx.get(url).json()["keys"] if k["kid"] == kid)

    def number(field: str) -> int:
        return int.from_bytes(base64.urlsafe_b64decode(jwk[field] + "=="), "big")

    pem = RSAPublicNumbers(number("e"), number("n")).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64(json.dumps({"alg": "HS256", "kid": kid}).encode())
    signing_input = f"{header}.{token.split('.')[1]}"
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


BAD_TOKENS: dict[str, Callable[[Secured], str | None]] = {
    "missing": lambda s: None,
    "empty": lambda s: "",
    "garbage": lambda s: "not-a-jwt",
    "three garbage parts": lambda s: "a.b.c",
    "alg none": lambda s: _alg_none(s.user.id_token),
    "HS256 signed with the public key": _hs256_with_public_key,
    "tampered payload": lambda s: _tampered_payload(s.user.id_token),
    "tampered signature": lambda s: _tampered_signature(s.user.id_token),
    "another pool's token": lambda s: s.stranger.id_token,
    "access token where an ID token is required": lambda s: s.user.access_token,
}


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
def test_bad_token_is_401_unauthorized_without_the_body(secured: Secured, kind: str) -> None:
    response = secured.get("/id", BAD_TOKENS[kind](secured))

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}
    assert "confidential" not in response.text


def test_id_token_passes_a_method_without_scopes(secured: Secured) -> None:
    assert secured.get("/id", secured.user.id_token).text == MOCK_BODY


def test_access_token_with_a_listed_scope_passes_a_scoped_method(secured: Secured) -> None:
    response = secured.get("/scoped", secured.user.access_token)

    assert response.status_code == 200


def test_id_token_is_401_on_a_scoped_method(secured: Secured) -> None:
    assert secured.get("/scoped", secured.user.id_token).status_code == 401


def test_access_token_without_a_listed_scope_is_401(secured: Secured) -> None:
    assert secured.get("/other-scope", secured.user.access_token).status_code == 401


def test_identity_validation_expression_matching_the_audience_passes(secured: Secured) -> None:
    assert secured.get("/audience", secured.user.id_token).status_code == 200


def test_identity_validation_expression_not_matching_the_audience_is_401(
    secured: Secured,
) -> None:
    assert secured.get("/wrong-audience", secured.user.id_token).status_code == 401


def test_claims_reach_mapping_templates_as_strings(secured: Secured) -> None:
    response = secured.get("/claims", secured.user.id_token)

    assert response.json() == {"user": "CognitoUser", "email": "test1@gmail.com", "use": "id"}
