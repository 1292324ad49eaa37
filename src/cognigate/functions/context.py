"""The ``context`` object a handler receives, with the attributes of AWS's Python runtime.

https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass, field

from cognigate.core.clock import to_datetime

DEFAULT_MEMORY_MB = 128
DEFAULT_TIMEOUT_SECONDS = 3.0


def _request_id() -> str:
    return str(uuid.UUID(bytes=secrets.token_bytes(16), version=4))


@dataclass(slots=True)
class LambdaContext:
    """Information about the invocation, the function and the execution environment."""

    function_name: str
    invoked_function_arn: str
    #: AWS parity: the runtime exposes the memory size as the string it reads from its env
    memory_limit_in_mb: str = str(DEFAULT_MEMORY_MB)
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=_request_id)
    log_group_name: str = ""
    log_stream_name: str = ""
    identity: object | None = None
    client_context: object | None = None
    #: ``time.monotonic()`` at which the invocation times out
    deadline: float = 0.0

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the invocation's timeout (never negative)."""
        return max(0, int((self.deadline - time.monotonic()) * 1000))


def new_context(
    name: str, arn: str, *, now: float, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> LambdaContext:
    """A context for one invocation of ``name`` (invoked as ``arn``) at epoch ``now``."""
    day = to_datetime(now).strftime("%Y/%m/%d")
    return LambdaContext(
        function_name=name,
        invoked_function_arn=arn,
        log_group_name=f"/aws/lambda/{name}",
        log_stream_name=f"{day}/[$LATEST]{secrets.token_hex(16)}",
        deadline=time.monotonic() + timeout,
    )
