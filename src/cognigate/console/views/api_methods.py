"""Method execution pages: method request settings, integration tabs, and the Test tab."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import Response

from cognigate.apigw.model import Method
from cognigate.apigw.patch import PatchOp
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.console.views.integration_edit import PASSTHROUGH
from cognigate.core.errors import AwsError


def _lines(text: str) -> dict[str, str]:
    """``Name: value`` (or ``Name=value``) lines → a header map."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        sep = ":" if ":" in line else "="
        name, _, value = line.partition(sep)
        if name.strip():
            headers[name.strip()] = value.strip()
    return headers


async def _context(page: Page) -> dict[str, Any]:
    apigw = page.console.apigw
    api_id = page.request.path_params["api_id"]
    resource_id = page.request.path_params["resource_id"]
    verb = page.request.path_params["http_method"]
    definition = await page.call(apigw.rest_apis.definition, api_id)
    resource = definition.resources.get(resource_id)
    method = resource.method(verb) if resource else None
    if resource is None or method is None:
        raise LookupError("Invalid Method identifier specified")
    return {
        "api": definition.api,
        "resource": resource,
        "method": method,
        "verb": verb,
        "authorizers": list(definition.authorizers.values()),
        "validators": list(definition.request_validators.values()),
        "passthrough": PASSTHROUGH,
        "test": None,
        "stages": await page.call(apigw.stages.list, api_id),
    }


async def method_page(page: Page) -> Response:
    try:
        values = await _context(page)
    except (LookupError, AwsError) as error:
        return page.finish(html_error(str(error), 404))
    query = page.request.query_params
    return page.render(
        "method.html", tab=query.get("tab", "request"), editing=query.get("edit") == "1", **values
    )


def _request_ops(page: Page, method: Method) -> list[PatchOp]:
    """Authorization (always sent, as the AWS console does), API key and request validator."""
    choice = page.value("authorization") or "NONE"
    ops = [PatchOp("replace", "/authorizationType", "NONE")]
    if choice != "NONE":
        authorizer_id, _, kind = choice.partition(":")
        ops = [
            PatchOp("replace", "/authorizationType", kind),
            PatchOp("replace", "/authorizerId", authorizer_id),
        ]
    if "settings" not in page.form:
        # an authorization-only form (as the lab walkthrough's step posts it)
        return ops
    if page.checked("api_key") != method.api_key_required:
        ops.append(PatchOp("replace", "/apiKeyRequired", str(page.checked("api_key")).lower()))
    validator = page.value("request_validator")
    if validator != (method.request_validator_id or ""):
        ops.append(
            PatchOp("replace", "/requestValidatorId", validator)
            if validator
            else PatchOp("remove", "/requestValidatorId")
        )
    return ops


async def method_request_save(page: Page) -> Response:
    p = page.request.path_params
    back = f"/console/apis/{p['api_id']}/resources/{p['resource_id']}/methods/{p['http_method']}"
    apigw = page.console.apigw
    try:
        method = await page.call(apigw.methods.get, p["api_id"], p["resource_id"], p["http_method"])
        ops = _request_ops(page, method)
        await page.call(apigw.methods.update, p["api_id"], p["resource_id"], p["http_method"], ops)
    except AwsError as error:
        return page.redirect(back, tab="request", edit="1", notice="error", name=error_text(error))
    return page.redirect(back, notice="method-updated", name=p["http_method"])


async def method_test(page: Page) -> Response:
    try:
        values = await _context(page)
    except (LookupError, AwsError) as error:
        return page.finish(html_error(str(error), 404))
    invoker = page.console.test_invoker
    if invoker is None:
        return page.render(
            "method.html", tab="test", error="Test invoke is not available.", **values
        )
    resource = values["resource"]
    query = page.value("query")
    path = resource.path + (("?" + query) if query else "")
    params = {
        "resourceId": resource.id,
        "httpMethod": values["verb"],
        "pathWithQueryString": path,
        "headers": _lines(page.value("headers")),
        "body": page.value("body") or None,
        "stageVariables": dict(parse_qsl(page.value("stage_variables"))),
    }
    started = time.perf_counter()
    try:
        result = await page.call(invoker.test_invoke_method, values["api"].id, params)
    except AwsError as error:
        return page.render("method.html", tab="test", error=error_text(error), **values)
    values["test"] = {"result": result, "elapsed": int((time.perf_counter() - started) * 1000)}
    return page.render("method.html", tab="test", form=page.form, **values)


def routes() -> list[tuple[str, Handler, list[str]]]:
    base = "/apis/{api_id}/resources/{resource_id}/methods/{http_method}"
    return [
        (base, method_page, ["GET"]),
        (base + "/request", method_request_save, ["POST"]),
        (base + "/test", method_test, ["POST"]),
    ]
