"""Storage ports of the user-pool domain: small Protocols the storage layer implements.

Every method runs inside the unit of work it was obtained from; none commits.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Protocol

from cognigate.identity.keys import SigningKey
from cognigate.identity.model import (
    AppClient,
    Device,
    Domain,
    Group,
    IdentityProvider,
    OutboxMessage,
    ProviderLink,
    ResourceServer,
    User,
    UserPool,
)


class DuplicateKey(Exception):
    """Raised by ``add`` methods when a unique key is already taken."""


@dataclass(frozen=True, slots=True)
class UserFilter:
    """A ListUsers filter: ``attribute = "value"`` or ``attribute ^= "value"``."""

    attribute: str
    value: str
    prefix: bool


class PoolRepository(Protocol):
    def add(self, pool: UserPool) -> None:
        """Insert a new pool."""

    def get(self, pool_id: str) -> UserPool | None:
        """The pool, or ``None``."""

    def list(self, limit: int, after: str | None) -> list[UserPool]:
        """Up to ``limit`` pools ordered by id, starting after id ``after``."""

    def save(self, pool: UserPool) -> None:
        """Replace an existing pool."""

    def delete(self, pool_id: str) -> None:
        """Remove the pool and everything in it (clients, users, groups, domain)."""


class ClientRepository(Protocol):
    def add(self, client: AppClient) -> None:
        """Insert a new client."""

    def get(self, pool_id: str, client_id: str) -> AppClient | None:
        """The client of that pool, or ``None``."""

    def find(self, client_id: str) -> AppClient | None:
        """The client with this id in any pool, or ``None``."""

    def list(self, pool_id: str, limit: int, after: str | None) -> list[AppClient]:
        """Up to ``limit`` clients ordered by id, after id ``after``."""

    def save(self, client: AppClient) -> None:
        """Replace an existing client."""

    def delete(self, pool_id: str, client_id: str) -> None:
        """Remove the client."""


class DomainRepository(Protocol):
    def add(self, domain: Domain) -> None:
        """Insert; raises :class:`DuplicateKey` if the prefix or the pool already has one."""

    def get(self, domain: str) -> Domain | None:
        """The domain by prefix, or ``None``."""

    def for_pool(self, pool_id: str) -> Domain | None:
        """The pool's domain, or ``None``."""

    def save(self, domain: Domain) -> None:
        """Replace an existing domain."""

    def delete(self, domain: str) -> None:
        """Remove the domain."""


class UserRepository(Protocol):
    def add(self, user: User, username_key: str) -> User:
        """Insert; returns the user with its ``pk``. Raises :class:`DuplicateKey`."""

    def get(self, pool_id: str, username_key: str) -> User | None:
        """By (normalised) username, or ``None``."""

    def get_by_sub(self, pool_id: str, sub: str) -> User | None:
        """By ``sub``, or ``None``."""

    def get_by_pk(self, pk: int) -> User | None:
        """By storage key (as kept in refresh-token records), or ``None``."""

    def get_by_alias(self, pool_id: str, kind: str, key: str) -> User | None:
        """By a sign-in alias (``email``, ``phone_number``, ``preferred_username``)."""

    def save(self, user: User, aliases: dict[str, str]) -> None:
        """Replace the user (by ``pk``) and its alias set; raises :class:`DuplicateKey`."""

    def delete(self, user: User) -> None:
        """Remove the user, its aliases and group memberships."""

    def list(
        self, pool_id: str, limit: int, after: str | None, where: UserFilter | None
    ) -> list[User]:
        """Up to ``limit`` users ordered by username key, after key ``after``."""

    def count(self, pool_id: str) -> int:
        """Number of users in the pool."""


class GroupRepository(Protocol):
    def add(self, group: Group) -> None:
        """Insert; raises :class:`DuplicateKey`."""

    def get(self, pool_id: str, name: str) -> Group | None:
        """The group, or ``None``."""

    def list(self, pool_id: str, limit: int, after: str | None) -> list[Group]:
        """Up to ``limit`` groups ordered by name, after ``after``."""

    def save(self, group: Group) -> None:
        """Replace an existing group."""

    def delete(self, pool_id: str, name: str) -> None:
        """Remove the group and its memberships."""

    def add_member(self, pool_id: str, name: str, user: User) -> None:
        """Make the user a member (no-op if already)."""

    def remove_member(self, pool_id: str, name: str, user: User) -> None:
        """End the membership (no-op if none)."""

    def groups_of(self, user: User) -> builtins.list[Group]:
        """The user's groups, by precedence then name."""

    def members(
        self, pool_id: str, name: str, limit: int, after: str | None
    ) -> builtins.list[User]:
        """Members ordered by username key, after ``after``."""


