"""Dependencies shared by the user-pool operations, and lookups every operation needs."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from cognigate.core.clock import Clock
from cognigate.core.uow import UnitOfWorkFactory
from cognigate.identity.errors import InvalidParameterException, ResourceNotFoundException
from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.oidc_client import OidcClient
from cognigate.identity.ports import IdentityStore
from cognigate.identity.triggers import FunctionInvoker


@dataclass(frozen=True, slots=True)
class Deps:
    uow: UnitOfWorkFactory[IdentityStore]
    clock: Clock
    account_id: str
    default_region: str
    #: BASE of the issuer URL (``--public-url`` or ``http://host:port``)
    issuer_base: str = "http://127.0.0.1:4590"
    #: ``local`` (issuer = BASE/<poolId>) or ``aws`` (https://cognito-idp.<region>...)
    issuer_style: str = "local"
    #: installation secret (sealing challenge sessions, deterministic fake SRP users)
    secret: bytes = b"cognigate-development-secret"
    #: the local function runtime for Lambda triggers (``--functions DIR``), if any
    functions: FunctionInvoker | None = None
    #: outbound HTTP to third-party OIDC providers (federation), if any
    oidc: OidcClient | None = None

    def issuer(self, pool_id: str) -> str:
        """The ``iss`` of the pool's tokens."""
        if self.issuer_style == "aws":
            region = pool_id.split("_", 1)[0]
            return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        return f"{self.issuer_base.rstrip('/')}/{pool_id}"


def require_pool(store: IdentityStore, pool_id: str) -> UserPool:
    """The pool, or ``ResourceNotFoundException``."""
    pool = store.pools.get(pool_id)
    if pool is None:
        raise ResourceNotFoundException(f"User pool {pool_id} does not exist.")
    return pool


def require_client(store: IdentityStore, pool_id: str, client_id: str) -> AppClient:
    """The app client of that pool, or ``ResourceNotFoundException``."""
    client = store.clients.get(pool_id, client_id)
    if client is None:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return client


def encode_token(key: str) -> str:
    """An opaque pagination token for the last key of a page."""
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_token(token: str | None) -> str | None:
    """The key a pagination token stands for; ``InvalidParameterException`` if malformed."""
    if not token:
        return None
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidParameterException("Invalid pagination token.") from error


def pool_arn(region: str, account_id: str, pool_id: str) -> str:
    return f"arn:aws:cognito-idp:{region}:{account_id}:userpool/{pool_id}"
