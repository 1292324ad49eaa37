"""Answers API Gateway's questions about Cognito user pools from the identity domain."""

from __future__ import annotations

from cognigate.identity.errors import ResourceNotFoundException
from cognigate.identity.service import IdentityService


class IdentityUserPools:
    """Implements ``apigw.ports.UserPoolDirectory`` with the user-pool domain."""

    def __init__(self, identity: IdentityService) -> None:
        self._identity = identity

    def pool_exists(self, pool_id: str) -> bool:
        try:
            self._identity.pools.describe(pool_id)
        except ResourceNotFoundException:
            return False
        return True
