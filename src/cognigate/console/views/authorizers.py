"""Authorizers: the list (create, "Test authorizer"), and an authorizer's detail page with its
settings and "Test authorizer" (TestInvokeAuthorizer).
https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from cognigate.apigw.model import Authorizer
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError

HEADER_SOURCE = "method.request.header."


def token_header(authorizer: Authorizer) -> str:
    """The header a TOKEN or Cognito authorizer reads its token from."""
    return (authorizer.identity_source or "").rsplit(".", 1)[-1]


async def _values(page: Page, api_id: str) -> dict[str, Any]:
    apigw = page.console.apigw
    definition = await page.call(apigw.rest_apis.definition, api_id)
    return {
        "api": definition.api,
        "authorizers": list(definition.authorizers.values()),
        "stages": await page.call(apigw.stages.list, api_id),
    }


async def _render_list(page: Page, **extra: Any) -> Response:
    api_id = page.request.path_params["api_id"]
    try:
        values = await _values(page, api_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    pools = (await page.call(page.console.identity.pools.list, 60, None)).items
    shown = {"test": None, "tested": None, "error": None, "token": "", "claims": ""} | extra
    return page.render("authorizers.html", pools=pools, **values, **shown)


async def authorizers_page(page: Page) -> Response:
    return await _render_list(page)


async def _render_detail(page: Page, **extra: Any) -> Response:
    api_id = page.request.path_params["api_id"]
    authorizer_id = page.request.path_params["authorizer_id"]
    try:
        values = await _values(page, api_id)
        authorizer = await page.call(page.console.apigw.authorizers.get, api_id, authorizer_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    shown = {"test": None, "token": "", "claims": ""} | extra
    return page.render(
        "authorizer_detail.html",
        authorizer=authorizer,
        header=token_header(authorizer),
        **values,
        **shown,
    )


async def authorizer_detail(page: Page) -> Response:
    return await _render_detail(page)


def _new_authorizer(page: Page) -> Authorizer:
    header = page.value("token_source")
    if page.value("type") == "COGNITO_USER_POOLS":
        return Authorizer(
            id="",
            name=page.value("name"),
            type="COGNITO_USER_POOLS",
            provider_arns=(page.value("user_pool"),),
            identity_source=f"{HEADER_SOURCE}{header}",
        )
    return Authorizer(
        id="",
        name=page.value("name"),
        type="TOKEN",
        authorizer_uri=_lambda_uri(page),
        identity_source=f"{HEADER_SOURCE}{header}",
        authorizer_result_ttl_in_seconds=300,
    )


def _lambda_uri(page: Page) -> str:
    """A function name or Lambda ARN as API Gateway's invocation URI."""
    given = page.value("lambda")
    if given.startswith("arn:aws:apigateway:"):
        return given
    region, account = page.console.region, page.console.account_id
    arn = given
    if not given.startswith("arn:"):
        arn = f"arn:aws:lambda:{region}:{account}:function:{given}"
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
    """TestInvokeAuthorizer with the typed token; the result on the page the form was on."""
    api_id = page.request.path_params["api_id"]
    authorizer_id = page.request.path_params["authorizer_id"]
    detail = page.value("view") == "detail"
    invoker = page.console.test_invoker
    if invoker is None:
        return await (_render_detail(page) if detail else _render_list(page))
    try:
        authorizer = await page.call(page.console.apigw.authorizers.get, api_id, authorizer_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    params = {"headers": {token_header(authorizer): page.value("token")}}
    try:
        result = await page.call(invoker.test_invoke_authorizer, api_id, authorizer_id, params)
    except AwsError as error:
        result = {"clientStatus": 500, "log": error_text(error)}
    shown = {"test": result, "claims": _claims(result), "token": page.value("token")}
    if detail:
        return await _render_detail(page, **shown)
    return await _render_list(page, tested=authorizer_id, **shown)


def routes() -> list[tuple[str, Handler, list[str]]]:
    base = "/apis/{api_id}/authorizers"
    return [
        (base, authorizers_page, ["GET"]),
        (base + "/create", authorizer_create, ["POST"]),
        (base + "/{authorizer_id}", authorizer_detail, ["GET"]),
        (base + "/{authorizer_id}/test", authorizer_test, ["POST"]),
    ]
