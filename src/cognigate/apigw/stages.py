"""Stages: Create/Get/Update/DeleteStage, including method settings and stage variables.

https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import Doc, from_doc, to_doc
from cognigate.apigw.context import Scope, require_api
from cognigate.apigw.errors import BadRequestException, ConflictException, NotFoundException
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.stage_model import MethodSetting, Stage, check_stage_name

_TABLE = PatchTable(
    (
        rule("/deploymentId"),
        rule("/description", "replace", "remove"),
        rule("/cacheClusterEnabled", kind=Kind.BOOL),
        rule("/cacheClusterSize"),
        rule("/clientCertificateId", "replace", "remove"),
        rule("/tracingEnabled", kind=Kind.BOOL),
        rule("/documentationVersion", "replace", "remove"),
        rule("/webAclArn", "replace", "remove"),
        rule("/variables/*", "add", "replace", "remove"),
        rule("/accessLogSettings/destinationArn", "add", "replace", "remove"),
        rule("/accessLogSettings/format", "add", "replace", "remove"),
    )
)
#: ``{group}/{name}`` of a method-setting path -> (member, kind)
SETTINGS: dict[str, tuple[str, Kind]] = {
    "metrics/enabled": ("metricsEnabled", Kind.BOOL),
    "logging/dataTrace": ("dataTraceEnabled", Kind.BOOL),
    "logging/loglevel": ("loggingLevel", Kind.STRING),
    "throttling/burstLimit": ("throttlingBurstLimit", Kind.INT),
    "throttling/rateLimit": ("throttlingRateLimit", Kind.FLOAT),
    "caching/ttlInSeconds": ("cacheTtlInSeconds", Kind.INT),
    "caching/enabled": ("cachingEnabled", Kind.BOOL),
    "caching/dataEncrypted": ("cacheDataEncrypted", Kind.BOOL),
    "caching/requireAuthorizationForCacheControl": (
        "requireAuthorizationForCacheControl",
        Kind.BOOL,
    ),
    "caching/unauthorizedCacheControlHeaderStrategy": (
        "unauthorizedCacheControlHeaderStrategy",
        Kind.STRING,
    ),
}
# AWS parity: AWS's list, verbatim; it lacks the commas after the two throttling entries.
_VALID_PATHS = (
    "/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, "
    "/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, "
    "/{resourcePath}/{httpMethod}/metrics/enabled, "
    "/{resourcePath}/{httpMethod}/logging/dataTrace, "
    "/{resourcePath}/{httpMethod}/logging/loglevel, "
    "/{resourcePath}/{httpMethod}/throttling/burstLimit"
    "/{resourcePath}/{httpMethod}/throttling/rateLimit"
    "/{resourcePath}/{httpMethod}/caching/ttlInSeconds, "
    "/{resourcePath}/{httpMethod}/caching/enabled, "
    "/{resourcePath}/{httpMethod}/caching/dataEncrypted, "
    "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
    "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, "
    "/*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, "
    "/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, "
    "/*/*/caching/enabled, /*/*/caching/dataEncrypted, "
    "/*/*/caching/requireAuthorizationForCacheControl, "
    "/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, "
    "/tracingEnabled"
)


def _bad_path(path: str | None) -> BadRequestException:
    return BadRequestException(
        f"Invalid method setting path: {path}. Must be one of: [{_VALID_PATHS}]"
    )


def _setting_key(resource_path: str, http_method: str) -> str:
    """``~1pets~1{id}`` + ``GET`` -> ``pets/{id}/GET``; ``*`` + ``*`` -> ``*/*``."""
    path = resource_path.replace("~1", "/").lstrip("/")
    return f"{path}/{http_method}"


def _method_setting(doc: Doc, op: PatchOp) -> bool:
    """Handle ``/{resourcePath}/{httpMethod}/{group}/{name}`` and ``/*/*`` removals."""
    parts = (op.path or "").split("/")[1:]
    if op.path == "/accessLogSettings" and op.op == "remove":
        doc.pop("accessLogSettings", None)
        return True
    if len(parts) == 2 and op.op == "remove" and parts[0] not in ("variables", "accessLogSettings"):
        key = _setting_key(parts[0], parts[1])
        settings = doc.get("methodSettings")
        if not isinstance(settings, dict) or key not in settings:
            raise BadRequestException(
                f"Cannot remove method setting {key} because there is no method setting for "
                "this method "
            )
        settings.pop(key)
        return True
    if len(parts) != 4 or "/".join(parts[2:]) not in SETTINGS:
        return False
    member, kind = SETTINGS["/".join(parts[2:])]
    key = _setting_key(parts[0], parts[1])
    settings = doc.setdefault("methodSettings", {})
    if isinstance(settings, dict):
        current = settings.get(key) or to_doc(MethodSetting())
        current[member] = patch.convert(kind, op.value, op.path or "")
        settings[key] = current
    return True


def _table_or_error(doc: Doc, op: PatchOp) -> bool:
    if _method_setting(doc, op):
        return True
    try:
        _TABLE.find(op)
    except BadRequestException as error:
        raise _bad_path(op.path) from error
    return False


def require_stage(uow: ApigwUnitOfWork, api_id: str, stage_name: str) -> Stage:
    found = uow.stages.get(api_id, stage_name)
    if found is None:
        raise NotFoundException("Invalid Stage identifier specified")
    return found


def _require_deployment(uow: ApigwUnitOfWork, api_id: str, deployment_id: str) -> None:
    if uow.deployments.get(api_id, deployment_id) is None:
        raise BadRequestException("Deployment id does not exist")


class Stages:
    """The Stage operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create(self, api_id: str, stage: Stage) -> Stage:
        """:raises BadRequestException: bad name, unknown deployment.
        :raises ConflictException: the stage exists."""
        now = self._scope.now()
        stage = dataclasses.replace(stage, created_date=now, last_updated_date=now)
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            check_stage_name(stage.stage_name)
            _require_deployment(uow, api_id, stage.deployment_id)
            if uow.stages.get(api_id, stage.stage_name) is not None:
                raise ConflictException("Stage already exists")
            uow.stages.save(api_id, stage)
        return stage

    def get(self, api_id: str, stage_name: str) -> Stage:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            return require_stage(uow, api_id, stage_name)

    def list(self, api_id: str, deployment_id: str | None = None) -> list[Stage]:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            stages = uow.stages.all(api_id)
        return [s for s in stages if deployment_id in (None, s.deployment_id)]

    def update(self, api_id: str, stage_name: str, ops: Sequence[PatchOp]) -> Stage:
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            current = require_stage(uow, api_id, stage_name)
            doc = patch.apply(to_doc(current), ops, _TABLE, _table_or_error)
            doc["lastUpdatedDate"] = self._scope.now()
            stage = from_doc(Stage, doc)
            stage = dataclasses.replace(stage, variables=stage.variables or None)
            if stage.deployment_id != current.deployment_id:
                _require_deployment(uow, api_id, stage.deployment_id)
            uow.stages.save(api_id, stage)
        return stage

    def delete(self, api_id: str, stage_name: str) -> None:
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            require_stage(uow, api_id, stage_name)
            uow.stages.delete(api_id, stage_name)
