"""Rules for the public operations an app client calls in a user's name (SignUp,
ForgotPassword, ...): finding the client, its SecretHash, PreventUserExistenceErrors and the
attributes it may write.

https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from cognigate.identity import attributes as attrs
from cognigate.identity import srp
from cognigate.identity.errors import (
    NotAuthorizedException,
    ResourceNotFoundException,
    UserNotFoundException,
)
from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.verification import CodeDelivery, mask

UNAUTHORIZED_WRITE = "A client attempted to write unauthorized attribute"
#: attributes only Cognito (or an administrator) sets
_NEVER_WRITABLE = frozenset({"sub", "email_verified", "phone_number_verified", "identities"})


def client_pool(store: IdentityStore, client_id: str) -> tuple[UserPool, AppClient]:
    """The app client by id alone, and its pool.

    :raises ResourceNotFoundException: "User pool client X does not exist."
    """
    client = store.clients.find(client_id)
    pool = store.pools.get(client.pool_id) if client is not None else None
    if client is None or pool is None:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return pool, client


def check_secret_hash(client: AppClient, given: str | None, *usernames: str) -> None:
    """Clients with a secret must send a SecretHash computed with one of ``usernames``.

    :raises NotAuthorizedException: missing or wrong hash, with AWS's wording.
    """
    if client.secret is None:
        return
    if not given:
        raise NotAuthorizedException(
            f"Client {client.id} is configured for secret but secret was not received"
        )
    for name in usernames:
        if name and srp.secret_hash_matches(client.id, client.secret, name, given):
            return
    raise NotAuthorizedException(f"Unable to verify secret hash for client {client.id}")


def hides_users(client: AppClient) -> bool:
    """PreventUserExistenceErrors ENABLED."""
    return client.config.prevent_user_existence_errors == "ENABLED"


def user_not_found() -> UserNotFoundException:
    return UserNotFoundException("User does not exist.")


def fake_delivery(secret: bytes, pool: UserPool, username: str) -> CodeDelivery:
    """Stable, plausible delivery details for a user that does not exist.

    # AWS parity: with PreventUserExistenceErrors ENABLED an unknown user gets the same
    # answer shape as a real one, for a simulated medium.
    """
    if attrs.looks_like_phone(username):
        return CodeDelivery(mask(username), "SMS", "phone_number")
    if attrs.looks_like_email(username):
        return CodeDelivery(mask(username), "EMAIL", "email")
    digest = hmac.new(secret, f"{pool.id}\x00{username}".encode(), hashlib.sha256).hexdigest()
    letters = [chr(ord("a") + int(c, 16) % 26) for c in digest[:2]]
    return CodeDelivery(f"{letters[0]}***@{letters[1]}***", "EMAIL", "email")


def is_developer_only(name: str) -> bool:
    """A ``dev:`` attribute: read-only to every app client; only Admin* operations write it.

    https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
    """
    return name.startswith("dev:")


def check_writable(pool: UserPool, client: AppClient, names: Iterable[str]) -> None:
    """The client may write these attributes (its WriteAttributes; required ones always;
    never ``sub``, the verified flags, ``identities`` or a developer-only attribute).

    :raises NotAuthorizedException: "A client attempted to write unauthorized attribute".
    """
    allowed = client.config.write_attributes
    required = set(pool.required_attributes)
    for name in names:
        if name in _NEVER_WRITABLE or is_developer_only(name):
            raise NotAuthorizedException(UNAUTHORIZED_WRITE)
        if allowed is not None and name not in allowed and name not in required:
            raise NotAuthorizedException(UNAUTHORIZED_WRITE)
