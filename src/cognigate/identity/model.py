"""Domain objects of a Cognito user pool: frozen dataclasses, snake_case, no wire casing.

Members that Cognito only stores and echoes (e.g. ``EmailConfiguration``) travel in
``extras`` under their AWS member names; the rules never read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from cognigate.identity.passwords import PasswordPolicy

JsonObject = Mapping[str, object]
T = TypeVar("T")


class UserStatus(StrEnum):
    UNCONFIRMED = "UNCONFIRMED"
    CONFIRMED = "CONFIRMED"
    ARCHIVED = "ARCHIVED"
    COMPROMISED = "COMPROMISED"
    UNKNOWN = "UNKNOWN"
    RESET_REQUIRED = "RESET_REQUIRED"
    FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"
    EXTERNAL_PROVIDER = "EXTERNAL_PROVIDER"


@dataclass(frozen=True, slots=True)
class SchemaAttribute:
    """One attribute of the pool schema (standard or ``custom:``)."""

    name: str
    data_type: str = "String"
    developer_only: bool = False
    mutable: bool = True
    required: bool = False
    min_length: str | None = None
    max_length: str | None = None
    min_value: str | None = None
    max_value: str | None = None

    @property
    def is_custom(self) -> bool:
        return self.name.startswith("custom:") or self.name.startswith("dev:")


@dataclass(frozen=True, slots=True)
class PoolConfig:
    """The settable part of a user pool."""

    password_policy: PasswordPolicy = field(default_factory=PasswordPolicy)
    username_attributes: tuple[str, ...] = ()
    alias_attributes: tuple[str, ...] = ()
    #: ``None`` when UsernameConfiguration was never given (usernames are then case sensitive)
    case_sensitive: bool | None = None
    schema: tuple[SchemaAttribute, ...] = ()
    mfa_configuration: str = "OFF"
    auto_verified_attributes: tuple[str, ...] = ()
    allow_admin_create_user_only: bool = False
    unused_account_validity_days: int | None = None
    invite_message_template: JsonObject | None = None
    deletion_protection: str = "INACTIVE"
    lambda_config: JsonObject = field(default_factory=dict)
    #: pass-through members, keyed by AWS member name
    extras: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UserPool:
    id: str
    name: str
    arn: str
    created: float
    modified: float
    config: PoolConfig = field(default_factory=PoolConfig)
    tags: Mapping[str, str] = field(default_factory=dict)

    @property
    def region(self) -> str:
        return self.id.split("_", 1)[0]

    @property
    def matches_case_insensitively(self) -> bool:
        return self.config.case_sensitive is False

    def schema_attribute(self, name: str) -> SchemaAttribute | None:
        for attribute in self.config.schema:
            if attribute.name == name:
                return attribute
        return None

    @property
    def required_attributes(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.config.schema if a.required and a.name != "sub")


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """The settable part of an app client (UpdateUserPoolClient replaces all of it)."""

    explicit_auth_flows: tuple[str, ...] | None = None
    #: values as given (None = not set)
    refresh_token_validity: int | None = None
    access_token_validity: int | None = None
    id_token_validity: int | None = None
    token_validity_units: Mapping[str, str] | None = None
    read_attributes: tuple[str, ...] | None = None
    write_attributes: tuple[str, ...] | None = None
    supported_identity_providers: tuple[str, ...] | None = None
    callback_urls: tuple[str, ...] | None = None
    logout_urls: tuple[str, ...] | None = None
    default_redirect_uri: str | None = None
    allowed_oauth_flows: tuple[str, ...] | None = None
    allowed_oauth_scopes: tuple[str, ...] | None = None
    allowed_oauth_flows_user_pool_client: bool = False
    prevent_user_existence_errors: str | None = None
    enable_token_revocation: bool = True
    enable_propagate_additional_user_context_data: bool = False
    auth_session_validity: int | None = None
    extras: JsonObject = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AppClient:
    pool_id: str
    id: str
    name: str
    created: float
    modified: float
    secret: str | None = None
    config: ClientConfig = field(default_factory=ClientConfig)


@dataclass(frozen=True, slots=True)
class Domain:
    domain: str
    pool_id: str
    created: float
    managed_login_version: int = 1
    custom_domain_config: JsonObject | None = None


@dataclass(frozen=True, slots=True)
class PasswordRecord:
    """Cognito's SRP salt and verifier; the password itself is never kept."""

    salt: str
    verifier: str
    set_at: float


@dataclass(frozen=True, slots=True)
class User:
    pool_id: str
    username: str
    sub: str
    status: UserStatus
    enabled: bool
    created: float
    modified: float
    #: ordered (name, value) pairs, ``sub`` included
    attributes: tuple[tuple[str, str], ...] = ()
    password: PasswordRecord | None = None
    #: per-user state for later features (MFA, lockout), keyed by name
    state: JsonObject = field(default_factory=dict)
    pk: int | None = None

    def attribute(self, name: str) -> str | None:
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    def attribute_map(self) -> dict[str, str]:
        return dict(self.attributes)


@dataclass(frozen=True, slots=True)
class Group:
    pool_id: str
    name: str
    created: float
    modified: float
    description: str | None = None
    role_arn: str | None = None
    precedence: int | None = None


@dataclass(frozen=True, slots=True)
class ResourceServerScope:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class ResourceServer:
    pool_id: str
    identifier: str
    name: str
    scopes: tuple[ResourceServerScope, ...] = ()


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A message Cognito would have delivered by email or SMS."""

    pool_id: str
    username: str
    kind: str
    medium: str
    destination: str
    subject: str
    body: str
    created: float
    code: str | None = None
    id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "userPoolId": self.pool_id,
            "username": self.username,
            "kind": self.kind,
            "medium": self.medium,
            "destination": self.destination,
            "subject": self.subject,
            "body": self.body,
            "code": self.code,
            "created": self.created,
        }


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing and the token for the next one."""

    items: tuple[T, ...]
    next_token: str | None = None


@dataclass(frozen=True, slots=True)
class IdentityProvider:
    """A third-party IdP of a pool (CreateIdentityProvider): OIDC, SAML or a social one."""

    pool_id: str
    name: str
    type: str
    details: Mapping[str, str]
    attribute_mapping: Mapping[str, str]
    identifiers: tuple[str, ...]
    created: float
    modified: float


@dataclass(frozen=True, slots=True)
class ProviderLink:
    """AdminLinkProviderForUser: an external identity that signs in as an existing user."""

    pool_id: str
    provider_name: str
    attribute_name: str
    attribute_value: str
    user_pk: int


@dataclass(frozen=True, slots=True)
class Device:
    """A device Cognito tracks for a user: its key is issued at sign-in (NewDeviceMetadata);
    ConfirmDevice stores the SRP salt and verifier of its random password (never the password).
    """

    key: str
    pool_id: str
    user_pk: int
    group_key: str
    created: float
    modified: float
    name: str | None = None
    #: hex SRP salt and verifier; ``None`` until ConfirmDevice
    salt: str | None = None
    verifier: str | None = None
    remembered: bool = False
    last_authenticated: float | None = None
    last_ip: str | None = None

    @property
    def confirmed(self) -> bool:
        return self.verifier is not None
