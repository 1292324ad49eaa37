"""Remembered devices through amazon-cognito-identity-js's own device handling: ConfirmDevice
after the first sign-in, then DEVICE_SRP_AUTH instead of the MFA prompt (``tests/js``)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from tests.e2e.cognito_idp.device_support import add_user, require_mfa
from tests.e2e.cognito_idp.test_node_clients import JS_DIR, _node
from tests.support import Server, unique

SCRIPT = JS_DIR / "device_sign_in.mjs"
PASSWORD = "Correct-Horse-9!"
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}


def _run(payload: dict[str, Any]) -> dict[str, Any]:
    result = subprocess.run(
        [_node(), str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=JS_DIR,
        check=False,
    )
    assert result.returncode == 0, (
        f"node exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    output: dict[str, Any] = json.loads(result.stdout)
    return output


@pytest.fixture(scope="module")
def run(server: Server, cognito: Any) -> dict[str, Any]:
    """One run of the script against a pool with MFA ON and ChallengeRequiredOnNewDevice."""
    pool_id = cognito.create_user_pool(
        PoolName=unique("devices"),
        SmsConfiguration=SMS_CONFIG,
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": True,
            "DeviceOnlyRememberedOnUserPrompt": True,
        },
    )["UserPool"]["Id"]
    require_mfa(cognito, pool_id)
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=unique("node"),
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    username = add_user(cognito, pool_id)
    output = _run(
        {
            "endpoint": server.url,
            "userPoolId": pool_id,
            "clientId": client_id,
            "username": username,
            "password": PASSWORD,
        }
    )
    cognito.delete_user_pool(UserPoolId=pool_id)
    return output


def test_first_sign_in_asks_for_mfa_and_confirms_the_device(run: dict[str, Any]) -> None:
    first = run["first"]

    assert first["mfaPrompts"] == 1
    assert first["userConfirmationNecessary"] is True
    assert first["listed"] == [first["deviceKey"]]


def test_library_get_device_sees_the_remembered_status(run: dict[str, Any]) -> None:
    device = run["first"]["device"]

    attributes = {a["Name"]: a["Value"] for a in device["DeviceAttributes"]}
    assert device["DeviceKey"] == run["first"]["deviceKey"]
    assert attributes["dev:device_remembered_status"] == "remembered"


def test_remembered_device_signs_in_through_device_srp_without_mfa(run: dict[str, Any]) -> None:
    first, second = run["first"], run["second"]

    assert second["mfaPrompts"] == 0
    assert second["accessClaims"]["device_key"] == first["deviceKey"]
    assert second["listed"] == [first["deviceKey"]]


def test_forgotten_device_is_dropped_and_the_sign_in_asks_for_mfa(run: dict[str, Any]) -> None:
    first, third = run["first"], run["third"]

    assert third["mfaPrompts"] == 1
    assert third["deviceKey"] != first["deviceKey"]
    assert third["listed"] == [third["deviceKey"]]
