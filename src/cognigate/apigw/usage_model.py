"""API keys and usage plans.

https://docs.aws.amazon.com/apigateway/latest/api/API_UsagePlan.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    value: str
    enabled: bool
    created_date: float
    last_updated_date: float
    name: str | None = None
    customer_id: str | None = None
    description: str | None = None
    stage_keys: tuple[str, ...] = ()
    tags: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ThrottleSettings:
    burst_limit: int | None = None
    rate_limit: float | None = None


@dataclass(frozen=True, slots=True)
class QuotaSettings:
    limit: int | None = None
    offset: int | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class ApiStage:
    api_id: str
    stage: str
    throttle: Mapping[str, ThrottleSettings] | None = None


@dataclass(frozen=True, slots=True)
class UsagePlan:
    id: str
    name: str
    description: str | None = None
    api_stages: tuple[ApiStage, ...] = ()
    throttle: ThrottleSettings | None = None
    quota: QuotaSettings | None = None
    product_code: str | None = None
    tags: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class UsagePlanKey:
    id: str
    type: str
    value: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class QuotaCounter:
    """Requests counted in one quota period of a key, and the extension UpdateUsage granted."""

    used: int = 0
    extra: int = 0


@dataclass(frozen=True, slots=True)
class Usage:
    """GetUsage/UpdateUsage: ``[used, remaining]`` per day, by API key id."""

    usage_plan_id: str
    start_date: str
    end_date: str
    items: Mapping[str, list[list[int]]]
    position: str | None = None
