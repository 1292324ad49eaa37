"""The request parts of Lambda events: proxy event (payload 1.0) and REQUEST-authorizer event.

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
"""

from __future__ import annotations

import base64

from cognigate.gateway.context import Invocation, identity_variables
from cognigate.gateway.timefmt import request_time


def request_context(inv: Invocation) -> dict[str, object]:
    """``requestContext`` of a proxy or REQUEST-authorizer event."""
    match = inv.match
    found: dict[str, object] = {
        "resourceId": match.resource.id if match else "",
        "resourcePath": match.resource.path if match else "",
        "httpMethod": inv.request.method,
        "extendedRequestId": inv.apigw_id,
        "requestTime": request_time(inv.started),
        "path": f"/{inv.stage}{inv.request.path}",
        "accountId": inv.account_id,
        "protocol": "HTTP/1.1",
        "stage": inv.stage,
        "domainPrefix": inv.request.domain_name.split(".", 1)[0],
        "requestTimeEpoch": int(inv.started * 1000),
        "requestId": inv.request_id,
        "identity": identity_variables(inv),
        "domainName": inv.request.domain_name,
        "deploymentId": inv.deployment_id,
        "apiId": inv.api_id,
    }
    if inv.authorizer is not None:
        found["authorizer"] = inv.authorizer.as_context()
    return found


def request_parts(inv: Invocation) -> dict[str, object]:
    """The members a proxy event and a REQUEST-authorizer event share."""
    match = inv.match
    request = inv.request
    return {
        "resource": match.resource.path if match else request.path,
        "path": request.path,
        "httpMethod": request.method,
        "headers": request.single_headers() or None,
        "multiValueHeaders": request.multi_headers() or None,
        "queryStringParameters": request.single_query() or None,
        "multiValueQueryStringParameters": request.multi_query() or None,
        # AWS parity: path parameters as sent (``test%2Balias``, ``a//b``), not decoded.
        "pathParameters": (dict(match.raw_path_parameters) if match else {}) or None,
        "stageVariables": dict(inv.stage_variables) or None,
        "requestContext": request_context(inv),
    }


def proxy_event(inv: Invocation) -> dict[str, object]:
    """The AWS_PROXY event, payload format 1.0."""
    event = request_parts(inv)
    body = inv.request.body
    try:
        event["body"] = body.decode("utf-8") if body else None
        event["isBase64Encoded"] = False
    except UnicodeDecodeError:
        event["body"] = base64.b64encode(body).decode()
        event["isBase64Encoded"] = True
    return event
