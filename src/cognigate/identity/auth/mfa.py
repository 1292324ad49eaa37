"""Multi-factor sign-in steps (placeholder: no MFA challenges yet)."""

from __future__ import annotations

from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.model import User


def mfa_step(call: AuthCall, user: User, auth_time: float) -> AuthResult | None:
    """The MFA challenge this sign-in needs, or ``None`` to issue tokens."""
    del call, user, auth_time
    return None
