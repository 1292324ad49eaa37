"""Velocity (VTL) mapping templates with API Gateway's variables, rendered by ``airspeed``.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import airspeed

from cognigate.gateway.vtl.input import InputVariable
from cognigate.gateway.vtl.source import prepare
from cognigate.gateway.vtl.util import UtilVariable

__all__ = ["InputVariable", "TemplateError", "UtilVariable", "is_plain", "render"]

_UTIL = UtilVariable()


class TemplateError(Exception):
    """The template does not parse or fails while rendering."""


def is_plain(source: str) -> bool:
    """Whether ``source`` has no references or directives (it renders as itself)."""
    return "$" not in source and "#" not in source


@functools.lru_cache(maxsize=512)
def _compiled(source: str) -> airspeed.Template:
    return airspeed.Template(prepare(source))


def render(
    source: str,
    *,
    input_: InputVariable,
    context: Mapping[str, object],
    stage_variables: Mapping[str, str],
) -> str:
    """``source`` rendered with ``$input``, ``$util``, ``$context`` and ``$stageVariables``.

    :raises TemplateError: the template is not valid VTL or a method call failed.
    """
    if is_plain(source):
        return source
    variables = {
        "input": input_,
        "util": _UTIL,
        "context": context,
        "stageVariables": dict(stage_variables),
    }
    try:
        return str(_compiled(source).merge(variables))
    except Exception as exc:  # airspeed raises assorted errors for bad templates
        raise TemplateError(str(exc)) from exc
