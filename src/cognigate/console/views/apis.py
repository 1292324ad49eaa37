"""API Gateway pages: the APIs list (create, import), an API's resources tree and resources."""

from __future__ import annotations

from typing import Any

import yaml
from starlette.responses import Response

from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.model import ApiDefinition, Integration, Method, Resource
from cognigate.apigw.rest_apis import NewRestApi
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError

HTTP_METHODS = ("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def invoke_url(base_url: str, api_id: str, stage: str) -> str:
    """The stage's invoke URL (path style; also served on ``<apiId>.execute-api.localhost``)."""
    return f"{base_url.rstrip('/')}/restapis/{api_id}/{stage}/_user_request_"


async def api_list(page: Page) -> Response:
    apigw = page.console.apigw
    if page.request.method == "POST":
        return await _create_api(page)
    apis = (await page.call(apigw.rest_apis.list, None, 500)).items if apigw else []
    return page.render("apis.html", apis=apis, error=None)


async def _create_api(page: Page) -> Response:
    apigw = page.console.apigw
    try:
        if page.value("openapi"):
            api = await page.call(_import, apigw, page.value("openapi"))
        else:
            api = await page.call(
                apigw.rest_apis.create,
                NewRestApi(name=page.value("name"), description=page.value("description") or None),
            )
    except AwsError as error:
        apis = (await page.call(apigw.rest_apis.list, None, 500)).items
        return page.render("apis.html", status=400, apis=apis, error=error_text(error))
    return page.redirect(f"/console/apis/{api.id}", notice="api-created", name=api.name)


def _import(apigw: Any, text: str) -> Any:
    """ImportRestApi of a JSON or YAML document (YAML is parsed here, at the edge)."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BadRequestException("Invalid OpenAPI input.") from error
    return apigw.openapi.import_api(document)


def tree(definition: ApiDefinition) -> list[tuple[int, Resource]]:
    """Resources depth-first from the root, with their depth, sorted by path."""
    ordered = sorted(definition.resources.values(), key=lambda r: r.path)
    return [(0 if r.path == "/" else r.path.count("/"), r) for r in ordered]


async def api_detail(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    try:
        definition = await page.call(page.console.apigw.rest_apis.definition, api_id)
        stages = await page.call(page.console.apigw.stages.list, api_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    return page.render(
        "api_detail.html",
        definition=definition,
        api=definition.api,
        tree=tree(definition),
        stages=stages,
        http_methods=HTTP_METHODS,
    )


async def resource_create(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    try:
        await page.call(
            page.console.apigw.resources.create,
            api_id,
            page.value("parent_id"),
            page.value("path_part"),
        )
    except AwsError as error:
        return page.redirect(f"/console/apis/{api_id}", notice="error", name=error_text(error))
    return page.redirect(f"/console/apis/{api_id}")


async def method_create(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    resource_id = page.value("resource_id")
    verb = page.value("http_method")
    apigw = page.console.apigw
    try:
        await page.call(apigw.methods.put, api_id, resource_id, Method(http_method=verb))
        if page.value("integration") == "MOCK":
            await page.call(
                apigw.integrations.put,
                api_id,
                resource_id,
                verb,
                Integration(
                    type="MOCK", request_templates={"application/json": '{"statusCode": 200}'}
                ),
            )
    except AwsError as error:
        return page.redirect(f"/console/apis/{api_id}", notice="error", name=error_text(error))
    return page.redirect(f"/console/apis/{api_id}/resources/{resource_id}/methods/{verb}")


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/apis", api_list, ["GET", "POST"]),
        ("/apis/{api_id}", api_detail, ["GET"]),
        ("/apis/{api_id}/resources", resource_create, ["POST"]),
        ("/apis/{api_id}/methods", method_create, ["POST"]),
    ]
