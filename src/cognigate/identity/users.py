"""User operations of the admin API: create, read, list, change and delete users.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
Shared lookups (``find_user``, ``require_user``, ``save_user``) live in :mod:`user_store`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cognigate.core.ids import new_uuid
from cognigate.identity import attributes as attrs
from cognigate.identity import messages
from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.errors import (
    InvalidParameterException,
    UnsupportedUserStateException,
    UsernameExistsException,
    UserNotFoundException,
)
from cognigate.identity.model import Page, User, UserPool, UserStatus
from cognigate.identity.passwords import check_password_policy, generate_temporary_password
from cognigate.identity.ports import DuplicateKey, IdentityStore
from cognigate.identity.triggers import envelope, run_trigger
from cognigate.identity.user_store import (
    code_state,
    find_user,
    forget_replaced_codes,
    password_record,
    require_user,
    save_user,
    send_verification_codes,
)

MAX_LIST_LIMIT = 60


@dataclass(frozen=True, slots=True)
class NewUser:
    """An AdminCreateUser request."""

    pool_id: str
    username: str
    attributes: attrs.Pairs = ()
    temporary_password: str | None = None
    force_alias_creation: bool = False
    #: ``RESEND``, ``SUPPRESS`` or ``None`` (send the invitation)
    message_action: str | None = None
    delivery_mediums: tuple[str, ...] = ()
    #: ValidationData and ClientMetadata, handed to the PreSignUp trigger
    validation_data: Mapping[str, str] = field(default_factory=dict)
    client_metadata: Mapping[str, str] = field(default_factory=dict)


#: ``callerContext.clientId`` of triggers that administrator operations run
NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE"


@dataclass(frozen=True, slots=True)
class UserQuery:
    """A ListUsers request."""

    pool_id: str
    filter: str | None = None
    attributes_to_get: tuple[str, ...] | None = None
    limit: int = MAX_LIST_LIMIT
    token: str | None = None


def _sign_in_name(pool: UserPool, request: NewUser) -> tuple[str, attrs.Pairs]:
    """The stored username and attributes, applying UsernameAttributes and alias rules.

    :raises InvalidParameterException: with AWS's wording.
    """
    kinds = pool.config.username_attributes
    name = request.username
    if kinds:
        if "email" in kinds and attrs.looks_like_email(name):
            return new_uuid(), attrs.merge(request.attributes, [("email", name)])
        if "phone_number" in kinds and attrs.looks_like_phone(name):
            return new_uuid(), attrs.merge(request.attributes, [("phone_number", name)])
        if len(kinds) > 1:
            raise InvalidParameterException("Username should be either an email or a phone number.")
        noun = "an email" if kinds[0] == "email" else "a phone number"
        raise InvalidParameterException(f"Username should be {noun}.")
    aliases = pool.config.alias_attributes
    if "email" in aliases and attrs.looks_like_email(name):
        raise InvalidParameterException(
            "Username cannot be of email format, since user pool is configured for email alias."
        )
    if "phone_number" in aliases and attrs.looks_like_phone(name):
        raise InvalidParameterException(
            "Username cannot be of phone number format, since user pool is configured for "
            "phone number alias."
        )
    return name, request.attributes


def _invite(
    store: IdentityStore, pool: UserPool, user: User, password: str, request: NewUser, *, now: float
) -> None:
    if request.message_action == "SUPPRESS":
        return
    delivery = messages.Delivery(messages.INVITATION, messages.invite_template(pool), password)
    for message in messages.compose(user, delivery, request.delivery_mediums or ("SMS",), now):
        store.outbox.append(message)


def _temporary_password(pool: UserPool, given: str | None) -> str:
    policy = pool.config.password_policy
    if given is None:
        return generate_temporary_password(policy)
    check_password_policy(policy, given)
    return given


def _check_new_user(
    store: IdentityStore, pool: UserPool, request: NewUser
) -> tuple[str, attrs.Pairs]:
    """The username and checked attributes of an AdminCreateUser request.

    :raises InvalidParameterException, UsernameExistsException:
    """
    username, given = _sign_in_name(pool, request)
    checked = attrs.check_attributes(pool, given, creating=True)
    if store.users.get(pool.id, attrs.username_key(pool, username)) is not None:
        raise UsernameExistsException("User account already exists")
    return username, checked


def _pre_sign_up(
    deps: Deps, pool: UserPool, username: str, checked: attrs.Pairs, request: NewUser
) -> None:
    """Run PreSignUp with ``PreSignUp_AdminCreateUser``; a failure refuses the creation.

    The function's answer (autoConfirmUser, ...) does not apply: the user starts in
    FORCE_CHANGE_PASSWORD with its temporary password.
    """
    event = envelope(
        pool,
        trigger_source="PreSignUp_AdminCreateUser",
        username=username,
        client_id=NO_CLIENT,
        request={
            "userAttributes": dict(checked),
            "validationData": dict(request.validation_data),
            "clientMetadata": dict(request.client_metadata),
        },
    )
    event["response"] = {
        "autoConfirmUser": False,
        "autoVerifyEmail": False,
        "autoVerifyPhone": False,
    }
    run_trigger(deps.functions, pool, "PreSignUp", event)


class UserOperations:
    """AdminCreateUser, AdminGetUser, ListUsers, AdminDeleteUser and friends."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def admin_create_user(self, request: NewUser) -> User:
        """Create a user in FORCE_CHANGE_PASSWORD with a temporary password (or resend it).

        PreSignUp (``PreSignUp_AdminCreateUser``) runs between a read-only check of the request
        and the transaction that creates the user (which checks it again), so the function may
        call the API back.

        :raises ResourceNotFoundException: unknown pool.
        :raises InvalidPasswordException: the temporary password violates the policy.
        :raises InvalidParameterException: attributes or username break the pool's rules.
        :raises UsernameExistsException: the username (or username attribute) is taken.
        :raises AliasExistsException: a verified alias is taken and ForceAliasCreation is off.
        :raises UserNotFoundException, UnsupportedUserStateException: RESEND misuse.
        :raises UserLambdaValidationException: the PreSignUp trigger failed.
        """
        if request.message_action == "RESEND":
            return self._resend_invitation(request)
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, request.pool_id)
            username, checked = _check_new_user(store, pool, request)
            password = _temporary_password(pool, request.temporary_password)
        _pre_sign_up(self._deps, pool, username, checked, request)
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, request.pool_id)
            username, checked = _check_new_user(store, pool, request)
            now = self._deps.clock.now()
            sub = username if pool.config.username_attributes else new_uuid()
            user = User(
                pool_id=pool.id,
                username=username,
                sub=sub,
                status=UserStatus.FORCE_CHANGE_PASSWORD,
                enabled=True,
                created=now,
                modified=now,
                attributes=(("sub", sub), *checked),
                password=password_record(pool, username, password, now),
            )
            try:
                user = store.users.add(user, attrs.username_key(pool, username))
            except DuplicateKey as error:
                raise UsernameExistsException("User account already exists") from error
            user = save_user(
                store, pool, user, force_alias=request.force_alias_creation, creating=True
            )
            _invite(store, pool, user, password, request, now=now)
            return user

    def _resend_invitation(self, request: NewUser) -> User:
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, request.pool_id)
            user = find_user(store, pool, request.username)
            if user is None:
                raise UserNotFoundException("User does not exist.")
            if user.status is not UserStatus.FORCE_CHANGE_PASSWORD:
                raise UnsupportedUserStateException(
                    f"Resend not possible. {user.username} status is not FORCE_CHANGE_PASSWORD"
                )
            password = _temporary_password(pool, request.temporary_password)
            now = self._deps.clock.now()
            user = replace(
                user, modified=now, password=password_record(pool, user.username, password, now)
            )
            user = save_user(store, pool, user)
            _invite(store, pool, user, password, replace(request, message_action=None), now=now)
            return user

    def admin_get_user(self, pool_id: str, username: str) -> User:
        """The user by username or alias.

        :raises ResourceNotFoundException: unknown pool.
        :raises UserNotFoundException: "User does not exist."
        """
        with self._deps.uow(write=False) as store:
            return require_user(store, require_pool(store, pool_id), username)

    def list_users(self, query: UserQuery) -> Page[User]:
        """One page of the pool's users, ordered by username, optionally filtered.

        :raises ResourceNotFoundException: unknown pool.
        :raises InvalidParameterException: malformed filter or pagination token.
        """
        where = attrs.parse_filter(query.filter)
        after = decode_token(query.token)
        limit = max(1, min(query.limit, MAX_LIST_LIMIT))
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, query.pool_id)
            schema = attrs.schema_map(pool)
            if any(name not in schema for name in query.attributes_to_get or ()):
                raise InvalidParameterException("One or more requested attributes do not exist.")
            users = store.users.list(pool.id, limit + 1, after, where)
        token = None
        if len(users) > limit:
            users = users[:limit]
            token = encode_token(attrs.username_key(pool, users[-1].username))
        if query.attributes_to_get is not None:
            wanted = set(query.attributes_to_get)
            users = [
                replace(u, attributes=tuple(p for p in u.attributes if p[0] in wanted))
                for u in users
            ]
        return Page(items=tuple(users), next_token=token)

    def admin_delete_user(self, pool_id: str, username: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._deps.uow(write=True) as store:
            user = require_user(store, require_pool(store, pool_id), username)
            store.users.delete(user)

    def admin_enable_user(self, pool_id: str, username: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        self._set_enabled(pool_id, username, enabled=True)

    def admin_disable_user(self, pool_id: str, username: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        self._set_enabled(pool_id, username, enabled=False)

    def _set_enabled(self, pool_id: str, username: str, *, enabled: bool) -> None:
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            now = self._deps.clock.now()
            save_user(store, pool, replace(user, enabled=enabled, modified=now))

    def admin_set_user_password(
        self, pool_id: str, username: str, password: str, *, permanent: bool
    ) -> None:
        """Set a permanent (CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD) password.

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises InvalidPasswordException: the password violates the pool's policy.
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            check_password_policy(pool.config.password_policy, password)
            now = self._deps.clock.now()
            status = UserStatus.CONFIRMED if permanent else UserStatus.FORCE_CHANGE_PASSWORD
            state = {k: v for k, v in user.state.items() if k != "password_reset"}
            user = replace(
                user,
                status=status,
                modified=now,
                state=state,
                password=password_record(pool, user.username, password, now),
            )
            save_user(store, pool, user)

    def admin_reset_user_password(self, pool_id: str, username: str) -> None:
        """Put the user in RESET_REQUIRED and send a reset code to a verified email/phone.

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises InvalidParameterException: the user has no verified email or phone number.
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            medium = messages.recovery_medium(pool, user)
            if medium is None:
                raise InvalidParameterException(
                    "Cannot reset password for the user as there is no registered/verified "
                    "email or phone_number"
                )
            now = self._deps.clock.now()
            code, record = code_state(now)
            user = replace(
                user,
                status=UserStatus.RESET_REQUIRED,
                modified=now,
                state={**user.state, "password_reset": record},
            )
            user = save_user(store, pool, user)
            delivery = messages.Delivery(
                messages.PASSWORD_RESET, messages.code_template(pool), code
            )
            for message in messages.compose(user, delivery, (medium,), now):
                store.outbox.append(message)

    def admin_update_user_attributes(
        self, pool_id: str, username: str, updates: attrs.Pairs
    ) -> None:
        """Change attributes; a changed email/phone becomes unverified unless marked verified.

        With the attribute in the pool's
        ``UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`` and the old value
        verified, the old value stays until the new one is verified.

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises InvalidParameterException: unknown or immutable attribute, bad value.
        :raises AliasExistsException: a new verified alias belongs to another user.
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            changes = dict(attrs.check_attributes(pool, updates, creating=False))
            now = self._deps.clock.now()
            pending = attrs.split_pending(pool, user, changes)
            user = replace(
                user, modified=now, attributes=attrs.merge(user.attributes, changes.items())
            )
            user = forget_replaced_codes(user, changes, pending)
            user = send_verification_codes(store, pool, user, pending, now)
            save_user(store, pool, user)

    def admin_delete_user_attributes(
        self, pool_id: str, username: str, names: tuple[str, ...]
    ) -> None:
        """Remove attributes from a user.

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises InvalidParameterException: unknown, immutable or required attribute.
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            attrs.check_deletable(pool, names)
            now = self._deps.clock.now()
            save_user(
                store,
                pool,
                replace(user, modified=now, attributes=attrs.without(user.attributes, names)),
            )
