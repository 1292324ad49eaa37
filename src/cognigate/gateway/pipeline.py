"""The data plane as an explicit, ordered list of steps, and the entry point for live invokes.

route -> authorize -> API key -> throttle -> validate -> integrate (request mapping, call,
response mapping, method response); a :class:`GatewayError` anywhere becomes a gateway response.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence

import anyio
import anyio.to_thread

from cognigate.gateway import access_log
from cognigate.gateway.authorizers import authorize_step
from cognigate.gateway.context import Invocation
from cognigate.gateway.deployments import DeploymentCache, Served
from cognigate.gateway.errors import ApiConfigurationError, GatewayError
from cognigate.gateway.execution_log import ExecutionLog
from cognigate.gateway.front_door import TRACE_HEADER, arriving, new_trace_id
from cognigate.gateway.gateway_responses import common_headers, plain_error, render_error
from cognigate.gateway.integrations import integrate_step
from cognigate.gateway.messages import GatewayRequest, GatewayResponse
from cognigate.gateway.router import route_step
from cognigate.gateway.runtime import Runtime
from cognigate.gateway.usage import api_key_step, throttle_step
from cognigate.gateway.validation import validate_step

logger = logging.getLogger(__name__)

Step = Callable[[Invocation, Runtime], Awaitable[None]]

LIVE_STEPS: tuple[Step, ...] = (
    route_step,
    authorize_step,
    api_key_step,
    throttle_step,
    validate_step,
    integrate_step,
)
#: TestInvokeMethod bypasses authorization, keys and throttling (the route is given)
TEST_STEPS: tuple[Step, ...] = (validate_step, integrate_step)


async def run(inv: Invocation, runtime: Runtime, steps: Sequence[Step]) -> GatewayResponse:
    """Run ``steps`` in order; the first :class:`GatewayError` becomes the response."""
    try:
        for step in steps:
            await step(inv, runtime)
        if inv.response is None:
            raise ApiConfigurationError(log="No response produced")
        response = inv.response
    except GatewayError as error:
        if error.log:
            inv.log.add(error.log)
        response = render_error(inv, error)
    except Exception:  # a bug must not leave the caller without AWS's 500 answer
        logger.exception("request %s failed", inv.request_id)
        inv.log.add("Execution failed due to an internal error")
        response = render_error(inv, ApiConfigurationError())
    inv.response = response
    return response


def new_request_id() -> str:
    return str(uuid.uuid4())


class Gateway:
    """Serves deployed APIs."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.deployments = DeploymentCache(runtime.uow, runtime.clock)
        self._refreshing = anyio.Lock()
        self._revalidating: set[tuple[str, str]] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def _invocation(
        self, api_id: str, stage: str, request: GatewayRequest, served: Served
    ) -> Invocation:
        request_id = new_request_id()
        return Invocation(
            request=request,
            api=served.compiled.definition,
            stage=stage,
            stage_variables=served.variables,
            request_id=request_id,
            started=self.runtime.clock.now(),
            account_id=self.runtime.account_id,
            region=self.runtime.region,
            log=ExecutionLog(self.runtime.clock, request_id, enabled=False),
            router=served.compiled.router,
            method_settings=served.method_settings,
            deployment_id=served.deployment_id,
        )

    async def _served(self, api_id: str, stage: str) -> Served | None:
        found = self.deployments.recent(api_id, stage)
        if found is None:
            return await self._refresh(api_id, stage)
        served, fresh = found
        if not fresh and (api_id, stage) not in self._revalidating:
            self._revalidating.add((api_id, stage))
            task = asyncio.get_running_loop().create_task(self._revalidate(api_id, stage))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return served

    async def _revalidate(self, api_id: str, stage: str) -> None:
        try:
            await anyio.to_thread.run_sync(self.deployments.served, api_id, stage)
        except Exception:  # the stale answer goes on serving; the next request retries
            logger.exception("re-reading stage %s of %s failed", stage, api_id)
        finally:
            self._revalidating.discard((api_id, stage))

    async def _refresh(self, api_id: str, stage: str) -> Served | None:
        """Read the stage once, however many requests wait for it (no stampede)."""
        async with self._refreshing:
            found = self.deployments.recent(api_id, stage)
            if found is not None:
                return found[0]
            return await anyio.to_thread.run_sync(self.deployments.served, api_id, stage)

    async def invoke(self, api_id: str, stage: str, request: GatewayRequest) -> GatewayResponse:
        """Answer ``request`` for stage ``stage`` of API ``api_id``."""
        served = await self._served(api_id, stage)
        if served is None:
            return plain_error(403, "Forbidden", "ForbiddenException", new_request_id())
        request = arriving(request, self.runtime.clock.now())
        inv = self._invocation(api_id, stage, request, served)
        response = await run(inv, self.runtime, LIVE_STEPS)
        trace = request.header(TRACE_HEADER) or new_trace_id(inv.started)
        response.headers += common_headers(inv.request_id, inv.apigw_id, trace)
        access_log.write(served.access_log.format if served.access_log else None, inv)
        return response

    def flush_authorizers(self, api_id: str) -> None:
        """FlushStageAuthorizersCache."""
        self.runtime.flush_authorizers(api_id)

    def api_changed(self) -> None:
        """Called after every management write in this process: serve the change at once."""
        self.deployments.invalidate()
        self.runtime.key_grants.clear()
