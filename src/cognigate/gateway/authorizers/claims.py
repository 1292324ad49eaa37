"""JWT claims as API Gateway hands them on: every value a string, ``exp``/``iat`` as Java dates.

https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from cognigate.gateway.timefmt import java_date

_DATE_CLAIMS = frozenset({"exp", "iat"})


def _string(name: str, value: object) -> str:
    if name in _DATE_CLAIMS and isinstance(value, int | float) and not isinstance(value, bool):
        return java_date(float(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def stringified(claims: Mapping[str, object]) -> dict[str, str]:
    """``$context.authorizer.claims``."""
    return {name: _string(name, value) for name, value in claims.items()}
