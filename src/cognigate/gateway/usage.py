"""API keys, usage plans and stage/method throttling for one invocation.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
Every request a key makes through a plan is counted in storage (quota and GetUsage); see
``throttle.py`` for where throttle buckets live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import anyio.to_thread

from cognigate.apigw.quota_periods import day_of, period_bounds
from cognigate.apigw.stage_model import MethodSetting
from cognigate.apigw.usage_model import ApiKey, ThrottleSettings, UsagePlan
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import InvalidApiKey, QuotaExceeded, Throttled
from cognigate.gateway.runtime import KEY_TTL, Runtime


@dataclass(frozen=True, slots=True)
class KeyGrant:
    """A valid key and the usage plans that let it call this stage."""

    key: ApiKey
    plans: tuple[UsagePlan, ...]


def _grant(runtime: Runtime, value: str, api_id: str, stage: str) -> KeyGrant | None:
    with runtime.uow(write=False) as uow:
        key = uow.api_keys.by_value(value)
        if key is None or not key.enabled:
            return None
        plans = tuple(
            plan
            for plan in uow.usage_plans.all()
            if any(s.api_id == api_id and s.stage == stage for s in plan.api_stages)
            and key.id in uow.usage_plans.key_ids(plan.id)
        )
    return KeyGrant(key, plans) if plans else None


async def _cached_grant(runtime: Runtime, value: str, api_id: str, stage: str) -> KeyGrant | None:
    """The key's grant, looked up at most once a second (writes in this process clear it)."""
    key = (value, api_id, stage)
    cached = runtime.key_grants.get(key)
    if cached is not None:
        found = cached[0]
        return found if isinstance(found, KeyGrant) else None
    grant = await anyio.to_thread.run_sync(_grant, runtime, value, api_id, stage)
    runtime.key_grants.put(key, (grant,), KEY_TTL)
    return grant


def _key_value(inv: Invocation) -> str | None:
    if inv.api.api.api_key_source == "AUTHORIZER" and inv.authorizer is not None:
        return inv.authorizer.usage_identifier_key
    return inv.request.header("x-api-key")


def _plan_throttle(plan: UsagePlan, inv: Invocation) -> ThrottleSettings | None:
    """The plan's per-method throttle for this stage, else its own."""
    resource = inv.match.resource.path if inv.match else ""
    method_key = f"{resource}/{inv.request.method}"
    for api_stage in plan.api_stages:
        if api_stage.api_id == inv.api_id and api_stage.stage == inv.stage:
            found = (api_stage.throttle or {}).get(method_key)
            if found is not None:
                return found
    return plan.throttle


def _quota(plan: UsagePlan, day: date) -> tuple[str, int] | None:
    quota = plan.quota
    if quota is None or quota.limit is None:
        return None
    start, _ = period_bounds(day, quota.period)
    return start.isoformat(), quota.limit


async def _limit(runtime: Runtime, inv: Invocation, grant: KeyGrant) -> None:
    """Throttle, then count the request against each plan's quota (and its daily usage)."""
    day = day_of(runtime.clock.now())
    for plan in grant.plans:
        throttle = _plan_throttle(plan, inv)
        if throttle is not None and throttle.rate_limit is not None:
            burst = throttle.burst_limit if throttle.burst_limit is not None else 1
            key = ("plan", plan.id, grant.key.id)
            if not await runtime.take(key, throttle.rate_limit, burst):
                raise Throttled(log="Usage plan throttle exceeded")
        if not await runtime.record(plan.id, grant.key.id, day.isoformat(), _quota(plan, day)):
            raise QuotaExceeded(log="Usage plan quota exceeded")


async def api_key_step(inv: Invocation, runtime: Runtime) -> None:
    """:raises InvalidApiKey: a required key is missing or not in a plan of this stage."""
    method = inv.match.method if inv.match else None
    if method is None or not method.api_key_required:
        return
    value = _key_value(inv)
    if not value:
        raise InvalidApiKey(log="API Key not provided")
    grant = await _cached_grant(runtime, value, inv.api_id, inv.stage)
    if grant is None:
        raise InvalidApiKey(log="API Key not authorized")
    inv.api_key_id, inv.api_key_value = grant.key.id, grant.key.value
    await _limit(runtime, inv, grant)


def _setting(settings: Mapping[str, MethodSetting], inv: Invocation) -> MethodSetting | None:
    resource = inv.match.resource.path.lstrip("/") if inv.match else ""
    method = inv.request.method
    for key in (f"{resource}/{method}", f"{resource}/*", f"*/{method}", "*/*"):
        if key in settings:
            return settings[key]
    return None


async def throttle_step(inv: Invocation, runtime: Runtime) -> None:
    """Stage and method throttling from ``methodSettings``; :raises Throttled: bucket empty."""
    found = _setting(inv.method_settings, inv)
    if found is None:
        return
    default = MethodSetting()
    if (found.throttling_rate_limit, found.throttling_burst_limit) == (
        default.throttling_rate_limit,
        default.throttling_burst_limit,
    ):
        return
    key = ("stage", inv.api_id, inv.stage, inv.match.resource.id if inv.match else "")
    if not await runtime.take(
        (*key, inv.request.method), found.throttling_rate_limit, found.throttling_burst_limit
    ):
        raise Throttled(log="Stage throttle exceeded")
