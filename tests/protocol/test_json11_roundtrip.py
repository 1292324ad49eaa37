"""botocore round trips through the JSON 1.1 endpoint, without a server.

botocore's serializer builds the request exactly as boto3 sends it; our endpoint dispatches it
to test handlers; botocore's parser reads our response back, for results and for errors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import botocore.parsers
import botocore.serialize
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.model import OperationModel

from cognigate.identity.errors import (
    InternalErrorException,
    NotAuthorizedException,
    UsernameExistsException,
)
from cognigate.protocol.http import CallContext, HttpRequest, HttpResponse, Wire
from cognigate.protocol.json11 import Handler, Json11Endpoint
from cognigate.protocol.spec import ServiceSpec

SPEC = ServiceSpec("cognito-idp")
CREATED = datetime(2024, 6, 6, 7, 5, 3, 125000, tzinfo=UTC)


class Recorder:
    """Test handlers that remember what they were called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[Wire, CallContext]] = []

    def returning(self, result: Wire) -> Handler:
        def handler(params: Wire, context: CallContext) -> Wire:
            self.calls.append((params, context))
            return result

        return handler

    def raising(self, error: Exception) -> Handler:
        def handler(params: Wire, context: CallContext) -> Wire:
            self.calls.append((params, context))
            raise error

        return handler


def _endpoint(handlers: dict[str, Handler]) -> Json11Endpoint:
    return Json11Endpoint(
        SPEC,
        handlers,
        default_region="us-east-1",
        validation_error_code="InvalidParameterException",
        internal_error_code="InternalErrorException",
    )


def _operation(name: str) -> OperationModel:
    return SPEC.operation(name)


def _request(operation: str, params: dict[str, Any]) -> HttpRequest:
    serialized = botocore.serialize.create_serializer("json").serialize_to_request(
        params, _operation(operation)
    )
    return HttpRequest(
        method=serialized["method"],
        path=serialized["url_path"],
        headers={k.lower(): v for k, v in serialized["headers"].items()},
        body=serialized["body"],
    )


def _signed_request(operation: str, params: dict[str, Any], region: str) -> HttpRequest:
    unsigned = _request(operation, params)
    aws = AWSRequest(
        method="POST",
        url="http://127.0.0.1/",
        data=unsigned.body,
        headers=dict(unsigned.headers),
    )
    SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "cognito-idp", region).add_auth(aws)
    headers = {k.lower(): str(v) for k, v in aws.headers.items()}
    return HttpRequest(method="POST", path="/", headers=headers, body=unsigned.body)


def _parse(operation: str, response: HttpResponse) -> dict[str, Any]:
    parsed: dict[str, Any] = botocore.parsers.create_parser("json").parse(
        {
            "status_code": response.status,
            "headers": dict(response.headers),
            "body": response.body,
        },
        _operation(operation).output_shape,
    )
    return parsed


def _round_trip(
    operation: str, params: dict[str, Any], handler: Handler
) -> tuple[HttpResponse, dict[str, Any]]:
    response = _endpoint({operation: handler}).handle(_request(operation, params))
    return response, _parse(operation, response)


# --- requests: what botocore sends is what the handler gets -------------------------------


def test_botocore_request_reaches_the_handler_unchanged() -> None:
    recorder = Recorder()
    params: dict[str, Any] = {
        "PoolName": "round-trip",
        "Policies": {"PasswordPolicy": {"MinimumLength": 10, "RequireSymbols": False}},
        "AliasAttributes": ["preferred_username"],
        "Schema": [{"Name": "email", "AttributeDataType": "String", "Required": True}],
        "UserPoolTags": {"team": "identity"},
        "MfaConfiguration": "OFF",
    }
    _round_trip("CreateUserPool", params, recorder.returning({"UserPool": {"Id": "x"}}))
    assert recorder.calls[0][0] == params


def test_handler_is_told_the_operation_and_a_request_id() -> None:
    recorder = Recorder()
    response, _ = _round_trip(
        "DescribeUserPool", {"UserPoolId": "us-east-1_abc"}, recorder.returning({})
    )
    context = recorder.calls[0][1]
    assert context.operation == "DescribeUserPool"
    assert ("x-amzn-requestid", context.request_id) in response.headers


def test_region_comes_from_the_sigv4_credential_scope() -> None:
    recorder = Recorder()
    endpoint = _endpoint({"DescribeUserPool": recorder.returning({})})
    endpoint.handle(_signed_request("DescribeUserPool", {"UserPoolId": "eu_x"}, "eu-west-3"))
    assert recorder.calls[0][1].region == "eu-west-3"


def test_unsigned_request_uses_the_default_region() -> None:
    recorder = Recorder()
    _round_trip("DescribeUserPool", {"UserPoolId": "us-east-1_abc"}, recorder.returning({}))
    assert recorder.calls[0][1].region == "us-east-1"


# --- responses: what the handler returns is what botocore parses --------------------------


def test_handler_result_parses_as_the_output_shape() -> None:
    result = {
        "UserPools": [
            {
                "Id": "us-east-1_abcdefghi",
                "Name": "pool",
                "LambdaConfig": {},
                "CreationDate": CREATED,
                "LastModifiedDate": CREATED,
            }
        ],
        "NextToken": "next",
    }
    _, parsed = _round_trip("ListUserPools", {"MaxResults": 5}, Recorder().returning(result))
    assert parsed["UserPools"][0]["Id"] == "us-east-1_abcdefghi"
    assert parsed["NextToken"] == "next"


