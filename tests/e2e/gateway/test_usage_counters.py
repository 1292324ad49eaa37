"""Usage-plan quotas kept in the database: they survive restarts and are shared by every server
of the database; GetUsage reports them per key and day, UpdateUsage changes what remains."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of
from tests.e2e.gateway.conftest import Gateway, add_path, deploy, mock_method
from tests.support import Server, unique


@dataclass(frozen=True)
class Plan:
    """A deployed API whose GET /keyed needs a key, a usage plan of its stage and its keys."""

    api_id: str
    plan_id: str
    keys: list[tuple[str, str]]  # (id, value)

    def call(self, base_url: str, key: int = 0) -> httpx.Response:
        url = f"{base_url}/restapis/{self.api_id}/dev/_user_request_/keyed"
        return httpx.get(url, headers={"x-api-key": self.keys[key][1]}, timeout=30)


def make_plan(apigw: Any, keys: int = 1, **limits: Any) -> Plan:
    api_id = apigw.create_rest_api(name=unique("quota"))["id"]
    mock_method(apigw, api_id, add_path(apigw, api_id, "/keyed"), apiKeyRequired=True)
    deploy(apigw, api_id)
    plan_id = apigw.create_usage_plan(
        name=unique("plan"), apiStages=[{"apiId": api_id, "stage": "dev"}], **limits
    )["id"]
    made = []
    for _ in range(keys):
        key = apigw.create_api_key(name=unique("key"), enabled=True)
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key["id"], keyType="API_KEY")
        made.append((key["id"], key["value"]))
    return Plan(api_id, plan_id, made)


def today() -> datetime:
    return datetime.now(tz=UTC)  # noqa: TID251 - the server counts by the real UTC day


def iso(moment: datetime) -> str:
    return moment.date().isoformat()


@pytest.fixture
def started(fresh_server: Server) -> Server:
    fresh_server.start()
    return fresh_server


@pytest.fixture
def second(started: Server) -> Iterator[Server]:
    """Another server process on the same database (the same SQLite file or PostgreSQL db)."""
    other = Server(data_dir=started.data_dir, db=started.db)
    other.start()
    yield other
    other.stop()


def test_quota_exhausted_stays_exhausted_after_a_restart(started: Server) -> None:
    plan = make_plan(started.client("apigateway"), quota={"limit": 2, "period": "DAY"})
    before = [plan.call(started.url).status_code for _ in range(3)]

    started.stop()
    started.start()
    after = plan.call(started.url)

    assert before == [200, 200, 429]
    assert after.status_code == 429
    assert after.json() == {"message": "Limit Exceeded"}
    assert after.headers["x-amzn-errortype"] == "LimitExceededException"


def test_two_servers_on_one_database_share_a_quota(started: Server, second: Server) -> None:
    plan = make_plan(started.client("apigateway"), quota={"limit": 3, "period": "DAY"})

    statuses = [plan.call(srv.url).status_code for srv in (started, second) * 3]

    assert statuses == [200, 200, 200, 429, 429, 429]


def test_concurrent_requests_on_two_servers_never_pass_the_quota(
    started: Server, second: Server
) -> None:
    plan = make_plan(started.client("apigateway"), quota={"limit": 5, "period": "WEEK"})
    urls = [started.url, second.url] * 10

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda url: plan.call(url).status_code, urls))

    assert sorted(statuses) == [200] * 5 + [429] * 15
    usage = started.client("apigateway").get_usage(
        usagePlanId=plan.plan_id, startDate=iso(today()), endDate=iso(today())
    )
    assert usage["items"] == {plan.keys[0][0]: [[5, 0]]}


def test_two_servers_on_postgresql_share_a_throttle(
    backend: str, started: Server, second: Server
) -> None:
    if backend != "postgres":
        pytest.skip("a single SQLite process keeps its throttle buckets in memory by design")
    plan = make_plan(started.client("apigateway"), throttle={"rateLimit": 0.001, "burstLimit": 2})

    statuses = [plan.call(srv.url).status_code for srv in (started, second, started, second)]

    assert statuses == [200, 200, 429, 429]
    assert plan.call(second.url).json() == {"message": "Too Many Requests"}


def test_get_usage_reports_each_keys_requests_per_day(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, keys=2, quota={"limit": 5, "period": "DAY"})
    for key, times in ((0, 3), (1, 1)):
        for _ in range(times):
            assert plan.call(gateway_server.server.url, key).status_code == 200
    start, end = iso(today() - timedelta(days=1)), iso(today())

    usage = apigw.get_usage(usagePlanId=plan.plan_id, startDate=start, endDate=end)

    assert (usage["usagePlanId"], usage["startDate"], usage["endDate"]) == (
        plan.plan_id, start, end,
    )  # fmt: skip
    assert usage["items"] == {
        plan.keys[0][0]: [[0, 5], [3, 2]],
        plan.keys[1][0]: [[0, 5], [1, 4]],
    }
    assert "position" not in usage


def test_get_usage_remaining_counts_down_through_the_month(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, quota={"limit": 100, "period": "MONTH"})
    for _ in range(4):
        plan.call(gateway_server.server.url)
    first_of_month = today().replace(day=1)

    usage = apigw.get_usage(
        usagePlanId=plan.plan_id, startDate=iso(first_of_month), endDate=iso(today())
    )

    entries = usage["items"][plan.keys[0][0]]
    assert entries[-1] == [4, 96]
    assert entries[:-1] == [[0, 100]] * (today().day - 1)


def test_get_usage_with_a_key_id_reports_only_that_key(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, keys=2)
    plan.call(gateway_server.server.url, 1)

    usage = apigw.get_usage(
        usagePlanId=plan.plan_id, keyId=plan.keys[1][0], startDate=iso(today()),
        endDate=iso(today()),
    )  # fmt: skip

    assert usage["items"] == {plan.keys[1][0]: [[1, 0]]}


def test_get_usage_pages_through_the_keys(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, keys=3)
    day = iso(today())

    first = apigw.get_usage(usagePlanId=plan.plan_id, startDate=day, endDate=day, limit=2)
    rest = apigw.get_usage(
        usagePlanId=plan.plan_id, startDate=day, endDate=day, limit=2, position=first["position"]
    )

    assert len(first["items"]) == 2
    assert "position" not in rest
    assert set(first["items"]) | set(rest["items"]) == {k for k, _ in plan.keys}


def test_update_usage_replaces_the_remaining_quota(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, quota={"limit": 1, "period": "DAY"})
    url, key_id = gateway_server.server.url, plan.keys[0][0]
    assert [plan.call(url).status_code for _ in range(2)] == [200, 429]

    updated = apigw.update_usage(
        usagePlanId=plan.plan_id, keyId=key_id,
        patchOperations=[{"op": "replace", "path": "/remaining", "value": "2"}],
    )  # fmt: skip

    assert updated["items"] == {key_id: [[1, 2]]}
    assert (updated["startDate"], updated["endDate"]) == (iso(today()), iso(today()))
    assert [plan.call(url).status_code for _ in range(3)] == [200, 200, 429]
    usage = apigw.get_usage(usagePlanId=plan.plan_id, startDate=iso(today()), endDate=iso(today()))
    assert usage["items"] == {key_id: [[3, 0]]}


GET_USAGE_ERRORS = [
    ({"usagePlanId": "nosuchplan"}, 404, "NotFoundException"),
    ({"startDate": "2024-13-01"}, 400, "BadRequestException"),
    ({"endDate": "yesterday"}, 400, "BadRequestException"),
    ({"startDate": "2024-02-02", "endDate": "2024-02-01"}, 400, "BadRequestException"),
]


@pytest.mark.parametrize(("override", "status", "code"), GET_USAGE_ERRORS)
def test_get_usage_with_bad_input_is_an_aws_error(
    gateway_server: Gateway, override: dict[str, str], status: int, code: str
) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw)
    params = {"usagePlanId": plan.plan_id, "startDate": "2024-02-01", "endDate": "2024-02-02"}

    with pytest.raises(ClientError) as raised:
        apigw.get_usage(**{**params, **override})

    assert error_of(raised)[:2] == (status, code)


def test_get_usage_of_an_unknown_plan_names_it_invalid(gateway_server: Gateway) -> None:
    with pytest.raises(ClientError) as raised:
        gateway_server.client("apigateway").get_usage(
            usagePlanId="nosuchplan", startDate="2024-02-01", endDate="2024-02-02"
        )

    assert error_of(raised) == (404, "NotFoundException", "Invalid Usage Plan ID specified")


UPDATE_USAGE_ERRORS = [
    ({"path": "/used"}, {}, 400, "BadRequestException"),
    ({"op": "add"}, {}, 400, "BadRequestException"),
    ({"value": "many"}, {}, 400, "BadRequestException"),
    ({}, {"keyId": "nosuchkey"}, 404, "NotFoundException"),
    ({}, {"usagePlanId": "nosuchplan"}, 404, "NotFoundException"),
]


@pytest.mark.parametrize(("op", "ids", "status", "code"), UPDATE_USAGE_ERRORS)
def test_update_usage_with_bad_input_is_an_aws_error(
    gateway_server: Gateway, op: dict[str, str], ids: dict[str, str], status: int, code: str
) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw, quota={"limit": 5, "period": "DAY"})
    patch = {"op": "replace", "path": "/remaining", "value": "3", **op}

    with pytest.raises(ClientError) as raised:
        apigw.update_usage(
            **{"usagePlanId": plan.plan_id, "keyId": plan.keys[0][0], **ids},
            patchOperations=[patch],
        )

    assert error_of(raised)[:2] == (status, code)


def test_update_usage_of_a_plan_without_quota_is_bad_request(gateway_server: Gateway) -> None:
    apigw = gateway_server.client("apigateway")
    plan = make_plan(apigw)

    with pytest.raises(ClientError) as raised:
        apigw.update_usage(
            usagePlanId=plan.plan_id, keyId=plan.keys[0][0],
            patchOperations=[{"op": "replace", "path": "/remaining", "value": "3"}],
        )  # fmt: skip

    assert error_of(raised)[:2] == (400, "BadRequestException")
