"""The signed-in user's own account, authenticated by an access token: GetUser,
UpdateUserAttributes, DeleteUserAttributes, DeleteUser and ChangePassword.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

from cognigate.identity import attributes as attrs
from cognigate.identity import srp
from cognigate.identity.auth.access import Caller, authenticate
from cognigate.identity.auth.issuance import readable_attributes
from cognigate.identity.client_auth import check_writable
from cognigate.identity.context import Deps
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import LimitExceededException, NotAuthorizedException
from cognigate.identity.model import AppClient, User
from cognigate.identity.passwords import check_password_policy
from cognigate.identity.ports import IdentityStore
from cognigate.identity.user_store import (
    forget_replaced_codes,
    password_record,
    save_user,
    send_verification_codes,
)
from cognigate.identity.verification import ATTEMPTS, CodeDelivery, mask, medium_of

WRONG_PASSWORD = "Incorrect username or password."
#: ``user.state`` key counting wrong previous passwords given to ChangePassword
CHANGE_FAILURES = "password_change_failures"
MAX_PASSWORD_FAILURES = 5
#: quiet seconds after which the count starts again
FAILURE_WINDOW = 900.0


@dataclass(frozen=True, slots=True)
class Session:
    """One self-service call: its unit of work and the authenticated caller."""

    store: IdentityStore
    caller: Caller
    client: AppClient | None

    @property
    def user(self) -> User:
        return self.caller.user


@contextmanager
def signed_in(deps: Deps, access_token: str, *, write: bool) -> Iterator[Session]:
    """Open a unit of work and authenticate the access token in it.

    :raises NotAuthorizedException: invalid, expired or revoked token; disabled user.
    :raises UserNotFoundException: the user was deleted.
    """
    with deps.uow(write=write) as store:
        caller = authenticate(deps, store, access_token)
        client = store.clients.get(caller.pool.id, caller.client_id)
        yield Session(store, caller, client)


def deliveries(pending: Mapping[str, str]) -> list[CodeDelivery]:
    """The CodeDeliveryDetails of codes sent for new email/phone values."""
    return [CodeDelivery(mask(value), medium_of(name), name) for name, value in pending.items()]


def _recent_failures(user: User, now: float) -> int:
    record = user.state.get(CHANGE_FAILURES)
    if not isinstance(record, Mapping):
        return 0
    count, last = record.get("count"), record.get("last")
    if not isinstance(count, int) or not isinstance(last, int | float):
        return 0
    return count if now - last < FAILURE_WINDOW else 0


def _password_matches(pool_id: str, user: User, password: str | None) -> bool:
    record = user.password
    return (
        record is not None
        and password is not None
        and srp.check_password(pool_id, user.username, password, record.salt, record.verifier)
    )


class AccountOperations:
    """What a signed-in user may do to their own account."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def get_user(self, access_token: str) -> User:
        """The caller, with only the attributes the token's app client may read.

        :raises NotAuthorizedException: invalid, expired or revoked token.
        """
        with signed_in(self._deps, access_token, write=False) as session:
            user = session.user
            if session.client is None:
                return user
            readable = readable_attributes(session.client, user)
            return replace(user, attributes=tuple(p for p in user.attributes if p[0] in readable))

    def update_user_attributes(
        self,
        access_token: str,
        updates: attrs.Pairs,
        *,
        client_metadata: Mapping[str, str] | None = None,
    ) -> list[CodeDelivery]:
        """Change the caller's attributes; codes go out for new email/phone values.

        :raises NotAuthorizedException: bad token; "A client attempted to write unauthorized
            attribute".
        :raises InvalidParameterException: unknown or immutable attribute, bad value.
        :raises AliasExistsException: the new value is another user's alias.
        """
        with signed_in(self._deps, access_token, write=True) as session:
            pool, user = session.caller.pool, session.user
            if session.client is not None:
                check_writable(pool, session.client, (name for name, _ in updates))
            changes = dict(attrs.check_attributes(pool, updates, creating=False))
            now = self._deps.clock.now()
            pending = attrs.split_pending(pool, user, changes)
            user = replace(
                user, modified=now, attributes=attrs.merge(user.attributes, changes.items())
            )
            user = forget_replaced_codes(user, changes, pending)
            customize = custom_message(
                self._deps,
                pool,
                client_id=session.caller.client_id,
                source="CustomMessage_UpdateUserAttribute",
                client_metadata=client_metadata,
            )
            user = send_verification_codes(
                session.store, pool, user, pending, now, customize=customize
            )
            save_user(session.store, pool, user)
            return deliveries(pending)

    def delete_user_attributes(self, access_token: str, names: tuple[str, ...]) -> None:
        """Remove attributes from the caller.

        :raises NotAuthorizedException: bad token or unwritable attribute.
        :raises InvalidParameterException: unknown, immutable or required attribute.
        """
        with signed_in(self._deps, access_token, write=True) as session:
            pool, user = session.caller.pool, session.user
            if session.client is not None:
                check_writable(pool, session.client, names)
            attrs.check_deletable(pool, names)
            now = self._deps.clock.now()
            user = replace(user, modified=now, attributes=attrs.without(user.attributes, names))
            save_user(session.store, pool, user)

    def delete_user(self, access_token: str) -> None:
        """Delete the caller; every refresh token of theirs stops working.

        :raises NotAuthorizedException: invalid, expired or revoked token.
        """
        with signed_in(self._deps, access_token, write=True) as session:
            if session.user.pk is not None:
                session.store.refresh_tokens.revoke_user(session.user.pk)
            session.store.users.delete(session.user)

    def change_password(self, access_token: str, previous: str | None, proposed: str) -> None:
        """Replace the caller's password after checking the current one.

        :raises NotAuthorizedException: bad token; "Incorrect username or password.".
        :raises InvalidPasswordException: the proposed password violates the policy.
        :raises LimitExceededException: too many wrong previous passwords in a row.
        """
        with signed_in(self._deps, access_token, write=True) as session:
            pool, user = session.caller.pool, session.user
            check_password_policy(pool.config.password_policy, proposed)
            now = self._deps.clock.now()
            failures = _recent_failures(user, now)
            if failures >= MAX_PASSWORD_FAILURES:
                raise LimitExceededException(ATTEMPTS)
            if not _password_matches(pool.id, user, previous):
                state = {**user.state, CHANGE_FAILURES: {"count": failures + 1, "last": now}}
                save_user(session.store, pool, replace(user, state=state))
                failure: NotAuthorizedException | None = NotAuthorizedException(WRONG_PASSWORD)
            else:
                failure = None
                user = replace(
                    user,
                    modified=now,
                    password=password_record(pool, user.username, proposed, now),
                    state={k: v for k, v in user.state.items() if k != CHANGE_FAILURES},
                )
                save_user(session.store, pool, user)
        if failure is not None:
            raise failure
