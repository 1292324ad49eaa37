"""Fixtures for data-plane tests: one ``serve --lab --functions DIR`` per session and back end,
signed-in Cognito users, APIs built through boto3 and invoked over HTTP."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.support import Server, unique

PASSWORD = "Passw0rd!x"
TEMPORARY = "TempPassw0rd!"
MOCK_BODY = '{"confidential": "Secure, Me!!"}'


@dataclass
class Gateway:
    """A running server with a functions directory."""

    server: Server
    functions_dir: Path

    def client(self, service: str) -> Any:
        return self.server.client(service)

    def url(self, api_id: str, path: str, stage: str = "dev") -> str:
        return f"{self.server.url}/restapis/{api_id}/{stage}/_user_request_{path}"

    def invoke(self, api_id: str, path: str, *, stage: str = "dev", **kw: Any) -> httpx.Response:
        method = kw.pop("method", "GET")
        return httpx.request(method, self.url(api_id, path, stage), timeout=10, **kw)

    def deploy_function(self, prefix: str, source: str) -> str:
        """Write a handler file; its Lambda ARN."""
        name = unique(prefix).replace("-", "_")
        (self.functions_dir / f"{name}.py").write_text(textwrap.dedent(source))
        return f"arn:aws:lambda:us-east-1:000000000000:function:{name}"


@pytest.fixture(scope="session")
def gateway_server(
    db_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Gateway]:
    root = tmp_path_factory.mktemp("gateway")
    functions = root / "functions"
    functions.mkdir()
    server = Server(
        data_dir=root / "data", db=db_url, extra_args=["--lab", "--functions", str(functions)]
    )
    server.start()
    yield Gateway(server, functions)
    server.stop()


@pytest.fixture
def apigw(gateway_server: Gateway) -> Any:
    return gateway_server.client("apigateway")


@pytest.fixture
def idp(gateway_server: Gateway) -> Any:
    return gateway_server.client("cognito-idp")


@dataclass(frozen=True)
class SignedIn:
    """A pool, its client and a user's tokens."""

    pool_id: str
    pool_arn: str
    client_id: str
    id_token: str
    access_token: str


def sign_in(idp: Any, *, scopes_server: bool = False) -> SignedIn:
    """A new pool + client + user, signed in through NEW_PASSWORD_REQUIRED."""
    pool = idp.create_user_pool(PoolName=unique("gw-pool"))["UserPool"]
    pool_id = pool["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="gw",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="CognitoUser",
        TemporaryPassword=TEMPORARY,
        UserAttributes=[{"Name": "email", "Value": "test1@gmail.com"}],
        MessageAction="SUPPRESS",
    )
    params = {"USERNAME": "CognitoUser", "PASSWORD": TEMPORARY}
    challenge = idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters=params,
    )  # fmt: skip
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    result = idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "CognitoUser", "NEW_PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    return SignedIn(
        pool_id, pool["Arn"], client_id, result["IdToken"], result["AccessToken"]
    )


@pytest.fixture
def signed_in(idp: Any) -> SignedIn:
    return sign_in(idp)


ApiFactory = Callable[..., str]


@pytest.fixture
def make_api(apigw: Any) -> Iterator[ApiFactory]:
    """``make_api()`` -> the id of a new REST API; deleted afterwards."""
    created: list[str] = []

    def factory(**params: Any) -> str:
        params.setdefault("name", unique("gw-api"))
        api_id: str = apigw.create_rest_api(**params)["id"]
        created.append(api_id)
        return api_id

    yield factory
    for api_id in created:
        with contextlib.suppress(ClientError):
            apigw.delete_rest_api(restApiId=api_id)


def root_id(apigw: Any, api_id: str) -> str:
    items = apigw.get_resources(restApiId=api_id)["items"]
    return str(next(r["id"] for r in items if r["path"] == "/"))


def add_path(apigw: Any, api_id: str, path: str) -> str:
    """Create every missing resource of ``path``; the id of the last one."""
    items = {r["path"]: r["id"] for r in apigw.get_resources(restApiId=api_id)["items"]}
    current = "/"
    for part in [p for p in path.split("/") if p]:
        child = f"{current.rstrip('/')}/{part}"
        if child not in items:
            made = apigw.create_resource(restApiId=api_id, parentId=items[current], pathPart=part)
            items[child] = made["id"]
        current = child
    return str(items[current])


def mock_method(
    apigw: Any,
    api_id: str,
    resource_id: str,
    *,
    method: str = "GET",
    request_template: str = '{"statusCode": 200}',
    responses: dict[str, tuple[str | None, str]] | None = None,
    **method_params: Any,
) -> None:
    """A MOCK method; ``responses``: status -> (selectionPattern, response template)."""
    method_params.setdefault("authorizationType", "NONE")
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=method, **method_params)
    apigw.put_integration(
        restApiId=api_id, resourceId=resource_id, httpMethod=method, type="MOCK",
        requestTemplates={"application/json": request_template},
    )  # fmt: skip
    for status, (pattern, template) in (responses or {"200": (None, MOCK_BODY)}).items():
        apigw.put_method_response(
            restApiId=api_id, resourceId=resource_id, httpMethod=method, statusCode=status
        )
        extra = {"selectionPattern": pattern} if pattern is not None else {}
        apigw.put_integration_response(
            restApiId=api_id, resourceId=resource_id, httpMethod=method, statusCode=status,
            responseTemplates={"application/json": template}, **extra,
        )  # fmt: skip


def deploy(apigw: Any, api_id: str, stage: str = "dev") -> None:
    apigw.create_deployment(restApiId=api_id, stageName=stage)
