"""Time formats API Gateway prints: Java ``Date.toString()`` and the access-log request time."""

from __future__ import annotations

from datetime import UTC, datetime

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def java_date(epoch: float) -> str:
    """``Wed Jun 14 20:52:09 UTC 2023`` (``EEE MMM dd HH:mm:ss zzz yyyy``, English, UTC)."""
    moment = datetime.fromtimestamp(epoch, tz=UTC)
    day = _DAYS[moment.weekday()]
    month = _MONTHS[moment.month - 1]
    return f"{day} {month} {moment.day:02d} {moment:%H:%M:%S} UTC {moment.year}"


def request_time(epoch: float) -> str:
    """``$context.requestTime``: ``14/Jun/2023:20:52:09 +0000``."""
    moment = datetime.fromtimestamp(epoch, tz=UTC)
    return f"{moment.day:02d}/{_MONTHS[moment.month - 1]}/{moment:%Y:%H:%M:%S} +0000"
