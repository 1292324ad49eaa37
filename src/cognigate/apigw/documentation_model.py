"""Documentation parts and versions, and where a part may point (its location rules).

https://docs.aws.amazon.com/apigateway/latest/api/API_DocumentationPartLocation.html
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cognigate.apigw.errors import BadRequestException

TYPES = frozenset(
    {
        "API",
        "AUTHORIZER",
        "MODEL",
        "RESOURCE",
        "METHOD",
        "PATH_PARAMETER",
        "QUERY_PARAMETER",
        "REQUEST_HEADER",
        "REQUEST_BODY",
        "RESPONSE",
        "RESPONSE_HEADER",
        "RESPONSE_BODY",
    }
)
#: location types whose ``name`` is required (it is invalid for every other type)
NAMED = frozenset(
    {
        "AUTHORIZER",
        "MODEL",
        "PATH_PARAMETER",
        "QUERY_PARAMETER",
        "REQUEST_HEADER",
        "REQUEST_BODY",
        "RESPONSE_HEADER",
    }
)
_METHOD_LEVEL = frozenset(
    {
        "METHOD",
        "PATH_PARAMETER",
        "QUERY_PARAMETER",
        "REQUEST_HEADER",
        "REQUEST_BODY",
        "RESPONSE",
        "RESPONSE_HEADER",
        "RESPONSE_BODY",
    }
)
#: location types that take a ``path`` (default ``/``)
WITH_PATH = _METHOD_LEVEL | {"RESOURCE"}
#: location types that take a ``method`` (default ``*``)
WITH_METHOD = _METHOD_LEVEL
#: location types that take a ``statusCode`` (default ``*``)
WITH_STATUS = frozenset({"RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY"})


@dataclass(frozen=True, slots=True)
class DocumentationPartLocation:
    type: str
    path: str | None = None
    method: str | None = None
    status_code: str | None = None
    name: str | None = None

    def described(self) -> str:
        """``type 'X', path '/p'``: the members that are set, for error messages."""
        members = [("type", self.type), ("path", self.path), ("method", self.method)]
        members += [("statusCode", self.status_code), ("name", self.name)]
        return ", ".join(f"{key} '{value}'" for key, value in members if value is not None)


@dataclass(frozen=True, slots=True)
class DocumentationPart:
    id: str
    location: DocumentationPartLocation
    #: a JSON object, as the string the client sent
    properties: str


@dataclass(frozen=True, slots=True)
class DocumentationVersion:
    version: str
    created_date: float
    description: str | None = None


def _invalid(member: str, kind: str) -> BadRequestException:
    # Deviation: AWS's wording for a misplaced location member is not recorded.
    return BadRequestException(
        f"Invalid documentation part location: '{member}' is not a valid field for type {kind}"
    )


def checked_location(location: DocumentationPartLocation) -> DocumentationPartLocation:
    """The location with AWS's defaults (path ``/``, method and status ``*``) filled in.

    :raises BadRequestException: a member the type does not take, or a missing ``name``.
    """
    kind = location.type
    if kind not in TYPES:
        raise BadRequestException(f"Invalid documentation part location type: {kind}")
    for member, value, allowed in (
        ("path", location.path, WITH_PATH),
        ("method", location.method, WITH_METHOD),
        ("statusCode", location.status_code, WITH_STATUS),
        ("name", location.name, NAMED),
    ):
        if value is not None and kind not in allowed:
            raise _invalid(member, kind)
    if kind in NAMED and not location.name:
        raise BadRequestException(
            f"Invalid documentation part location: 'name' is required for type {kind}"
        )
    return dataclasses.replace(
        location,
        path=location.path or ("/" if kind in WITH_PATH else None),
        method=location.method or ("*" if kind in WITH_METHOD else None),
        status_code=location.status_code or ("*" if kind in WITH_STATUS else None),
    )
