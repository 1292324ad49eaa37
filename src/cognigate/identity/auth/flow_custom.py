"""CUSTOM_AUTH: the pool's DefineAuthChallenge, CreateAuthChallenge and
VerifyAuthChallengeResponse triggers decide the challenges; optionally SRP first.

The challenge history (``request.session``) and the private challenge parameters travel
sealed in the ``Session`` string, so any instance can continue the sign-in.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import replace

from cognigate.identity.auth import flow_srp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.lambda_triggers import pre_authentication, response_of, user_attributes
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import AuthSession
from cognigate.identity.auth.signin import (
    LOCKED_OUT,
    WRONG_PASSWORD,
    MfaStep,
    check_state,
    grant,
    is_locked,
    lookup,
)
from cognigate.identity.errors import (
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cognigate.identity.model import User
from cognigate.identity.triggers import Event, envelope, run_trigger, trigger_function
from cognigate.identity.user_store import find_user, save_user

NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."
INVALID_SESSION = "Invalid session for the user."
CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
PASSWORD_VERIFIER = "PASSWORD_VERIFIER"
SRP_A = "SRP_A"
#: ``user.state`` key: the nonce of the custom challenge awaiting an answer
PENDING = "custom_challenge"

History = list[dict[str, object]]


def _entry(name: str, result: bool, metadata: object = None) -> dict[str, object]:
    """One ``request.session`` element."""
    entry: dict[str, object] = {"challengeName": name, "challengeResult": result}
    if isinstance(metadata, str) and metadata:
        entry["challengeMetadata"] = metadata
    return entry


def _history(session: AuthSession) -> History:
    raw = session.data.get("s")
    return (
        [dict(item) for item in raw if isinstance(item, Mapping)] if isinstance(raw, list) else []
    )


def _event(call: AuthCall, user: User, source: str, request: Mapping[str, object]) -> Event:
    return envelope(
        call.pool,
        trigger_source=source,
        username=user.username,
        client_id=call.client.id,
        request={
            "userAttributes": user_attributes(user),
            **request,
            "clientMetadata": dict(call.metadata),
            "userNotFound": False,
        },
    )


def custom_flow(call: AuthCall, params: Mapping[str, str], _mfa: MfaStep | None) -> AuthResult:
    """InitiateAuth CUSTOM_AUTH: PreAuthentication, then ask DefineAuthChallenge what next.

    :raises InvalidParameterException: no DefineAuthChallenge trigger.
    :raises NotAuthorizedException: unknown user (when hidden), disabled, locked out.
    """
    username = require_param(params, "USERNAME")
    if trigger_function(call.pool, "DefineAuthChallenge") is None:
        raise InvalidParameterException(NOT_CONFIGURED)
    user = lookup(call, username)
    if user is None:
        check_secret_hash(call, params, username)
        # Deviation: AWS runs the challenge triggers with userNotFound=true; we refuse at once
        raise NotAuthorizedException(WRONG_PASSWORD)
    check_secret_hash(call, params, username, user.username, user.sub)
    if is_locked(user, call.now):
        raise NotAuthorizedException(LOCKED_OUT)
    check_state(user)
    pre_authentication(call, user)
    with_srp = params.get("CHALLENGE_NAME") == SRP_A and bool(params.get("SRP_A"))
    history = [_entry(SRP_A, True)] if with_srp else []
    return _next(call, user, history, call.now, params if with_srp else None)


def _next(
    call: AuthCall,
    user: User,
    history: History,
    auth_time: float,
    srp_params: Mapping[str, str] | None = None,
) -> AuthResult:
    """DefineAuthChallenge's decision: tokens, failure, or the next challenge."""
    event = _event(call, user, "DefineAuthChallenge_Authentication", {"session": history})
    decision = response_of(
        run_trigger(call.deps.functions, call.pool, "DefineAuthChallenge", event)
    )
    if decision.get("failAuthentication") is True:
        # returned, not raised: the consumed challenge must be committed
        return AuthResult(failure=NotAuthorizedException(WRONG_PASSWORD))
    if decision.get("issueTokens") is True:
        return grant(call, user, auth_time)
    name = decision.get("challengeName")
    if name == PASSWORD_VERIFIER and srp_params is not None:
        return _srp_challenge(call, user, history, srp_params)
    if name == CUSTOM_CHALLENGE:
        return _create(call, user, history, auth_time)
    raise InvalidLambdaResponseException(
        f"Invalid lambda response: DefineAuthChallenge returned challengeName {name!r}."
    )