def test_datetimes_round_trip_as_epoch_seconds() -> None:
    result = {"User": {"Username": "u", "UserCreateDate": CREATED, "Enabled": True}}
    response, parsed = _round_trip(
        "AdminCreateUser",
        {"UserPoolId": "us-east-1_abc", "Username": "u"},
        Recorder().returning(result),
    )
    assert b'"UserCreateDate":1717657503.125' in response.body
    assert parsed["User"]["UserCreateDate"] == CREATED


def test_empty_result_parses_with_response_metadata() -> None:
    response, parsed = _round_trip(
        "DeleteUserPool", {"UserPoolId": "us-east-1_abc"}, Recorder().returning({})
    )
    assert response.status == 200
    request_id = dict(response.headers)["x-amzn-requestid"]
    assert parsed["ResponseMetadata"]["RequestId"] == request_id
    assert set(parsed) == {"ResponseMetadata"}


def test_success_has_the_json11_content_type() -> None:
    response, _ = _round_trip(
        "DeleteUserPool", {"UserPoolId": "us-east-1_abc"}, Recorder().returning({})
    )
    assert dict(response.headers)["content-type"] == "application/x-amz-json-1.1"


# --- errors: botocore reads our code and message ------------------------------------------


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotAuthorizedException("Incorrect username or password."), 400),
        (UsernameExistsException("User account already exists"), 400),
        (InternalErrorException("Something broke."), 500),
    ],
)
def test_domain_error_parses_to_its_code_and_message(
    error: NotAuthorizedException | UsernameExistsException | InternalErrorException, status: int
) -> None:
    response, parsed = _round_trip(
        "AdminCreateUser",
        {"UserPoolId": "us-east-1_abc", "Username": "u"},
        Recorder().raising(error),
    )
    assert response.status == status
    assert parsed["Error"]["Code"] == error.code
    assert parsed["Error"]["Message"] == error.message
    assert parsed["ResponseMetadata"]["HTTPStatusCode"] == status


def test_error_type_header_has_aws_trailing_colon() -> None:
    response, _ = _round_trip(
        "DescribeUserPool",
        {"UserPoolId": "us-east-1_abc"},
        Recorder().raising(NotAuthorizedException("no")),
    )
    assert dict(response.headers)["x-amzn-errortype"] == "NotAuthorizedException:"


def test_unexpected_handler_failure_is_an_internal_error_without_details() -> None:
    response, parsed = _round_trip(
        "DescribeUserPool",
        {"UserPoolId": "us-east-1_abc"},
        Recorder().raising(RuntimeError("secret internals")),
    )
    assert response.status == 500
    assert parsed["Error"]["Code"] == "InternalErrorException"
    assert "secret internals" not in parsed["Error"]["Message"]


def test_validation_failure_parses_and_never_reaches_the_handler() -> None:
    recorder = Recorder()
    _, parsed = _round_trip(
        "CreateUserPool",
        {"PoolName": "p", "MfaConfiguration": "SOMETIMES"},
        recorder.returning({}),
    )
    assert parsed["Error"]["Code"] == "InvalidParameterException"
    assert parsed["Error"]["Message"] == (
        "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to "
        "satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"
    )
    assert recorder.calls == []


def test_sensitive_values_are_not_echoed_in_validation_messages() -> None:
    recorder = Recorder()
    password = "x" * 300
    _, parsed = _round_trip(
        "AdminSetUserPassword",
        {"UserPoolId": "us-east-1_abc", "Username": "u", "Password": password},
        recorder.returning({}),
    )
    assert parsed["Error"]["Code"] == "InvalidParameterException"
    assert password not in parsed["Error"]["Message"]
    assert recorder.calls == []


def test_nested_member_path_is_reported_in_camel_case() -> None:
    _, parsed = _round_trip(
        "CreateUserPool",
        {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 200}}},
        Recorder().returning({}),
    )
    assert "at 'policies.passwordPolicy.minimumLength'" in parsed["Error"]["Message"]


def test_wrong_type_is_a_serialization_exception() -> None:
    request = _request("CreateUserPool", {"PoolName": "p"})
    body = b'{"PoolName": "p", "UserPoolTags": ["not", "a", "map"]}'
    wrong = HttpRequest(request.method, request.path, request.headers, body)
    response = _endpoint({"CreateUserPool": Recorder().returning({})}).handle(wrong)
    parsed = _parse("CreateUserPool", response)
    assert parsed["Error"]["Code"] == "SerializationException"


@pytest.mark.parametrize(
    ("target", "registered"),
    [
        ("AWSCognitoIdentityProviderService.NoSuchOperation", ("CreateUserPool",)),
        ("AWSCognitoIdentityProviderService.CreateUserPool", ()),
    ],
    ids=["not-in-model", "not-implemented"],
)
def test_unknown_or_unimplemented_operation_parses_as_unknown_operation(
    target: str, registered: tuple[str, ...]
) -> None:
    recorder = Recorder()
    handlers: dict[str, Callable[[Wire, CallContext], Wire]] = {
        name: recorder.returning({}) for name in registered
    }
    request = _request("CreateUserPool", {"PoolName": "p"})
    headers = {**request.headers, "x-amz-target": target}
    response = _endpoint(handlers).handle(
        HttpRequest(request.method, request.path, headers, request.body)
    )
    # The issue asks for UnknownOperationException; STYLE §5 would add status 501 for an
    # operation the model has but we do not implement, so only the code is pinned here.
    assert response.status in (400, 501)
    assert _parse("CreateUserPool", response)["Error"]["Code"] == "UnknownOperationException"
    assert recorder.calls == []
