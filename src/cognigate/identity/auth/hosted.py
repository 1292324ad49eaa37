"""Sign-in through the hosted UI: the password, challenge and MFA steps without the
client's ExplicitAuthFlows (AWS parity: the hosted UI ignores them and never runs custom auth).

The steps are the API's own (``flow_password``, the challenge handlers, the MFA hook). The MFA
hook is wrapped so that a sign-in needing no further step ends with the user instead of API
tokens; an MFA answer ends in the API's grant, whose tokens are retired at once. The OAuth
tokens are issued afterwards, for the authorization request.
https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from cognigate.core.errors import AwsError
from cognigate.identity import srp
from cognigate.identity.auth import flow_password
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.lambda_triggers import post_authentication
from cognigate.identity.auth.mfa import mfa_step
from cognigate.identity.auth.operations import CHALLENGES
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import SessionCodec
from cognigate.identity.auth.signin import MfaStep
from cognigate.identity.context import Deps, require_client, require_pool
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import AppClient, User
from cognigate.identity.tokens import refresh_token_hash


@dataclass(frozen=True, slots=True)
class HostedOutcome:
    """Signed in (``user``), a further step (``challenge``), or a message for the page."""

    user: User | None = None
    auth_time: float = 0.0
    challenge: str | None = None
    session: str | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)
    error: AwsError | None = None
    #: the user a further step is for (from the sealed session)
    username: str = ""


#: the marker the hosted MFA hook returns instead of letting the API flow issue tokens
SIGNED_IN = "cognigate:SIGNED_IN"


def hosted_step(mfa: MfaStep | None) -> MfaStep:
    """The API flows' MFA hook, ending a sign-in that needs no MFA without API tokens."""

    def step(call: AuthCall, user: User, auth_time: float) -> AuthResult | None:
        challenge = mfa(call, user, auth_time) if mfa is not None else None
        if challenge is not None:
            return challenge
        post_authentication(call, user)
        facts = {"sub": user.sub, "auth_time": repr(auth_time)}
        return AuthResult(challenge=SIGNED_IN, parameters=facts)

    return step


def _signed_in_user(call: AuthCall, result: AuthResult) -> HostedOutcome:
    if result.failure is not None:
        return HostedOutcome(error=result.failure)
    if result.challenge == SIGNED_IN:
        user = call.store.users.get_by_sub(call.pool.id, result.parameters["sub"])
        if user is None:
            raise NotAuthorizedException("User does not exist.")
        return HostedOutcome(user=user, auth_time=float(result.parameters["auth_time"]))
    if result.grant is None:
        username = call.open(result.session, result.challenge or "").username
        return HostedOutcome(
            challenge=result.challenge,
            session=result.session,
            parameters=result.parameters,
            username=username,
        )
    # an MFA answer ends in the API's grant: keep the user, retire the API tokens
    token = result.grant.refresh_token
    record = call.store.refresh_tokens.get(refresh_token_hash(token)) if token else None
    user = call.store.users.get_by_pk(record.user_pk) if record else None
    if record is None or user is None:
        raise NotAuthorizedException("User does not exist.")
    call.store.refresh_tokens.revoke(record.token_hash)
    return HostedOutcome(user=user, auth_time=record.auth_time)


class HostedSignIn:
    """The hosted UI's sign-in steps for one pool and client."""

    def __init__(self, deps: Deps, mfa: MfaStep | None = mfa_step) -> None:
        self._deps = deps
        self._codec = SessionCodec(deps.secret)
        self._mfa = hosted_step(mfa)

    @contextmanager
    def _call(self, pool_id: str, client_id: str) -> Iterator[AuthCall]:
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            client = require_client(store, pool_id, client_id)
            yield AuthCall(self._deps, self._codec, store, pool, client)

    @staticmethod
    def _with_secret_hash(call: AuthCall, params: dict[str, str], username: str) -> dict[str, str]:
        if call.client.secret is not None:
            params["SECRET_HASH"] = srp.secret_hash(call.client.id, call.client.secret, username)
        return params

    def sign_in(self, pool_id: str, client_id: str, username: str, password: str) -> HostedOutcome:
        """Check the password; a wrong one (or unknown user) comes back as ``error``.

        :raises UserNotConfirmedException, PasswordResetRequiredException,
            NotAuthorizedException, UserNotFoundException: as the API flow finds.
        """
        with self._call(pool_id, client_id) as call:
            params = {"USERNAME": username, "PASSWORD": password}
            params = self._with_secret_hash(call, params, username)
            result = flow_password.password_flow(call, params, self._mfa)
            return _signed_in_user(call, result)

    def respond(
        self, pool_id: str, client_id: str, challenge: str, session: str, answers: Mapping[str, str]
    ) -> HostedOutcome:
        """Answer NEW_PASSWORD_REQUIRED or an MFA challenge of a hosted sign-in.

        :raises InvalidParameterException: unknown challenge or bad answers.
        :raises NotAuthorizedException: expired/forged session.
        :raises InvalidPasswordException: the new password breaks the policy.
        """
        handler = CHALLENGES.get(challenge)
        if handler is None:
            raise InvalidParameterException(f"Unsupported challenge {challenge}.")
        with self._call(pool_id, client_id) as call:
            username = call.open(session, challenge).username
            params = self._with_secret_hash(call, {**answers, "USERNAME": username}, username)
            result = handler(call, session, params, self._mfa)
            return _signed_in_user(call, result)


def hosted_secret_hash(client: AppClient, username: str) -> str | None:
    """The SECRET_HASH the hosted UI sends on the user's behalf (it knows the client secret)."""
    if client.secret is None:
        return None
    return srp.secret_hash(client.id, client.secret, username)
