"""Verifying the caller's email or phone number: GetUserAttributeVerificationCode and
VerifyUserAttribute.

A value held back by ``UserAttributeUpdateSettings`` replaces the old one once verified.
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cognigate.core.errors import AwsError
from cognigate.identity import attributes as attrs
from cognigate.identity.account import Session, signed_in
from cognigate.identity.context import Deps
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import CodeMismatchException, InvalidParameterException
from cognigate.identity.model import User
from cognigate.identity.user_store import ATTRIBUTE_CODES, save_user, send_verification_codes
from cognigate.identity.verification import (
    DAY,
    CodeDelivery,
    code_failure,
    mask,
    medium_of,
    with_failed_attempt,
)


def _codes(user: User) -> dict[str, object]:
    codes = user.state.get(ATTRIBUTE_CODES)
    return dict(codes) if isinstance(codes, Mapping) else {}


def _pending_value(user: User, name: str) -> str | None:
    record = _codes(user).get(name)
    value = record.get("value") if isinstance(record, Mapping) else None
    return value if isinstance(value, str) else None


def _require_verifiable(name: str) -> None:
    if name not in attrs.VERIFIED_FLAG:
        # [U] wording
        raise InvalidParameterException(f"Invalid attribute name: {name} cannot be verified.")


class AttributeVerificationOperations:
    """Codes that prove the caller owns an email address or phone number."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def get_user_attribute_verification_code(self, access_token: str, name: str) -> CodeDelivery:
        """Send a code for ``email`` or ``phone_number`` (the pending new value if any).

        :raises NotAuthorizedException: invalid, expired or revoked token.
        :raises InvalidParameterException: not email/phone, or the user has no such value.
        """
        _require_verifiable(name)
        with signed_in(self._deps, access_token, write=True) as session:
            pool, user = session.caller.pool, session.user
            value = _pending_value(user, name) or user.attribute(name)
            if not value:
                # [U] wording
                raise InvalidParameterException(f"User does not have {name} attribute.")
            now = self._deps.clock.now()
            customize = custom_message(
                self._deps,
                pool,
                client_id=session.caller.client_id,
                source="CustomMessage_VerifyUserAttribute",
            )
            user = send_verification_codes(
                session.store, pool, user, {name: value}, now, customize=customize
            )
            save_user(session.store, pool, user)
            return CodeDelivery(mask(value), medium_of(name), name)

    def verify_user_attribute(self, access_token: str, name: str, code: str) -> None:
        """Mark ``email``/``phone_number`` verified with the code sent for it.

        :raises CodeMismatchException, ExpiredCodeException, LimitExceededException: the code.
        :raises AliasExistsException: the verified value is another user's alias.
        :raises NotAuthorizedException: invalid, expired or revoked token.
        """
        _require_verifiable(name)
        with signed_in(self._deps, access_token, write=True) as session:
            failure = self._verify(session, name, code)
        if failure is not None:
            raise failure

    def _verify(self, session: Session, name: str, code: str) -> AwsError | None:
        pool, user = session.caller.pool, session.user
        codes = _codes(user)
        record = codes.get(name)
        now = self._deps.clock.now()
        failure = code_failure(record, code, now=now, validity=DAY)
        if isinstance(failure, CodeMismatchException):
            codes[name] = with_failed_attempt(record)
        elif failure is not None:
            return failure
        else:
            value = _pending_value(user, name) or user.attribute(name) or ""
            del codes[name]
            verified = [(name, value), (attrs.VERIFIED_FLAG[name], "true")]
            user = replace(user, modified=now, attributes=attrs.merge(user.attributes, verified))
        save_user(session.store, pool, replace(user, state={**user.state, ATTRIBUTE_CODES: codes}))
        return failure
