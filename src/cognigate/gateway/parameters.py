"""Parameter-mapping expressions: ``'static'``, ``method.request.header.X``, ``context.X``, ...

https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from cognigate.gateway.context import Invocation, context_variables
from cognigate.gateway.vtl.jsonpath import select

_METHOD_REQUEST = "method.request."
_STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.([A-Za-z0-9_.-]+)\}")


def with_stage_variables(text: str, stage_variables: Mapping[str, str]) -> str:
    """``text`` with every ``${stageVariables.name}`` filled in (empty when unset)."""
    if "${" not in text:
        return text
    return _STAGE_VARIABLE.sub(lambda m: stage_variables.get(m.group(1), ""), text)


def _dotted(values: Mapping[str, object], path: str) -> object:
    current: object = values
    for part in path.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


def _method_request(inv: Invocation, rest: str) -> str | None:
    where, _, name = rest.partition(".")
    if where == "header":
        return inv.request.header(name)
    if where == "querystring":
        return inv.request.single_query().get(name)
    if where == "path":
        return inv.match.path_parameters.get(name) if inv.match else None
    if where == "multivalueheader":
        values = [v for k, v in inv.request.headers if k.lower() == name.lower()]
        return ",".join(values) if values else None
    return None


def _integration_response(
    rest: str, headers: Mapping[str, str] | None, body: str | None
) -> str | None:
    if rest.startswith("header.") and headers is not None:
        wanted = rest[len("header.") :].lower()
        return next((v for k, v in headers.items() if k.lower() == wanted), None)
    if rest.startswith("body") and body is not None:
        try:
            document = json.loads(body)
        except ValueError:
            return None
        found = select(document, "$" + rest[len("body") :])
        return found if isinstance(found, str) else json.dumps(found)
    return None


def evaluate(
    expression: str,
    inv: Invocation,
    *,
    response_headers: Mapping[str, str] | None = None,
    response_body: str | None = None,
) -> str | None:
    """The value of one mapping expression for this invocation, or ``None``."""
    if len(expression) >= 2 and expression.startswith("'") and expression.endswith("'"):
        return expression[1:-1]
    if expression.startswith(_METHOD_REQUEST):
        return _method_request(inv, expression[len(_METHOD_REQUEST) :])
    if expression.startswith("stageVariables."):
        return inv.stage_variables.get(expression[len("stageVariables.") :])
    if expression.startswith("context."):
        found = _dotted(context_variables(inv), expression[len("context.") :])
        return None if found is None else str(found)
    if expression.startswith("integration.response."):
        rest = expression[len("integration.response.") :]
        return _integration_response(rest, response_headers, response_body)
    return None
