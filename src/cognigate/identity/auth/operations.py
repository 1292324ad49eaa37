"""InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge and
GetTokensFromRefreshToken: flows and challenges are registries keyed by AWS's names.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from cognigate.identity.auth import (
    challenge_new_password,
    flow_custom,
    flow_password,
    flow_refresh,
    flow_srp,
    flow_user_auth,
)
from cognigate.identity.auth.access import authenticate
from cognigate.identity.auth.challenge_mfa import MFA_CHALLENGES
from cognigate.identity.auth.completion import complete_sign_in
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.device_signin import requested_device_key
from cognigate.identity.auth.flow_device import DEVICE_CHALLENGES
from cognigate.identity.auth.issuance import Grant
from cognigate.identity.auth.mfa import mfa_step
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import SessionCodec
from cognigate.identity.auth.sign_in_policy import AuthFactors, auth_factors
from cognigate.identity.auth.signin import MfaStep
from cognigate.identity.auth.single_use import answer
from cognigate.identity.context import Deps, require_client, require_pool
from cognigate.identity.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
)

FlowFn = Callable[[AuthCall, Mapping[str, str], MfaStep | None], AuthResult]
ChallengeFn = Callable[[AuthCall, str | None, Mapping[str, str], MfaStep | None], AuthResult]


@dataclass(frozen=True, slots=True)
class Flow:
    run: FlowFn
    #: the ExplicitAuthFlows value that enables it
    switch: str
    admin_only: bool = False


FLOWS: Mapping[str, Flow] = {
    "USER_SRP_AUTH": Flow(flow_srp.srp_flow, "ALLOW_USER_SRP_AUTH"),
    "USER_PASSWORD_AUTH": Flow(flow_password.password_flow, "ALLOW_USER_PASSWORD_AUTH"),
    "ADMIN_USER_PASSWORD_AUTH": Flow(
        flow_password.password_flow, "ALLOW_ADMIN_USER_PASSWORD_AUTH", admin_only=True
    ),
    "ADMIN_NO_SRP_AUTH": Flow(
        flow_password.password_flow, "ALLOW_ADMIN_USER_PASSWORD_AUTH", admin_only=True
    ),
    "REFRESH_TOKEN_AUTH": Flow(flow_refresh.refresh_flow, "ALLOW_REFRESH_TOKEN_AUTH"),
    "REFRESH_TOKEN": Flow(flow_refresh.refresh_flow, "ALLOW_REFRESH_TOKEN_AUTH"),
    "CUSTOM_AUTH": Flow(flow_custom.custom_flow, "ALLOW_CUSTOM_AUTH"),
    "USER_AUTH": Flow(flow_user_auth.user_auth_flow, "ALLOW_USER_AUTH"),
}

CHALLENGES: dict[str, ChallengeFn] = {
    "PASSWORD_VERIFIER": flow_custom.password_verifier,
    "CUSTOM_CHALLENGE": flow_custom.custom_challenge,
    "NEW_PASSWORD_REQUIRED": challenge_new_password.new_password,
    **MFA_CHALLENGES,
    **DEVICE_CHALLENGES,
    **flow_user_auth.USER_AUTH_CHALLENGES,
}

_DEFAULT_SWITCHES = frozenset(
    {"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}
)
_LEGACY = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
}


def enabled_switches(flows: tuple[str, ...] | None) -> frozenset[str]:
    """The ALLOW_* switches a client's ExplicitAuthFlows amount to."""
    if not flows:
        return _DEFAULT_SWITCHES
    if any(not f.startswith("ALLOW_") for f in flows):
        # AWS parity: legacy settings always allow SRP and refresh
        legacy = {_LEGACY.get(f, f) for f in flows}
        return frozenset(legacy | {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})
    return frozenset(flows)


def _not_enabled(flow: str) -> InvalidParameterException:
    if flow in ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        return InvalidParameterException(f"{flow} flow not enabled for this client")
    return InvalidParameterException("Auth flow not enabled for this client")


