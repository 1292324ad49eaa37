"""Repositories of the API Gateway domain (implement ``cognigate.apigw.ports``).

Rows hold the domain's JSON documents (``cognigate.apigw.codec``); frozen dataclasses go in
and come out, ORM rows never leave this module.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.stage_model import Deployment, Stage
from cognigate.apigw.usage_model import ApiKey, UsagePlan
from cognigate.storage.orm.apigw import (
    ApiKeyRow,
    DeploymentRow,
    RestApiRow,
    StageRow,
    UsagePlanKeyRow,
    UsagePlanRow,
)
from cognigate.storage.repositories.apigw_documentation import SqlDocumentationRepository


def _doc(obj: object) -> dict[str, Any]:
    return dict(to_doc(obj))


class SqlRestApiRepository:
    def __init__(self, session: Session, *, write: bool) -> None:
        self._s = session
        self._write = write

    def get(self, api_id: str) -> ApiDefinition | None:
        query = select(RestApiRow).where(RestApiRow.id == api_id)
        if self._write:
            query = query.with_for_update()
        row = self._s.scalars(query).first()
        return from_doc(ApiDefinition, row.doc) if row else None

    def all(self) -> list[ApiDefinition]:
        rows = self._s.scalars(select(RestApiRow).order_by(RestApiRow.created, RestApiRow.id))
        return [from_doc(ApiDefinition, row.doc) for row in rows]

    def save(self, definition: ApiDefinition) -> None:
        api = definition.api
        row = self._s.get(RestApiRow, api.id)
        if row is None:
            row = RestApiRow(id=api.id, created=api.created_date, version=0)
            self._s.add(row)
        row.name = api.name
        row.version = (row.version or 0) + 1
        row.doc = _doc(definition)
        self._s.flush()

    def version(self, api_id: str) -> int | None:
        """The API's save counter (for caches), or ``None``."""
        return self._s.scalar(select(RestApiRow.version).where(RestApiRow.id == api_id))

    def delete(self, api_id: str) -> None:
        SqlDocumentationRepository(self._s).delete_api(api_id)
        self._s.execute(delete(StageRow).where(StageRow.api_id == api_id))
        self._s.execute(delete(DeploymentRow).where(DeploymentRow.api_id == api_id))
        self._s.execute(delete(RestApiRow).where(RestApiRow.id == api_id))


class SqlDeploymentRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, api_id: str, deployment: Deployment, snapshot: ApiDefinition) -> None:
        self._s.add(
            DeploymentRow(
                api_id=api_id,
                id=deployment.id,
                created=deployment.created_date,
                doc=_doc(deployment),
                snapshot=_doc(snapshot),
            )
        )
        self._s.flush()

    def get(self, api_id: str, deployment_id: str) -> Deployment | None:
        row = self._s.get(DeploymentRow, (api_id, deployment_id))
        return from_doc(Deployment, row.doc) if row else None

    def all(self, api_id: str) -> list[Deployment]:
        query = (
            select(DeploymentRow.doc)
            .where(DeploymentRow.api_id == api_id)
            .order_by(DeploymentRow.created, DeploymentRow.id)
        )
        return [from_doc(Deployment, doc) for doc in self._s.scalars(query)]

    def save(self, api_id: str, deployment: Deployment) -> None:
        row = self._s.get(DeploymentRow, (api_id, deployment.id))
        if row is not None:
            row.doc = _doc(deployment)
            self._s.flush()

    def snapshot(self, api_id: str, deployment_id: str) -> ApiDefinition | None:
        query = select(DeploymentRow.snapshot).where(
            DeploymentRow.api_id == api_id, DeploymentRow.id == deployment_id
        )
        doc = self._s.scalar(query)
        return from_doc(ApiDefinition, doc) if doc is not None else None

    def delete(self, api_id: str, deployment_id: str) -> None:
        self._s.execute(
            delete(DeploymentRow).where(
                DeploymentRow.api_id == api_id, DeploymentRow.id == deployment_id
            )
        )


class SqlStageRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, api_id: str, stage_name: str) -> Stage | None:
        row = self._s.get(StageRow, (api_id, stage_name))
        return from_doc(Stage, row.doc) if row else None

    def all(self, api_id: str) -> list[Stage]:
        query = (
            select(StageRow.doc)
            .where(StageRow.api_id == api_id)
            .order_by(StageRow.created, StageRow.name)
        )
        return [from_doc(Stage, doc) for doc in self._s.scalars(query)]

    def save(self, api_id: str, stage: Stage) -> None:
        row = self._s.get(StageRow, (api_id, stage.stage_name))
        if row is None:
            row = StageRow(api_id=api_id, name=stage.stage_name, created=stage.created_date)
            self._s.add(row)
        row.deployment_id = stage.deployment_id
        row.doc = _doc(stage)
        self._s.flush()

    def delete(self, api_id: str, stage_name: str) -> None:
        self._s.execute(
            delete(StageRow).where(StageRow.api_id == api_id, StageRow.name == stage_name)
        )


class SqlApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key_id: str) -> ApiKey | None:
        row = self._s.get(ApiKeyRow, key_id)
        return from_doc(ApiKey, row.doc) if row else None

    def by_value(self, value: str) -> ApiKey | None:
        doc = self._s.scalar(select(ApiKeyRow.doc).where(ApiKeyRow.value == value))
        return from_doc(ApiKey, doc) if doc is not None else None

    def all(self) -> list[ApiKey]:
        query = select(ApiKeyRow.doc).order_by(ApiKeyRow.created, ApiKeyRow.id)
        return [from_doc(ApiKey, doc) for doc in self._s.scalars(query)]

    def save(self, key: ApiKey) -> None:
        row = self._s.get(ApiKeyRow, key.id)
        if row is None:
            row = ApiKeyRow(id=key.id, created=key.created_date)
            self._s.add(row)
        row.value = key.value
        row.doc = _doc(key)
        self._s.flush()

    def delete(self, key_id: str) -> None:
        self._s.execute(delete(UsagePlanKeyRow).where(UsagePlanKeyRow.key_id == key_id))
        self._s.execute(delete(ApiKeyRow).where(ApiKeyRow.id == key_id))


class SqlUsagePlanRepository:
    def __init__(self, session: Session, clock_now: float) -> None:
        self._s = session
        self._now = clock_now

    def get(self, plan_id: str) -> UsagePlan | None:
        row = self._s.get(UsagePlanRow, plan_id)
        return from_doc(UsagePlan, row.doc) if row else None

    def all(self) -> list[UsagePlan]:
        query = select(UsagePlanRow.doc).order_by(UsagePlanRow.created, UsagePlanRow.id)
        return [from_doc(UsagePlan, doc) for doc in self._s.scalars(query)]

    def save(self, plan: UsagePlan) -> None:
        row = self._s.get(UsagePlanRow, plan.id)
        if row is None:
            row = UsagePlanRow(id=plan.id, created=self._now)
            self._s.add(row)
        row.doc = _doc(plan)
        self._s.flush()

    def delete(self, plan_id: str) -> None:
        self._s.execute(delete(UsagePlanKeyRow).where(UsagePlanKeyRow.plan_id == plan_id))
        self._s.execute(delete(UsagePlanRow).where(UsagePlanRow.id == plan_id))

    def key_ids(self, plan_id: str) -> list[str]:
        query = (
            select(UsagePlanKeyRow.key_id)
            .where(UsagePlanKeyRow.plan_id == plan_id)
            .order_by(UsagePlanKeyRow.seq)
        )
        return list(self._s.scalars(query))

    def attach_key(self, plan_id: str, key_id: str) -> None:
        if self._s.get(UsagePlanKeyRow, (plan_id, key_id)) is not None:
            return
        last = self._s.scalar(
            select(func.max(UsagePlanKeyRow.seq)).where(UsagePlanKeyRow.plan_id == plan_id)
        )
        self._s.add(UsagePlanKeyRow(plan_id=plan_id, key_id=key_id, seq=(last or 0) + 1))
        self._s.flush()

    def detach_key(self, plan_id: str, key_id: str) -> None:
        self._s.execute(
            delete(UsagePlanKeyRow).where(
                UsagePlanKeyRow.plan_id == plan_id, UsagePlanKeyRow.key_id == key_id
            )
        )
