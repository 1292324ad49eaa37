"""Deploy API and authorizers (create and "Test authorizer")."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from cognigate.apigw.deployments import NewDeployment
from cognigate.apigw.model import Authorizer
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError


async def deploy(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    apigw = page.console.apigw
    stage = page.value("stage")
    if stage == "__new__":
        stage = page.value("new_stage")
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        await page.call(
            apigw.deployments.create,
            api_id,
            NewDeployment(stage_name=stage, description=page.value("description") or None),
        )
    except AwsError as error:
        return page.redirect(f"/console/apis/{api_id}", notice="error", name=error_text(error))
    message = (
        f"Successfully created deployment for {api.name}. This deployment is active for {stage}."
    )
    return page.redirect(f"/console/apis/{api_id}/stages/{stage}", notice="deployed", name=message)


async def authorizers_page(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    apigw = page.console.apigw
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        definition = await page.call(apigw.rest_apis.definition, api_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    pools = (await page.call(page.console.identity.pools.list, 60, None)).items
    stages = await page.call(apigw.stages.list, api_id)
    return page.render(
        "authorizers.html",
        api=api,
        authorizers=list(definition.authorizers.values()),
        pools=pools,
        test=None,
        tested=None,
        error=None,
        stages=stages,
    )


def _new_authorizer(page: Page) -> Authorizer:
    header = page.value("token_source") or "Authorization"
    if page.value("type") == "COGNITO_USER_POOLS":
        return Authorizer(
            id="",
            name=page.value("name"),
            type="COGNITO_USER_POOLS",
            provider_arns=(page.value("user_pool"),),
            identity_source=f"method.request.header.{header}",
        )
    return Authorizer(
        id="",
        name=page.value("name"),
        type="TOKEN",
        authorizer_uri=_lambda_uri(page),
        identity_source=f"method.request.header.{header}",
        authorizer_result_ttl_in_seconds=300,
    )


def _lambda_uri(page: Page) -> str:
    """A function name or Lambda ARN as API Gateway's invocation URI."""
    given = page.value("lambda")
    if given.startswith("arn:aws:apigateway:"):
        return given
    region, account = page.console.region, page.console.account_id
    arn = (
        given
        if given.startswith("arn:")
        else (f"arn:aws:lambda:{region}:{account}:function:{given}")
    )
    return f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"


async def authorizer_create(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    back = f"/console/apis/{api_id}/authorizers"
    try:
        created = await page.call(
            page.console.apigw.authorizers.create, api_id, _new_authorizer(page)
        )
    except AwsError as error:
        return page.redirect(back, notice="error", name=error_text(error))
    return page.redirect(back, notice="authorizer-created", name=created.name)


def _claims(result: Any) -> str:
    claims = result.get("claims") if hasattr(result, "get") else None
    return json.dumps(claims, indent=2) if claims else ""


async def authorizer_test(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    authorizer_id = page.request.path_params["authorizer_id"]
    invoker = page.console.test_invoker
    if invoker is None:
        return await authorizers_page(page)
    authorizer = await page.call(page.console.apigw.authorizers.get, api_id, authorizer_id)
    header = (authorizer.identity_source or "").rsplit(".", 1)[-1]
    params = {"headers": {header: page.value("token")}}
    try:
        result = await page.call(invoker.test_invoke_authorizer, api_id, authorizer_id, params)
    except AwsError as error:
        result = {"clientStatus": 500, "log": error_text(error)}
    definition = await page.call(page.console.apigw.rest_apis.definition, api_id)
    pools = (await page.call(page.console.identity.pools.list, 60, None)).items
    return page.render(
        "authorizers.html",
        api=definition.api,
        authorizers=list(definition.authorizers.values()),
        pools=pools,
        tested=authorizer_id,
        test=result,
        claims=_claims(result),
        error=None,
        token=page.value("token"),
        stages=await page.call(page.console.apigw.stages.list, api_id),
    )


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/apis/{api_id}/deploy", deploy, ["POST"]),
        ("/apis/{api_id}/authorizers", authorizers_page, ["GET"]),
        ("/apis/{api_id}/authorizers/create", authorizer_create, ["POST"]),
        ("/apis/{api_id}/authorizers/{authorizer_id}/test", authorizer_test, ["POST"]),
    ]
