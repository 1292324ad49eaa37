"""Outbound HTTP for HTTP and HTTP_PROXY integrations: URL, parameters, errors as AWS maps them.

https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import httpx

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import ApiConfigurationError, IntegrationFailure, IntegrationTimeout
from cognigate.gateway.parameters import evaluate, with_stage_variables
from cognigate.gateway.runtime import Runtime

_PLACEHOLDER = re.compile(r"\{([^}]+?)\+?\}")
_PREFIX = "integration.request."
_GREEDY = re.compile(r"\{([^}]+)\+\}")
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
     "transfer-encoding", "upgrade", "host", "content-length"}
)  # fmt: skip


def mapped_parameters(inv: Invocation, integration: Integration, where: str) -> dict[str, str]:
    """``integration.request.<where>.X`` values (``where``: path, querystring, header)."""
    prefix = f"{_PREFIX}{where}."
    found: dict[str, str] = {}
    for name, expression in (integration.request_parameters or {}).items():
        if name.startswith(prefix):
            value = evaluate(expression, inv)
            if value is not None:
                found[name[len(prefix) :]] = value
    return found


def _multi_segment(inv: Invocation, integration: Integration) -> set[str]:
    """Integration path parameters whose value is a greedy ``{proxy+}`` method parameter."""
    greedy = set(_GREEDY.findall(inv.match.resource.path)) if inv.match else set()
    found = set(greedy)
    prefix = f"{_PREFIX}path."
    for name, expression in (integration.request_parameters or {}).items():
        if name.startswith(prefix):
            source = expression.removeprefix("method.request.path.")
            target = name[len(prefix) :]
            if source != expression and source in greedy:
                found.add(target)
            else:
                found.discard(target)
    return found


def endpoint_url(inv: Invocation, integration: Integration) -> str:
    """``uri`` with ``{name}``/``{proxy+}`` filled from mapped or same-named path parameters.

    A value taken from a greedy path parameter keeps its ``/`` (``/a/b%20c``), as AWS sends it.
    """
    path_values = dict(inv.match.path_parameters) if inv.match else {}
    path_values.update(mapped_parameters(inv, integration, "path"))
    slashes = _multi_segment(inv, integration)

    def fill(match: re.Match[str]) -> str:
        value = path_values.get(match.group(1), "")
        keep = match.group(0).endswith("+}") or match.group(1) in slashes
        return quote(value, safe="/" if keep else "")

    uri = with_stage_variables(integration.uri or "", inv.stage_variables)
    if not uri.startswith(("http://", "https://")):
        raise ApiConfigurationError(
            log="Execution failed due to configuration error: Invalid endpoint address"
        )
    return _PLACEHOLDER.sub(fill, uri)


async def send(runtime: Runtime, request: httpx.Request, timeout_ms: int) -> httpx.Response:
    """Send and start streaming the response.

    :raises IntegrationTimeout: no answer within ``timeout_ms``.
    :raises IntegrationFailure: the connection failed.
    """
    client = runtime.http_client()
    request.extensions["timeout"] = httpx.Timeout(timeout_ms / 1000).as_dict()
    try:
        return await client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise IntegrationTimeout(log="Execution failed due to a timeout error") from exc
    except httpx.HTTPError as exc:
        raise IntegrationFailure(
            log=f"Execution failed due to configuration error: {type(exc).__name__}"
        ) from exc


def elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def forwarded_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP]
