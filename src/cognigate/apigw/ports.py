"""Storage and collaborator interfaces the API Gateway domain needs; storage implements them."""

from __future__ import annotations

from typing import Protocol

from cognigate.apigw.documentation_model import DocumentationPart, DocumentationVersion
from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.stage_model import Deployment, Stage
from cognigate.apigw.usage_model import ApiKey, QuotaCounter, UsagePlan


class RestApiRepository(Protocol):
    """REST API definitions (the API plus its whole resource tree), one document per API."""

    def get(self, api_id: str) -> ApiDefinition | None:
        """The API, or ``None``; in a write unit of work the row is locked until commit."""
        ...

    def all(self) -> list[ApiDefinition]:
        """Every API, oldest first."""
        ...

    def save(self, definition: ApiDefinition) -> None:
        """Insert or replace the API's document."""
        ...

    def delete(self, api_id: str) -> None:
        """Remove the API with its deployments and stages; no error when missing."""
        ...


class DeploymentRepository(Protocol):
    """Deployments with their immutable snapshots."""

    def add(self, api_id: str, deployment: Deployment, snapshot: ApiDefinition) -> None: ...

    def get(self, api_id: str, deployment_id: str) -> Deployment | None:
        """The deployment, or ``None`` when the API has no such deployment."""
        ...

    def all(self, api_id: str) -> list[Deployment]: ...

    def save(self, api_id: str, deployment: Deployment) -> None:
        """Replace the deployment's own fields; the snapshot never changes."""
        ...

    def snapshot(self, api_id: str, deployment_id: str) -> ApiDefinition | None:
        """The API as it was when deployed, or ``None``."""
        ...

    def delete(self, api_id: str, deployment_id: str) -> None: ...


class StageRepository(Protocol):
    """Stages of an API, keyed by name."""

    def get(self, api_id: str, stage_name: str) -> Stage | None: ...

    def all(self, api_id: str) -> list[Stage]: ...

    def save(self, api_id: str, stage: Stage) -> None:
        """Insert or replace."""
        ...

    def delete(self, api_id: str, stage_name: str) -> None: ...


class ApiKeyRepository(Protocol):
    """API keys; values are unique."""

    def get(self, key_id: str) -> ApiKey | None: ...

    def by_value(self, value: str) -> ApiKey | None: ...

    def all(self) -> list[ApiKey]: ...

    def save(self, key: ApiKey) -> None: ...

    def delete(self, key_id: str) -> None:
        """Remove the key and its usage-plan memberships."""
        ...


class UsagePlanRepository(Protocol):
    """Usage plans and the API keys attached to them."""

    def get(self, plan_id: str) -> UsagePlan | None: ...

    def all(self) -> list[UsagePlan]: ...

    def save(self, plan: UsagePlan) -> None: ...

    def delete(self, plan_id: str) -> None: ...

    def key_ids(self, plan_id: str) -> list[str]:
        """Ids of the keys attached to the plan, in attachment order."""
        ...

    def attach_key(self, plan_id: str, key_id: str) -> None: ...

    def detach_key(self, plan_id: str, key_id: str) -> None: ...


class UsageRepository(Protocol):
    """Request counts of usage-plan keys: per day, and per quota period (GetUsage, UpdateUsage)."""

    def daily(self, plan_id: str, key_id: str, first: str, last: str) -> dict[str, int]:
        """Requests per ISO day from ``first`` to ``last``; days without any are left out."""
        ...

    def quotas(self, plan_id: str, key_id: str, first: str, last: str) -> dict[str, QuotaCounter]:
        """Quota counters by period start day, for periods starting in ``first``..``last``."""
        ...

    def set_remaining(
        self, plan_id: str, key_id: str, period_start: str, limit: int, remaining: int
    ) -> QuotaCounter:
        """Grant what makes ``limit + extra - used == remaining`` now, atomically; the counter."""
        ...


class DocumentationRepository(Protocol):
    """An API's documentation parts, and its documentation versions (snapshots of the parts)."""

    def parts(self, api_id: str) -> list[DocumentationPart]:
        """The API's parts in creation order (none for an unknown API)."""
        ...

    def save_part(self, api_id: str, part: DocumentationPart) -> None:
        """Insert or replace a part, keeping its place in the order."""
        ...

    def delete_part(self, api_id: str, part_id: str) -> None:
        """Remove the part; no error when missing."""
        ...

    def versions(self, api_id: str) -> list[DocumentationVersion]:
        """The API's versions, oldest first."""
        ...

    def version_parts(self, api_id: str, version: str) -> list[DocumentationPart] | None:
        """The parts as the version froze them, or ``None`` for an unknown version."""
        ...

    def save_version(
        self, api_id: str, version: DocumentationVersion, parts: list[DocumentationPart] | None
    ) -> None:
        """Insert a version with its frozen ``parts``, or (``parts=None``) replace its fields."""
        ...

    def delete_version(self, api_id: str, version: str) -> None:
        """Remove the version; no error when missing."""
        ...


class ApigwUnitOfWork(Protocol):
    """The repositories of one transaction."""

    @property
    def apis(self) -> RestApiRepository: ...

    @property
    def deployments(self) -> DeploymentRepository: ...

    @property
    def stages(self) -> StageRepository: ...

    @property
    def api_keys(self) -> ApiKeyRepository: ...

    @property
    def usage_plans(self) -> UsagePlanRepository: ...

    @property
    def usage(self) -> UsageRepository: ...

    @property
    def documentation(self) -> DocumentationRepository: ...


class UserPoolDirectory(Protocol):
    """What API Gateway needs to know about Cognito user pools (for COGNITO_USER_POOLS)."""

    def pool_exists(self, pool_id: str) -> bool:
        """Whether a user pool with this id exists."""
        ...
