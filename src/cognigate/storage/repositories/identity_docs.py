"""Conversion between user-pool domain objects and the JSON documents stored in rows."""

from __future__ import annotations

import dataclasses
from typing import Any

from cognigate.identity.model import ClientConfig, PoolConfig, SchemaAttribute
from cognigate.identity.passwords import PasswordPolicy


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _tuples(values: dict[str, Any], names: tuple[str, ...]) -> None:
    for key in names:
        if values.get(key) is not None:
            values[key] = tuple(values[key])


def config_doc(config: PoolConfig | ClientConfig) -> dict[str, Any]:
    """A JSON-ready document of a pool's or client's settings."""
    result = _plain(config)
    if not isinstance(result, dict):
        raise TypeError("expected a dataclass")
    return result


def pool_config(doc: dict[str, Any]) -> PoolConfig:
    values = dict(doc)
    values["password_policy"] = PasswordPolicy(**values.get("password_policy", {}))
    values["schema"] = tuple(SchemaAttribute(**a) for a in values.get("schema", []))
    _tuples(values, ("username_attributes", "alias_attributes", "auto_verified_attributes"))
    return PoolConfig(**values)


_CLIENT_TUPLES = (
    "explicit_auth_flows",
    "supported_identity_providers",
    "callback_urls",
    "logout_urls",
    "allowed_oauth_flows",
    "allowed_oauth_scopes",
    "read_attributes",
    "write_attributes",
)


def client_config(doc: dict[str, Any]) -> ClientConfig:
    values = dict(doc)
    _tuples(values, _CLIENT_TUPLES)
    return ClientConfig(**values)
