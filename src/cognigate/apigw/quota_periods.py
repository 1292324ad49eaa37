"""Usage-plan quota periods (DAY, WEEK, MONTH) as calendar days in UTC.

https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html
A day resets at 00:00 UTC, a week on Sunday, a month on its 1st. Days are ISO dates
(``2016-12-31``), the form GetUsage takes and stores usage under.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

PERIODS = ("DAY", "WEEK", "MONTH")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(epoch: float) -> date:
    """The UTC calendar day of an epoch time."""
    return datetime.fromtimestamp(epoch, tz=UTC).date()


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, or ``None`` when it is not one."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def period_bounds(day: date, period: str | None) -> tuple[date, date]:
    """First and last day of the quota period (``DAY`` when unset) that contains ``day``."""
    kind = (period or "DAY").upper()
    if kind == "WEEK":
        # AWS parity: weeks start on Sunday (the old QuotaSettings.offset docs: 0 = Sunday).
        start = day - timedelta(days=(day.weekday() + 1) % 7)
        return start, start + timedelta(days=6)
    if kind == "MONTH":
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    return day, day


def days(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
