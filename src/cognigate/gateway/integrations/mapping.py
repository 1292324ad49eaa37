"""Integration request and response mapping: template choice, passthrough, selection patterns.

https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from cognigate.apigw.model import Integration, IntegrationResponse
from cognigate.gateway.context import Invocation, context_variables
from cognigate.gateway.errors import ApiConfigurationError, UnsupportedMediaType
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.parameters import evaluate
from cognigate.gateway.vtl import InputVariable, TemplateError, is_plain, render

JSON = "application/json"
_RESPONSE_HEADER = "method.response.header."


def media_type(value: str | None) -> str:
    return (value or JSON).split(";", 1)[0].strip().lower() or JSON


def _render(inv: Invocation, template: str, body: str, context: dict[str, object]) -> str:
    try:
        return render(
            template,
            input_=InputVariable(body, inv.request_parameters()),
            context=context,
            stage_variables=inv.stage_variables,
        )
    except TemplateError as exc:
        raise ApiConfigurationError(
            log=f"Execution failed due to configuration error: Unable to transform request: {exc}"
        ) from exc


def request_body(inv: Invocation, integration: Integration) -> str:
    """The integration request body: the matching template rendered, or the body passed through.

    :raises UnsupportedMediaType: no template for the content type and passthrough is not allowed.
    """
    templates = integration.request_templates or {}
    wanted = media_type(inv.request.header("content-type"))
    body = inv.request.text
    if wanted not in templates:
        behavior = integration.passthrough_behavior or "WHEN_NO_MATCH"
        if behavior == "NEVER" or (behavior == "WHEN_NO_TEMPLATES" and templates):
            raise UnsupportedMediaType(log="Request body does not match any template")
        return body
    template = templates[wanted]
    if not template:
        return body
    if is_plain(template):
        return template
    return _render(inv, template, body, context_variables(inv))


@functools.lru_cache(maxsize=512)
def _selection(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.DOTALL)


def select_response(integration: Integration, value: str) -> IntegrationResponse:
    """The integration response whose selectionPattern matches ``value``, else the default.

    :raises ApiConfigurationError: neither exists.
    """
    responses = list((integration.integration_responses or {}).values())
    for response in responses:
        pattern = response.selection_pattern
        if pattern and _selection(pattern).fullmatch(value):
            return response
    for response in responses:
        if not response.selection_pattern:
            return response
    raise ApiConfigurationError(
        log="Execution failed due to configuration error: No match for output mapping and no "
        f"default output mapping configured. Endpoint Response Status Code: {value}"
    )


def _response_template(
    inv: Invocation, templates: Mapping[str, str | None]
) -> tuple[str, str | None]:
    accept = media_type(inv.request.header("accept"))
    if accept in templates:
        return accept, templates[accept]
    if JSON in templates:
        return JSON, templates[JSON]
    if templates:
        first = next(iter(templates))
        return first, templates[first]
    return JSON, None


def _overridden(inv: Invocation, response: GatewayResponse) -> GatewayResponse:
    """``$context.responseOverride.status`` and ``.header.X`` as templates set them."""
    override = inv.response_override
    status = str(override.get("status") or "")
    if status.isdigit() and 100 <= int(status) <= 599:
        response.status = int(status)
    headers = override.get("header")
    for name, value in headers.items() if isinstance(headers, Mapping) else ():
        if value is not None:
            response.set_header(str(name), str(value))
    return response


def method_response(
    inv: Invocation,
    chosen: IntegrationResponse,
    body: str,
    endpoint_headers: Mapping[str, str] | None = None,
) -> GatewayResponse:
    """The method response: response template over the endpoint body, mapped headers."""
    content_type, template = _response_template(inv, chosen.response_templates or {})
    if template and is_plain(template):
        body = template
    elif template:
        body = _render(inv, template, body, context_variables(inv))
    headers = [("Content-Type", content_type)]
    for name, expression in (chosen.response_parameters or {}).items():
        if name.startswith(_RESPONSE_HEADER):
            value = evaluate(expression, inv, response_headers=endpoint_headers, response_body=body)
            if value is not None:
                headers.append((name[len(_RESPONSE_HEADER) :], value))
    return _overridden(inv, GatewayResponse(int(chosen.status_code), headers, body.encode()))
