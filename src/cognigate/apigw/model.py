"""The REST API definition: the API, its resource tree, methods, integrations and authorizers.

https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html
One :class:`ApiDefinition` is the aggregate that a deployment snapshots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.apigw.codec import wire


@dataclass(frozen=True, slots=True)
class EndpointConfiguration:
    types: tuple[str, ...] = ("EDGE",)
    ip_address_type: str | None = None
    vpc_endpoint_ids: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class RestApi:
    id: str
    name: str
    created_date: float
    root_resource_id: str
    description: str | None = None
    version: str | None = None
    warnings: tuple[str, ...] | None = None
    binary_media_types: tuple[str, ...] | None = None
    minimum_compression_size: int | None = None
    api_key_source: str = "HEADER"
    endpoint_configuration: EndpointConfiguration = field(default_factory=EndpointConfiguration)
    policy: str | None = None
    tags: Mapping[str, str] | None = None
    disable_execute_api_endpoint: bool = False


@dataclass(frozen=True, slots=True)
class IntegrationResponse:
    status_code: str
    selection_pattern: str | None = None
    response_parameters: Mapping[str, str] | None = None
    response_templates: Mapping[str, str | None] | None = None
    content_handling: str | None = None


@dataclass(frozen=True, slots=True)
class TlsConfig:
    insecure_skip_verification: bool = False


@dataclass(frozen=True, slots=True)
class Integration:
    type: str
    http_method: str | None = None
    uri: str | None = None
    connection_type: str | None = None
    connection_id: str | None = None
    credentials: str | None = None
    request_parameters: Mapping[str, str] | None = None
    request_templates: Mapping[str, str | None] | None = None
    passthrough_behavior: str | None = None
    content_handling: str | None = None
    timeout_in_millis: int = 29000
    cache_namespace: str | None = None
    cache_key_parameters: tuple[str, ...] = ()
    integration_responses: Mapping[str, IntegrationResponse] | None = None
    tls_config: TlsConfig | None = None


@dataclass(frozen=True, slots=True)
class MethodResponse:
    status_code: str
    response_parameters: Mapping[str, bool] | None = None
    response_models: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Method:
    http_method: str
    authorization_type: str = "NONE"
    authorizer_id: str | None = None
    api_key_required: bool = False
    request_validator_id: str | None = None
    operation_name: str | None = None
    request_parameters: Mapping[str, bool] | None = None
    request_models: Mapping[str, str] | None = None
    method_responses: Mapping[str, MethodResponse] | None = None
    method_integration: Integration | None = None
    authorization_scopes: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    path: str
    parent_id: str | None = None
    path_part: str | None = None
    resource_methods: Mapping[str, Method] | None = None

    def method(self, http_method: str) -> Method | None:
        return (self.resource_methods or {}).get(http_method)

    def with_method(self, method: Method) -> Resource:
        methods = {**(self.resource_methods or {}), method.http_method: method}
        return dataclasses.replace(self, resource_methods=methods)

    def without_method(self, http_method: str) -> Resource:
        methods = {k: v for k, v in (self.resource_methods or {}).items() if k != http_method}
        return dataclasses.replace(self, resource_methods=methods or None)


@dataclass(frozen=True, slots=True)
class Authorizer:
    id: str
    name: str
    type: str
    provider_arns: tuple[str, ...] | None = field(default=None, metadata=wire("providerARNs"))
    auth_type: str | None = None
    authorizer_uri: str | None = None
    authorizer_credentials: str | None = None
    identity_source: str | None = None
    identity_validation_expression: str | None = None
    authorizer_result_ttl_in_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    name: str
    content_type: str
    description: str | None = None
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class RequestValidator:
    id: str
    name: str
    validate_request_body: bool = False
    validate_request_parameters: bool = False


@dataclass(frozen=True, slots=True)
class GatewayResponse:
    response_type: str
    status_code: str | None = None
    response_parameters: Mapping[str, str] = field(default_factory=dict)
    response_templates: Mapping[str, str] = field(default_factory=dict)
    default_response: bool = False


@dataclass(frozen=True, slots=True)
class ApiDefinition:
    """Everything a deployment freezes: the API and all its sub-resources."""

    api: RestApi
    resources: Mapping[str, Resource]
    authorizers: Mapping[str, Authorizer] = field(default_factory=dict)
    models: Mapping[str, Model] = field(default_factory=dict)
    request_validators: Mapping[str, RequestValidator] = field(default_factory=dict)
    gateway_responses: Mapping[str, GatewayResponse] = field(default_factory=dict)

    def with_resource(self, resource: Resource) -> ApiDefinition:
        return dataclasses.replace(self, resources={**self.resources, resource.id: resource})

    def children(self, resource_id: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.parent_id == resource_id]

    def has_methods(self) -> bool:
        return any(r.resource_methods for r in self.resources.values())
