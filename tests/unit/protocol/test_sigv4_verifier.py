"""Strict mode's SigV4 check against requests signed by botocore's own signer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from cognigate.protocol.http import HttpRequest
from cognigate.protocol.sigv4 import SigV4Verifier, parse_keys
from cognigate.protocol.spec import ServiceSpec
from cognigate.protocol.strict import SignedJson11, SignedRestJson

AKID, SECRET = "AKIDSTRICT", "strict-secret"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC).timestamp()


def signed(
    method: str,
    url: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    secret: str = SECRET,
    service: str = "apigateway",
    at: float = NOW,
) -> HttpRequest:
    """An ``HttpRequest`` as our edge sees it, signed at ``at`` by botocore."""
    request = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    signer = SigV4Auth(Credentials(AKID, secret), service, "eu-west-1")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("botocore.auth.get_current_datetime", lambda: datetime.fromtimestamp(at, UTC))
        signer.add_auth(request)
    parts = urlsplit(url)
    query = tuple(tuple(pair.split("=", 1)) for pair in parts.query.split("&") if pair)
    wire_headers = {k.lower(): v for k, v in request.headers.items()}
    wire_headers["host"] = parts.netloc
    return HttpRequest(
        method=method,
        path=parts.path,
        headers=wire_headers,
        body=body,
        query=query,  # type: ignore[arg-type]
    )


@pytest.fixture
def verifier() -> SigV4Verifier:
    return SigV4Verifier(keys={AKID: SECRET}, clock=lambda: NOW)


def test_a_request_signed_with_a_configured_key_passes(verifier: SigV4Verifier) -> None:
    request = signed("GET", "http://127.0.0.1:4590/restapis?limit=5&position=abc")

    assert verifier.check(request) is None


def test_percent_encoded_path_and_body_are_covered(verifier: SigV4Verifier) -> None:
    arn = "arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2Fabc"
    body = json.dumps({"tags": {"team": "a b"}}).encode()
    request = signed("PUT", f"http://127.0.0.1:4590/tags/{arn}", body)

    assert verifier.check(request) is None
    tampered = HttpRequest(request.method, request.path, request.headers, body + b" ")
    assert verifier.check(tampered) is not None


def test_a_wrong_secret_is_an_invalid_signature(verifier: SigV4Verifier) -> None:
    problem = verifier.check(signed("GET", "http://h/restapis", secret="guess"))

    assert problem is not None
    assert problem.code == "InvalidSignatureException"
    assert problem.message.startswith("The request signature we calculated does not match")


def test_an_unknown_access_key_is_unrecognized() -> None:
    other = SigV4Verifier(keys={"AKIDOTHER": SECRET}, clock=lambda: NOW)

    problem = other.check(signed("GET", "http://h/restapis"))

    assert problem is not None
    assert (problem.code, problem.message) == (
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )


def test_no_signature_is_a_missing_token(verifier: SigV4Verifier) -> None:
    problem = verifier.check(HttpRequest("GET", "/restapis", {"host": "h"}, b""))

    assert problem is not None
    assert problem.code == "MissingAuthenticationTokenException"


def test_a_signature_older_than_five_minutes_has_expired(verifier: SigV4Verifier) -> None:
    problem = verifier.check(signed("GET", "http://h/restapis", at=NOW - 301))

    assert problem is not None
    assert problem.code == "InvalidSignatureException"
    assert problem.message.startswith("Signature expired: ")
    assert verifier.check(signed("GET", "http://h/restapis", at=NOW - 299)) is None


def test_a_changed_query_fails(verifier: SigV4Verifier) -> None:
    request = signed("GET", "http://h/restapis?limit=5")
    changed = HttpRequest("GET", "/restapis", request.headers, b"", (("limit", "6"),))

    assert verifier.check(changed) is not None


class _Echo:
    def handle(self, request: HttpRequest) -> object:
        return "answered"

    def operations(self) -> frozenset[str]:
        return frozenset()


def test_cognito_public_operations_stay_open_and_admin_ones_are_checked(
    verifier: SigV4Verifier,
) -> None:
    endpoint = SignedJson11(_Echo(), ServiceSpec("cognito-idp"), verifier)  # type: ignore[arg-type]

    def call(operation: str) -> object:
        headers = {
            "host": "h",
            "x-amz-target": f"AWSCognitoIdentityProviderService.{operation}",
        }
        return endpoint.handle(HttpRequest("POST", "/", headers, b"{}"))

    assert call("InitiateAuth") == "answered"
    assert call("SignUp") == "answered"
    refused = call("AdminCreateUser")
    assert refused != "answered"
    assert refused.status == 400  # type: ignore[attr-defined]
    assert json.loads(refused.body)["__type"] == "MissingAuthenticationTokenException"  # type: ignore[attr-defined]


def test_api_gateway_refusals_are_403(verifier: SigV4Verifier) -> None:
    endpoint = SignedRestJson(_Echo(), verifier)  # type: ignore[arg-type]

    refused = endpoint.handle(signed("GET", "http://h/restapis", secret="guess"))

    assert refused.status == 403  # type: ignore[attr-defined]
    assert ("x-amzn-errortype", "InvalidSignatureException") in refused.headers  # type: ignore[attr-defined]
    assert endpoint.handle(signed("GET", "http://h/restapis")) == "answered"


def test_keys_parse_from_the_flag_value() -> None:
    assert parse_keys("A:1, B:2") == {"A": "1", "B": "2"}
    with pytest.raises(ValueError, match="ACCESS_KEY_ID:SECRET_ACCESS_KEY"):
        parse_keys("A")
