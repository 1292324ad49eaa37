"""Quota periods: UTC days, Sunday-started weeks, calendar months."""

from __future__ import annotations

from datetime import date

import pytest

from cognigate.apigw.quota_periods import day_of, parse_day, period_bounds


@pytest.mark.parametrize(
    ("period", "day", "bounds"),
    [
        (None, date(2024, 2, 14), (date(2024, 2, 14), date(2024, 2, 14))),
        ("DAY", date(2024, 2, 14), (date(2024, 2, 14), date(2024, 2, 14))),
        ("WEEK", date(2024, 2, 14), (date(2024, 2, 11), date(2024, 2, 17))),
        ("WEEK", date(2024, 2, 11), (date(2024, 2, 11), date(2024, 2, 17))),
        ("WEEK", date(2024, 2, 10), (date(2024, 2, 4), date(2024, 2, 10))),
        ("MONTH", date(2024, 2, 14), (date(2024, 2, 1), date(2024, 2, 29))),
        ("MONTH", date(2023, 12, 31), (date(2023, 12, 1), date(2023, 12, 31))),
    ],
)
def test_period_bounds_are_the_first_and_last_day(
    period: str | None, day: date, bounds: tuple[date, date]
) -> None:
    assert period_bounds(day, period) == bounds


def test_day_of_is_the_utc_day() -> None:
    assert day_of(1_700_000_000.0) == date(2023, 11, 14)
    assert day_of(1_699_999_199.0) == date(2023, 11, 14)
    assert day_of(1_699_919_999.0) == date(2023, 11, 13)


@pytest.mark.parametrize("text", ["2024-02-30", "2024-2-1", "20240201", "", "2024-02-01T00"])
def test_parse_day_rejects_what_is_not_an_iso_day(text: str) -> None:
    assert parse_day(text) is None


def test_parse_day_reads_an_iso_day() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
