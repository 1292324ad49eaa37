"""What the data plane needs from the rest of cognigate, as small Protocols app.py fills in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from cognigate.identity.tokens import SigningKey


@dataclass(frozen=True, slots=True)
class PoolKeySet:
    """A user pool's token issuer and its public keys by ``kid``."""

    issuer: str
    keys: Mapping[str, SigningKey]


class PoolKeys(Protocol):
    """Signing keys of Cognito user pools (for COGNITO_USER_POOLS authorizers)."""

    def keys_for(self, pool_id: str) -> PoolKeySet | None:
        """The pool's issuer and keys, or ``None`` for an unknown pool."""
        ...


class UsageMeter(Protocol):
    """Requests of API keys through usage plans: per day, and against the plan's quota."""

    def record(
        self, plan_id: str, key_id: str, day: str, period_start: str | None, limit: int | None
    ) -> bool:
        """Count one request on ``day``; with a quota (``period_start`` and ``limit``), only
        while the period has requests left. ``False`` (and nothing counted) when it has none.

        Blocking (storage); the data plane calls it off the event loop.
        """
        ...


class SharedBuckets(Protocol):
    """Token buckets every process serving the same database spends from."""

    def take(self, key: str, rate: float, burst: int) -> bool:
        """Spend one token of bucket ``key`` (``rate`` a second, ``burst`` held); ``False`` when
        it is empty. Blocking (storage)."""
        ...


class FunctionError(Exception):
    """The function raised; ``message`` is its ``errorMessage``."""

    def __init__(self, message: str, error_type: str = "Exception") -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type


class FunctionNotFound(Exception):
    """No local function answers to that name, ARN or invocation URI."""


def lambda_endpoint(region: str, target: str) -> str:
    """The Lambda Invoke URL AWS's logs print for an invocation URI or function ARN."""
    arn = (
        target.split("/functions/", 1)[1].removesuffix("/invocations")
        if "/functions/" in target
        else target
    )
    return f"https://lambda.{region}.amazonaws.com/2015-03-31/functions/{arn}/invocations"


class FunctionInvoker(Protocol):
    """Local "Lambda" functions (``--functions DIR``)."""

    async def invoke(self, target: str, event: object) -> object:
        """The function's return value for ``event`` (any JSON value).

        :param target: a function name, Lambda ARN or API Gateway invocation URI.
        :raises FunctionNotFound: no such function.
        :raises FunctionError: the function raised.
        """
        ...


class NoFunctions:
    """The invoker used when no ``--functions`` directory is configured."""

    async def invoke(self, target: str, event: object) -> object:
        raise FunctionNotFound(target)
