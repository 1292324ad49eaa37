"""The execution log of TestInvokeMethod and TestInvokeAuthorizer, line by line as AWS prints it.

https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-test-method.html
"""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.core.clock import Clock
from cognigate.gateway.timefmt import java_date

_TRUNCATE_AT = 1000


def java_map(values: Mapping[str, object]) -> str:
    """A map as Java prints it: ``{k1=v1, k2=v2}``; multi-values comma-joined; long ones cut."""
    parts = []
    for key, value in values.items():
        shown = ",".join(str(v) for v in value) if isinstance(value, list) else value
        parts.append(f"{key}={shown}")
    text = "{" + ", ".join(parts) + "}"
    if len(text) > _TRUNCATE_AT:
        return text[:_TRUNCATE_AT] + " [TRUNCATED]"
    return text


class ExecutionLog:
    """Collects lines when enabled (test invokes); costs nothing on the live path."""

    def __init__(self, clock: Clock, request_id: str, *, enabled: bool) -> None:
        self._clock = clock
        self.request_id = request_id
        self.enabled = enabled
        self._lines: list[str] = []

    def add(self, text: str) -> None:
        if self.enabled:
            self._lines.append(f"{java_date(self._clock.now())} : {text}")

    def text(self) -> str:
        """The whole log, headed ``Execution log for request <id>``, ending with a newline."""
        lines = [f"Execution log for request {self.request_id}", *self._lines]
        return "\n".join(lines) + "\n"
