"""TestInvokeMethod and TestInvokeAuthorizer: the API's current, undeployed definition, with logs.

https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from urllib.parse import parse_qsl

from cognigate.apigw.errors import NotFoundException
from cognigate.gateway.context import TEST_INVOKE_STAGE, Invocation
from cognigate.gateway.deployments import Compiled
from cognigate.gateway.execution_log import ExecutionLog, java_map
from cognigate.gateway.front_door import new_trace_id
from cognigate.gateway.messages import GatewayRequest, GatewayResponse
from cognigate.gateway.pipeline import TEST_STEPS, Gateway, new_request_id, run
from cognigate.gateway.router import RouteMatch

Params = Mapping[str, object]
_HIDDEN = frozenset({"x-amzn-requestid", "x-amz-apigw-id"})


def _mapping(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


def test_request(params: Params, method: str, default_path: str) -> GatewayRequest:
    """The request described by a TestInvoke call's members."""
    path, _, query = str(params.get("pathWithQueryString") or default_path).partition("?")
    headers = list(_mapping(params.get("headers")).items())
    multi = params.get("multiValueHeaders")
    if isinstance(multi, Mapping):
        headers += [(str(k), str(v)) for k, vs in multi.items() for v in (vs or [])]
    body = params.get("body")
    return GatewayRequest(
        method=method,
        path=path if path.startswith("/") else "/" + path,
        headers=tuple(headers),
        query=tuple(parse_qsl(query, keep_blank_values=True)),
        body=str(body).encode() if body else b"",
        domain_name="testPrefix.testDomainName",
        source_ip="test-invoke-source-ip",
    )


def test_invocation(
    gateway: Gateway, compiled: Compiled, request: GatewayRequest, params: Params
) -> Invocation:
    request_id = new_request_id()
    runtime = gateway.runtime
    return Invocation(
        request=request,
        api=compiled.definition,
        stage=TEST_INVOKE_STAGE,
        stage_variables=_mapping(params.get("stageVariables")),
        request_id=request_id,
        started=runtime.clock.now(),
        account_id=runtime.account_id,
        region=runtime.region,
        log=ExecutionLog(runtime.clock, request_id, enabled=True),
        router=compiled.router,
        test_invoke=True,
    )


def current(gateway: Gateway, api_id: str) -> Compiled:
    found = gateway.deployments.current(api_id)
    if found is None:
        raise NotFoundException(
            f"Invalid API identifier specified {gateway.runtime.account_id}:{api_id}"
        )
    return found


async def _collect(response: GatewayResponse) -> bytes:
    if response.stream is None:
        return response.body
    chunks = [chunk async for chunk in response.stream]
    return b"".join(chunks)


def _match(inv: Invocation, resource_id: str, http_method: str) -> RouteMatch:
    resource = inv.api.resources.get(resource_id)
    if resource is None:
        raise NotFoundException("Invalid Resource identifier specified")
    method = resource.method(http_method)
    if method is None:
        raise NotFoundException("Invalid Method identifier specified")
    routed = inv.router.match(inv.request.path, http_method) if inv.router else None
    if routed is None or routed.resource.id != resource_id:
        return RouteMatch(resource, method, {}, {})
    return RouteMatch(resource, method, routed.path_parameters, routed.raw_path_parameters)


def _start_lines(inv: Invocation) -> None:
    log, request = inv.log, inv.request
    log.add(f"Starting execution for request: {inv.request_id}")
    log.add(f"HTTP Method: {request.method}, Resource Path: {request.path}")
    log.add(f"Method request path: {java_map(inv.match.path_parameters if inv.match else {})}")
    log.add(f"Method request query string: {java_map(request.single_query())}")
    log.add(f"Method request headers: {java_map(request.single_headers())}")
    log.add(f"Method request body before transformations: {request.text}")


async def test_invoke_method(
    gateway: Gateway, api_id: str, resource_id: str, http_method: str, params: Params
) -> dict[str, object]:
    """The TestInvokeMethod result: ``status, body, headers, multiValueHeaders, log, latency``."""
    started = time.monotonic()
    compiled = current(gateway, api_id)
    resource = compiled.definition.resources.get(resource_id)
    request = test_request(params, http_method, resource.path if resource else "/")
    inv = test_invocation(gateway, compiled, request, params)
    inv.match = _match(inv, resource_id, http_method)
    _start_lines(inv)
    response = await run(inv, gateway.runtime, TEST_STEPS)
    body = (await _collect(response)).decode("utf-8", "replace")
    failed = response.header("x-amzn-ErrorType") is not None
    headers = {k: v for k, v in response.headers if k.lower() not in _HIDDEN}
    integration = inv.match.method.method_integration
    if integration is not None and integration.type != "MOCK":
        # AWS parity: every non-MOCK test invoke answers with a trace id first.
        trace = new_trace_id(inv.started)
        headers = {"X-Amzn-Trace-Id": trace, **headers}
    if failed:
        headers = {k: v for k, v in headers.items() if k.lower() == "x-amzn-errortype"}
    else:
        inv.log.add(f"Method response body after transformations: {body}")
        inv.log.add(f"Method response headers: {java_map(headers)}")
        inv.log.add("Successfully completed execution")
    inv.log.add(f"Method completed with status: {response.status}")
    return {
        "status": response.status,
        "body": body,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "log": inv.log.text(),
        "latency": int((time.monotonic() - started) * 1000),
    }
