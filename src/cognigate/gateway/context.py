"""One invocation's state as it moves through the pipeline, and its ``$context`` variables.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.stage_model import MethodSetting
from cognigate.gateway.execution_log import ExecutionLog
from cognigate.gateway.messages import GatewayRequest, GatewayResponse
from cognigate.gateway.router import RouteMatch, Router
from cognigate.gateway.timefmt import request_time

TEST_INVOKE_STAGE = "test-invoke-stage"


@dataclass(frozen=True, slots=True)
class AuthorizerOutcome:
    """Who the authorizer let in: Cognito claims, or a Lambda's principal and context."""

    claims: Mapping[str, str] | None = None
    principal_id: str | None = None
    context: Mapping[str, object] = field(default_factory=dict)
    usage_identifier_key: str | None = None

    def as_context(self) -> dict[str, object]:
        """``$context.authorizer`` and ``requestContext.authorizer``."""
        if self.claims is not None:
            return {"claims": dict(self.claims)}
        found: dict[str, object] = {k: context_value(v) for k, v in self.context.items()}
        if self.principal_id is not None:
            found["principalId"] = self.principal_id
        return found


def context_value(value: object) -> str:
    """A Lambda authorizer's context value as API Gateway passes it on (``true``, ``1.5``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def new_apigw_id() -> str:
    """A short ``x-amz-apigw-id`` / extended request id."""
    return base64.b64encode(secrets.token_bytes(6)).decode().replace("/", "A").replace("+", "B")


@dataclass(slots=True)
class Invocation:
    """Everything the steps share for one request."""

    request: GatewayRequest
    api: ApiDefinition
    stage: str
    stage_variables: Mapping[str, str]
    request_id: str
    started: float
    account_id: str
    region: str
    log: ExecutionLog
    router: Router | None = None
    method_settings: Mapping[str, MethodSetting] = field(default_factory=dict)
    deployment_id: str = ""
    match: RouteMatch | None = None
    authorizer: AuthorizerOutcome | None = None
    api_key_id: str | None = None
    api_key_value: str | None = None
    response: GatewayResponse | None = None
    integration_latency_ms: int = 0
    test_invoke: bool = False
    apigw_id: str = field(default_factory=new_apigw_id)
    #: ``$context.responseOverride``: templates ``#set`` it, the method response applies it
    response_override: dict[str, object] = field(
        default_factory=lambda: {"header": {}, "status": ""}
    )

    @property
    def api_id(self) -> str:
        return self.api.api.id

    def method_arn(self) -> str:
        """``arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}``."""
        path = self.request.path.lstrip("/")
        return (
            f"arn:aws:execute-api:{self.region}:{self.account_id}:{self.api_id}/"
            f"{self.stage}/{self.request.method}/{path}"
        )

    def request_parameters(self) -> dict[str, dict[str, str]]:
        """``{path, querystring, header}`` of the method request."""
        return {
            "path": dict(self.match.path_parameters) if self.match else {},
            "querystring": self.request.single_query(),
            "header": self.request.single_headers(),
        }


def identity_variables(inv: Invocation) -> dict[str, object]:
    return {
        "sourceIp": inv.request.source_ip,
        "userAgent": inv.request.header("user-agent") or "",
        "apiKey": inv.api_key_value or "",
        "apiKeyId": inv.api_key_id or "",
        "accountId": None,
        "caller": None,
        "user": None,
        "userArn": None,
        "cognitoIdentityId": None,
        "cognitoIdentityPoolId": None,
        "cognitoAuthenticationType": None,
        "cognitoAuthenticationProvider": None,
        "principalOrgId": None,
        "accessKey": None,
    }


def context_variables(inv: Invocation, error: Mapping[str, str] | None = None) -> dict[str, object]:
    """``$context`` for mapping templates, gateway responses and access logs."""
    match = inv.match
    found: dict[str, object] = {
        "accountId": inv.account_id,
        "apiId": inv.api_id,
        "authorizer": inv.authorizer.as_context() if inv.authorizer else {},
        "domainName": inv.request.domain_name,
        "domainPrefix": inv.request.domain_name.split(".", 1)[0],
        "extendedRequestId": inv.apigw_id,
        "httpMethod": inv.request.method,
        "identity": identity_variables(inv),
        "path": f"/{inv.stage}{inv.request.path}",
        "protocol": "HTTP/1.1",
        "requestId": inv.request_id,
        "awsEndpointRequestId": inv.request_id,
        "requestTime": request_time(inv.started),
        "requestTimeEpoch": int(inv.started * 1000),
        "resourceId": match.resource.id if match else "",
        "resourcePath": match.resource.path if match else "",
        "stage": inv.stage,
        "deploymentId": inv.deployment_id,
        "integrationLatency": inv.integration_latency_ms,
        "status": inv.response.status if inv.response else "",
        "responseOverride": inv.response_override,
        "requestOverride": {"header": {}, "path": {}, "querystring": {}},
    }
    if error is not None:
        found["error"] = dict(error)
    return found
