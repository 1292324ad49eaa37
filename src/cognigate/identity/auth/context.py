"""The state one auth call works with: dependencies, its unit of work, pool and client."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.identity import srp
from cognigate.identity.auth.sessions import AuthSession, SessionCodec
from cognigate.identity.context import Deps
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.ports import IdentityStore


@dataclass(frozen=True, slots=True)
class AuthCall:
    """One InitiateAuth/RespondToAuthChallenge call (admin or public)."""

    deps: Deps
    codec: SessionCodec
    store: IdentityStore
    pool: UserPool
    client: AppClient
    admin: bool = False
    metadata: Mapping[str, str] = field(default_factory=dict)
    #: the DEVICE_KEY this sign-in names (device tracking), carried from step to step
    device_key: str | None = None

    @property
    def now(self) -> float:
        return self.deps.clock.now()

    @property
    def hides_users(self) -> bool:
        """PreventUserExistenceErrors ENABLED: unknown users look like wrong passwords."""
        return self.client.config.prevent_user_existence_errors == "ENABLED"

    @property
    def session_validity(self) -> float:
        return float(self.client.config.auth_session_validity or 3) * 60

    def seal(
        self,
        username: str,
        challenge: str,
        *,
        auth_time: float = 0.0,
        data: Mapping[str, object] | None = None,
    ) -> str:
        return self.codec.seal(
            AuthSession(
                pool_id=self.pool.id,
                client_id=self.client.id,
                username=username,
                challenge=challenge,
                issued=self.now,
                auth_time=auth_time,
                data=self.carry(data),
            )
        )

    def carry(self, data: Mapping[str, object] | None) -> dict[str, object]:
        """Session data with this sign-in's device key (``dk``), so the next step knows it."""
        carried = dict(data or {})
        if self.device_key is not None:
            carried.setdefault("dk", self.device_key)
        return carried

    def open(self, token: str | None, challenge: str) -> AuthSession:
        """The session of this pool and client for ``challenge``, else NotAuthorizedException."""
        session = self.codec.open(token, now=self.now, validity=self.session_validity)
        if (session.pool_id, session.client_id) != (self.pool.id, self.client.id) or (
            session.challenge != challenge
        ):
            raise NotAuthorizedException("Invalid session for the user.")
        return session


def require_param(params: Mapping[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise InvalidParameterException(f"Missing required parameter {name}")
    return value


def check_secret_hash(call: AuthCall, params: Mapping[str, str], *usernames: str) -> None:
    """Clients with a secret must send SECRET_HASH computed with one of ``usernames``.

    :raises NotAuthorizedException: missing or wrong hash.
    """
    secret = call.client.secret
    if secret is None:
        return
    given = params.get("SECRET_HASH")
    if not given:
        raise NotAuthorizedException(
            f"Client {call.client.id} is configured for secret but secret was not received"
        )
    for name in usernames:
        if name and srp.secret_hash_matches(call.client.id, secret, name, given):
            return
    raise NotAuthorizedException(f"Unable to verify secret hash for client {call.client.id}")
