"""Deployments and stages: what a stage serves and how.

https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.apigw.errors import BadRequestException

_STAGE_NAME = re.compile(r"[a-zA-Z0-9_]+")


def check_stage_name(name: str) -> None:
    """:raises BadRequestException: a stage name with other characters than ``[a-zA-Z0-9_]``."""
    if not _STAGE_NAME.fullmatch(name):
        raise BadRequestException("Stage name only allows a-zA-Z0-9_")


@dataclass(frozen=True, slots=True)
class Deployment:
    id: str
    created_date: float
    description: str | None = None


@dataclass(frozen=True, slots=True)
class MethodSetting:
    metrics_enabled: bool = False
    logging_level: str | None = None
    data_trace_enabled: bool = False
    throttling_burst_limit: int = 5000
    throttling_rate_limit: float = 10000.0
    caching_enabled: bool = False
    cache_ttl_in_seconds: int = 300
    cache_data_encrypted: bool = False
    require_authorization_for_cache_control: bool = True
    unauthorized_cache_control_header_strategy: str = "SUCCEED_WITH_RESPONSE_HEADER"


@dataclass(frozen=True, slots=True)
class AccessLogSettings:
    format: str | None = None
    destination_arn: str | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    stage_name: str
    deployment_id: str
    created_date: float
    last_updated_date: float
    description: str | None = None
    client_certificate_id: str | None = None
    cache_cluster_enabled: bool = False
    cache_cluster_size: str | None = None
    cache_cluster_status: str = "NOT_AVAILABLE"
    method_settings: Mapping[str, MethodSetting] = field(default_factory=dict)
    variables: Mapping[str, str] | None = None
    documentation_version: str | None = None
    access_log_settings: AccessLogSettings | None = None
    tracing_enabled: bool = False
    web_acl_arn: str | None = None
    tags: Mapping[str, str] | None = None
