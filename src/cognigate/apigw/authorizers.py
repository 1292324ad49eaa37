"""Authorizers: Create/Get/Update/DeleteAuthorizer (COGNITO_USER_POOLS, TOKEN, REQUEST).

https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page, require_api
from cognigate.apigw.errors import BadRequestException, ConflictException, NotFoundException
from cognigate.apigw.model import ApiDefinition, Authorizer
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.core import ids

POOL_ARN = re.compile(
    r"arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool/([\w-]+_[0-9a-zA-Z]+)"
)
MAX_TTL = 3600
DEFAULT_TTL = 300
_TOKEN_SOURCE = re.compile(r"method\.request\.header\.[a-zA-Z0-9._-]+")
_REQUEST_SOURCE = re.compile(
    r"(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)"
    r"|stageVariables|context)\.[^\s,]+"
)

_TABLE = PatchTable(
    (
        rule("/name"),
        rule("/type"),
        rule("/authType", "replace", "remove"),
        rule("/identitySource", "replace", "remove"),
        rule("/identityValidationExpression", "replace", "remove"),
        rule("/authorizerResultTtlInSeconds", kind=Kind.INT),
        rule("/authorizerUri"),
        rule("/authorizerCredentials", "replace", "remove"),
        rule("/providerARNs", "add", "remove", kind=Kind.LIST_ITEM),
    )
)


def pool_id_of(arn: str) -> str | None:
    """The user pool id in a ``arn:aws:cognito-idp:...:userpool/<id>`` ARN, else ``None``."""
    match = POOL_ARN.fullmatch(arn)
    return match.group(1) if match else None


def _check(scope: Scope, authorizer: Authorizer) -> None:
    """:raises BadRequestException: unknown pools, missing identity source or URI, bad TTL."""
    ttl = authorizer.authorizer_result_ttl_in_seconds
    if ttl is not None and not 0 <= ttl <= MAX_TTL:
        raise BadRequestException(
            f"Invalid authorizer TTL specified. Value must be between 0 and {MAX_TTL}."
        )
    if authorizer.type == "COGNITO_USER_POOLS":
        arns = authorizer.provider_arns or ()
        bad = [a for a in arns if not (pid := pool_id_of(a)) or not scope.pools.pool_exists(pid)]
        if bad or not arns:
            # AWS parity (wording as CloudFormation relays it).
            raise BadRequestException(
                "ProviderARNs need to be valid Cognito Userpools. Invalid ARNs- " + ", ".join(bad)
            )
    elif not authorizer.authorizer_uri:
        raise BadRequestException(
            "Authorizer URI must be specified for TOKEN and REQUEST authorizers"
        )
    _check_identity_source(authorizer)


def _check_identity_source(authorizer: Authorizer) -> None:
    """:raises BadRequestException: a missing or malformed ``identitySource``."""
    source = authorizer.identity_source or ""
    if authorizer.type != "REQUEST":
        if not source:
            raise BadRequestException("Identity source must be specified")
        if not _TOKEN_SOURCE.fullmatch(source):
            raise BadRequestException(
                f"Invalid token source expression: {source}. The source must be a method "
                "request header, matching 'method.request.header.[a-zA-Z0-9._-]+'"
            )
        return
    ttl = authorizer.authorizer_result_ttl_in_seconds
    if not source.strip():
        if (DEFAULT_TTL if ttl is None else ttl) > 0:
            # Documented: a REQUEST authorizer needs identity sources while it caches.
            raise BadRequestException("Identity source must be specified when caching is enabled")
        return
    for part in source.split(","):
        if not _REQUEST_SOURCE.fullmatch(part.strip()):
            # Deviation: AWS's wording for this case is not recorded.
            raise BadRequestException(
                f"Invalid identity source expression: {part.strip()}. The source must be a "
                "method request header or querystring, a stage variable or a context variable"
            )


def require_authorizer(definition: ApiDefinition, authorizer_id: str) -> Authorizer:
    found = definition.authorizers.get(authorizer_id)
    if found is None:
        raise NotFoundException("Invalid Authorizer identifier specified")
    return found


def _users(definition: ApiDefinition, authorizer_id: str) -> list[str]:
    return [
        f"{resource.path}/{verb}"
        for resource in definition.resources.values()
        for verb, method in (resource.resource_methods or {}).items()
        if method.authorizer_id == authorizer_id
    ]


class Authorizers:
    """The Authorizer operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def _api_for_create(self, uow: ApigwUnitOfWork, api_id: str) -> ApiDefinition:
        found = uow.apis.get(api_id)
        if found is None:
            # AWS parity: CreateAuthorizer on an unknown API answers with this conflict.
            raise ConflictException(
                "Unable to complete operation due to concurrent modification. "
                "Please try again later."
            )
        return found

    def create(self, api_id: str, authorizer: Authorizer) -> Authorizer:
        """``authorizer.id`` is ignored. :raises ConflictException, BadRequestException:"""
        authorizer = dataclasses.replace(authorizer, id=ids.short_id())
        _check(self._scope, authorizer)
        with self._scope.uow(write=True) as uow:
            definition = self._api_for_create(uow, api_id)
            authorizers = {**definition.authorizers, authorizer.id: authorizer}
            uow.apis.save(dataclasses.replace(definition, authorizers=authorizers))
        return authorizer

    def get(self, api_id: str, authorizer_id: str) -> Authorizer:
        with self._scope.uow(write=False) as uow:
            return require_authorizer(require_api(uow, self._scope, api_id), authorizer_id)

    def list(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[Authorizer]:
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id)
        return page(list(definition.authorizers.values()), position, limit)

    def update(self, api_id: str, authorizer_id: str, ops: Sequence[PatchOp]) -> Authorizer:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            current = require_authorizer(definition, authorizer_id)
            authorizer = from_doc(Authorizer, patch.apply(to_doc(current), ops, _TABLE))
            _check(self._scope, authorizer)
            authorizers = {**definition.authorizers, authorizer_id: authorizer}
            uow.apis.save(dataclasses.replace(definition, authorizers=authorizers))
        return authorizer

    def delete(self, api_id: str, authorizer_id: str) -> None:
        """:raises ConflictException: a method still uses the authorizer."""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            authorizer = require_authorizer(definition, authorizer_id)
            users = _users(definition, authorizer_id)
            if users:
                raise ConflictException(
                    f"Cannot delete authorizer '{authorizer.name}', is referenced in method "
                    f"request: {users[0]}"
                )
            kept = {k: v for k, v in definition.authorizers.items() if k != authorizer_id}
            uow.apis.save(dataclasses.replace(definition, authorizers=kept))
