"""Deployments: immutable snapshots of an API (Create/Get/Update/DeleteDeployment).

https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page, require_api
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.patch import PatchOp, PatchTable, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.stage_model import Deployment, Stage, check_stage_name
from cognigate.core import ids

_TABLE = PatchTable((rule("/description", "replace", "remove"),))


@dataclass(frozen=True, slots=True)
class NewDeployment:
    """The members of CreateDeployment that cognigate honours."""

    stage_name: str | None = None
    stage_description: str | None = None
    description: str | None = None
    variables: Mapping[str, str] | None = None
    tracing_enabled: bool | None = None


def _require(uow: ApigwUnitOfWork, api_id: str, deployment_id: str) -> Deployment:
    found = uow.deployments.get(api_id, deployment_id)
    if found is None:
        raise NotFoundException("Invalid Deployment identifier specified")
    return found


def _point_stage(
    uow: ApigwUnitOfWork, api_id: str, spec: NewDeployment, deployment_id: str, now: float
) -> None:
    name = spec.stage_name or ""
    current = uow.stages.get(api_id, name)
    if current is None:
        stage = Stage(
            stage_name=name,
            deployment_id=deployment_id,
            created_date=now,
            last_updated_date=now,
            description=spec.stage_description,
            variables=spec.variables or None,
            tracing_enabled=bool(spec.tracing_enabled),
        )
    else:
        merged = {**(current.variables or {}), **(spec.variables or {})}
        stage = dataclasses.replace(
            current, deployment_id=deployment_id, last_updated_date=now, variables=merged or None
        )
    uow.stages.save(api_id, stage)


def deploy(uow: ApigwUnitOfWork, scope: Scope, api_id: str, spec: NewDeployment) -> Deployment:
    """Snapshot the API in the caller's transaction (also used by ``--lab``)."""
    definition: ApiDefinition = require_api(uow, scope, api_id)
    if spec.stage_name:
        check_stage_name(spec.stage_name)
    if not definition.has_methods():
        raise BadRequestException("The REST API doesn't contain any methods")
    now = scope.now()
    deployment = Deployment(id=ids.short_id(), created_date=now, description=spec.description)
    uow.deployments.add(api_id, deployment, definition)
    if spec.stage_name:
        _point_stage(uow, api_id, spec, deployment.id, now)
    return deployment


def api_summary(definition: ApiDefinition) -> dict[str, dict[str, tuple[str, bool]]]:
    """``path -> verb -> (authorizationType, apiKeyRequired)`` of a snapshot (``apiSummary``)."""
    return {
        resource.path: {
            verb: (method.authorization_type, method.api_key_required)
            for verb, method in sorted(resource.resource_methods.items())
        }
        for resource in sorted(definition.resources.values(), key=lambda r: r.path)
        if resource.resource_methods
    }


class Deployments:
    """The Deployment operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create(self, api_id: str, spec: NewDeployment) -> Deployment:
        """:raises BadRequestException: the API has no methods. :raises NotFoundException:"""
        with self._scope.uow(write=True) as uow:
            return deploy(uow, self._scope, api_id, spec)

    def get(self, api_id: str, deployment_id: str) -> Deployment:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            return _require(uow, api_id, deployment_id)

    def snapshot(self, api_id: str, deployment_id: str) -> ApiDefinition:
        """The API exactly as deployed. :raises NotFoundException:"""
        with self._scope.uow(write=False) as uow:
            found = uow.deployments.snapshot(api_id, deployment_id)
        if found is None:
            raise NotFoundException("Invalid Deployment identifier specified")
        return found

    def list(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[Deployment]:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            found = uow.deployments.all(api_id)
        return page(found, position, limit)

    def update(self, api_id: str, deployment_id: str, ops: Sequence[PatchOp]) -> Deployment:
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            current = _require(uow, api_id, deployment_id)
            deployment = from_doc(Deployment, patch.apply(to_doc(current), ops, _TABLE))
            uow.deployments.save(api_id, deployment)
        return deployment

    def delete(self, api_id: str, deployment_id: str) -> None:
        """:raises BadRequestException: a stage still points at the deployment."""
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            _require(uow, api_id, deployment_id)
            if any(s.deployment_id == deployment_id for s in uow.stages.all(api_id)):
                raise BadRequestException(
                    "Active stages pointing to this deployment must be moved or deleted"
                )
            uow.deployments.delete(api_id, deployment_id)
