"""AdminLinkProviderForUser and AdminDisableProviderForUser: external identities that sign in
as an existing user, and taking that (or a native password sign-in) away again.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cognigate.identity import attributes as attrs
from cognigate.identity import federated_identities as fed
from cognigate.identity.context import Deps, require_pool
from cognigate.identity.errors import (
    InvalidParameterException,
    LimitExceededException,
    UserNotFoundException,
)
from cognigate.identity.model import IdentityProvider, ProviderLink, User, UserPool
from cognigate.identity.ports import DuplicateKey, IdentityStore
from cognigate.identity.user_store import require_user, save_user

COGNITO = "Cognito"
MAX_LINKS = 5
MERGING = (
    "Merging is not currently supported, provide a SourceUser that has not been used to sign "
    "into the user pool."
)


@dataclass(frozen=True, slots=True)
class ProviderUser:
    """A ``ProviderUserIdentifierType``: ``ProviderName`` and the attribute naming the user."""

    provider_name: str
    attribute_name: str | None
    attribute_value: str


def _provider(store: IdentityStore, pool_id: str, name: str) -> IdentityProvider:
    provider = store.identity_providers.get(pool_id, name)
    if provider is None:
        raise InvalidParameterException(
            f"The provider {name} does not exist for User Pool {pool_id}"
        )
    return provider


def _destination(store: IdentityStore, pool: UserPool, who: ProviderUser) -> User:
    """A native user by username, or a federated one by its provider's user id."""
    if who.provider_name == COGNITO:
        return require_user(store, pool, who.attribute_value)
    _provider(store, pool.id, who.provider_name)
    username = fed.federated_username(who.provider_name, who.attribute_value)
    user = store.users.get(pool.id, attrs.username_key(pool, username))
    if user is None:
        raise UserNotFoundException("User does not exist.")
    return user


class ProviderLinkOperations:
    """Linking federated identities to users of the pool."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def admin_link(self, pool_id: str, destination: ProviderUser, source: ProviderUser) -> None:
        """AdminLinkProviderForUser.

        :raises ResourceNotFoundException: unknown pool.
        :raises UserNotFoundException: no such destination user.
        :raises InvalidParameterException: unknown provider, a source that already signed in or
            is linked to someone else, a native source.
        :raises LimitExceededException: the user has five linked identities already.
        """
        if source.provider_name == COGNITO:
            raise InvalidParameterException("SourceUser must be a federated user.")
        attribute = source.attribute_name or fed.SUBJECT
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            provider = _provider(store, pool_id, source.provider_name)
            user = _destination(store, pool, destination)
            if attribute == fed.SUBJECT:
                signed_in = fed.federated_username(provider.name, source.attribute_value)
                if store.users.get(pool_id, attrs.username_key(pool, signed_in)) is not None:
                    raise InvalidParameterException(MERGING)
            existing = store.provider_links.find(
                pool_id, provider.name, attribute, source.attribute_value
            )
            if existing is not None:
                if existing.user_pk == user.pk:
                    return
                raise InvalidParameterException("The SourceUser is already linked to a user.")
            if user.pk is None:
                raise ValueError("a stored user has a pk")
            if len(store.provider_links.for_user(user.pk)) >= MAX_LINKS:
                raise LimitExceededException("A user can be linked to at most 5 identities.")
            link = ProviderLink(pool_id, provider.name, attribute, source.attribute_value, user.pk)
            try:
                store.provider_links.add(link)
            except DuplicateKey as error:
                raise InvalidParameterException(
                    "The SourceUser is already linked to a user."
                ) from error
            linked = fed.with_identity(
                user, provider_name=provider.name, provider_type=provider.type,
                user_id=source.attribute_value, now=self._deps.clock.now(),
            )  # fmt: skip
            save_user(store, pool, replace(linked, modified=self._deps.clock.now()))

    def admin_disable(self, pool_id: str, who: ProviderUser) -> None:
        """AdminDisableProviderForUser: unlink a linked identity, disable a federated user, or
        (``Cognito``/``Cognito_Subject``) take a native user's password sign-in away.

        :raises ResourceNotFoundException: unknown pool.
        :raises UserNotFoundException: no such native user.
        :raises InvalidParameterException: unknown provider.
        """
        now = self._deps.clock.now()
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            if who.provider_name == COGNITO:
                user = require_user(store, pool, who.attribute_value)
                store.users.save(replace(user, password=None, modified=now), _aliases(pool, user))
                return
            provider = _provider(store, pool_id, who.provider_name)
            attribute = who.attribute_name or fed.SUBJECT
            link = store.provider_links.find(pool_id, provider.name, attribute, who.attribute_value)
            if link is not None:
                store.provider_links.delete(link)
                linked = store.users.get_by_pk(link.user_pk)
                if linked is not None:
                    unlinked = fed.without_identity(linked, provider.name, who.attribute_value)
                    store.users.save(replace(unlinked, modified=now), _aliases(pool, unlinked))
                return
            username = fed.federated_username(provider.name, who.attribute_value)
            federated = store.users.get(pool_id, attrs.username_key(pool, username))
            if federated is not None:
                disabled = replace(federated, enabled=False, modified=now)
                store.users.save(disabled, _aliases(pool, federated))


def _aliases(pool: UserPool, user: User) -> dict[str, str]:
    return attrs.alias_keys(pool, user.attribute_map())
