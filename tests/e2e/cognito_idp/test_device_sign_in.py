"""Signing in with a remembered device, end to end with boto3: DEVICE_SRP_AUTH and
DEVICE_PASSWORD_VERIFIER, MFA replaced by a remembered device (ChallengeRequiredOnNewDevice),
refresh tokens bound to their device, and what sign-out and user deletion do to devices."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.device_support import (
    Device,
    Setup,
    claims,
    device_pool,
    prove_device,
    remembered_device,
    require_mfa,
    srp_sign_in,
)
from tests.support import Server

ALWAYS = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
INVALID_REFRESH = ("NotAuthorizedException", "Invalid Refresh Token")


@pytest.fixture
def tracked(cognito: Any, make_pool: PoolFactory) -> Setup:
    return device_pool(cognito, make_pool, **ALWAYS)


def latest_code(server: Server, setup: Setup) -> str:
    response = httpx.get(
        f"{server.url}/_cognigate/outbox",
        params={"pool_id": setup.pool_id, "username": setup.username},
        timeout=10,
    )
    response.raise_for_status()
    return str(response.json()["messages"][0]["code"])


def refresh(cognito: Any, setup: Setup, token: str, device_key: str | None) -> dict[str, Any]:
    params = {"REFRESH_TOKEN": token}
    if device_key is not None:
        params["DEVICE_KEY"] = device_key
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=setup.client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=params
    )
    return result


def test_remembered_device_is_asked_to_prove_itself(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)

    challenge = srp_sign_in(cognito, tracked, device)

    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert challenge["Session"]


def test_device_srp_issues_tokens_bound_to_the_device(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)
    challenge = srp_sign_in(cognito, tracked, device)

    result = prove_device(cognito, tracked, challenge, device)["AuthenticationResult"]

    assert claims(result["AccessToken"])["device_key"] == device.key
    assert "NewDeviceMetadata" not in result


def test_device_srp_with_the_wrong_device_secret_raises_not_authorized(
    cognito: Any, tracked: Setup
) -> None:
    device, _ = remembered_device(cognito, tracked)
    challenge = srp_sign_in(cognito, tracked, device)
    impostor = Device(device.key, device.group_key, "not-the-device-password")

    with pytest.raises(ClientError) as caught:
        prove_device(cognito, tracked, challenge, impostor)

    assert error_of(caught) == ("NotAuthorizedException", "Incorrect username or password.")


def test_device_srp_auth_without_a_session_raises_not_authorized(
    cognito: Any, tracked: Setup
) -> None:
    device, _ = remembered_device(cognito, tracked)

    with pytest.raises(ClientError) as caught:
        cognito.respond_to_auth_challenge(
            ClientId=tracked.client_id,
            ChallengeName="DEVICE_SRP_AUTH",
            ChallengeResponses={
                "USERNAME": tracked.username,
                "DEVICE_KEY": device.key,
                "SRP_A": "abc123",
            },
        )

    assert error_of(caught)[0] == "NotAuthorizedException"


def test_unknown_device_key_raises_resource_not_found(cognito: Any, tracked: Setup) -> None:
    unknown = Device("us-east-1_00000000-0000-4000-8000-000000000000", "-x", "pw")

    with pytest.raises(ClientError) as caught:
        srp_sign_in(cognito, tracked, unknown)

    assert error_of(caught) == ("ResourceNotFoundException", "Device does not exist.")


def test_remembered_device_replaces_mfa(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)
    require_mfa(cognito, tracked.pool_id)

    challenge = srp_sign_in(cognito, tracked, device)

    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert "AuthenticationResult" in prove_device(cognito, tracked, challenge, device)


def test_new_device_is_asked_for_mfa(cognito: Any, tracked: Setup) -> None:
    require_mfa(cognito, tracked.pool_id)

    challenge = srp_sign_in(cognito, tracked)

    assert challenge["ChallengeName"] == "SMS_MFA"


def test_not_remembered_device_answers_mfa_then_proves_itself(
    server: Server, cognito: Any, tracked: Setup
) -> None:
    device, result = remembered_device(cognito, tracked)
    cognito.update_device_status(
        AccessToken=result["AccessToken"],
        DeviceKey=device.key,
        DeviceRememberedStatus="not_remembered",
    )
    require_mfa(cognito, tracked.pool_id)
    mfa = srp_sign_in(cognito, tracked, device)

    after_code = cognito.respond_to_auth_challenge(
        ClientId=tracked.client_id,
        ChallengeName="SMS_MFA",
        Session=mfa["Session"],
        ChallengeResponses={
            "USERNAME": tracked.username,
            "SMS_MFA_CODE": latest_code(server, tracked),
        },
    )

    assert mfa["ChallengeName"] == "SMS_MFA"
    assert after_code["ChallengeName"] == "DEVICE_SRP_AUTH"


def test_remembered_device_still_gets_mfa_without_challenge_required_on_new_device(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = device_pool(cognito, make_pool, ChallengeRequiredOnNewDevice=False)
    device, _ = remembered_device(cognito, setup)
    require_mfa(cognito, setup.pool_id)

    challenge = srp_sign_in(cognito, setup, device)

    assert challenge["ChallengeName"] == "SMS_MFA"


def test_refresh_with_the_device_key_keeps_the_device(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    refreshed = refresh(cognito, tracked, result["RefreshToken"], device.key)

    access = refreshed["AuthenticationResult"]["AccessToken"]
    assert claims(access)["device_key"] == device.key


def test_get_tokens_from_refresh_token_takes_the_device_key(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    refreshed = cognito.get_tokens_from_refresh_token(
        ClientId=tracked.client_id, RefreshToken=result["RefreshToken"], DeviceKey=device.key
    )

    assert claims(refreshed["AuthenticationResult"]["AccessToken"])["device_key"] == device.key


@pytest.mark.parametrize("device_key", [None, "us-east-1_00000000-0000-4000-8000-000000000000"])
def test_refresh_without_the_tokens_device_raises_not_authorized(
    cognito: Any, tracked: Setup, device_key: str | None
) -> None:
    _, result = remembered_device(cognito, tracked)

    with pytest.raises(ClientError) as caught:
        refresh(cognito, tracked, result["RefreshToken"], device_key)

    assert error_of(caught) == INVALID_REFRESH


def test_refresh_after_the_device_is_forgotten_raises_not_authorized(
    cognito: Any, tracked: Setup
) -> None:
    device, result = remembered_device(cognito, tracked)
    cognito.forget_device(AccessToken=result["AccessToken"], DeviceKey=device.key)

    with pytest.raises(ClientError) as caught:
        refresh(cognito, tracked, result["RefreshToken"], device.key)

    assert error_of(caught) == INVALID_REFRESH


def test_refresh_of_an_unconfirmed_device_raises_not_authorized(
    cognito: Any, tracked: Setup
) -> None:
    result = srp_sign_in(cognito, tracked)["AuthenticationResult"]

    with pytest.raises(ClientError) as caught:
        refresh(cognito, tracked, result["RefreshToken"], result["NewDeviceMetadata"]["DeviceKey"])

    assert error_of(caught) == INVALID_REFRESH


def test_global_sign_out_keeps_the_devices(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    cognito.global_sign_out(AccessToken=result["AccessToken"])

    listed = cognito.admin_list_devices(UserPoolId=tracked.pool_id, Username=tracked.username)
    assert [d["DeviceKey"] for d in listed["Devices"]] == [device.key]


def test_admin_user_global_sign_out_keeps_the_devices(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)

    cognito.admin_user_global_sign_out(UserPoolId=tracked.pool_id, Username=tracked.username)

    challenge = srp_sign_in(cognito, tracked, device)
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
