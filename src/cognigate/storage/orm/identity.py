"""Tables of the Cognito user-pool domain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base

_POOL_FK = "user_pools.id"


class UserPoolRow(Base):
    __tablename__ = "user_pools"

    id: Mapped[str] = mapped_column(String(55), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
    #: the pool's settings document, as the domain serialises it
    doc: Mapped[dict[str, Any]]
    tags: Mapped[dict[str, Any]]


class UserPoolClientRow(Base):
    __tablename__ = "user_pool_clients"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    secret: Mapped[str | None] = mapped_column(String(64))
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]


class UserPoolDomainRow(Base):
    __tablename__ = "user_pool_domains"

    domain: Mapped[str] = mapped_column(String(63), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), unique=True)
    created: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("pool_id", "username_key", name="uq_users_pool_username"),
        UniqueConstraint("pool_id", "sub", name="uq_users_pool_sub"),
    )

    pk: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(128))
    #: the username as matched: lower-cased in case-insensitive pools
    username_key: Mapped[str] = mapped_column(String(128))
    sub: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean)
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
    #: ordered ``[[name, value], ...]``
    attributes: Mapped[list[Any]]
    #: SRP salt and verifier (hex); never the password itself
    password_salt: Mapped[str | None] = mapped_column(String(128))
    password_verifier: Mapped[str | None] = mapped_column(Text)
    password_set_at: Mapped[float | None] = mapped_column(Float)
    #: other per-user state (MFA settings, lockout counters, pending attribute values)
    state: Mapped[dict[str, Any]]


class UserAttributeRow(Base):
    """Index of attribute values for ListUsers filters; rewritten with the user."""

    __tablename__ = "user_attributes"
    __table_args__ = (Index("ix_user_attributes_lookup", "pool_id", "name", "value"),)

    user_pk: Mapped[int] = mapped_column(
        ForeignKey("users.pk", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    pool_id: Mapped[str] = mapped_column(String(55))
    value: Mapped[str] = mapped_column(String(2048))


class UserAliasRow(Base):
    """Sign-in aliases (verified email/phone, preferred_username): unique per pool."""

    __tablename__ = "user_aliases"

    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(2048), primary_key=True)
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"), index=True)


class GroupRow(Base):
    __tablename__ = "groups"

    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    description: Mapped[str | None] = mapped_column(String(2048))
    role_arn: Mapped[str | None] = mapped_column(String(2048))
    precedence: Mapped[int | None] = mapped_column(Integer)
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)


class GroupMemberRow(Base):
    __tablename__ = "group_members"
    __table_args__ = (Index("ix_group_members_user", "user_pk"),)

    pool_id: Mapped[str] = mapped_column(String(55), primary_key=True)
    group_name: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_pk: Mapped[int] = mapped_column(
        ForeignKey("users.pk", ondelete="CASCADE"), primary_key=True
    )


class ResourceServerRow(Base):
    __tablename__ = "resource_servers"

    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), primary_key=True)
    identifier: Mapped[str] = mapped_column(String(256), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    scopes: Mapped[list[Any]]


class OutboxRow(Base):
    """Messages Cognito would have sent by email or SMS; bodies are encrypted at rest."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pool_user", "pool_id", "username"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    pool_id: Mapped[str] = mapped_column(String(55))
    username: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(64))
    medium: Mapped[str] = mapped_column(String(16))
    destination: Mapped[str] = mapped_column(String(2048))
    created: Mapped[float] = mapped_column(Float)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class InstanceSecretRow(Base):
    """Installation-wide secrets shared by every instance (encryption and cookie keys)."""

    __tablename__ = "instance_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class SigningKeyRow(Base):
    """A pool's RS256 keys (one for ID tokens, one for access tokens)."""

    __tablename__ = "signing_keys"
    __table_args__ = (UniqueConstraint("pool_id", "purpose", name="uq_signing_keys_pool_purpose"),)

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(16))
    private_pem: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[float] = mapped_column(Float)


class RefreshTokenRow(Base):
    """Issued refresh tokens, by SHA-256 of the token; the token itself is never stored."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_user", "user_pk"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(128))
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"))
    origin_jti: Mapped[str] = mapped_column(String(36), unique=True)
    auth_time: Mapped[float] = mapped_column(Float)
    issued: Mapped[float] = mapped_column(Float)
    expires: Mapped[float] = mapped_column(Float)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: scopes granted (OAuth) and other issuance facts needed on refresh
    doc: Mapped[dict[str, Any]]


class AuthorizationCodeRow(Base):
    """OAuth authorization codes, by SHA-256 of the code; single use, five minutes."""

    __tablename__ = "oauth_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(128))
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"))
    issued: Mapped[float] = mapped_column(Float)
    expires: Mapped[float] = mapped_column(Float)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    #: redirect_uri, scope, nonce, code_challenge, auth_time, origin_jti
    doc: Mapped[dict[str, Any]]


class UiCustomizationRow(Base):
    """SetUICustomization: CSS and logo per pool (client ``ALL``) or per client."""

    __tablename__ = "ui_customizations"

    pool_id: Mapped[str] = mapped_column(ForeignKey(_POOL_FK, ondelete="CASCADE"), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    css: Mapped[str | None] = mapped_column(Text, nullable=True)
    image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
