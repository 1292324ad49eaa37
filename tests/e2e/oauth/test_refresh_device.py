"""The token endpoint's refresh_token grant with device tracking: a refresh token bound to a
device needs its ``device_key`` (as REFRESH_TOKEN_AUTH needs DEVICE_KEY), and the new tokens
stay bound to that device."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest

from tests.e2e.cognito_idp.conftest import PoolFactory, make_pool
from tests.e2e.cognito_idp.device_support import (
    Device,
    Setup,
    claims,
    device_pool,
    remembered_device,
)
from tests.support import Server

__all__ = ["make_pool"]  # fixture used by this module

TIMEOUT = 30.0


@pytest.fixture
def tracked(cognito: Any, make_pool: PoolFactory) -> tuple[Setup, str]:
    """A device-tracking pool with a domain; (setup, domain)."""
    s = device_pool(
        cognito,
        make_pool,
        ChallengeRequiredOnNewDevice=False,
        DeviceOnlyRememberedOnUserPrompt=False,
    )
    domain = f"dev{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=s.pool_id)
    return s, domain


def _refresh(server: Server, domain: str, s: Setup, token: str, **extra: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "client_id": s.client_id, "refresh_token": token}
    return httpx.post(
        f"{server.url}/auth/{domain}/oauth2/token", data={**form, **extra}, timeout=TIMEOUT
    )


def _signed_in(cognito: Any, s: Setup) -> tuple[Device, str]:
    """A confirmed device and a refresh token bound to it."""
    device, result = remembered_device(cognito, s)
    return device, str(result["RefreshToken"])


def test_refresh_grant_with_the_device_key_keeps_the_device(
    server: Server, cognito: Any, tracked: tuple[Setup, str]
) -> None:
    s, domain = tracked
    device, token = _signed_in(cognito, s)

    response = _refresh(server, domain, s, token, device_key=device.key)

    assert response.status_code == 200
    assert claims(response.json()["access_token"])["device_key"] == device.key


def test_refresh_grant_without_the_device_key_is_invalid_grant(
    server: Server, cognito: Any, tracked: tuple[Setup, str]
) -> None:
    s, domain = tracked
    _, token = _signed_in(cognito, s)

    response = _refresh(server, domain, s, token)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_refresh_grant_with_another_device_key_is_invalid_grant(
    server: Server, cognito: Any, tracked: tuple[Setup, str]
) -> None:
    s, domain = tracked
    _, token = _signed_in(cognito, s)
    other, _ = _signed_in(cognito, s)

    response = _refresh(server, domain, s, token, device_key=other.key)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
