"""One-time codes the user types back: sign-up confirmation, password reset, attribute checks.

Codes are kept only as their SHA-256 with the issue time and the count of wrong attempts.
https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.core.errors import AwsError
from cognigate.identity import messages
from cognigate.identity.confirm_link import LinkBuilder, link_defaults
from cognigate.identity.errors import (
    CodeMismatchException,
    ExpiredCodeException,
    LimitExceededException,
)
from cognigate.identity.model import User, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.user_store import code_state

MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
ATTEMPTS = "Attempt limit exceeded, please try after some time."
#: wrong guesses a code survives; the next call fails with LimitExceededException
MAX_ATTEMPTS = 5
DAY = 24 * 3600.0
HOUR = 3600.0
#: codes one user may be sent per hour (AWS: "between 5 and 20" reset requests an hour)
MAX_SENDS_PER_HOUR = 10


@dataclass(frozen=True, slots=True)
class CodeDelivery:
    """Where a code went, as ``CodeDeliveryDetails`` reports it (destination masked)."""

    destination: str
    medium: str
    attribute_name: str


def mask(value: str) -> str:
    """``test@example.com`` -> ``t***@e***``; ``+15555550100`` -> ``+*******0100``."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain[:1]}***"
    if value.startswith("+") and len(value) > 5:
        return "+" + "*" * (len(value) - 5) + value[-4:]
    return value[:1] + "***"


def code_failure(record: object, code: str, *, now: float, validity: float) -> AwsError | None:
    """Why ``code`` does not match the stored ``record``, or ``None`` when it does.

    No record (no code was ever sent) counts as expired, as AWS answers.
    """
    if not isinstance(record, Mapping):
        return ExpiredCodeException(EXPIRED)
    attempts = record.get("attempts", 0)
    if isinstance(attempts, int) and attempts >= MAX_ATTEMPTS:
        return LimitExceededException(ATTEMPTS)
    issued = record.get("issued")
    if not isinstance(issued, int | float) or now > issued + validity:
        return ExpiredCodeException(EXPIRED)
    expected = record.get("sha256")
    given = hashlib.sha256(code.encode("utf-8", "replace")).hexdigest()
    if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
        return CodeMismatchException(MISMATCH)
    return None


def with_failed_attempt(record: object) -> dict[str, object]:
    """The record with one more wrong attempt counted."""
    current = dict(record) if isinstance(record, Mapping) else {}
    attempts = current.get("attempts", 0)
    current["attempts"] = (attempts if isinstance(attempts, int) else 0) + 1
    return current


def _sends_this_hour(previous: object, now: float) -> tuple[float, int]:
    """(start of the current hour window, codes sent in it) from the code being replaced."""
    if isinstance(previous, Mapping):
        window, sends = previous.get("window"), previous.get("sends")
        if isinstance(window, int | float) and isinstance(sends, int) and now - window < HOUR:
            return window, sends
    return now, 0


def send_code(
    store: IdentityStore,
    pool: UserPool,
    user: User,
    *,
    kind: str,
    medium: str,
    now: float,
    customize: messages.Customizer | None = None,
    previous: object = None,
    link: LinkBuilder | None = None,
) -> tuple[dict[str, object], CodeDelivery]:
    """Put a fresh code for ``user`` into the outbox by ``medium`` (``EMAIL``/``SMS``).

    Returns what to store of the code (hash, issue time, the attribute it proves, the send
    count of the hour) and the delivery details to answer with. ``customize`` is the
    CustomMessage trigger hook; ``previous`` the stored record of the code it replaces;
    ``link`` turns an email into the by-link confirmation message (CONFIRM_WITH_LINK).

    :raises LimitExceededException: too many codes sent to the user this hour.
    """
    window, sends = _sends_this_hour(previous, now)
    if sends >= MAX_SENDS_PER_HOUR:
        raise LimitExceededException(ATTEMPTS)
    code, record = code_state(now)
    record = {**record, "window": window, "sends": sends + 1}
    attribute = messages.MEDIUM_ATTRIBUTE[medium]
    delivery = messages.Delivery(kind, messages.code_template(pool), code)
    template = pool.config.extras.get("VerificationMessageTemplate")
    if link is not None and medium == "EMAIL" and isinstance(template, Mapping):
        by_link = messages.link_template(pool, link_defaults(template))
        delivery = messages.Delivery(kind, by_link, code, link(code))
    for message in messages.compose(user, delivery, (medium,), now, customize):
        store.outbox.append(message)
    destination = user.attribute(attribute) or ""
    return {**record, "attribute": attribute}, CodeDelivery(mask(destination), medium, attribute)


def medium_of(attribute: str) -> str:
    """The delivery medium of a destination attribute (``email`` -> ``EMAIL``)."""
    return "EMAIL" if attribute == "email" else "SMS"
