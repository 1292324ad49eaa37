"""Identifier generation in AWS's formats; the only producer of ids."""

from __future__ import annotations

import secrets
import string
import uuid

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def user_pool_id(region: str) -> str:
    """``us-east-1_AbC123xyz``: region, underscore, 9 alphanumerics."""
    return f"{region}_{_random(_ALNUM, 9)}"


def client_id() -> str:
    """26 lowercase alphanumerics, like Cognito's app client ids."""
    return _random(_LOWER_ALNUM, 26)


def client_secret() -> str:
    """51 lowercase alphanumerics, like Cognito's client secrets."""
    return _random(_LOWER_ALNUM, 51)


def rest_api_id() -> str:
    """10 lowercase alphanumerics."""
    return _random(_LOWER_ALNUM, 10)


def short_id(length: int = 6) -> str:
    """Resource, authorizer, deployment ids: short lowercase alphanumerics."""
    return _random(_LOWER_ALNUM, length)


def new_uuid() -> str:
    """A random lowercase UUID v4."""
    return str(uuid.uuid4())


def request_id() -> str:
    """An ``x-amzn-RequestId`` value."""
    return str(uuid.uuid4())


def token_urlsafe(nbytes: int = 32) -> str:
    """A URL-safe random token."""
    return secrets.token_urlsafe(nbytes)


def numeric_code(digits: int = 6) -> str:
    """A one-time numeric code (e.g. ``123456``)."""
    return "".join(secrets.choice(string.digits) for _ in range(digits))


def user_import_job_id() -> str:
    """``import-`` and 10 alphanumerics, like Cognito's user import job ids."""
    return "import-" + _random(_ALNUM, 10)
