"""The create-pool wizard's MFA choice ends as AWS's console leaves it: TOTP through
SetUserPoolMfaConfig (CreateUserPool alone cannot require MFA without SMS)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support import Server, unique


def _create(server: Server, name: str, mfa: str) -> httpx.Response:
    state = {
        "s_sign_in_options": "username",
        "s_pool_name": name,
        "s_hosted_ui": "",
        "s_client_name": "app",
        "s_auth_flows": "ALLOW_USER_SRP_AUTH",
        "s_mfa": mfa,
    }
    with httpx.Client(base_url=server.url, timeout=30) as client:
        form = client.get("/console/pools/create")
        found = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert found, "form without a CSRF token"
        return client.post(
            "/console/pools/create", data={"csrf": found.group(1), "step": "6", **state}
        )


def _pool(cognito: Any, name: str) -> str:
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return str(next(p["Id"] for p in pools if p["Name"] == name))


@pytest.mark.parametrize(("mfa", "mode"), [("required", "ON"), ("optional", "OPTIONAL")])
def test_wizard_mfa_choice_turns_on_totp_mfa(
    server: Server, cognito: Any, mfa: str, mode: str
) -> None:
    name = unique("mfa-wizard")

    response = _create(server, name, mfa)

    assert response.status_code in (200, 302, 303), response.text
    config = cognito.get_user_pool_mfa_config(UserPoolId=_pool(cognito, name))
    assert config["MfaConfiguration"] == mode
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}


def test_wizard_without_mfa_leaves_it_off(server: Server, cognito: Any) -> None:
    name = unique("no-mfa-wizard")

    _create(server, name, "none")

    config = cognito.get_user_pool_mfa_config(UserPoolId=_pool(cognito, name))
    assert config["MfaConfiguration"] == "OFF"
