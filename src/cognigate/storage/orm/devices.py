"""Table of the devices Cognito tracks for users (device keys and their SRP verifiers)."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base


class DeviceRow(Base):
    """A device key issued at sign-in; ConfirmDevice adds the SRP salt and verifier of the
    device's random password (never the password)."""

    __tablename__ = "devices"
    __table_args__ = (Index("ix_devices_user_key", "user_pk", "device_key"),)

    device_key: Mapped[str] = mapped_column(String(55), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey("user_pools.id", ondelete="CASCADE"))
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"))
    group_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    salt: Mapped[str | None] = mapped_column(String(128), nullable=True)
    verifier: Mapped[str | None] = mapped_column(Text, nullable=True)
    remembered: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
    last_authenticated: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
