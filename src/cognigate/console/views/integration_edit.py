"""Method execution edits: integration request (passthrough, timeout, mapping templates,
request parameters) and integration responses (status, selection pattern, templates).

They become the patch operations of UpdateIntegration / UpdateIntegrationResponse, or a
PutIntegrationResponse, handed to the same domain calls the AWS API uses.
https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateIntegration.html
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from cognigate.apigw.model import Integration, IntegrationResponse
from cognigate.apigw.patch import PatchOp
from cognigate.console.context import Handler, Page, error_text
from cognigate.core.errors import AwsError

PASSTHROUGH = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")


def pairs(text: str) -> dict[str, str]:
    """``name = value`` lines as a map (a line without ``=`` maps its name to ``""``)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        name, _, value = line.partition("=")
        if name.strip():
            found[name.strip()] = value.strip()
    return found


def _escaped(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def map_ops(
    member: str, current: Mapping[str, Any] | None, given: Mapping[str, str]
) -> list[PatchOp]:
    """Patch operations turning the map ``member`` from ``current`` into ``given``."""
    current = current or {}
    ops = [PatchOp("remove", f"/{member}/{_escaped(k)}") for k in current if k not in given]
    ops += [
        PatchOp("add" if k not in current else "replace", f"/{member}/{_escaped(k)}", v)
        for k, v in given.items()
        if current.get(k) != v
    ]
    return ops


def templates(page: Page, prefix: str = "") -> dict[str, str]:
    """The submitted content-type/template rows; a row without a content type is ignored, one
    without a template body removes that content type."""
    types = page.form_lists.get(prefix + "template_type", [])
    bodies = page.form_lists.get(prefix + "template_body", [])
    return {t.strip(): b for t, b in zip(types, bodies, strict=False) if t.strip() and b.strip()}


def _where(page: Page) -> tuple[str, str, str]:
    p = page.request.path_params
    return p["api_id"], p["resource_id"], p["http_method"]


def _back(page: Page, tab: str, notice: str, name: str) -> Response:
    api_id, resource_id, verb = _where(page)
    path = f"/console/apis/{api_id}/resources/{resource_id}/methods/{verb}"
    return page.redirect(path, tab=tab, notice=notice, name=name)


def _settings_ops(current: Integration, page: Page) -> list[PatchOp]:
    ops: list[PatchOp] = []
    passthrough, timeout = page.value("passthrough"), page.value("timeout")
    if passthrough and passthrough != current.passthrough_behavior:
        ops.append(PatchOp("replace", "/passthroughBehavior", passthrough))
    if timeout and timeout != str(current.timeout_in_millis):
        ops.append(PatchOp("replace", "/timeoutInMillis", timeout))
    return ops


def _response_ops(current: IntegrationResponse, page: Page) -> list[PatchOp]:
    pattern = page.value("selection_pattern")
    ops: list[PatchOp] = []
    if pattern != (current.selection_pattern or ""):
        ops.append(
            PatchOp("replace", "/selectionPattern", pattern)
            if pattern
            else PatchOp("remove", "/selectionPattern")
        )
    ops += map_ops("responseTemplates", current.response_templates, templates(page))
    ops += map_ops(
        "responseParameters", current.response_parameters, pairs(page.value("parameters"))
    )
    return ops


async def integration_save(page: Page) -> Response:
    apigw = page.console.apigw
    api_id, resource_id, verb = _where(page)
    try:
        current = await page.call(apigw.integrations.get, api_id, resource_id, verb)
        ops = _settings_ops(current, page)
        ops += map_ops("requestTemplates", current.request_templates, templates(page))
        ops += map_ops(
            "requestParameters", current.request_parameters, pairs(page.value("parameters"))
        )
        if ops:
            await page.call(apigw.integrations.update, api_id, resource_id, verb, ops)
    except AwsError as error:
        return _back(page, "integration", "error", error_text(error))
    return _back(page, "integration", "integration-updated", verb)


async def response_save(page: Page) -> Response:
    """Save (or, with ``action=delete``, delete) one existing integration response."""
    apigw = page.console.apigw
    api_id, resource_id, verb = _where(page)
    code = page.request.path_params["status"]
    try:
        if page.value("action") == "delete":
            await page.call(apigw.integrations.delete_response, api_id, resource_id, verb, code)
            return _back(page, "response", "response-deleted", code)
        current = await page.call(apigw.integrations.get_response, api_id, resource_id, verb, code)
        ops = _response_ops(current, page)
        if ops:
            await page.call(
                apigw.integrations.update_response, api_id, resource_id, verb, code, ops
            )
    except AwsError as error:
        return _back(page, "response", "error", error_text(error))
    return _back(page, "response", "response-saved", code)


async def response_create(page: Page) -> Response:
    """PutIntegrationResponse from the "Create response" form."""
    api_id, resource_id, verb = _where(page)
    code = page.value("status_code")
    where = {"restApiId": api_id, "resourceId": resource_id, "httpMethod": verb}
    problem = page.invalid("apigateway", "PutIntegrationResponse", {**where, "statusCode": code})
    if problem is not None:
        return _back(page, "response", "error", problem)
    response = IntegrationResponse(
        status_code=code,
        selection_pattern=page.value("selection_pattern") or None,
        response_parameters=pairs(page.value("parameters")) or None,
        response_templates=templates(page) or None,
    )
    try:
        await page.call(
            page.console.apigw.integrations.put_response, api_id, resource_id, verb, response
        )
    except AwsError as error:
        return _back(page, "response", "error", error_text(error))
    return _back(page, "response", "response-saved", code)


def routes() -> list[tuple[str, Handler, list[str]]]:
    base = "/apis/{api_id}/resources/{resource_id}/methods/{http_method}"
    return [
        (base + "/integration", integration_save, ["POST"]),
        (base + "/responses", response_create, ["POST"]),
        (base + "/responses/{status}", response_save, ["POST"]),
    ]
