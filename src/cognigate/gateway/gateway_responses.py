"""Turning a :class:`GatewayError` into the API's gateway response (defaults or customised).

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
"""

from __future__ import annotations

import json
import logging

from cognigate.apigw.gateway_responses import DEFAULT_STATUS, DEFAULT_TEMPLATE, family
from cognigate.apigw.model import GatewayResponse as GatewayResponseConfig
from cognigate.gateway.context import Invocation, context_variables
from cognigate.gateway.errors import GatewayError
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.parameters import evaluate
from cognigate.gateway.vtl import InputVariable, TemplateError, render

logger = logging.getLogger(__name__)

_HEADER_PREFIX = "gatewayresponse.header."
JSON = "application/json"


def _customised(inv: Invocation, response_type: str) -> GatewayResponseConfig | None:
    configured = inv.api.gateway_responses
    found = configured.get(response_type)
    if found is not None and not found.default_response:
        return found
    fallback = configured.get(family(response_type) or "DEFAULT_5XX")
    if fallback is not None and not fallback.default_response:
        return fallback
    return None


def _status(error: GatewayError, config: GatewayResponseConfig | None) -> int:
    if config is not None and config.status_code:
        return int(config.status_code)
    if error.status is not None:
        return error.status
    return int(DEFAULT_STATUS.get(error.response_type) or 500)


def error_variables(error: GatewayError) -> dict[str, str]:
    """``$context.error``."""
    return {
        "message": error.message or "",
        "messageString": json.dumps(error.message),
        "responseType": error.response_type,
        "validationErrorString": error.validation_error,
    }


def _body(inv: Invocation, error: GatewayError, config: GatewayResponseConfig | None) -> bytes:
    templates = dict(config.response_templates) if config else {}
    template = templates.get(JSON) or next(iter(templates.values()), None)
    if template is None:
        if config is not None:
            return b""
        template = DEFAULT_TEMPLATE.replace('"message"', f'"{error.message_key}"')
    try:
        text = render(
            template,
            input_=InputVariable(""),
            context=context_variables(inv, error_variables(error)),
            stage_variables=inv.stage_variables,
        )
    except TemplateError:
        logger.warning("gateway response template of %s failed", error.response_type)
        text = json.dumps({error.message_key: error.message})
    return text.encode()


def common_headers(request_id: str, apigw_id: str, trace: str) -> list[tuple[str, str]]:
    """``x-amzn-RequestId``, ``x-amz-apigw-id`` and the request's ``X-Amzn-Trace-Id``."""
    return [
        ("x-amzn-RequestId", request_id),
        ("x-amz-apigw-id", apigw_id),
        ("X-Amzn-Trace-Id", trace),
    ]


def render_error(inv: Invocation, error: GatewayError) -> GatewayResponse:
    """The response for ``error`` under ``inv``'s API (its customisations apply)."""
    config = _customised(inv, error.response_type)
    headers = [("Content-Type", JSON), ("x-amzn-ErrorType", error.error_type)]
    for name, expression in (config.response_parameters if config else {}).items():
        if name.startswith(_HEADER_PREFIX):
            value = evaluate(expression, inv)
            if value is not None:
                headers.append((name[len(_HEADER_PREFIX) :], value))
    return GatewayResponse(_status(error, config), headers, _body(inv, error, config))


def plain_error(status: int, message: str, error_type: str, request_id: str) -> GatewayResponse:
    """An error before any API is known (unknown API or stage)."""
    headers = [("Content-Type", JSON), ("x-amzn-RequestId", request_id)]
    headers.append(("x-amzn-ErrorType", error_type))
    return GatewayResponse(
        status, headers, json.dumps({"message": message}, separators=(",", ":")).encode()
    )
