"""RestApis: CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi.

https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cognigate.apigw import patch
from cognigate.apigw.codec import Doc, from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page, require_api
from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.model import ApiDefinition, EndpointConfiguration, Resource, RestApi
from cognigate.apigw.models import default_models
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule
from cognigate.core import ids

MAX_COMPRESSION = 10485760
ENDPOINT_TYPES = ("REGIONAL", "EDGE", "PRIVATE")
IP_ADDRESS_TYPES = ("ipv4", "dualstack")

_TABLE = PatchTable(
    (
        rule("/name"),
        rule("/description", "replace", "remove"),
        rule("/version", "replace", "remove"),
        rule("/policy", "replace", "remove"),
        rule("/apiKeySource"),
        rule("/minimumCompressionSize", "replace"),
        rule("/disableExecuteApiEndpoint", kind=Kind.BOOL),
        rule("/endpointConfiguration/ipAddressType"),
    )
)


@dataclass(frozen=True, slots=True)
class NewRestApi:
    """The members of CreateRestApi (and of an imported document's API-level settings)."""

    name: str
    description: str | None = None
    version: str | None = None
    binary_media_types: tuple[str, ...] | None = None
    minimum_compression_size: int | None = None
    api_key_source: str | None = None
    endpoint_configuration: EndpointConfiguration | None = None
    policy: str | None = None
    tags: Mapping[str, str] | None = None
    disable_execute_api_endpoint: bool | None = None


def _endpoint(config: EndpointConfiguration | None) -> EndpointConfiguration:
    """The endpoint configuration AWS stores for a create request.

    :raises BadRequestException: no type, several types, or IPv4 for a private API.
    """
    if config is not None and not config.types:
        raise BadRequestException(
            "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."
        )
    types = config.types if config is not None else ("EDGE",)
    if len(types) > 1:
        raise BadRequestException("Cannot create an api with multiple Endpoint Types.")
    default_ip = "dualstack" if types == ("PRIVATE",) else "ipv4"
    ip_type = config.ip_address_type if config and config.ip_address_type else default_ip
    if types == ("PRIVATE",) and ip_type != "dualstack":
        raise BadRequestException("Only dualstack ipAddressType is supported for Private APIs.")
    vpce = config.vpc_endpoint_ids if config else None
    return EndpointConfiguration(types=types, ip_address_type=ip_type, vpc_endpoint_ids=vpce)


def check_compression(size: int | None) -> None:
    if size is not None and not 0 <= size <= MAX_COMPRESSION:
        raise BadRequestException(
            f"Invalid minimum compression size, must be between 0 and {MAX_COMPRESSION}"
        )


def new_definition(spec: NewRestApi, created: float) -> ApiDefinition:
    """A fresh API with its root resource ``/``.

    :raises BadRequestException: empty description, bad compression size or endpoint types.
    """
    if spec.description == "":
        raise BadRequestException("Description cannot be an empty string")
    check_compression(spec.minimum_compression_size)
    root = Resource(id=ids.short_id(10), path="/")
    api = RestApi(
        id=ids.rest_api_id(),
        name=spec.name,
        created_date=created,
        root_resource_id=root.id,
        description=spec.description,
        version=spec.version,
        binary_media_types=spec.binary_media_types or None,
        minimum_compression_size=spec.minimum_compression_size,
        api_key_source=spec.api_key_source or "HEADER",
        endpoint_configuration=_endpoint(spec.endpoint_configuration),
        policy=spec.policy,
        tags=spec.tags or None,
        disable_execute_api_endpoint=bool(spec.disable_execute_api_endpoint),
    )
    return ApiDefinition(api=api, resources={root.id: root}, models=default_models())


def _special(doc: Doc, op: PatchOp) -> bool:
    path = op.path or ""
    if path.startswith("/binaryMediaTypes/") and op.op in ("add", "remove", "replace"):
        media = patch.segments(path)[1]
        current = doc.get("binaryMediaTypes")
        items = [m for m in current if m != media] if isinstance(current, list) else []
        if op.op == "add":
            items.append(media)
        elif op.op == "replace" and op.value:
            # AWS parity: the named type goes, the new one is appended
            items = [*(m for m in items if m != op.value), op.value]
        doc["binaryMediaTypes"] = items or None
        return True
    if path.startswith("/endpointConfiguration/types/"):
        if op.op != "replace":
            raise BadRequestException(
                "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"
            )
        if op.value not in ENDPOINT_TYPES:
            raise BadRequestException(
                "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"
            )
        config = doc.setdefault("endpointConfiguration", {})
        if isinstance(config, dict):
            config["types"] = [op.value]
        return True
    if path == "/minimumCompressionSize" and op.op == "replace":
        doc["minimumCompressionSize"] = int(op.value) if op.value and op.value.isdigit() else None
        if op.value and not op.value.isdigit():
            check_compression(-1)
        return True
    return False


Importer = Callable[[object], RestApi]


def _checked_endpoint(api: RestApi, ops: Sequence[PatchOp]) -> RestApi:
    """AWS's endpoint rules after UpdateRestApi: a private API is dual-stack."""
    config = api.endpoint_configuration
    ip_patched = any(op.path == "/endpointConfiguration/ipAddressType" for op in ops)
    if config.ip_address_type not in IP_ADDRESS_TYPES:
        raise BadRequestException("ipAddressType must be either ipv4 or dualstack.")
    if config.types == ("PRIVATE",) and config.ip_address_type != "dualstack":
        if ip_patched:
            raise BadRequestException("Only dualstack ipAddressType is supported for Private APIs.")
        config = dataclasses.replace(config, ip_address_type="dualstack")
    return dataclasses.replace(api, endpoint_configuration=config)


class RestApis:
    """The RestApi operations."""

    def __init__(self, scope: Scope, importer: Importer | None = None) -> None:
        self._scope = scope
        self._importer = importer

    def import_api(self, body: bytes | str, params: Mapping[str, str] | None = None) -> RestApi:
        """ImportRestApi of a JSON document (YAML is parsed at the wire edge, not here).

        :raises BadRequestException: ``Invalid OpenAPI input.``
        """
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            document: object = json.loads(text)
        except ValueError:
            document = text
        if self._importer is None:
            raise BadRequestException("Invalid OpenAPI input.")
        return self._importer(document)

    def create(self, spec: NewRestApi) -> RestApi:
        definition = new_definition(spec, self._scope.now())
        with self._scope.uow(write=True) as uow:
            uow.apis.save(definition)
        return definition.api

    def get(self, api_id: str) -> RestApi:
        """:raises NotFoundException: unknown API."""
        with self._scope.uow(write=False) as uow:
            return require_api(uow, self._scope, api_id).api

    def definition(self, api_id: str) -> ApiDefinition:
        """The whole current (undeployed) definition. :raises NotFoundException:"""
        with self._scope.uow(write=False) as uow:
            return require_api(uow, self._scope, api_id)

    def list(self, position: str | None = None, limit: int | None = None) -> Page[RestApi]:
        with self._scope.uow(write=False) as uow:
            apis = [d.api for d in uow.apis.all()]
        return page(apis, position, limit)

    def update(self, api_id: str, ops: Sequence[PatchOp]) -> RestApi:
        """:raises BadRequestException: bad patch path/op. :raises NotFoundException:"""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            doc = patch.apply(to_doc(definition.api), ops, _TABLE, _special)
            api = _checked_endpoint(from_doc(RestApi, doc), ops)
            check_compression(api.minimum_compression_size)
            uow.apis.save(dataclasses.replace(definition, api=api))
        return api

    def delete(self, api_id: str) -> None:
        """:raises NotFoundException: unknown API."""
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            uow.apis.delete(api_id)
