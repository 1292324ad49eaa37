"""User-pool domains (the hosted UI's address): Create/Describe/Update/DeleteUserPoolDomain.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cognigate.identity.context import Deps, require_pool
from cognigate.identity.errors import InvalidParameterException, ResourceNotFoundException
from cognigate.identity.model import Domain
from cognigate.identity.ports import DuplicateKey

#: AWS refuses prefix domains containing these words
RESERVED_WORDS = ("aws", "amazon", "cognito")


def _check_prefix(domain: str, custom: bool) -> None:
    if custom:
        return
    for word in RESERVED_WORDS:
        if word in domain:
            raise InvalidParameterException(f"Domain cannot contain reserved word: {word}")


class DomainOperations:
    """The domain noun of the Cognito API."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    @property
    def account_id(self) -> str:
        """The account id reported in domain descriptions."""
        return self._deps.account_id

    def create(
        self,
        pool_id: str,
        domain: str,
        *,
        managed_login_version: int | None = None,
        custom_domain_config: Mapping[str, object] | None = None,
    ) -> Domain:
        """CreateUserPoolDomain.

        :raises InvalidParameterException: reserved word, prefix taken, pool already has one.
        :raises ResourceNotFoundException: unknown pool.
        """
        _check_prefix(domain, custom_domain_config is not None)
        record = Domain(
            domain=domain,
            pool_id=pool_id,
            created=self._deps.clock.now(),
            managed_login_version=managed_login_version or 1,
            custom_domain_config=dict(custom_domain_config) if custom_domain_config else None,
        )
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            if store.domains.for_pool(pool_id) is not None:
                raise InvalidParameterException(
                    f"User pool {pool_id} already has a domain configured."
                )
            if store.domains.get(domain) is not None:
                raise InvalidParameterException("Domain already exists.")
            try:
                store.domains.add(record)
            except DuplicateKey as error:
                raise InvalidParameterException("Domain already exists.") from error
        return record

    def describe(self, domain: str) -> Domain | None:
        """DescribeUserPoolDomain: ``None`` (an empty description) for an unknown domain."""
        with self._deps.uow(write=False) as store:
            return store.domains.get(domain)

    def for_pool(self, pool_id: str) -> Domain | None:
        """The pool's domain, if it has one."""
        with self._deps.uow(write=False) as store:
            return store.domains.for_pool(pool_id)

    def update(
        self,
        pool_id: str,
        domain: str,
        *,
        managed_login_version: int | None,
        custom_domain_config: Mapping[str, object] | None,
    ) -> Domain:
        """UpdateUserPoolDomain. :raises ResourceNotFoundException: no such domain in the pool."""
        with self._deps.uow(write=True) as store:
            record = self._owned(store.domains.get(domain), pool_id, domain)
            updated = replace(
                record,
                managed_login_version=managed_login_version or record.managed_login_version,
                custom_domain_config=dict(custom_domain_config)
                if custom_domain_config is not None
                else record.custom_domain_config,
            )
            store.domains.save(updated)
        return updated

    def delete(self, pool_id: str, domain: str) -> None:
        """DeleteUserPoolDomain. :raises InvalidParameterException: not this pool's domain."""
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            record = store.domains.get(domain)
            if record is None or record.pool_id != pool_id:
                raise InvalidParameterException("No such domain or user pool exists.")
            store.domains.delete(domain)

    @staticmethod
    def _owned(record: Domain | None, pool_id: str, domain: str) -> Domain:
        if record is None or record.pool_id != pool_id:
            raise ResourceNotFoundException(
                f"Domain {domain} does not exist in user pool {pool_id}."
            )
        return record