def _digest(block: str) -> str:
    return hashlib.sha256(block.encode()).hexdigest()


def _srp_challenge(
    call: AuthCall, user: User, history: History, params: Mapping[str, str]
) -> AuthResult:
    """PASSWORD_VERIFIER inside CUSTOM_AUTH: SRP's parameters plus a Session with the history."""
    started = flow_srp.start(call, params, custom=True)
    block = started.parameters["SECRET_BLOCK"]
    data = {"s": history, "block": _digest(block)}
    session = call.seal(user.username, PASSWORD_VERIFIER, auth_time=call.now, data=data)
    return AuthResult(challenge=PASSWORD_VERIFIER, session=session, parameters=started.parameters)


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _create(call: AuthCall, user: User, history: History, auth_time: float) -> AuthResult:
    """CreateAuthChallenge: public parameters to the client, private ones sealed."""
    request = {"challengeName": CUSTOM_CHALLENGE, "session": history}
    event = _event(call, user, "CreateAuthChallenge_Authentication", request)
    created = response_of(run_trigger(call.deps.functions, call.pool, "CreateAuthChallenge", event))
    public = created.get("publicChallengeParameters")
    private = created.get("privateChallengeParameters")
    data = {
        "s": history,
        "p": dict(private) if isinstance(private, Mapping) else {},
        "m": created.get("challengeMetadata"),
        "n": _expect(call, user),
    }
    parameters = (
        {str(k): _text(v) for k, v in public.items()} if isinstance(public, Mapping) else {}
    )
    return AuthResult(
        challenge=CUSTOM_CHALLENGE,
        session=call.seal(user.username, CUSTOM_CHALLENGE, auth_time=auth_time, data=data),
        parameters={**parameters, "USERNAME": user.username},
    )


def _expect(call: AuthCall, user: User) -> str:
    """Remember the one challenge session of ``user`` that may be answered next."""
    nonce = secrets.token_urlsafe(12)
    save_user(call.store, call.pool, replace(user, state={**user.state, PENDING: nonce}))
    return nonce


def _consume(call: AuthCall, user: User) -> User:
    """Forget the pending challenge: a Session answers once."""
    state = {k: v for k, v in user.state.items() if k != PENDING}
    return save_user(call.store, call.pool, replace(user, state=state))


def custom_challenge(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """RespondToAuthChallenge CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges ANSWER."""
    session = call.open(token, CUSTOM_CHALLENGE)
    found = find_user(call.store, call.pool, session.username)
    if found is None or found.state.get(PENDING) != session.data.get("n"):
        raise NotAuthorizedException(INVALID_SESSION)
    user = _consume(call, found)
    check_secret_hash(call, answers, answers.get("USERNAME", ""), user.username, user.sub)
    require_param(answers, "USERNAME")
    answer = require_param(answers, "ANSWER")
    request = {"privateChallengeParameters": session.data.get("p", {}), "challengeAnswer": answer}
    event = _event(call, user, "VerifyAuthChallengeResponse_Authentication", request)
    verdict = response_of(
        run_trigger(call.deps.functions, call.pool, "VerifyAuthChallengeResponse", event)
    )
    entry = _entry(CUSTOM_CHALLENGE, verdict.get("answerCorrect") is True, session.data.get("m"))
    return _next(call, user, [*_history(session), entry], session.auth_time or call.now)


def password_verifier(
    call: AuthCall, token: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """PASSWORD_VERIFIER: plain SRP without a Session; inside CUSTOM_AUTH with one."""
    if not token:
        return flow_srp.password_verifier(call, token, answers, mfa)
    session = call.open(token, PASSWORD_VERIFIER)
    block = answers.get("PASSWORD_CLAIM_SECRET_BLOCK", "")
    if session.data.get("block") != _digest(block):
        raise NotAuthorizedException(INVALID_SESSION)
    proven = flow_srp.prove_password(call, answers, custom=True)
    if isinstance(proven, AuthResult):
        # Deviation: AWS records a failed PASSWORD_VERIFIER and asks DefineAuthChallenge again
        return proven
    if proven.username != session.username:
        raise NotAuthorizedException(INVALID_SESSION)
    history = [*_history(session), _entry(PASSWORD_VERIFIER, True)]
    return _next(call, proven, history, session.auth_time or call.now)
