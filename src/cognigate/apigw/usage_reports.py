"""GetUsage and UpdateUsage: what the keys of a usage plan used, day by day, and quota extensions.

https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateUsage.html
The data plane counts every request a key makes through a plan (``gateway/usage.py``); each
day's entry is ``[used that day, remaining quota of its period at the end of that day]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cognigate.apigw.context import Page, page
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.quota_periods import day_of, days, parse_day, period_bounds
from cognigate.apigw.usage_model import QuotaSettings, Usage, UsagePlan

_TABLE = PatchTable((rule("/remaining", "replace", kind=Kind.INT),))
#: Deviation: AWS's bound on a GetUsage range is not documented; this one keeps answers small.
MAX_DAYS = 366
PLAN_NOT_FOUND = "Invalid Usage Plan ID specified"
KEY_NOT_FOUND = "Invalid Usage Plan Key identifier specified"


def require_plan(uow: ApigwUnitOfWork, plan_id: str) -> UsagePlan:
    """:raises NotFoundException: ``Invalid Usage Plan ID specified``."""
    found = uow.usage_plans.get(plan_id)
    if found is None:
        raise NotFoundException(PLAN_NOT_FOUND)
    return found


def _day(text: str, name: str) -> date:
    # Deviation: the wording of AWS's message for a malformed date is not recorded.
    found = parse_day(text)
    if found is None:
        raise BadRequestException(f"Invalid {name} specified: {text}")
    return found


def date_range(start: str, end: str) -> tuple[date, date]:
    """:raises BadRequestException: a date that is not ``YYYY-MM-DD``, or an inverted range."""
    first, last = _day(start, "startDate"), _day(end, "endDate")
    if last < first:
        raise BadRequestException("The endDate must not be before the startDate")
    if (last - first).days >= MAX_DAYS:
        raise BadRequestException(f"The date range must not exceed {MAX_DAYS} days")
    return first, last


def _limit(quota: QuotaSettings | None) -> int | None:
    return quota.limit if quota is not None and quota.limit is not None else None


def key_usage(
    uow: ApigwUnitOfWork, plan: UsagePlan, key_id: str, first: date, last: date
) -> list[list[int]]:
    """``[used, remaining]`` for each day; ``remaining`` is 0 when the plan has no quota."""
    limit = _limit(plan.quota)
    period = plan.quota.period if plan.quota else None
    span_first, _ = period_bounds(first, period)
    _, span_last = period_bounds(last, period)
    daily = uow.usage.daily(plan.id, key_id, span_first.isoformat(), span_last.isoformat())
    quotas = uow.usage.quotas(plan.id, key_id, span_first.isoformat(), last.isoformat())
    entries: list[list[int]] = []
    for day in days(first, last):
        used = daily.get(day.isoformat(), 0)
        if limit is None:
            entries.append([used, 0])
            continue
        start, end = period_bounds(day, period)
        counter = quotas.get(start.isoformat())
        later = sum(daily.get(d.isoformat(), 0) for d in days(day, end)[1:])
        spent = (counter.used if counter else 0) - later
        extra = counter.extra if counter else 0
        entries.append([used, max(0, limit + extra - max(spent, 0))])
    return entries


def get_usage(
    uow: ApigwUnitOfWork,
    plan_id: str,
    start: str,
    end: str,
    *,
    key_id: str | None = None,
    position: str | None = None,
    limit: int | None = None,
) -> Usage:
    """GetUsage. :raises NotFoundException: unknown plan. :raises BadRequestException: dates."""
    plan = require_plan(uow, plan_id)
    first, last = date_range(start, end)
    key_ids = uow.usage_plans.key_ids(plan_id)
    if key_id is not None:
        key_ids = [k for k in key_ids if k == key_id]
    keys: Page[str] = page(key_ids, position, limit)
    items = {k: key_usage(uow, plan, k, first, last) for k in keys.items}
    return Usage(plan_id, first.isoformat(), last.isoformat(), items, keys.position)


def _remaining(ops: Sequence[PatchOp]) -> int:
    value: int | None = None
    for op in ops:
        _TABLE.find(op)
        try:
            value = int(op.value or "")
        except ValueError as error:
            raise BadRequestException(f"Invalid value for /remaining: {op.value}") from error
        if value < 0:
            raise BadRequestException(f"Invalid value for /remaining: {op.value}")
    if value is None:
        raise BadRequestException("Invalid patch operations specified. Must be: replace /remaining")
    return value


def update_usage(
    uow: ApigwUnitOfWork, plan_id: str, key_id: str, ops: Sequence[PatchOp], now: float
) -> Usage:
    """UpdateUsage: ``replace /remaining`` sets the key's remaining quota of the current period.

    :raises NotFoundException: unknown plan, or a key that is not in the plan.
    :raises BadRequestException: another patch, a bad number, or a plan without a quota.
    """
    plan = require_plan(uow, plan_id)
    if key_id not in uow.usage_plans.key_ids(plan_id):
        raise NotFoundException(KEY_NOT_FOUND)
    remaining = _remaining(ops)
    limit = _limit(plan.quota)
    if limit is None:
        # Deviation: AWS's wording for a plan without a quota is not recorded.
        raise BadRequestException("Usage Plan does not have a quota")
    first, last = period_bounds(day_of(now), plan.quota.period if plan.quota else None)
    counter = uow.usage.set_remaining(plan_id, key_id, first.isoformat(), limit, remaining)
    left = max(0, limit + counter.extra - counter.used)
    return Usage(plan_id, first.isoformat(), last.isoformat(), {key_id: [[counter.used, left]]})
