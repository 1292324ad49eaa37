"""Sign-in through the hosted UI: the password, challenge and MFA steps without the
client's ExplicitAuthFlows (AWS parity: the hosted UI ignores them and never runs custom auth).

The steps are the API's own (``flow_password``, the challenge handlers, the MFA hook). A step
that finishes the sign-in ends with the user (PostAuthentication runs once its transaction has
committed); no API tokens are issued: the OAuth tokens are issued afterwards, for the
authorization request, so PreTokenGeneration runs once per sign-in.
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
from cognigate.identity.auth.signed_in import SignedIn
from cognigate.identity.auth.signin import MfaStep
from cognigate.identity.auth.single_use import answer
from cognigate.identity.context import Deps, require_client, require_pool
from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.model import AppClient, User


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


def _outcome(call: AuthCall, result: AuthResult) -> HostedOutcome | SignedIn:
    """What a step of the API flow amounts to for the page (inside its transaction)."""
    if result.failure is not None:
        return HostedOutcome(error=result.failure)
    if result.signed_in is not None:
        return result.signed_in
    username = call.open(result.session, result.challenge or "").username
    return HostedOutcome(
        challenge=result.challenge,
        session=result.session,
        parameters=result.parameters,
        username=username,
    )


class HostedSignIn:
    """The hosted UI's sign-in steps for one pool and client."""

    def __init__(self, deps: Deps, mfa: MfaStep | None = mfa_step) -> None:
        self._deps = deps
        self._codec = SessionCodec(deps.secret)
        self._mfa = mfa

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
            outcome = _outcome(call, flow_password.password_flow(call, params, self._mfa))
        return self._finish(outcome)

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
            outcome = _outcome(
                call, answer(call, challenge, session, params, self._mfa, handler=handler)
            )
        return self._finish(outcome)

    def _finish(self, outcome: HostedOutcome | SignedIn) -> HostedOutcome:
        """After the step's transaction: a finished sign-in runs PostAuthentication.

        No API tokens are issued (and PreTokenGeneration does not run): the OAuth grant that
        follows issues the only tokens of the sign-in.

        :raises UserLambdaValidationException: PostAuthentication failed.
        """
        if isinstance(outcome, HostedOutcome):
            return outcome
        post_authentication(self._deps, outcome)
        return HostedOutcome(user=outcome.user, auth_time=outcome.auth_time)


def hosted_secret_hash(client: AppClient, username: str) -> str | None:
    """The SECRET_HASH the hosted UI sends on the user's behalf (it knows the client secret)."""
    if client.secret is None:
        return None
    return srp.secret_hash(client.id, client.secret, username)
