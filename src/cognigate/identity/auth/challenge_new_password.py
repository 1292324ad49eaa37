"""NEW_PASSWORD_REQUIRED: the first sign-in of an admin-created user sets a permanent password
and supplies required attributes still missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cognigate.identity import attributes as attrs
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.lambda_triggers import TOKEN_NEW_PASSWORD
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.signin import MfaStep, grant, mfa_step_for
from cognigate.identity.client_auth import check_writable
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import UserStatus
from cognigate.identity.passwords import check_password_policy
from cognigate.identity.user_store import find_user, password_record, save_user

PREFIX = "userAttributes."


def _attribute_answers(answers: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(k[len(PREFIX) :], v) for k, v in answers.items() if k.startswith(PREFIX)]


def new_password(
    call: AuthCall, session_token: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """Set the new password and attributes; the user becomes CONFIRMED."""
    session = call.open(session_token, "NEW_PASSWORD_REQUIRED")
    user = find_user(call.store, call.pool, session.username)
    if user is None or user.status is not UserStatus.FORCE_CHANGE_PASSWORD:
        raise NotAuthorizedException("Invalid session for the user.")
    check_secret_hash(call, answers, answers.get("USERNAME", ""), user.username, user.sub)
    password = require_param(answers, "NEW_PASSWORD")
    given = _attribute_answers(answers)
    present = {k for k, v in user.attributes} | {k for k, v in given if v}
    for name in call.pool.required_attributes:
        if name not in present:
            raise InvalidParameterException(f"Invalid attributes given, {name} is missing")
    check_password_policy(call.pool.config.password_policy, password)
    check_writable(call.pool, call.client, (name for name, _ in given))
    checked = attrs.check_attributes(call.pool, given, creating=False) if given else []
    updated = replace(
        user,
        attributes=attrs.merge(user.attributes, checked),
        status=UserStatus.CONFIRMED,
        password=password_record(call.pool, user.username, password, call.now),
        modified=call.now,
    )
    saved = save_user(call.store, call.pool, updated)
    step = mfa_step_for(call, saved, session.auth_time or call.now, mfa)
    if step is not None:
        return step
    return grant(call, saved, session.auth_time or call.now, TOKEN_NEW_PASSWORD)
