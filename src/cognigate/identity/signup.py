"""Self-service sign-up: SignUp registers an UNCONFIRMED user and sends a confirmation code.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cognigate.core.ids import new_uuid
from cognigate.identity import attributes as attrs
from cognigate.identity.client_auth import check_secret_hash, check_writable, client_pool
from cognigate.identity.confirm_link import link_builder
from cognigate.identity.confirmation import (
    CONFIRMATION,
    SIGNUP_CODE,
    confirmation_medium,
)
from cognigate.identity.context import Deps
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    UsernameExistsException,
)
from cognigate.identity.model import AppClient, User, UserPool, UserStatus
from cognigate.identity.passwords import check_password_policy
from cognigate.identity.ports import DuplicateKey, IdentityStore
from cognigate.identity.triggers import envelope, run_trigger
from cognigate.identity.user_store import password_record, save_user
from cognigate.identity.users import NewUser
from cognigate.identity.users import _sign_in_name as sign_in_name
from cognigate.identity.verification import CodeDelivery, send_code

_SCHEMA_PREFIX = "Attributes did not conform to the schema: "


@dataclass(frozen=True, slots=True)
class SignUpRequest:
    client_id: str
    username: str
    password: str
    attributes: attrs.Pairs = ()
    secret_hash: str | None = None
    validation_data: Mapping[str, str] = field(default_factory=dict)
    client_metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SignUpResult:
    user_sub: str
    confirmed: bool
    delivery: CodeDelivery | None = None


@dataclass(frozen=True, slots=True)
class _PreSignUp:
    confirm: bool = False
    verify_email: bool = False
    verify_phone: bool = False


def _check_required(pool: UserPool, pairs: attrs.Pairs) -> None:
    present = {name for name, value in pairs if value}
    missing = [name for name in pool.required_attributes if name not in present]
    if missing:
        problems = "\n".join(f"{name}: The attribute is required" for name in missing)
        raise InvalidParameterException(f"{_SCHEMA_PREFIX}{problems}\n")


@dataclass(frozen=True, slots=True)
class _Checked:
    """A sign-up request that passed the pool's rules: its pool, client, username, attributes."""

    pool: UserPool
    client: AppClient
    username: str
    attributes: attrs.Pairs


def _check_request(store: IdentityStore, request: SignUpRequest) -> _Checked:
    """Every rule a sign-up must pass before PreSignUp (and again before the user is created)."""
    pool, client = client_pool(store, request.client_id)
    check_secret_hash(client, request.secret_hash, request.username)
    if pool.config.allow_admin_create_user_only:
        raise NotAuthorizedException("SignUp is not permitted for this user pool")
    check_writable(pool, client, (name for name, _ in request.attributes))
    username, given = sign_in_name(pool, NewUser(pool.id, request.username, request.attributes))
    checked = attrs.check_attributes(pool, given, creating=True)
    _check_required(pool, checked)
    check_password_policy(pool.config.password_policy, request.password)
    if store.users.get(pool.id, attrs.username_key(pool, username)) is not None:
        raise UsernameExistsException("User already exists")
    return _Checked(pool, client, username, checked)


class SignUpOperations:
    """Registration by the users themselves."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def sign_up(self, request: SignUpRequest) -> SignUpResult:
        """Register an UNCONFIRMED user and send a confirmation code when the pool verifies.

        PreSignUp runs between a read-only check of the request and the transaction that
        creates the user (which checks it again), so the function may call the API back.

        :raises ResourceNotFoundException: unknown client.
        :raises NotAuthorizedException: bad SecretHash, admin-only pool, unwritable attribute.
        :raises InvalidParameterException: username or attributes break the pool's rules.
        :raises InvalidPasswordException: the password violates the policy.
        :raises UsernameExistsException: "User already exists" (or the email/phone is taken).
        :raises UserLambdaValidationException: the PreSignUp trigger failed.
        """
        with self._deps.uow(write=False) as store:
            checked = _check_request(store, request)
        decision = self._pre_sign_up(checked, request)
        with self._deps.uow(write=True) as store:
            checked = _check_request(store, request)
            pool = checked.pool
            user = self._create(
                store,
                pool,
                checked.username,
                checked.attributes,
                password=request.password,
                decision=decision,
            )
            return self._confirm_or_send(store, pool, user, checked.client.id, request)

    def _pre_sign_up(self, checked: _Checked, request: SignUpRequest) -> _PreSignUp:
        pool = checked.pool
        event = envelope(
            pool,
            trigger_source="PreSignUp_SignUp",
            username=checked.username,
            client_id=checked.client.id,
            request={
                "userAttributes": dict(checked.attributes),
                "validationData": dict(request.validation_data),
                "clientMetadata": dict(request.client_metadata),
            },
        )
        event["response"] = {
            "autoConfirmUser": False,
            "autoVerifyEmail": False,
            "autoVerifyPhone": False,
        }
        result = run_trigger(self._deps.functions, pool, "PreSignUp", event)
        answer = result.get("response") if result is not None else None
        if not isinstance(answer, Mapping):
            return _PreSignUp()
        return _PreSignUp(
            confirm=answer.get("autoConfirmUser") is True,
            verify_email=answer.get("autoVerifyEmail") is True,
            verify_phone=answer.get("autoVerifyPhone") is True,
        )

    def _create(
        self,
        store: IdentityStore,
        pool: UserPool,
        username: str,
        checked: attrs.Pairs,
        *,
        password: str,
        decision: _PreSignUp,
    ) -> User:
        now = self._deps.clock.now()
        sub = username if pool.config.username_attributes else new_uuid()
        flags = [
            (attrs.VERIFIED_FLAG[name], "true")
            for name, wanted in (
                ("email", decision.verify_email),
                ("phone_number", decision.verify_phone),
            )
            if wanted and dict(checked).get(name)
        ]
        user = User(
            pool_id=pool.id,
            username=username,
            sub=sub,
            status=UserStatus.CONFIRMED if decision.confirm else UserStatus.UNCONFIRMED,
            enabled=True,
            created=now,
            modified=now,
            attributes=(("sub", sub), *attrs.merge(checked, flags)),
            password=password_record(pool, username, password, now),
        )
        try:
            return store.users.add(user, attrs.username_key(pool, username))
        except DuplicateKey as error:
            raise UsernameExistsException("User already exists") from error

    def _confirm_or_send(
        self,
        store: IdentityStore,
        pool: UserPool,
        user: User,
        client_id: str,
        request: SignUpRequest,
    ) -> SignUpResult:
        medium = confirmation_medium(pool, user)
        if user.status is UserStatus.CONFIRMED or medium is None:
            save_user(store, pool, user, creating=True)
            return SignUpResult(user.sub, user.status is UserStatus.CONFIRMED)
        now = self._deps.clock.now()
        customize = custom_message(
            self._deps,
            pool,
            client_id=client_id,
            source="CustomMessage_SignUp",
            client_metadata=request.client_metadata,
        )
        link = link_builder(
            store, pool, base=self._deps.issuer_base, client_id=client_id, username=user.username
        )
        record, delivery = send_code(
            store,
            pool,
            user,
            kind=CONFIRMATION,
            medium=medium,
            now=now,
            customize=customize,
            link=link,
        )
        user = replace(user, state={**user.state, SIGNUP_CODE: record})
        save_user(store, pool, user, creating=True)
        return SignUpResult(user.sub, False, delivery)
