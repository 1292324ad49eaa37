"""Bad input on the AWS JSON 1.1 endpoint: AWS's error code, status and headers, nothing stored,
and a server that keeps serving.

Raw HTTP (httpx) where boto3 would refuse the request before sending it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of
from tests.support import Server, unique

PREFIX = "AWSCognitoIdentityProviderService."
CONTENT_TYPE = "application/x-amz-json-1.1"


def _post(server: Server, target: str | None, body: bytes) -> httpx.Response:
    headers = {"content-type": CONTENT_TYPE}
    if target is not None:
        headers["x-amz-target"] = target
    return httpx.post(server.url + "/", content=body, headers=headers, timeout=30)


def _pool_names(cognito: Any) -> set[str]:
    paginator = cognito.get_paginator("list_user_pools")
    return {p["Name"] for page in paginator.paginate(MaxResults=60) for p in page["UserPools"]}


def _assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    body: dict[str, Any] = response.json()
    assert body["__type"] == code
    assert response.headers["x-amzn-errortype"] == f"{code}:"
    uuid.UUID(response.headers["x-amzn-requestid"])
    assert response.headers["content-type"] == CONTENT_TYPE
    return body


def _assert_healthy(server: Server) -> None:
    assert httpx.get(server.url + "/_cognigate/health", timeout=5).status_code == 200


@dataclass(frozen=True)
class BadCall:
    """A CreateUserPool call for the pool ``name`` that must fail."""

    target: str | None
    body: bytes
    status: int
    code: str
    message: str | None


def _bad_calls(name: str) -> dict[str, BadCall]:
    create = PREFIX + "CreateUserPool"
    too_long = "p" * 129
    return {
        "missing-required-member": BadCall(
            create,
            json.dumps({"Policies": {"PasswordPolicy": {"MinimumLength": 8}}}).encode(),
            400,
            "InvalidParameterException",
            "1 validation error detected: Value null at 'poolName' failed to satisfy "
            "constraint: Member must not be null",
        ),
        "wrong-type": BadCall(
            create,
            json.dumps(
                {"PoolName": name, "Policies": {"PasswordPolicy": {"MinimumLength": "eight"}}}
            ).encode(),
            400,
            "SerializationException",
            None,
        ),
        "too-long-name": BadCall(
            create,
            json.dumps({"PoolName": too_long}).encode(),
            400,
            "InvalidParameterException",
            f"1 validation error detected: Value '{too_long}' at 'poolName' failed to satisfy "
            "constraint: Member must have length less than or equal to 128",
        ),
        "bad-enum": BadCall(
            create,
            json.dumps({"PoolName": name, "MfaConfiguration": "SOMETIMES"}).encode(),
            400,
            "InvalidParameterException",
            "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to "
            "satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
        ),
        "malformed-json": BadCall(
            create, b'{"PoolName": "' + name.encode() + b'",', 400, "SerializationException", None
        ),
        "body-over-1-mib": BadCall(
            create,
            json.dumps({"PoolName": name, "SmsVerificationMessage": "x" * (1024 * 1024)}).encode(),
            413,
            "RequestEntityTooLargeException",
            None,
        ),
        "unknown-target": BadCall(
            PREFIX + "CreateUserPoolPlease",
            json.dumps({"PoolName": name}).encode(),
            400,
            "UnknownOperationException",
            None,
        ),
        "other-service-target": BadCall(
            "AmazonS3.CreateUserPool",
            json.dumps({"PoolName": name}).encode(),
            400,
            "UnknownOperationException",
            None,
        ),
        "no-target": BadCall(
            None, json.dumps({"PoolName": name}).encode(), 400, "UnknownOperationException", None
        ),
    }


CASES = sorted(_bad_calls("x"))


@pytest.mark.parametrize("case", CASES)
def test_bad_create_user_pool_call_gets_the_aws_error(server: Server, case: str) -> None:
    call = _bad_calls(unique("bad"))[case]
    body = _assert_error(_post(server, call.target, call.body), call.status, call.code)
    if call.message is not None:
        assert body["message"] == call.message


@pytest.mark.parametrize("case", CASES)
def test_bad_create_user_pool_call_stores_nothing(server: Server, cognito: Any, case: str) -> None:
    name = unique("bad")
    call = _bad_calls(name)[case]
    _post(server, call.target, call.body)
    names = _pool_names(cognito)
    assert name not in names
    assert "p" * 129 not in names


@pytest.mark.parametrize("case", CASES)
def test_server_keeps_serving_after_a_bad_call(server: Server, cognito: Any, case: str) -> None:
    call = _bad_calls(unique("bad"))[case]
    _post(server, call.target, call.body)
    _assert_healthy(server)
    pool_id = cognito.create_user_pool(PoolName=unique("after"))["UserPool"]["Id"]
    cognito.delete_user_pool(UserPoolId=pool_id)


def test_several_violations_are_reported_together(server: Server) -> None:
    body = json.dumps({"PoolName": "p" * 129, "MfaConfiguration": "SOMETIMES"}).encode()
    response = _post(server, PREFIX + "CreateUserPool", body)
    message = _assert_error(response, 400, "InvalidParameterException")["message"]
    assert message.startswith("2 validation errors detected: ")
    assert "'poolName'" in message
    assert "'mfaConfiguration'" in message
    assert "; " in message


def test_empty_name_violates_both_length_and_pattern(server: Server) -> None:
    body = json.dumps({"PoolName": ""}).encode()
    response = _post(server, PREFIX + "CreateUserPool", body)
    message = _assert_error(response, 400, "InvalidParameterException")["message"]
    assert message.startswith("2 validation errors detected: Value '' at 'poolName'")
    assert "Member must have length greater than or equal to 1" in message
    assert "Member must satisfy regular expression pattern" in message


def test_error_carries_the_message_header(server: Server) -> None:
    response = _post(server, PREFIX + "DescribeUserPool", b'{"UserPoolId": "us-east-1_NoSuchPoo"}')
    body = _assert_error(response, 400, "ResourceNotFoundException")
    assert body["message"] == "User pool us-east-1_NoSuchPoo does not exist."
    assert response.headers["x-amzn-errormessage"] == body["message"]


def test_success_carries_a_request_id(server: Server) -> None:
    response = _post(server, PREFIX + "ListUserPools", b'{"MaxResults": 1}')
    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPE
    uuid.UUID(response.headers["x-amzn-requestid"])
    assert "x-amzn-errortype" not in response.headers


def test_empty_body_is_an_empty_request(server: Server) -> None:
    response = _post(server, PREFIX + "DescribeUserPool", b"")
    body = _assert_error(response, 400, "InvalidParameterException")
    assert "'userPoolId'" in body["message"]


# --- user errors (through boto3: its client-side checks let these through) -------------------


def _user_exists(cognito: Any, pool_id: str, username: str) -> bool:
    try:
        cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    except ClientError as error:
        if error.response["Error"]["Code"] == "UserNotFoundException":
            return False
        raise
    return True


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Sh0rt!", "Password not long enough"),
        ("nouppercase1!", "Password must have uppercase characters"),
        ("NOLOWERCASE1!", "Password must have lowercase characters"),
        ("NoNumbers!!", "Password must have numeric characters"),
        ("NoSymbols123", "Password must have symbol characters"),
    ],
)
def test_weak_temporary_password_raises_invalid_password_and_stores_nothing(
    cognito: Any, pool_id: str, password: str, reason: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username="weak",
            TemporaryPassword=password,
            MessageAction="SUPPRESS",
        )
    code, message = error_of(excinfo)
    assert code == "InvalidPasswordException"
    assert reason in message
    assert not _user_exists(cognito, pool_id, "weak")


def test_duplicate_username_raises_username_exists_and_keeps_the_first(
    cognito: Any, pool_id: str
) -> None:
    first = cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="dup",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "name", "Value": "first"}],
    )["User"]
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username="dup",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "name", "Value": "second"}],
        )
    assert error_of(excinfo)[0] == "UsernameExistsException"
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="dup")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["name"] == "first"
    assert attributes["sub"] == {a["Name"]: a["Value"] for a in first["Attributes"]}["sub"]


def test_admin_create_user_in_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(
            UserPoolId="us-east-1_NoSuchPoo", Username="nobody", MessageAction="SUPPRESS"
        )
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        "User pool us-east-1_NoSuchPoo does not exist.",
    )


def test_user_errors_leave_the_pool_empty(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError):
        cognito.admin_create_user(
            UserPoolId=pool_id, Username="weak", TemporaryPassword="weak", MessageAction="SUPPRESS"
        )
    assert cognito.list_users(UserPoolId=pool_id)["Users"] == []
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["EstimatedNumberOfUsers"] == 0


# --- CORS ------------------------------------------------------------------------------------


def test_cors_preflight_is_answered(server: Server) -> None:
    response = httpx.options(
        server.url + "/",
        headers={
            "origin": "https://app.example.com",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent",
        },
        timeout=5,
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    allowed = response.headers["access-control-allow-headers"].lower().split(",")
    assert {"content-type", "x-amz-target", "x-amz-user-agent"} <= set(allowed)
    assert "POST" in response.headers["access-control-allow-methods"]


def test_cors_headers_are_on_error_responses(server: Server) -> None:
    response = _post(server, PREFIX + "Nope", b"{}")
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-amzn-errortype" in exposed
    assert "x-amzn-requestid" in exposed