class AuthOperations:
    """The sign-in API of a user pool."""

    def __init__(self, deps: Deps, mfa: MfaStep | None = mfa_step) -> None:
        self._deps = deps
        self._codec = SessionCodec(deps.secret)
        self._mfa = mfa

    @contextmanager
    def _call(
        self, client_id: str, pool_id: str | None, admin: bool, device_key: str | None = None
    ) -> Iterator[AuthCall]:
        with self._deps.uow(write=True) as store:
            if pool_id is not None:
                pool = require_pool(store, pool_id)
                client = require_client(store, pool_id, client_id)
            else:
                found = store.clients.find(client_id)
                if found is None:
                    raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
                client = found
                pool = require_pool(store, client.pool_id)
            yield AuthCall(
                self._deps, self._codec, store, pool, client, admin=admin, device_key=device_key
            )

    def initiate(
        self, *, client_id: str, flow: str, params: Mapping[str, str], pool_id: str | None = None
    ) -> AuthResult:
        """InitiateAuth (``pool_id`` None) or AdminInitiateAuth.

        :raises InvalidParameterException: flow not enabled, missing parameters.
        :raises NotAuthorizedException, UserNotFoundException, UserNotConfirmedException,
            PasswordResetRequiredException: as the flow finds.
        :raises UserLambdaValidationException: a trigger failed (PostAuthentication and
            PreTokenGeneration run after the sign-in's transaction has committed).
        """
        admin = pool_id is not None
        chosen = FLOWS.get(flow)
        if chosen is None:
            raise InvalidParameterException(f"Unsupported auth flow {flow}.")
        if chosen.admin_only and not admin:
            raise InvalidParameterException("Initiate Auth method not supported.")
        device_key = params.get("DEVICE_KEY") or None
        with self._call(client_id, pool_id, admin, device_key) as call:
            if chosen.switch not in enabled_switches(call.client.config.explicit_auth_flows):
                raise _not_enabled(flow)
            result = chosen.run(call, params, self._mfa)
        return self._answer(result)

    def respond(
        self,
        *,
        client_id: str,
        challenge: str,
        session: str | None,
        answers: Mapping[str, str],
        pool_id: str | None = None,
    ) -> AuthResult:
        """RespondToAuthChallenge (``pool_id`` None) or AdminRespondToAuthChallenge.

        :raises UserLambdaValidationException: a trigger failed (as :meth:`initiate`).
        """
        handler = CHALLENGES.get(challenge)
        if handler is None:
            raise InvalidParameterException(f"Unsupported challenge {challenge}.")
        device_key = requested_device_key(self._codec, session, answers)
        with self._call(client_id, pool_id, pool_id is not None, device_key) as call:
            result = answer(call, challenge, session, answers, self._mfa, handler=handler)
        return self._answer(result)

    def _answer(self, result: AuthResult) -> AuthResult:
        """What the call answers once its transaction has committed: a recorded failure is
        raised; a finished sign-in runs its triggers and gets its tokens."""
        if result.failure is not None:
            raise result.failure
        if result.signed_in is None:
            return result
        return AuthResult(grant=complete_sign_in(self._deps, result.signed_in))

    def user_auth_factors(self, access_token: str) -> AuthFactors:
        """GetUserAuthFactors: the caller's MFA settings and USER_AUTH first factors.

        :raises NotAuthorizedException: invalid, expired or revoked access token.
        :raises UserNotFoundException: the user was deleted.
        """
        with self._deps.uow(write=False) as store:
            caller = authenticate(self._deps, store, access_token)
        return auth_factors(caller.pool, caller.user)

    def tokens_from_refresh_token(
        self,
        *,
        client_id: str,
        refresh_token: str,
        client_secret: str | None,
        device_key: str | None = None,
    ) -> Grant:
        """GetTokensFromRefreshToken (rotates the refresh token when the client enables it).

        :raises NotAuthorizedException: bad secret; invalid, revoked or expired token; a token
            bound to another (or no, or a forgotten) device.
        """
        with self._call(client_id, None, False) as call:
            secret = call.client.secret
            if secret is not None and not hmac.compare_digest(
                (client_secret or "").encode(), secret.encode()
            ):
                raise NotAuthorizedException(
                    f"Unable to verify secret hash for client {call.client.id}"
                )
            return flow_refresh.refresh(
                call,
                refresh_token,
                rotate=flow_refresh.rotation_enabled(call),
                device_key=device_key,
            )
