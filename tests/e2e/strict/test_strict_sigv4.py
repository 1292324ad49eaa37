"""Strict mode (``--aws-credentials AKID:SECRET``): AWS API calls must be SigV4-signed with a
configured key, except Cognito's public operations, which apps call without credentials."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import boto3
import httpx
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.support import Server

AKID, SECRET = "AKIDSTRICTMODE", "strict-mode-secret"


@pytest.fixture
def strict(fresh_server: Server) -> Server:
    fresh_server.extra_args = ["--aws-credentials", f"{AKID}:{SECRET}"]
    fresh_server.start()
    return fresh_server


def client(server: Server, service: str, *, secret: str = SECRET, signed: bool = True) -> Any:
    return boto3.client(
        service,
        endpoint_url=server.url,
        region_name="eu-west-1",
        aws_access_key_id=AKID,
        aws_secret_access_key=secret,
        config=Config(
            retries={"max_attempts": 1}, **({} if signed else {"signature_version": UNSIGNED})
        ),
    )


def code_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[int, str]:
    response = excinfo.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


def test_signed_admin_calls_work_and_public_calls_need_no_signature(strict: Server) -> None:
    cognito = client(strict, "cognito-idp")
    pool_id = cognito.create_user_pool(PoolName="strict")["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="sam", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="sam", Password="Strict-Pass-1!", Permanent=True
    )

    public = client(strict, "cognito-idp", signed=False)
    tokens = public.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "sam", "PASSWORD": "Strict-Pass-1!"},
    )["AuthenticationResult"]
    assert public.get_user(AccessToken=tokens["AccessToken"])["Username"] == "sam"


def test_unsigned_and_badly_signed_admin_calls_are_refused_and_change_nothing(
    strict: Server,
) -> None:
    with pytest.raises(ClientError) as unsigned:
        client(strict, "cognito-idp", signed=False).create_user_pool(PoolName="nope")
    assert code_of(unsigned) == (400, "MissingAuthenticationTokenException")

    with pytest.raises(ClientError) as wrong:
        client(strict, "cognito-idp", secret="guessed").create_user_pool(PoolName="nope")
    assert code_of(wrong) == (400, "InvalidSignatureException")

    other = boto3.client(
        "cognito-idp",
        endpoint_url=strict.url,
        region_name="eu-west-1",
        aws_access_key_id="AKIDUNKNOWN",
        aws_secret_access_key=SECRET,
        config=Config(retries={"max_attempts": 1}),
    )
    with pytest.raises(ClientError) as unknown:
        other.list_user_pools(MaxResults=10)
    assert code_of(unknown) == (400, "UnrecognizedClientException")

    pools = client(strict, "cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    assert [p["Name"] for p in pools] == []


def test_the_aws_cli_signs_its_way_in(strict: Server) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(strict.data_dir),
        "AWS_ACCESS_KEY_ID": AKID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_DEFAULT_REGION": "eu-west-1",
    }
    base = [sys.executable, "-m", "awscli", "--endpoint-url", strict.url, "--output", "json"]
    made = subprocess.run(
        [*base, "cognito-idp", "create-user-pool", "--pool-name", "from-cli"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(made.stdout)["UserPool"]["Name"] == "from-cli"

    refused = subprocess.run(
        [*base, "cognito-idp", "list-user-pools", "--max-results", "5"],
        env={**env, "AWS_SECRET_ACCESS_KEY": "wrong"},
        check=False,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "InvalidSignatureException" in refused.stderr


def test_bad_key_specification_stops_the_server_with_a_message(fresh_server: Server) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cognigate",
            "serve",
            "--port",
            str(fresh_server.port),
            "--data-dir",
            str(fresh_server.data_dir),
            "--aws-credentials",
            "no-colon-here",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "ACCESS_KEY_ID:SECRET_ACCESS_KEY" in result.stderr
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{fresh_server.url}/_cognigate/health", timeout=1)


def test_api_gateway_control_plane_needs_a_signature_but_invocations_do_not(
    strict: Server,
) -> None:
    apigw = client(strict, "apigateway")
    api = apigw.create_rest_api(name="strict-api")
    arn = f"arn:aws:apigateway:eu-west-1::/restapis/{api['id']}"
    apigw.tag_resource(resourceArn=arn, tags={"team": "a b"})  # a percent-encoded path
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "a b"}

    with pytest.raises(ClientError) as wrong:
        client(strict, "apigateway", secret="guessed").get_rest_apis()
    assert code_of(wrong) == (403, "InvalidSignatureException")
    with pytest.raises(ClientError) as unsigned:
        client(strict, "apigateway", signed=False).get_rest_apis()
    assert code_of(unsigned) == (403, "MissingAuthenticationTokenException")

    root = apigw.get_resources(restApiId=api["id"])["items"][0]["id"]
    apigw.put_method(
        restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    apigw.put_method_response(
        restApiId=api["id"], resourceId=root, httpMethod="GET", statusCode="200"
    )
    apigw.put_integration_response(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        statusCode="200",
        responseTemplates={"application/json": '{"ok": true}'},
    )
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    invoked = httpx.get(f"{strict.url}/restapis/{api['id']}/dev/_user_request_/")
    assert invoked.status_code == 200
    assert invoked.json() == {"ok": True}
