"""Third-party identity providers of a pool: Create/Describe/List/Update/DeleteIdentityProvider
and GetIdentityProviderByIdentifier.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from cognigate.identity import idp_config
from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.errors import (
    DuplicateProviderException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from cognigate.identity.model import IdentityProvider, Page, UserPool
from cognigate.identity.oidc_client import ProviderUnreachable
from cognigate.identity.ports import DuplicateKey, IdentityStore

log = logging.getLogger(__name__)
#: internal ProviderDetails key: how we authenticate at the provider's token endpoint
TOKEN_AUTH = "_token_auth"
DEFAULT_PAGE = 60


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    """What CreateIdentityProvider/UpdateIdentityProvider set (``None`` = unchanged)."""

    details: Mapping[str, str] | None = None
    attribute_mapping: Mapping[str, str] | None = None
    identifiers: tuple[str, ...] | None = None


def require_provider(store: IdentityStore, pool_id: str, name: str) -> IdentityProvider:
    """The provider, or ``ResourceNotFoundException``."""
    provider = store.identity_providers.get(pool_id, name)
    if provider is None:
        raise ResourceNotFoundException(f"Identity provider {name} does not exist.")
    return provider


def _check_identifiers(
    store: IdentityStore, pool_id: str, name: str, identifiers: Iterable[str]
) -> tuple[str, ...]:
    result = tuple(identifiers)
    if len(set(result)) != len(result):
        raise InvalidParameterException("Duplicate IdpIdentifiers are not allowed.")
    for identifier in result:
        holder = store.identity_providers.by_identifier(pool_id, identifier)
        if holder is not None and holder.name != name:
            raise DuplicateProviderException(
                f"Identifier {identifier} already exists in user pool {pool_id}"
            )
    return result


class IdentityProviderOperations:
    """The identity-provider noun of the Cognito API."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def _complete(self, kind: str, details: Mapping[str, str]) -> dict[str, str]:
        """Details with AWS's fixed (social) or discovered (OIDC) endpoints filled in.

        :raises InvalidParameterException: an OIDC issuer that cannot be discovered while
            endpoints are missing ("Unable to contact well-known endpoint").
        """
        idp_config.check_details(kind, details)
        completed = idp_config.with_social_defaults(kind, details)
        if kind != idp_config.OIDC:
            return completed
        document: Mapping[str, object] = {}
        client = self._deps.oidc
        try:
            if client is None:
                raise ProviderUnreachable("no HTTP client configured")
            document = client.discover(completed["oidc_issuer"])
        except ProviderUnreachable as error:
            log.info("OIDC discovery of %s failed: %s", completed["oidc_issuer"], error)
            if idp_config.missing_endpoints(completed):
                raise InvalidParameterException("Unable to contact well-known endpoint") from error
        completed = idp_config.with_discovered(completed, document)
        completed[TOKEN_AUTH] = idp_config.token_auth_method(document)
        return completed

    def create(
        self, pool_id: str, name: str, kind: str, settings: ProviderSettings
    ) -> IdentityProvider:
        """CreateIdentityProvider.

        :raises ResourceNotFoundException: unknown pool.
        :raises DuplicateProviderException: the name (or an IdP identifier) is taken.
        :raises InvalidParameterException: details, mapping or name break the type's rules.
        """
        idp_config.check_name(name, kind)
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
        details = self._complete(kind, settings.details or {})
        now = self._deps.clock.now()
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            if store.identity_providers.get(pool_id, name) is not None:
                raise DuplicateProviderException(f"{name} already exists in user pool {pool_id}")
            provider = IdentityProvider(
                pool_id=pool_id,
                name=name,
                type=kind,
                details=details,
                attribute_mapping=idp_config.attribute_mapping(
                    pool, kind, settings.attribute_mapping
                ),
                identifiers=_check_identifiers(store, pool_id, name, settings.identifiers or ()),
                created=now,
                modified=now,
            )
            try:
                store.identity_providers.add(provider)
            except DuplicateKey as error:
                raise DuplicateProviderException(
                    f"{name} already exists in user pool {pool_id}"
                ) from error
        return provider

    def describe(self, pool_id: str, name: str) -> IdentityProvider:
        """DescribeIdentityProvider. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            return require_provider(store, pool_id, name)

    def by_identifier(self, pool_id: str, identifier: str) -> IdentityProvider:
        """GetIdentityProviderByIdentifier. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            provider = store.identity_providers.by_identifier(pool_id, identifier)
        if provider is None:
            raise ResourceNotFoundException(f"Identity provider {identifier} does not exist.")
        return provider

    def list(
        self, pool_id: str, max_results: int | None, next_token: str | None
    ) -> Page[IdentityProvider]:
        """ListIdentityProviders, ordered by name (60 a page unless MaxResults says)."""
        size = max_results or DEFAULT_PAGE
        after = decode_token(next_token)
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            providers = store.identity_providers.list(pool_id, size + 1, after)
        page = providers[:size]
        token = encode_token(page[-1].name) if len(providers) > size else None
        return Page(items=tuple(page), next_token=token)

    def _updated(
        self, pool: UserPool, current: IdentityProvider, settings: ProviderSettings
    ) -> IdentityProvider:
        details = dict(current.details)
        if settings.details is not None:
            given = {k: v for k, v in settings.details.items() if not k.startswith("_")}
            rediscover = given.get("oidc_issuer", details.get("oidc_issuer"))
            if current.type == idp_config.OIDC and rediscover != details.get("oidc_issuer"):
                details = {k: v for k, v in details.items() if k not in idp_config.DISCOVERED}
            details = self._complete(current.type, {**details, **given})
        mapping = current.attribute_mapping
        if settings.attribute_mapping is not None:
            mapping = idp_config.attribute_mapping(pool, current.type, settings.attribute_mapping)
        return replace(
            current, details=details, attribute_mapping=mapping, modified=self._deps.clock.now()
        )

    def update(self, pool_id: str, name: str, settings: ProviderSettings) -> IdentityProvider:
        """UpdateIdentityProvider: given details are merged; mapping and identifiers replaced.

        :raises ResourceNotFoundException: unknown pool or provider.
        :raises InvalidParameterException, DuplicateProviderException:
        """
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
            current = require_provider(store, pool_id, name)
        updated = self._updated(pool, current, settings)
        with self._deps.uow(write=True) as store:
            require_provider(store, pool_id, name)
            if settings.identifiers is not None:
                identifiers = _check_identifiers(store, pool_id, name, settings.identifiers)
                updated = replace(updated, identifiers=identifiers)
            try:
                store.identity_providers.save(updated)
            except DuplicateKey as error:
                raise DuplicateProviderException(
                    f"An identifier of {name} already exists in user pool {pool_id}"
                ) from error
        return updated

    def delete(self, pool_id: str, name: str) -> None:
        """DeleteIdentityProvider. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            require_provider(store, pool_id, name)
            store.identity_providers.delete(pool_id, name)

    def names(self, pool_id: str) -> builtins.list[str]:
        """Every provider name of the pool (the console and client checks use it)."""
        with self._deps.uow(write=False) as store:
            return provider_names(store, pool_id)


def provider_names(store: IdentityStore, pool_id: str) -> list[str]:
    """Every provider name of the pool, in order."""
    names: list[str] = []
    after: str | None = None
    while True:
        batch = store.identity_providers.list(pool_id, 100, after)
        names.extend(p.name for p in batch)
        if len(batch) < 100:
            return names
        after = batch[-1].name
