"""Unit of work for the API Gateway domain: one SQLAlchemy session and transaction per call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cognigate.core.clock import Clock
from cognigate.storage.engine import WRITE_OPTION
from cognigate.storage.repositories.apigw import (
    SqlApiKeyRepository,
    SqlDeploymentRepository,
    SqlRestApiRepository,
    SqlStageRepository,
    SqlUsagePlanRepository,
)
from cognigate.storage.repositories.apigw_documentation import SqlDocumentationRepository
from cognigate.storage.repositories.apigw_usage import SqlUsageRepository


@dataclass(frozen=True, slots=True)
class SqlApigwStore:
    """The repositories bound to one session (implements ``apigw.ports.ApigwUnitOfWork``)."""

    apis: SqlRestApiRepository
    deployments: SqlDeploymentRepository
    stages: SqlStageRepository
    api_keys: SqlApiKeyRepository
    usage_plans: SqlUsagePlanRepository
    usage: SqlUsageRepository
    documentation: SqlDocumentationRepository


class SqlApigwUnitOfWork:
    """``with uow(write=True) as store: ...`` commits on success, rolls back on error.

    Write transactions start with ``BEGIN IMMEDIATE`` on SQLite; on PostgreSQL the API row is
    read ``FOR UPDATE``, so concurrent edits of one API serialise.
    """

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._clock = clock

    @contextmanager
    def __call__(self, *, write: bool) -> Iterator[SqlApigwStore]:
        bind = self._writer if write else self._engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield SqlApigwStore(
                apis=SqlRestApiRepository(session, write=write),
                deployments=SqlDeploymentRepository(session),
                stages=SqlStageRepository(session),
                api_keys=SqlApiKeyRepository(session),
                usage_plans=SqlUsagePlanRepository(session, self._clock.now()),
                usage=SqlUsageRepository(session),
                documentation=SqlDocumentationRepository(session),
            )
