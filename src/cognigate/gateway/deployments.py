"""Which deployment a stage serves, with each deployment compiled once into a router (cached).

DESIGN.md §3: a deployment is an immutable snapshot; the stage is read on every request so a
redeploy applies at once, the compiled deployment is cached by ``(api id, deployment id)``.
What a stage serves is remembered; after ``STAGE_TTL`` seconds it is re-read in the background
while the remembered answer goes on serving, and it is forgotten at once when this process
changes any API (:meth:`DeploymentCache.invalidate`).
Deviation: another instance sharing the database sees a redeploy about ``STAGE_TTL`` later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.stage_model import AccessLogSettings, MethodSetting
from cognigate.core.clock import Clock
from cognigate.core.uow import UnitOfWorkFactory
from cognigate.gateway.cache import BoundedCache
from cognigate.gateway.router import Router

COMPILED_CACHE_SIZE = 128
STAGE_CACHE_SIZE = 1024
STAGE_TTL = 1.0


@dataclass(frozen=True, slots=True)
class Compiled:
    """A snapshot with its router."""

    definition: ApiDefinition
    router: Router


@dataclass(frozen=True, slots=True)
class Served:
    """What a stage serves right now."""

    deployment_id: str
    compiled: Compiled
    variables: Mapping[str, str] = field(default_factory=dict)
    method_settings: Mapping[str, MethodSetting] = field(default_factory=dict)
    access_log: AccessLogSettings | None = None


class DeploymentCache:
    """Looks up stages per request and compiles each deployment once."""

    def __init__(self, uow: UnitOfWorkFactory[ApigwUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._compiled: BoundedCache[tuple[str, str], Compiled] = BoundedCache(
            COMPILED_CACHE_SIZE, clock.now
        )
        self._clock = clock
        self._stages: BoundedCache[tuple[str, str], tuple[float, Served]] = BoundedCache(
            STAGE_CACHE_SIZE, clock.now
        )
        self._generation = 0

    def recent(self, api_id: str, stage_name: str) -> tuple[Served, bool] | None:
        """What the stage served when last read, and whether that is recent enough."""
        found = self._stages.get((api_id, stage_name))
        if found is None:
            return None
        read_at, served = found
        return served, self._clock.now() - read_at < STAGE_TTL

    def invalidate(self) -> None:
        """Forget every remembered stage (an API changed in this process)."""
        self._generation += 1
        self._stages.clear()

    def served(self, api_id: str, stage_name: str) -> Served | None:
        """The stage's current deployment, or ``None`` for an unknown API or stage."""
        generation, read_at = self._generation, self._clock.now()
        with self._uow(write=False) as uow:
            stage = uow.stages.get(api_id, stage_name)
            if stage is None:
                self._stages.discard_where(lambda key: key == (api_id, stage_name))
                return None
            key = (api_id, stage.deployment_id)
            compiled = self._compiled.get(key)
            if compiled is None:
                snapshot = uow.deployments.snapshot(api_id, stage.deployment_id)
                if snapshot is None:
                    return None
                compiled = Compiled(snapshot, Router(snapshot))
                self._compiled.put(key, compiled)
        served = Served(
            deployment_id=stage.deployment_id,
            compiled=compiled,
            variables=dict(stage.variables or {}),
            method_settings=stage.method_settings,
            access_log=stage.access_log_settings,
        )
        if generation == self._generation:  # no API changed while reading
            self._stages.put((api_id, stage_name), (read_at, served))
        return served

    def current(self, api_id: str) -> Compiled | None:
        """The API as it is now, undeployed (TestInvokeMethod); never cached."""
        with self._uow(write=False) as uow:
            definition = uow.apis.get(api_id)
        return Compiled(definition, Router(definition)) if definition else None
