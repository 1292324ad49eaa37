"""AdminListUserAuthEvents: the sign-in history threat protection keeps for a user.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListUserAuthEvents.html
"""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.identity.context import Deps, require_pool
from cognigate.identity.errors import UserPoolAddOnNotEnabledException
from cognigate.identity.model import UserPool
from cognigate.identity.user_store import require_user

_ENABLED_MODES = frozenset({"AUDIT", "ENFORCED"})


def threat_protection_on(pool: UserPool) -> bool:
    """``UserPoolAddOns.AdvancedSecurityMode`` is AUDIT or ENFORCED."""
    add_ons = pool.config.extras.get("UserPoolAddOns")
    mode = add_ons.get("AdvancedSecurityMode") if isinstance(add_ons, Mapping) else None
    return mode in _ENABLED_MODES


class AuthEventOperations:
    """The auth-event history of users."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def admin_list_user_auth_events(self, pool_id: str, username: str) -> list[dict[str, object]]:
        """The user's recorded auth events, newest first.

        :raises ResourceNotFoundException, UserNotFoundException:
        :raises UserPoolAddOnNotEnabledException: threat protection is off for the pool (AWS
            refuses the call then).
        """
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
            require_user(store, pool, username)
            if not threat_protection_on(pool):
                # [U] wording
                raise UserPoolAddOnNotEnabledException(
                    "User pool add-ons are not enabled for this user pool."
                )
        # Deviation: cognigate does not record auth events (no risk engine), so the history of
        # a pool with threat protection is always empty.
        return []
