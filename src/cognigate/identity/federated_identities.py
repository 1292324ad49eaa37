"""The ``identities`` attribute of federated and linked users, as Cognito writes it: a JSON
array of ``{userId, providerName, providerType, issuer, primary, dateCreated}``.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html
"""

from __future__ import annotations

import json
from dataclasses import replace

from cognigate.identity import attributes as attrs
from cognigate.identity.model import User

ATTRIBUTE = "identities"
#: AdminLinkProviderForUser's attribute name for the provider's subject (``sub``/``id``)
SUBJECT = "Cognito_Subject"


def federated_username(provider_name: str, subject: str) -> str:
    """The username Cognito gives a user who first signs in through an IdP."""
    return f"{provider_name}_{subject}"


def entries(user: User) -> list[dict[str, object]]:
    """The user's identities (empty when none or malformed)."""
    try:
        value = json.loads(user.attribute(ATTRIBUTE) or "[]")
    except ValueError:
        return []
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def with_identity(
    user: User, *, provider_name: str, provider_type: str, user_id: str, now: float
) -> User:
    """The user with this identity in ``identities`` (added once)."""
    current = entries(user)
    if any(e.get("providerName") == provider_name and e.get("userId") == user_id for e in current):
        return user
    current.append(
        {
            "userId": user_id,
            "providerName": provider_name,
            "providerType": provider_type,
            "issuer": None,
            "primary": not current,
            "dateCreated": int(now * 1000),
        }
    )
    value = json.dumps(current, separators=(",", ":"))
    return replace(user, attributes=attrs.merge(user.attributes, [(ATTRIBUTE, value)]))


def without_identity(user: User, provider_name: str, user_id: str) -> User:
    """The user without that identity (the attribute goes when the last one does)."""
    kept = [
        e for e in entries(user)
        if not (e.get("providerName") == provider_name and e.get("userId") == user_id)
    ]  # fmt: skip
    if not kept:
        return replace(user, attributes=attrs.without(user.attributes, [ATTRIBUTE]))
    value = json.dumps(kept, separators=(",", ":"))
    return replace(user, attributes=attrs.merge(user.attributes, [(ATTRIBUTE, value)]))
