"""Access logs per stage: the stage's ``accessLogSettings.format`` with ``$context`` filled in.

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
Deviation: lines go to the ``cognigate.gateway.access`` logger instead of CloudWatch Logs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from cognigate.gateway.context import Invocation, context_variables

logger = logging.getLogger("cognigate.gateway.access")

_VARIABLE = re.compile(r"\$(?:\{)?context\.([A-Za-z0-9_.]+)(?:\})?")


def _lookup(values: Mapping[str, object], dotted: str) -> str:
    current: object = values
    for part in dotted.split("."):
        if not isinstance(current, Mapping):
            return "-"
        current = current.get(part)
    return "-" if current in (None, "") else str(current)


def format_line(template: str, inv: Invocation) -> str:
    """``template`` with every ``$context.x.y`` replaced (``-`` when empty)."""
    values = context_variables(inv)
    return _VARIABLE.sub(lambda m: _lookup(values, m.group(1)), template)


def write(template: str | None, inv: Invocation) -> None:
    if template:
        logger.info("%s", format_line(template, inv))
