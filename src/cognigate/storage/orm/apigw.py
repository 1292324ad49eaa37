"""Tables of the API Gateway domain: one document per REST API, plus deployments, stages,
API keys and usage plans."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base

_API_FK = "apigw_rest_apis.id"


class RestApiRow(Base):
    """A REST API with its whole resource tree, authorizers, models, validators, responses."""

    __tablename__ = "apigw_rest_apis"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(1024))
    created: Mapped[float] = mapped_column(Float, index=True)
    #: bumped on every save, so caches can tell a definition changed
    version: Mapped[int] = mapped_column(Integer)
    doc: Mapped[dict[str, Any]]


class DeploymentRow(Base):
    __tablename__ = "apigw_deployments"

    api_id: Mapped[str] = mapped_column(ForeignKey(_API_FK, ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]
    #: the API definition as deployed; never changes
    snapshot: Mapped[dict[str, Any]]


class StageRow(Base):
    __tablename__ = "apigw_stages"
    api_id: Mapped[str] = mapped_column(ForeignKey(_API_FK, ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    deployment_id: Mapped[str] = mapped_column(String(32))
    created: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]


class ApiKeyRow(Base):
    __tablename__ = "apigw_api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128), unique=True)
    created: Mapped[float] = mapped_column(Float, index=True)
    doc: Mapped[dict[str, Any]]


class UsagePlanRow(Base):
    __tablename__ = "apigw_usage_plans"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created: Mapped[float] = mapped_column(Float, index=True)
    doc: Mapped[dict[str, Any]]


class UsagePlanKeyRow(Base):
    __tablename__ = "apigw_usage_plan_keys"

    plan_id: Mapped[str] = mapped_column(
        ForeignKey("apigw_usage_plans.id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[str] = mapped_column(
        ForeignKey("apigw_api_keys.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    seq: Mapped[int] = mapped_column(Integer)


class UsageQuotaRow(Base):
    """Requests of a key in one quota period of a usage plan (the data plane's quota check)."""

    __tablename__ = "apigw_usage_quotas"

    plan_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: ISO day the period starts on
    period_start: Mapped[str] = mapped_column(String(10), primary_key=True)
    used: Mapped[int] = mapped_column(Integer)
    #: requests UpdateUsage granted on top of the plan's limit (negative: taken away)
    extra: Mapped[int] = mapped_column(Integer)


class UsageDayRow(Base):
    """Requests of a key through a usage plan on one UTC day (GetUsage)."""

    __tablename__ = "apigw_usage_days"

    plan_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    used: Mapped[int] = mapped_column(Integer)


class ThrottleBucketRow(Base):
    """A token bucket shared by every process serving the database."""

    __tablename__ = "apigw_throttle_buckets"

    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    #: epoch seconds of the last refill
    updated: Mapped[float] = mapped_column(Float)


class DocumentationPartRow(Base):
    """One documentation part of an API; ``seq`` keeps creation order."""

    __tablename__ = "apigw_documentation_parts"

    api_id: Mapped[str] = mapped_column(ForeignKey(_API_FK, ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    doc: Mapped[dict[str, Any]]


class DocumentationVersionRow(Base):
    """A documentation version: its own fields and the parts it froze."""

    __tablename__ = "apigw_documentation_versions"

    api_id: Mapped[str] = mapped_column(ForeignKey(_API_FK, ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(128), primary_key=True)
    created: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]
    #: the parts as they were when the version was created; never changes
    parts: Mapped[list[Any]]
