"""Rules shared by every password-proving flow: user lookup, state checks, lockout, next step.

Failed attempts lock the user for 2^(n-5) seconds after five in a row (capped at 15 minutes);
fifteen quiet minutes reset the count.
https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.device_signin import device_challenge, named_device
from cognigate.identity.auth.lambda_triggers import TOKEN_AUTHENTICATION, pre_authentication
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.signed_in import NewDevice, SignedIn
from cognigate.identity.auth.user_migration import migrate_user
from cognigate.identity.device_tracking import issue_device, skips_mfa, tracking_enabled
from cognigate.identity.errors import (
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
    UserNotFoundException,
)
from cognigate.identity.model import Device, User, UserStatus
from cognigate.identity.user_store import find_user

WRONG_PASSWORD = "Incorrect username or password."
LOCKED_OUT = "Password attempts exceeded"
FREE_ATTEMPTS = 5
MAX_LOCK_SECONDS = 900.0
QUIET_RESET_SECONDS = 900.0

#: hooks later features register (MFA): given a signed-in user, a challenge or ``None``
MfaStep = Callable[[AuthCall, User, float], AuthResult | None]


def lookup(call: AuthCall, username: str, password: str | None = None) -> User | None:
    """The user for a typed username or alias; unknown users per PreventUserExistenceErrors.

    With ``password`` (plain-password flows) an unknown user may come from UserMigration.

    :raises UserNotFoundException: unknown user, LEGACY mode.
    """
    user = find_user(call.store, call.pool, username)
    if user is None and password is not None:
        user = migrate_user(call, username, password)
    if user is None and not call.hides_users:
        raise UserNotFoundException("User does not exist.")
    return user


def check_state(user: User) -> None:
    """States that end a sign-in whatever the password (AWS checks these first)."""
    if user.status is UserStatus.UNCONFIRMED:
        raise UserNotConfirmedException("User is not confirmed.")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status is UserStatus.RESET_REQUIRED:
        raise PasswordResetRequiredException("Password reset required for the user")


def is_locked(user: User, now: float) -> bool:
    until = user.state.get("locked_until")
    return isinstance(until, int | float) and now < until


def record_failure(call: AuthCall, user: User) -> None:
    """Count a failed attempt (committed even though the call then fails)."""
    now = call.now
    last = user.state.get("last_failure")
    count = user.state.get("failed_attempts", 0)
    quiet = isinstance(last, int | float) and now - last > QUIET_RESET_SECONDS
    if not isinstance(count, int) or quiet:
        count = 0
    count += 1
    state = {**user.state, "failed_attempts": count, "last_failure": now}
    if count >= FREE_ATTEMPTS:
        state["locked_until"] = now + min(2.0 ** (count - FREE_ATTEMPTS), MAX_LOCK_SECONDS)
    call.store.users.save(replace(user, state=state), _aliases(call, user))


def record_success(call: AuthCall, user: User) -> User:
    """Clear the failure count after a correct password."""
    if not any(k in user.state for k in ("failed_attempts", "locked_until", "last_failure")):
        return user
    state = {
        k: v
        for k, v in user.state.items()
        if k not in ("failed_attempts", "locked_until", "last_failure")
    }
    cleared = replace(user, state=state)
    call.store.users.save(cleared, _aliases(call, user))
    return cleared


def _aliases(call: AuthCall, user: User) -> dict[str, str]:
    from cognigate.identity.attributes import alias_keys

    return alias_keys(call.pool, user.attribute_map())


def temp_password_expired(call: AuthCall, user: User) -> bool:
    if user.status is not UserStatus.FORCE_CHANGE_PASSWORD or user.password is None:
        return False
    days = call.pool.config.password_policy.temporary_password_validity_days or 7
    return call.now > user.password.set_at + days * 86400


def new_password_challenge(call: AuthCall, user: User, auth_time: float) -> AuthResult:
    """NEW_PASSWORD_REQUIRED with the required attributes the user still lacks."""
    current = {k: v for k, v in user.attributes if k != "sub"}
    missing = [a for a in call.pool.required_attributes if a not in current]
    parameters = {
        "USER_ID_FOR_SRP": user.username,
        # AWS parity: both are compact JSON strings ({"email":"a@b.c"}, no spaces)
        "requiredAttributes": json.dumps(
            [f"userAttributes.{a}" for a in missing], separators=(",", ":")
        ),
        "userAttributes": json.dumps(current, separators=(",", ":")),
    }
    session = call.seal(user.username, "NEW_PASSWORD_REQUIRED", auth_time=auth_time)
    return AuthResult(challenge="NEW_PASSWORD_REQUIRED", session=session, parameters=parameters)


def finish(call: AuthCall, user: User, auth_time: float, mfa: MfaStep | None) -> AuthResult:
    """After the password is proven: forced change, then MFA, then tokens."""
    # Deviation: AWS runs PreAuthentication before checking the password; here it runs after
    pre_authentication(call, user)
    if user.status is UserStatus.FORCE_CHANGE_PASSWORD:
        if temp_password_expired(call, user):
            raise NotAuthorizedException(
                "Temporary password has expired and must be reset by an administrator."
            )
        return new_password_challenge(call, user, auth_time)
    step = mfa_step_for(call, user, auth_time, mfa)
    return step if step is not None else grant(call, user, auth_time)


def mfa_step_for(
    call: AuthCall, user: User, auth_time: float, mfa: MfaStep | None
) -> AuthResult | None:
    """The MFA challenge due, unless a remembered device replaces it (ChallengeRequiredOnNewDevice).

    :raises ResourceNotFoundException: the sign-in names a device the user does not have.
    """
    if mfa is None or skips_mfa(call.pool, named_device(call, user)):
        return None
    return mfa(call, user, auth_time)


def grant(
    call: AuthCall, user: User, auth_time: float, source: str = TOKEN_AUTHENTICATION
) -> AuthResult:
    """The sign-in succeeded: a confirmed device it names proves itself first (DEVICE_SRP_AUTH);
    then PostAuthentication and the tokens follow once this call's transaction has committed
    (see ``completion``); ``source`` is PreTokenGeneration's ``triggerSource``."""
    device = named_device(call, user)
    if device is not None and device.confirmed:
        return device_challenge(call, user, device, auth_time, source)
    return signed_in(call, user, auth_time, source, device)


def signed_in(
    call: AuthCall, user: User, auth_time: float, source: str, device: Device | None
) -> AuthResult:
    """The finished sign-in, bound to ``device`` (or to a device key issued now when the pool
    tracks devices and the sign-in named none)."""
    new_device = None
    if device is None and tracking_enabled(call.pool):
        device = issue_device(call.store, call.pool, user, call.now)
        new_device = NewDevice(device.key, device.group_key)
    signed = SignedIn(
        pool=call.pool,
        client=call.client,
        user=user,
        groups=tuple(call.store.groups.groups_of(user)),
        auth_time=auth_time,
        source=source,
        metadata=call.metadata,
        device_key=device.key if device is not None else None,
        new_device=new_device,
    )
    return AuthResult(signed_in=signed)
