"""Usage plans and their keys: Create/Get/Update/DeleteUsagePlan, *UsagePlanKey, Get/UpdateUsage.

https://docs.aws.amazon.com/apigateway/latest/api/API_UsagePlan.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.api_keys import require_key
from cognigate.apigw.codec import Doc, from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.usage_model import Usage, UsagePlan, UsagePlanKey
from cognigate.apigw.usage_reports import get_usage, update_usage
from cognigate.core import ids

_TABLE = PatchTable(
    (
        rule("/name"),
        rule("/description", "replace", "remove"),
        rule("/productCode", "replace", "remove"),
        rule("/throttle/burstLimit", "replace", "remove", kind=Kind.INT),
        rule("/throttle/rateLimit", "replace", "remove", kind=Kind.FLOAT),
        rule("/quota/limit", "replace", "remove", kind=Kind.INT),
        rule("/quota/offset", "replace", "remove", kind=Kind.INT),
        rule("/quota/period", "replace", "remove"),
    )
)


def _with_quota_offset(plan: UsagePlan) -> UsagePlan:
    """AWS parity: a plan's quota always shows ``offset`` (0 unless set)."""
    if plan.quota is None or plan.quota.offset is not None:
        return plan
    return dataclasses.replace(plan, quota=dataclasses.replace(plan.quota, offset=0))


def _require(uow: ApigwUnitOfWork, plan_id: str) -> UsagePlan:
    found = uow.usage_plans.get(plan_id)
    if found is None:
        raise NotFoundException("Invalid Usage Plan ID specified")
    return found


def _stage_exists(uow: ApigwUnitOfWork, api_id: str, stage: str) -> bool:
    return uow.apis.get(api_id) is not None and uow.stages.get(api_id, stage) is not None


def _api_stages(uow: ApigwUnitOfWork, plan_id: str) -> patch.Special:
    def special(doc: Doc, op: PatchOp) -> bool:
        if op.path != "/apiStages" or op.op not in ("add", "remove"):
            return False
        api_id, _, stage = (op.value or "").partition(":")
        if not api_id or not stage:
            raise BadRequestException("Invalid API Stage specified")
        current = doc.get("apiStages")
        stages = [s for s in current if isinstance(s, dict)] if isinstance(current, list) else []
        if op.op == "add":
            if not _stage_exists(uow, api_id, stage):
                raise NotFoundException(
                    f"Invalid API Stage {{api: {api_id}, stage: {stage}}} specified for "
                    f"usageplan {plan_id}"
                )
            stages.append({"apiId": api_id, "stage": stage})
        else:
            stages = [s for s in stages if (s.get("apiId"), s.get("stage")) != (api_id, stage)]
        doc["apiStages"] = stages
        return True

    return special


class UsagePlans:
    """The UsagePlan and UsagePlanKey operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create(self, plan: UsagePlan) -> UsagePlan:
        """:raises BadRequestException: an API stage that does not exist."""
        plan = _with_quota_offset(dataclasses.replace(plan, id=ids.short_id()))
        with self._scope.uow(write=True) as uow:
            for stage in plan.api_stages:
                if not _stage_exists(uow, stage.api_id, stage.stage):
                    raise BadRequestException("Invalid API Stage specified")
            uow.usage_plans.save(plan)
        return plan

    def get(self, plan_id: str) -> UsagePlan:
        with self._scope.uow(write=False) as uow:
            return _require(uow, plan_id)

    def list(
        self, key_id: str | None = None, position: str | None = None, limit: int | None = None
    ) -> Page[UsagePlan]:
        with self._scope.uow(write=False) as uow:
            plans = uow.usage_plans.all()
            if key_id:
                plans = [p for p in plans if key_id in uow.usage_plans.key_ids(p.id)]
        return page(plans, position, limit)

    def update(self, plan_id: str, ops: Sequence[PatchOp]) -> UsagePlan:
        with self._scope.uow(write=True) as uow:
            current = _require(uow, plan_id)
            doc = patch.apply(to_doc(current), ops, _TABLE, _api_stages(uow, plan_id))
            plan = _with_quota_offset(from_doc(UsagePlan, doc))
            uow.usage_plans.save(plan)
        return plan

    def delete(self, plan_id: str) -> None:
        with self._scope.uow(write=True) as uow:
            _require(uow, plan_id)
            uow.usage_plans.delete(plan_id)

    def add_key(self, plan_id: str, key_id: str, key_type: str) -> UsagePlanKey:
        with self._scope.uow(write=True) as uow:
            _require(uow, plan_id)
            key = require_key(uow, key_id)
            uow.usage_plans.attach_key(plan_id, key_id)
        return UsagePlanKey(id=key.id, type=key_type, value=key.value, name=key.name)

    def keys(
        self,
        plan_id: str,
        name_query: str | None = None,
        position: str | None = None,
        limit: int | None = None,
    ) -> Page[UsagePlanKey]:
        """Newest first; an unknown plan has no keys (AWS parity)."""
        with self._scope.uow(write=False) as uow:
            ids = uow.usage_plans.key_ids(plan_id) if uow.usage_plans.get(plan_id) else []
            found = [require_key(uow, k) for k in reversed(ids)]
        found = [k for k in found if not name_query or (k.name or "").startswith(name_query)]
        plan_keys = [
            UsagePlanKey(id=k.id, type="API_KEY", value=k.value, name=k.name) for k in found
        ]
        return page(plan_keys, position, limit)

    def get_key(self, plan_id: str, key_id: str) -> UsagePlanKey:
        with self._scope.uow(write=False) as uow:
            _require(uow, plan_id)
            if key_id not in uow.usage_plans.key_ids(plan_id):
                raise NotFoundException("Invalid Usage Plan Key identifier specified")
            key = require_key(uow, key_id)
        return UsagePlanKey(id=key.id, type="API_KEY", value=key.value, name=key.name)

    def remove_key(self, plan_id: str, key_id: str) -> None:
        with self._scope.uow(write=True) as uow:
            _require(uow, plan_id)
            if key_id not in uow.usage_plans.key_ids(plan_id):
                raise NotFoundException("Invalid Usage Plan Key identifier specified")
            uow.usage_plans.detach_key(plan_id, key_id)

    def usage(
        self,
        plan_id: str,
        start: str,
        end: str,
        *,
        key_id: str | None = None,
        position: str | None = None,
        limit: int | None = None,
    ) -> Usage:
        """GetUsage; see :func:`cognigate.apigw.usage_reports.get_usage`."""
        with self._scope.uow(write=False) as uow:
            return get_usage(
                uow, plan_id, start, end, key_id=key_id, position=position, limit=limit
            )

    def update_usage(self, plan_id: str, key_id: str, ops: Sequence[PatchOp]) -> Usage:
        """UpdateUsage; see :func:`cognigate.apigw.usage_reports.update_usage`."""
        with self._scope.uow(write=True) as uow:
            return update_usage(uow, plan_id, key_id, ops, self._scope.now())
