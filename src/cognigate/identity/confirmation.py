"""Confirming a signed-up user: ConfirmSignUp, AdminConfirmSignUp, ResendConfirmationCode.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cognigate.core.errors import AwsError
from cognigate.identity import attributes as attrs
from cognigate.identity.auth.lambda_triggers import user_attributes
from cognigate.identity.client_auth import (
    check_secret_hash,
    client_pool,
    fake_delivery,
    hides_users,
    user_not_found,
)
from cognigate.identity.confirm_link import link_builder
from cognigate.identity.context import Deps, require_pool
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
)
from cognigate.identity.model import User, UserPool, UserStatus
from cognigate.identity.ports import IdentityStore
from cognigate.identity.triggers import envelope, run_trigger
from cognigate.identity.user_store import find_user, require_user, save_user
from cognigate.identity.verification import (
    DAY,
    MISMATCH,
    CodeDelivery,
    code_failure,
    medium_of,
    send_code,
    with_failed_attempt,
)

#: ``user.state`` key of the pending sign-up code
SIGNUP_CODE = "signup_code"
#: outbox ``kind`` of a sign-up confirmation code
CONFIRMATION = "confirmation"


@dataclass(frozen=True, slots=True)
class CodeAnswer:
    """A ConfirmSignUp request: who, and the code typed back."""

    client_id: str
    username: str
    code: str
    secret_hash: str | None = None
    force_alias_creation: bool = False
    client_metadata: Mapping[str, str] = field(default_factory=dict)


def confirmation_medium(pool: UserPool, user: User) -> str | None:
    """Where a sign-up code goes: the phone if it is auto-verified, else the email."""
    for attribute in ("phone_number", "email"):
        flag = attrs.VERIFIED_FLAG[attribute]
        if (
            attribute in pool.config.auto_verified_attributes
            and user.attribute(attribute)
            and user.attribute(flag) != "true"
        ):
            return medium_of(attribute)
    return None


def post_confirmation(
    deps: Deps,
    pool: UserPool,
    user: User,
    *,
    source: str,
    client_id: str | None,
    metadata: Mapping[str, str],
) -> None:
    """Run the PostConfirmation trigger, if the pool has one.

    Callers run it after the confirming transaction has committed, as AWS runs it "just after
    Amazon Cognito confirms a user": no lock is held, so the function may call back into the
    API (AdminAddUserToGroup, AdminUpdateUserAttributes, ...). A failing function makes the
    call answer with its error, but the confirmation stays committed (AWS parity).

    :raises UserLambdaValidationException, UnexpectedLambdaException: the function failed.
    """
    request = {"userAttributes": user_attributes(user), "clientMetadata": dict(metadata)}
    run_trigger(
        deps.functions,
        pool,
        "PostConfirmation",
        envelope(
            pool,
            trigger_source=source,
            username=user.username,
            client_id=client_id,
            request=request,
        ),
    )


class ConfirmationOperations:
    """Confirmation of self-registered users, by code or by an administrator."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def confirm_by_link(self, domain: str, client_id: str, username: str, code: str) -> None:
        """The pool domain's ``confirmUser`` link: ConfirmSignUp without a SecretHash (the code
        in the link proves the email; Cognito's hosted endpoint has no client secret).

        :raises CodeMismatchException, ExpiredCodeException, LimitExceededException: the code.
        :raises NotAuthorizedException: "User cannot be confirmed. Current status is ...".
        :raises UserNotFoundException: unknown user.
        :raises ResourceNotFoundException: the client is not one of the domain's pool.
        """
        with self._deps.uow(write=False) as store:
            pool, client = client_pool(store, client_id)
            found = store.domains.get(domain)
            if found is None or found.pool_id != pool.id:
                raise ResourceNotFoundException(f"User pool client {client.id} does not exist.")
        self._confirm_with_code(CodeAnswer(client_id, username, code), check_hash=False)

    def confirm_sign_up(self, request: CodeAnswer) -> None:
        """Confirm a user with the code sent at sign-up; the attribute it went to is verified.

        :raises CodeMismatchException, ExpiredCodeException, LimitExceededException: the code.
        :raises NotAuthorizedException: bad SecretHash; "User cannot be confirmed. Current
            status is CONFIRMED".
        :raises UserNotFoundException: unknown user (LEGACY clients).
        :raises AliasExistsException: the verified email/phone is another user's alias.
        :raises UserLambdaValidationException: PostConfirmation failed (the user stays
            CONFIRMED: the trigger runs after the confirmation has committed).
        """
        self._confirm_with_code(request, check_hash=True)

    def _confirm_with_code(self, request: CodeAnswer, *, check_hash: bool) -> None:
        with self._deps.uow(write=True) as store:
            pool, client = client_pool(store, request.client_id)
            user = find_user(store, pool, request.username, by_sub=True)
            if user is None:
                if check_hash:
                    check_secret_hash(client, request.secret_hash, request.username)
                raise CodeMismatchException(MISMATCH) if hides_users(client) else user_not_found()
            if check_hash:
                check_secret_hash(
                    client, request.secret_hash, request.username, user.username, user.sub
                )
            if user.status is not UserStatus.UNCONFIRMED:
                raise NotAuthorizedException(
                    f"User cannot be confirmed. Current status is {user.status.value}"
                )
            failure = self._check_code(store, pool, user, request.code)
            outcome = failure if failure is not None else self._confirm(store, pool, user, request)
        if isinstance(outcome, AwsError):
            raise outcome
        post_confirmation(
            self._deps,
            pool,
            outcome,
            source="PostConfirmation_ConfirmSignUp",
            client_id=client.id,
            metadata=request.client_metadata,
        )

    def _check_code(
        self, store: IdentityStore, pool: UserPool, user: User, code: str
    ) -> AwsError | None:
        """Check the sign-up code; a wrong guess is counted (and committed)."""
        record = user.state.get(SIGNUP_CODE)
        failure = code_failure(record, code, now=self._deps.clock.now(), validity=DAY)
        if isinstance(failure, CodeMismatchException):
            state = {**user.state, SIGNUP_CODE: with_failed_attempt(record)}
            save_user(store, pool, replace(user, state=state))
        return failure

    def _confirm(
        self, store: IdentityStore, pool: UserPool, user: User, request: CodeAnswer
    ) -> User:
        """The user CONFIRMED, with the attribute the code went to verified."""
        record = user.state.get(SIGNUP_CODE)
        attribute = record.get("attribute") if isinstance(record, Mapping) else None
        flags = (
            [(attrs.VERIFIED_FLAG[attribute], "true")] if attribute in attrs.VERIFIED_FLAG else []
        )
        confirmed = replace(
            user,
            status=UserStatus.CONFIRMED,
            modified=self._deps.clock.now(),
            attributes=attrs.merge(user.attributes, flags),
            state={k: v for k, v in user.state.items() if k != SIGNUP_CODE},
        )
        return save_user(store, pool, confirmed, force_alias=request.force_alias_creation)

    def admin_confirm_sign_up(
        self, pool_id: str, username: str, metadata: Mapping[str, str] | None = None
    ) -> None:
        """Confirm an UNCONFIRMED user without a code (nothing becomes verified).

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises NotAuthorizedException: the user is not UNCONFIRMED.
        :raises UserLambdaValidationException: PostConfirmation failed (after the commit).
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            if user.status is not UserStatus.UNCONFIRMED:
                raise NotAuthorizedException(
                    f"User cannot be confirmed. Current status is {user.status.value}"
                )
            confirmed = replace(
                user,
                status=UserStatus.CONFIRMED,
                modified=self._deps.clock.now(),
                state={k: v for k, v in user.state.items() if k != SIGNUP_CODE},
            )
            confirmed = save_user(store, pool, confirmed)
        post_confirmation(
            self._deps,
            pool,
            confirmed,
            source="PostConfirmation_ConfirmSignUp",
            client_id=None,
            metadata=metadata or {},
        )

    def resend_confirmation_code(
        self,
        client_id: str,
        username: str,
        secret_hash: str | None = None,
        *,
        client_metadata: Mapping[str, str] | None = None,
    ) -> CodeDelivery:
        """A fresh sign-up code (the previous one stops working).

        :raises UserNotFoundException: unknown user (LEGACY clients).
        :raises InvalidParameterException: "User is already confirmed."; nowhere to send it.
        :raises LimitExceededException: too many codes requested this hour.
        :raises NotAuthorizedException: bad SecretHash.
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
            if user.status is not UserStatus.UNCONFIRMED:
                raise InvalidParameterException("User is already confirmed.")
            medium = confirmation_medium(pool, user)
            if medium is None:
                # [U] wording: AWS refuses when the pool verifies neither email nor phone.
                raise InvalidParameterException("Auto verification not turned on.")
            customize = custom_message(
                self._deps,
                pool,
                client_id=client.id,
                source="CustomMessage_ResendCode",
                client_metadata=client_metadata,
            )
            record, delivery = send_code(
                store,
                pool,
                user,
                kind=CONFIRMATION,
                medium=medium,
                now=self._deps.clock.now(),
                customize=customize,
                previous=user.state.get(SIGNUP_CODE),
                link=link_builder(
                    store,
                    pool,
                    base=self._deps.issuer_base,
                    client_id=client.id,
                    username=user.username,
                ),
            )
            save_user(store, pool, replace(user, state={**user.state, SIGNUP_CODE: record}))
            return delivery