class ResourceServerRepository(Protocol):
    def add(self, server: ResourceServer) -> None:
        """Insert; raises :class:`DuplicateKey`."""

    def get(self, pool_id: str, identifier: str) -> ResourceServer | None:
        """The resource server, or ``None``."""

    def list(self, pool_id: str, limit: int, after: str | None) -> list[ResourceServer]:
        """Ordered by identifier, after ``after``."""

    def save(self, server: ResourceServer) -> None:
        """Replace an existing resource server."""

    def delete(self, pool_id: str, identifier: str) -> None:
        """Remove the resource server."""


class IdentityProviderRepository(Protocol):
    def add(self, provider: IdentityProvider) -> None:
        """Insert; raises :class:`DuplicateKey` when the name or an IdP identifier is taken."""

    def get(self, pool_id: str, name: str) -> IdentityProvider | None:
        """The provider, or ``None``."""

    def by_identifier(self, pool_id: str, identifier: str) -> IdentityProvider | None:
        """The provider with this IdpIdentifier, or ``None``."""

    def list(self, pool_id: str, limit: int, after: str | None) -> list[IdentityProvider]:
        """Up to ``limit`` providers ordered by name, after name ``after``."""

    def save(self, provider: IdentityProvider) -> None:
        """Replace an existing provider; raises :class:`DuplicateKey` (identifier taken)."""

    def delete(self, pool_id: str, name: str) -> None:
        """Remove the provider, its identifiers and its links to users."""


class ProviderLinkRepository(Protocol):
    def add(self, link: ProviderLink) -> None:
        """Insert; raises :class:`DuplicateKey` when that external identity is linked already."""

    def find(self, pool_id: str, provider_name: str, attribute_name: str,
             attribute_value: str) -> ProviderLink | None:  # fmt: skip
        """The link of that external identity, or ``None``."""

    def for_user(self, user_pk: int) -> builtins.list[ProviderLink]:
        """The user's links."""

    def delete(self, link: ProviderLink) -> None:
        """Remove the link (no-op if gone)."""


class DeviceRepository(Protocol):
    def add(self, device: Device) -> None:
        """Insert a newly issued device key; raises :class:`DuplicateKey` if it is taken."""

    def get(self, pool_id: str, key: str) -> Device | None:
        """The device of that pool, or ``None``."""

    def list(self, user_pk: int, limit: int, after: str | None) -> builtins.list[Device]:
        """Up to ``limit`` of the user's confirmed devices ordered by key, after key ``after``."""

    def save(self, device: Device) -> None:
        """Replace an existing device."""

    def delete(self, pool_id: str, key: str) -> None:
        """Forget the device (no-op if gone); its refresh tokens stop working."""


class OutboxRepository(Protocol):
    def append(self, message: OutboxMessage) -> None:
        """Record a message (the storage layer encrypts it at rest)."""

    def list(self, pool_id: str | None, username: str | None, limit: int) -> list[OutboxMessage]:
        """Newest first, optionally for one pool and/or user."""


@dataclass(frozen=True, slots=True)
class RefreshRecord:
    """What is kept of an issued refresh token (by hash; never the token itself)."""

    token_hash: str
    pool_id: str
    client_id: str
    user_pk: int
    origin_jti: str
    auth_time: float
    issued: float
    expires: float
    revoked: bool = False
    #: OAuth scopes granted with it (space separated), "" for API flows
    scope: str = ""
    #: the device the sign-in was bound to (device tracking), if any
    device_key: str | None = None


class SigningKeyRepository(Protocol):
    def for_pool(self, pool_id: str) -> builtins.list[SigningKey]:
        """The pool's keys (empty until the first are added)."""

    def add(self, pool_id: str, key: SigningKey) -> None:
        """Insert; raises :class:`DuplicateKey` when the pool already has one for the purpose."""


@dataclass(frozen=True, slots=True)
class SigningCertificate:
    """A pool's SAML signing certificate (DER) and its RSA key (PEM, PKCS#8)."""

    pool_id: str
    certificate_der: bytes
    private_pem: bytes
    created: float


class SigningCertificateRepository(Protocol):
    def get(self, pool_id: str) -> SigningCertificate | None:
        """The pool's certificate, or ``None`` before the first GetSigningCertificate."""

    def add(self, certificate: SigningCertificate) -> None:
        """Insert; raises :class:`DuplicateKey` when the pool has one already (the transaction
        stays usable)."""


@dataclass(frozen=True, slots=True)
class ImportJob:
    """A user import job (CreateUserImportJob) and its uploaded CSV file, if any."""

    job_id: str
    pool_id: str
    name: str
    role_arn: str
    status: str
    created: float
    started: float | None = None
    completed: float | None = None
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    message: str | None = None
    csv_body: bytes | None = None


