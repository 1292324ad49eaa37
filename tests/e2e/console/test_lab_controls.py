"""The API Gateway console controls the lab's text names, in headless Chromium: Method request
→ Edit → Save, Deploy API → Deploy, Stages → a stage, Authorizers → an authorizer → Test
authorizer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.e2e.console.conftest import MockApi
from tests.e2e.console.forms import csrf_of
from tests.support import Server, unique

PASSWORD = "Lab#Perm5678"


@pytest.fixture
def pool_arn(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName=unique("console-auth"))["UserPool"]["Arn"])


@pytest.fixture
def id_token(cognito: Any, pool_arn: str) -> str:
    """An ID token of a user of the ``pool_arn`` pool."""
    pool_id = pool_arn.rsplit("/", 1)[-1]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="console",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="tester", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="tester", Password=PASSWORD, Permanent=True
    )
    result = cognito.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "tester", "PASSWORD": PASSWORD},
    )
    return str(result["AuthenticationResult"]["IdToken"])


@pytest.fixture
def authorizer_id(apigateway: Any, mock_api: MockApi, pool_arn: str) -> str:
    return _authorizer(apigateway, mock_api, pool_arn)


def _authorizer(apigateway: Any, api: MockApi, pool_arn: str) -> str:
    return str(
        apigateway.create_authorizer(
            restApiId=api.id,
            name="lab-api-cognito-authorizer",
            type="COGNITO_USER_POOLS",
            providerARNs=[pool_arn],
            identitySource="method.request.header.auth-token",
        )["id"]
    )


def test_method_request_edit_button_opens_the_form_that_saves_the_authorizer(
    server: Server, apigateway: Any, mock_api: MockApi, pool_arn: str, chromium: Callable[..., Any]
) -> None:
    authorizer_id = _authorizer(apigateway, mock_api, pool_arn)
    page = chromium(javascript=False)
    page.goto(f"{server.url}/console/apis/{mock_api.id}")
    page.get_by_role("link", name="GET").click()
    page.get_by_role("link", name="Method request").click()

    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Authorization").select_option(label="lab-api-cognito-authorizer")
    page.get_by_role("button", name="Save").click()

    method = apigateway.get_method(**mock_api.method)
    assert (method["authorizationType"], method["authorizerId"]) == (
        "COGNITO_USER_POOLS",
        authorizer_id,
    )


def test_method_request_is_shown_read_only_until_edit_is_pressed(
    server: Server, mock_api: MockApi
) -> None:
    page = f"/console/apis/{mock_api.id}/resources/{mock_api.mock_id}/methods/GET"

    shown = httpx.get(f"{server.url}{page}?tab=request")

    assert 'name="authorization"' not in shown.text


def test_deploy_api_button_deploys_to_the_chosen_stage_with_its_description(
    server: Server, apigateway: Any, mock_api: MockApi, chromium: Callable[..., Any]
) -> None:
    page = chromium()
    page.goto(f"{server.url}/console/apis/{mock_api.id}")

    page.get_by_role("button", name="Deploy API").click()
    page.get_by_label("Stage").select_option("dev")
    page.get_by_label("Deployment description").fill("testing api authentication")
    page.get_by_role("button", name="Deploy").click()

    assert page.locator(".banner").inner_text() == (
        f"Successfully created deployment for {mock_api.name}. This deployment is active for dev."
    )
    stage = apigateway.get_stage(restApiId=mock_api.id, stageName="dev")
    deployment = apigateway.get_deployment(
        restApiId=mock_api.id, deploymentId=stage["deploymentId"]
    )
    assert deployment["description"] == "testing api authentication"


def test_deploy_api_to_a_new_stage_creates_it(
    server: Server, apigateway: Any, mock_api: MockApi, chromium: Callable[..., Any]
) -> None:
    page = chromium()
    page.goto(f"{server.url}/console/apis/{mock_api.id}/resources/{mock_api.mock_id}/methods/GET")

    page.get_by_role("button", name="Deploy API").click()
    page.get_by_label("Stage", exact=True).select_option(label="*New stage*")
    page.get_by_label("Stage name").fill("prod")
    page.get_by_role("button", name="Deploy").click()

    assert page.locator(".banner").inner_text().endswith("This deployment is active for prod.")
    assert apigateway.get_stage(restApiId=mock_api.id, stageName="prod")["deploymentId"]


def test_stages_link_lists_the_stages_and_opens_one_with_its_invoke_url(
    server: Server, mock_api: MockApi, chromium: Callable[..., Any]
) -> None:
    page = chromium()
    page.goto(f"{server.url}/console/apis/{mock_api.id}")

    page.get_by_role("link", name="Stages").click()
    page.get_by_role("link", name="dev").click()
    invoke = page.locator("a.invoke-url").get_attribute("href")

    assert invoke is not None
    response = httpx.get(f"{invoke}/mock")
    assert (response.status_code, response.json()) == (200, {"confidential": "Secure, Me!!"})


@pytest.mark.usefixtures("authorizer_id")
def test_authorizer_name_opens_its_details_where_test_authorizer_checks_a_token(
    server: Server, mock_api: MockApi, id_token: str, chromium: Callable[..., Any]
) -> None:
    page = chromium()
    page.goto(f"{server.url}/console/apis/{mock_api.id}")
    page.get_by_role("link", name="Authorizers").click()

    page.get_by_role("link", name="lab-api-cognito-authorizer").click()
    page.get_by_label("auth-token").fill(id_token)
    page.get_by_role("button", name="Test authorizer").click()

    result = page.locator(".test-result")
    assert result.locator(".status").inner_text() == "200"
    assert json.loads(result.locator(".claims").inner_text())["cognito:username"] == "tester"


def test_authorizer_detail_page_shows_its_settings(
    server: Server, apigateway: Any, mock_api: MockApi, pool_arn: str
) -> None:
    authorizer_id = _authorizer(apigateway, mock_api, pool_arn)

    shown = httpx.get(f"{server.url}/console/apis/{mock_api.id}/authorizers/{authorizer_id}")

    assert shown.status_code == 200
    assert pool_arn in shown.text
    assert "method.request.header.auth-token" in shown.text


def test_test_tab_shows_response_headers_as_json(
    server: Server, mock_api: MockApi, chromium: Callable[..., Any]
) -> None:
    page = chromium()
    page.goto(f"{server.url}/console/apis/{mock_api.id}/resources/{mock_api.mock_id}/methods/GET")
    page.get_by_role("link", name="Test", exact=True).click()

    page.get_by_role("button", name="Test").click()

    headers = page.locator(".test-result .response-headers").inner_text()
    assert json.loads(headers) == {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"stage": "__new__", "new_stage": "bad stage!"}, "BadRequestException"),
        ({"stage": "__new__", "new_stage": ""}, "Enter a stage name for the new stage."),
    ],
)
def test_a_deployment_aws_refuses_shows_its_message_on_the_deploy_page_and_deploys_nothing(
    server: Server, apigateway: Any, mock_api: MockApi, fields: dict[str, str], message: str
) -> None:
    before = apigateway.get_deployments(restApiId=mock_api.id)["items"]
    deploy = f"/console/apis/{mock_api.id}/deploy"
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_of(client.get(deploy).text)
        response = client.post(deploy, data={"csrf": token, **fields})

    assert response.status_code == 400
    assert message in response.text
    assert apigateway.get_deployments(restApiId=mock_api.id)["items"] == before


def test_an_authorizer_without_a_token_source_shows_the_error_and_creates_nothing(
    server: Server, apigateway: Any, mock_api: MockApi, pool_arn: str
) -> None:
    page = f"/console/apis/{mock_api.id}/authorizers"
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=True) as client:
        token = csrf_of(client.get(page).text)
        fields = {"name": "no-source", "type": "COGNITO_USER_POOLS", "user_pool": pool_arn}
        response = client.post(page + "/create", data={"csrf": token, "token_source": "", **fields})

    assert "banner-error" in response.text
    assert apigateway.get_authorizers(restApiId=mock_api.id)["items"] == []
