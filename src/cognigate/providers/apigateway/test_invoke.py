"""Handlers of TestInvokeMethod, TestInvokeAuthorizer and FlushStageAuthorizersCache.

The data plane runs them; this layer cannot import it, so the composition root hands in a
:class:`TestInvoker`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import table

OPERATIONS = ("TestInvokeMethod", "TestInvokeAuthorizer", "FlushStageAuthorizersCache")


class TestInvoker(Protocol):
    """Runs test invokes against an API's current (undeployed) definition."""

    def test_invoke_method(self, api_id: str, params: Mapping[str, Any]) -> Mapping[str, Any]:
        """``params``: the TestInvokeMethod members (``resourceId``, ``httpMethod``, ...)."""
        ...

    def test_invoke_authorizer(
        self, api_id: str, authorizer_id: str, params: Mapping[str, Any]
    ) -> Mapping[str, Any]: ...

    def flush_authorizers(self, api_id: str) -> None:
        """Forget every cached authorizer result of the API."""
        ...


class TestInvokeHandlers:
    def __init__(self, invoker: TestInvoker) -> None:
        self._invoker = invoker

    def test_invoke_method(self, params: Wire, context: CallContext) -> Wire:
        return dict(self._invoker.test_invoke_method(params["restApiId"], params))

    def test_invoke_authorizer(self, params: Wire, context: CallContext) -> Wire:
        found = self._invoker.test_invoke_authorizer(
            params["restApiId"], params["authorizerId"], params
        )
        return dict(found)

    def flush_stage_authorizers_cache(self, params: Wire, context: CallContext) -> None:
        self._invoker.flush_authorizers(params["restApiId"])


def handlers(invoker: TestInvoker) -> dict[str, Handler]:
    return table(TestInvokeHandlers(invoker), OPERATIONS)