class UserImportJobRepository(Protocol):
    def add(self, job: ImportJob) -> None:
        """Insert a new job."""

    def get(self, job_id: str) -> ImportJob | None:
        """The job (any pool), or ``None``."""

    def list(self, pool_id: str, limit: int, after: str | None) -> builtins.list[ImportJob]:
        """Up to ``limit`` of the pool's jobs, oldest first, after job id ``after``; without
        their CSV files."""

    def save(self, job: ImportJob) -> None:
        """Replace an existing job (its CSV file too)."""


class RefreshTokenRepository(Protocol):
    def add(self, record: RefreshRecord) -> None:
        """Record an issued refresh token."""

    def get(self, token_hash: str) -> RefreshRecord | None:
        """By hash, or ``None``."""

    def by_origin(self, origin_jti: str) -> RefreshRecord | None:
        """By the ``origin_jti`` its tokens carry, or ``None``."""

    def revoke(self, token_hash: str) -> None:
        """Mark one refresh token (and so its access/ID tokens) revoked."""

    def revoke_user(self, user_pk: int) -> None:
        """Revoke every refresh token of the user (global sign-out)."""

    def expire(self, token_hash: str, at: float) -> None:
        """Make one refresh token stop working at ``at`` (if it would live longer); unlike
        :meth:`revoke`, what was issued from it stays valid."""


@dataclass(frozen=True, slots=True)
class AuthorizationCodeRecord:
    """An OAuth authorization code, by SHA-256 hash, with everything it is bound to."""

    code_hash: str
    pool_id: str
    client_id: str
    user_pk: int
    redirect_uri: str
    scope: str
    auth_time: float
    issued: float
    expires: float
    nonce: str | None = None
    code_challenge: str | None = None
    used: bool = False
    #: the refresh-token lineage issued when it was redeemed (revoked if it is replayed)
    origin_jti: str | None = None


class AuthorizationCodeRepository(Protocol):
    def add(self, record: AuthorizationCodeRecord) -> None:
        """Record a newly issued code."""

    def get(self, code_hash: str) -> AuthorizationCodeRecord | None:
        """By hash, or ``None``."""

    def mark_used(self, code_hash: str) -> bool:
        """Flag the code used; ``False`` if it already was (another redemption won)."""

    def set_origin(self, code_hash: str, origin_jti: str) -> None:
        """Remember the refresh-token lineage the code was exchanged for."""


@dataclass(frozen=True, slots=True)
class UiCustomization:
    """SetUICustomization's CSS and logo for a pool (``client_id`` ``ALL``) or one client."""

    pool_id: str
    client_id: str
    css: str | None
    image: bytes | None
    created: float
    modified: float


class UiCustomizationRepository(Protocol):
    def get(self, pool_id: str, client_id: str) -> UiCustomization | None:
        """The customization of that pool/client, or ``None``."""

    def save(self, record: UiCustomization) -> None:
        """Insert or replace."""


class ConsumedChallengeRepository(Protocol):
    """Sign-in steps (a ``Session``, an SRP ``SECRET_BLOCK``) already answered: each is good once,
    whichever instance answers it."""

    def consume(self, ticket: str, pool_id: str, expires: float) -> bool:
        """Record ``ticket`` as answered until ``expires``; ``False`` if it already was (the
        unique key decides, so two instances answering at once cannot both win)."""

    def purge(self, now: float) -> None:
        """Forget records whose step expired before ``now`` (it can no longer be answered)."""


class IdentityStore(Protocol):
    """The repositories of one unit of work."""

    @property
    def pools(self) -> PoolRepository: ...
    @property
    def clients(self) -> ClientRepository: ...
    @property
    def domains(self) -> DomainRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def groups(self) -> GroupRepository: ...
    @property
    def resource_servers(self) -> ResourceServerRepository: ...
    @property
    def outbox(self) -> OutboxRepository: ...
    @property
    def signing_keys(self) -> SigningKeyRepository: ...
    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...
    @property
    def authorization_codes(self) -> AuthorizationCodeRepository: ...
    @property
    def ui_customizations(self) -> UiCustomizationRepository: ...
    @property
    def identity_providers(self) -> IdentityProviderRepository: ...
    @property
    def provider_links(self) -> ProviderLinkRepository: ...
    @property
    def devices(self) -> DeviceRepository: ...
    @property
    def consumed_challenges(self) -> ConsumedChallengeRepository: ...
    @property
    def signing_certificates(self) -> SigningCertificateRepository: ...
    @property
    def user_import_jobs(self) -> UserImportJobRepository: ...
