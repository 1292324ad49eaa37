"""Forgotten passwords: ForgotPassword sends a code, ConfirmForgotPassword sets a new password.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cognigate.core.errors import AwsError
from cognigate.identity import messages
from cognigate.identity.client_auth import (
    check_secret_hash,
    client_pool,
    fake_delivery,
    hides_users,
    user_not_found,
)
from cognigate.identity.confirmation import post_confirmation
from cognigate.identity.context import Deps
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cognigate.identity.model import User, UserPool, UserStatus
from cognigate.identity.passwords import check_password_policy
from cognigate.identity.ports import IdentityStore
from cognigate.identity.user_store import find_user, password_record, save_user
from cognigate.identity.verification import (
    HOUR,
    MISMATCH,
    CodeDelivery,
    code_failure,
    send_code,
    with_failed_attempt,
)

#: ``user.state`` key of the pending reset code (AdminResetUserPassword uses it too)
RESET_CODE = "password_reset"
#: state a new password clears: the reset code and the sign-in lockout
_CLEARED = frozenset({RESET_CODE, "failed_attempts", "locked_until", "last_failure"})
NO_RECOVERY_MEDIUM = (
    "Cannot reset password for the user as there is no registered/verified email or phone_number"
)


@dataclass(frozen=True, slots=True)
class NewPassword:
    """A ConfirmForgotPassword request."""

    client_id: str
    username: str
    code: str
    password: str
    secret_hash: str | None = None
    client_metadata: Mapping[str, str] = field(default_factory=dict)


class RecoveryOperations:
    """Self-service password reset."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def forgot_password(
        self,
        client_id: str,
        username: str,
        secret_hash: str | None = None,
        *,
        client_metadata: Mapping[str, str] | None = None,
    ) -> CodeDelivery:
        """Send a reset code to the recovery medium the pool's AccountRecoverySetting picks.

        :raises UserNotFoundException: unknown user (LEGACY clients; ENABLED ones get fake
            delivery details).
        :raises InvalidParameterException: no verified email or phone number.
        :raises LimitExceededException: too many codes requested this hour.
        :raises NotAuthorizedException: bad SecretHash, disabled user, user in
            FORCE_CHANGE_PASSWORD.
        """
        with self._deps.uow(write=True) as store:
            pool, client = client_pool(store, client_id)
            user = find_user(store, pool, username, by_sub=True)
            if user is None:
                check_secret_hash(client, secret_hash, username)
                if hides_users(client):
                    return fake_delivery(self._deps.secret, pool, username)
                raise user_not_found()
            check_secret_hash(client, secret_hash, username, user.username, user.sub)
            if not user.enabled:
                raise NotAuthorizedException("User is disabled.")
            if user.status is UserStatus.FORCE_CHANGE_PASSWORD:
                raise NotAuthorizedException("User password cannot be reset in the current state.")
            medium = messages.recovery_medium(pool, user)
            if medium is None:
                raise InvalidParameterException(NO_RECOVERY_MEDIUM)
            record, delivery = send_code(
                store,
                pool,
                user,
                kind=messages.PASSWORD_RESET,
                medium=medium,
                now=self._deps.clock.now(),
                customize=custom_message(
                    self._deps,
                    pool,
                    client_id=client.id,
                    source="CustomMessage_ForgotPassword",
                    client_metadata=client_metadata,
                ),
                previous=user.state.get(RESET_CODE),
            )
            save_user(store, pool, replace(user, state={**user.state, RESET_CODE: record}))
            return delivery

    def confirm_forgot_password(self, request: NewPassword) -> None:
        """Set a new password with the reset code; the user becomes CONFIRMED.

        :raises CodeMismatchException, ExpiredCodeException, LimitExceededException: the code
            (unknown users of ENABLED clients get CodeMismatchException).
        :raises InvalidPasswordException: the password violates the policy.
        :raises UserNotFoundException: unknown user (LEGACY clients).
        :raises NotAuthorizedException: bad SecretHash, disabled user.
        :raises UserLambdaValidationException: PostConfirmation failed (the new password is
            kept: the trigger runs after the change has committed).
        """
        with self._deps.uow(write=True) as store:
            pool, client = client_pool(store, request.client_id)
            user = find_user(store, pool, request.username, by_sub=True)
            if user is None:
                check_secret_hash(client, request.secret_hash, request.username)
                raise CodeMismatchException(MISMATCH) if hides_users(client) else user_not_found()
            check_secret_hash(
                client, request.secret_hash, request.username, user.username, user.sub
            )
            if not user.enabled:
                raise NotAuthorizedException("User is disabled.")
            check_password_policy(pool.config.password_policy, request.password)
            failure = self._check_code(store, pool, user, request.code)
            outcome = failure if failure is not None else self._reset(store, pool, user, request)
        if isinstance(outcome, AwsError):
            raise outcome
        post_confirmation(
            self._deps,
            pool,
            outcome,
            source="PostConfirmation_ConfirmForgotPassword",
            client_id=client.id,
            metadata=request.client_metadata,
        )

    def _check_code(
        self, store: IdentityStore, pool: UserPool, user: User, code: str
    ) -> AwsError | None:
        record = user.state.get(RESET_CODE)
        failure = code_failure(record, code, now=self._deps.clock.now(), validity=HOUR)
        if isinstance(failure, CodeMismatchException):
            state = {**user.state, RESET_CODE: with_failed_attempt(record)}
            save_user(store, pool, replace(user, state=state))
        return failure

    def _reset(
        self, store: IdentityStore, pool: UserPool, user: User, request: NewPassword
    ) -> User:
        """The user CONFIRMED with the new password, the reset code and lockout cleared."""
        now = self._deps.clock.now()
        updated = replace(
            user,
            status=UserStatus.CONFIRMED,
            modified=now,
            password=password_record(pool, user.username, request.password, now),
            state={k: v for k, v in user.state.items() if k not in _CLEARED},
        )
        return save_user(store, pool, updated)
