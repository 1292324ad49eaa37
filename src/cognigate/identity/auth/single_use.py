"""Challenge answers are good once: an answered ``Session`` (and the SRP ``SECRET_BLOCK`` a
PASSWORD_VERIFIER signs) is recorded in storage, so a replayed answer, on this instance or
another one of the database, is refused with "Invalid session for the user.".

A wrong answer AWS lets the user correct (a mistyped MFA code) leaves its session open.
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import INVALID_SESSION, AuthSession, SessionCodec
from cognigate.identity.auth.signin import MfaStep
from cognigate.identity.errors import NotAuthorizedException

#: how long an answered step is remembered: longer than any Session (at most 15 minutes) or
#: SECRET_BLOCK lives, after which the step is refused as expired anyway
REMEMBERED_FOR = 16 * 60.0
SECRET_BLOCK = "PASSWORD_CLAIM_SECRET_BLOCK"
#: the challenges whose answer signs (and so spends) a SECRET_BLOCK; other answers may carry
#: one along (pycognito re-sends the verifier answers with NEW_PASSWORD_REQUIRED) and AWS
#: ignores what a challenge does not use
SIGNS_SECRET_BLOCK = frozenset({"PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"})

ChallengeFn = Callable[[AuthCall, str | None, Mapping[str, str], MfaStep | None], AuthResult]


def answered_steps(
    codec: SessionCodec, challenge: str, session: str | None, answers: Mapping[str, str]
) -> Iterator[AuthSession]:
    """The sealed steps an answer used up: its Session and, for the verifier challenges, the
    SECRET_BLOCK it signed."""
    block = answers.get(SECRET_BLOCK) if challenge in SIGNS_SECRET_BLOCK else None
    sealed = [(codec.open, session), (codec.open_block, block)]
    for opener, token in sealed:
        if not token:
            continue
        try:
            yield opener(token, now=0.0, validity=math.inf)
        except NotAuthorizedException:
            continue


def spend(call: AuthCall, steps: Iterator[AuthSession]) -> None:
    """Record the steps as answered.

    :raises NotAuthorizedException: a step was answered before (the call's changes roll back).
    """
    consumed = call.store.consumed_challenges
    consumed.purge(call.now)
    for step in steps:
        if not consumed.consume(step.nonce, call.pool.id, step.issued + REMEMBERED_FOR):
            raise NotAuthorizedException(INVALID_SESSION)


def answer(
    call: AuthCall,
    challenge: str,
    session: str | None,
    answers: Mapping[str, str],
    mfa: MfaStep | None,
    *,
    handler: ChallengeFn,
) -> AuthResult:
    """Run a challenge's handler; unless the user may try again, its steps are spent."""
    result = handler(call, session, answers, mfa)
    if not result.retry:
        spend(call, answered_steps(call.codec, challenge, session, answers))
    return result
