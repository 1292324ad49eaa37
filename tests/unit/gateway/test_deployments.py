"""What a stage serves: read once, remembered, re-read when old, forgotten on any change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cognigate.apigw.context import Scope
from cognigate.apigw.deployments import NewDeployment
from cognigate.apigw.lab import LabApi, ensure_lab_api
from cognigate.apigw.service import ApiGatewayService
from cognigate.core.clock import FixedClock
from cognigate.gateway.deployments import STAGE_TTL, DeploymentCache
from cognigate.storage import migrate
from cognigate.storage.engine import database_url, make_engine
from cognigate.storage.uow_apigw import SqlApigwUnitOfWork


class NoPools:
    def pool_exists(self, pool_id: str) -> bool:
        return False


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> Iterator[ApiGatewayService]:
    engine = make_engine(database_url(None, tmp_path))
    migrate.upgrade(engine)
    scope = Scope(
        uow=SqlApigwUnitOfWork(engine, clock), clock=clock, account_id="000000000000",
        region="us-east-1", pools=NoPools(),
    )  # fmt: skip
    yield ApiGatewayService(scope)
    engine.dispose()


@pytest.fixture
def lab(service: ApiGatewayService) -> LabApi:
    return ensure_lab_api(service.scope)


def test_a_read_stage_is_remembered_and_ages(
    service: ApiGatewayService, lab: LabApi, clock: FixedClock
) -> None:
    cache = DeploymentCache(service.scope.uow, clock)
    served = cache.served(lab.api_id, "dev")

    fresh = cache.recent(lab.api_id, "dev")
    clock.advance(STAGE_TTL + 0.1)
    aged = cache.recent(lab.api_id, "dev")

    assert served is not None
    assert fresh == (served, True)
    assert aged == (served, False)


def test_the_compiled_deployment_is_shared_between_reads(
    service: ApiGatewayService, lab: LabApi, clock: FixedClock
) -> None:
    cache = DeploymentCache(service.scope.uow, clock)

    first, second = cache.served(lab.api_id, "dev"), cache.served(lab.api_id, "dev")

    assert first is not None
    assert second is not None
    assert first.compiled is second.compiled


def test_invalidate_forgets_and_a_new_read_sees_the_redeploy(
    service: ApiGatewayService, lab: LabApi, clock: FixedClock
) -> None:
    cache = DeploymentCache(service.scope.uow, clock)
    before = cache.served(lab.api_id, "dev")
    service.deployments.create(lab.api_id, NewDeployment(stage_name="dev"))

    cache.invalidate()
    after = cache.served(lab.api_id, "dev")

    assert before is not None
    assert after is not None
    assert after.deployment_id != before.deployment_id


def test_unknown_stage_is_none(service: ApiGatewayService, lab: LabApi, clock: FixedClock) -> None:
    cache = DeploymentCache(service.scope.uow, clock)

    assert cache.served(lab.api_id, "prod") is None
    assert cache.recent(lab.api_id, "prod") is None
