"""API keys: Create/Get/Update/DeleteApiKey.

https://docs.aws.amazon.com/apigateway/latest/api/API_ApiKey.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page
from cognigate.apigw.errors import BadRequestException, ConflictException, NotFoundException
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, Style, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.usage_model import ApiKey
from cognigate.core import ids

MIN_VALUE, MAX_VALUE = 20, 128
_TABLE = PatchTable(
    (rule("/description"), rule("/enabled", kind=Kind.BOOL), rule("/name"), rule("/customerId")),
    style=Style.LONG,
)


def require_key(uow: ApigwUnitOfWork, key_id: str) -> ApiKey:
    found = uow.api_keys.get(key_id)
    if found is None:
        raise NotFoundException("Invalid API Key identifier specified")
    return found


def _check_value(value: str) -> None:
    if len(value) < MIN_VALUE:
        raise BadRequestException(f"API Key value should be at least {MIN_VALUE} characters")
    if len(value) > MAX_VALUE:
        raise BadRequestException(f"API Key value exceeds maximum size of {MAX_VALUE} characters")


class ApiKeys:
    """The ApiKey operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create(self, key: ApiKey) -> ApiKey:
        """``key.id``/dates are assigned; an empty value is generated (40 characters)."""
        value = key.value or ids.token_urlsafe(30).replace("-", "").replace("_", "")[:40]
        _check_value(value)
        if key.name is not None and len(key.name) > 1024:
            raise BadRequestException("Invalid API Key name, can be at most 1024 characters.")
        now = self._scope.now()
        key = dataclasses.replace(
            key,
            id=ids.short_id(10),
            value=value,
            created_date=now,
            last_updated_date=now,
            name=key.name or None,
        )
        with self._scope.uow(write=True) as uow:
            if uow.api_keys.by_value(value) is not None:
                raise ConflictException("API Key already exists")
            uow.api_keys.save(key)
        return key

    def get(self, key_id: str) -> ApiKey:
        with self._scope.uow(write=False) as uow:
            return require_key(uow, key_id)

    def list(
        self,
        name_query: str | None = None,
        customer_id: str | None = None,
        position: str | None = None,
        limit: int | None = None,
    ) -> Page[ApiKey]:
        with self._scope.uow(write=False) as uow:
            keys = list(reversed(uow.api_keys.all()))  # AWS lists the newest first
        keys = [
            k
            for k in keys
            if (not name_query or (k.name or "").startswith(name_query))
            and (not customer_id or k.customer_id == customer_id)
        ]
        return page(keys, position, limit)

    def update(self, key_id: str, ops: Sequence[PatchOp]) -> ApiKey:
        with self._scope.uow(write=True) as uow:
            doc = patch.apply(to_doc(require_key(uow, key_id)), ops, _TABLE)
            doc["lastUpdatedDate"] = self._scope.now()
            key = from_doc(ApiKey, doc)
            uow.api_keys.save(key)
        return key

    def delete(self, key_id: str) -> None:
        with self._scope.uow(write=True) as uow:
            require_key(uow, key_id)
            uow.api_keys.delete(key_id)
