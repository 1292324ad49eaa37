"""Lambda authorizer events: identity checks before any call, event shapes, output validation."""

from __future__ import annotations

import pytest

from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers.lambda_function import parse_output
from cognigate.gateway.authorizers.request import request_event
from cognigate.gateway.authorizers.token import token_event
from cognigate.gateway.errors import AuthorizerConfigurationError, Unauthorized
from cognigate.gateway.messages import GatewayRequest
from tests.unit.gateway.conftest import InvocationFactory

TOKEN = Authorizer(
    id="a1", name="token", type="TOKEN", identity_source="method.request.header.Authorization",
    identity_validation_expression="^Bearer [a-z]+$",
)  # fmt: skip
REQUEST = Authorizer(
    id="a2", name="request", type="REQUEST",
    identity_source="method.request.header.x-key, method.request.querystring.user",
)  # fmt: skip


def test_token_event_has_the_token_and_the_method_arn(make_invocation: InvocationFactory) -> None:
    inv = make_invocation(
        request=GatewayRequest("GET", "/items/7", headers=(("Authorization", "Bearer abc"),))
    )

    token, event = token_event(inv, TOKEN)

    assert token == "Bearer abc"
    assert event == {
        "type": "TOKEN",
        "methodArn": "arn:aws:execute-api:us-east-1:000000000000:abc123defg/dev/GET/items/7",
        "authorizationToken": "Bearer abc",
    }


@pytest.mark.parametrize("headers", [(), (("Authorization", "Basic xyz"),)])
def test_token_missing_or_failing_the_expression_is_401_before_any_call(
    make_invocation: InvocationFactory, headers: tuple[tuple[str, str], ...]
) -> None:
    inv = make_invocation(request=GatewayRequest("GET", "/items/7", headers=headers))

    with pytest.raises(Unauthorized):
        token_event(inv, TOKEN)


def test_request_event_carries_the_request(make_invocation: InvocationFactory) -> None:
    inv = make_invocation(
        request=GatewayRequest("GET", "/items/7", headers=(("x-key", "k"),), query=(("user", "u"),))
    )

    identity, event = request_event(inv, REQUEST)

    assert identity == "k\x1fu"
    assert event["type"] == "REQUEST"
    assert event["headers"] == {"x-key": "k"}
    assert event["queryStringParameters"] == {"user": "u"}
    assert event["pathParameters"] == {"id": "7"}


def test_request_with_a_missing_identity_source_is_401_while_caching(
    make_invocation: InvocationFactory,
) -> None:
    inv = make_invocation(request=GatewayRequest("GET", "/items/7", headers=(("x-key", "k"),)))

    with pytest.raises(Unauthorized):
        request_event(inv, REQUEST)


@pytest.mark.parametrize(
    "output",
    [None, {"principalId": "p"}, {"policyDocument": {}},
     {"principalId": "p", "policyDocument": {}, "context": {"nested": {"a": 1}}}],
)  # fmt: skip
def test_invalid_authorizer_output_is_a_configuration_error(output: object) -> None:
    with pytest.raises(AuthorizerConfigurationError):
        parse_output(output)
