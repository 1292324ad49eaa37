"""Device tracking end to end with boto3: NewDeviceMetadata, ConfirmDevice, the device operations
(user and Admin), DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, MFA on remembered devices and
refresh tokens bound to a device."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.device_support import (
    PASSWORD,
    Setup,
    add_user,
    claims,
    confirm,
    device_pool,
    remembered_device,
    srp_sign_in,
)

ALWAYS = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
ON_PROMPT = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True}
NO_DEVICE = ("ResourceNotFoundException", "Device does not exist.")
UNKNOWN_KEY = "us-east-1_00000000-0000-4000-8000-000000000000"


@pytest.fixture
def tracked(cognito: Any, make_pool: PoolFactory) -> Setup:
    return device_pool(cognito, make_pool, **ALWAYS)


def test_srp_sign_in_with_device_tracking_answers_new_device_metadata(
    cognito: Any, tracked: Setup
) -> None:
    result = srp_sign_in(cognito, tracked)["AuthenticationResult"]

    metadata = result["NewDeviceMetadata"]
    assert re.fullmatch(r"us-east-1_[0-9a-f-]{36}", metadata["DeviceKey"])
    assert metadata["DeviceGroupKey"]
    assert claims(result["AccessToken"])["device_key"] == metadata["DeviceKey"]


def test_password_sign_in_with_device_tracking_answers_new_device_metadata(
    cognito: Any, tracked: Setup
) -> None:
    result = cognito.initiate_auth(
        ClientId=tracked.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": tracked.username, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]

    assert "DeviceKey" in result["NewDeviceMetadata"]


def test_sign_in_without_device_tracking_has_no_device(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = device_pool(cognito, make_pool)

    result = srp_sign_in(cognito, setup)["AuthenticationResult"]

    assert "NewDeviceMetadata" not in result
    assert "device_key" not in claims(result["AccessToken"])


def test_confirm_device_remembers_it_at_once_without_user_prompt(
    cognito: Any, tracked: Setup
) -> None:
    result = srp_sign_in(cognito, tracked)["AuthenticationResult"]

    device, necessary = confirm(cognito, result)

    assert necessary is False
    got = cognito.get_device(AccessToken=result["AccessToken"], DeviceKey=device.key)["Device"]
    attributes = {a["Name"]: a["Value"] for a in got["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "remembered"


def test_confirm_device_asks_the_user_when_remembered_only_on_prompt(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = device_pool(cognito, make_pool, **ON_PROMPT)
    result = srp_sign_in(cognito, setup)["AuthenticationResult"]

    device, necessary = confirm(cognito, result)

    assert necessary is True
    got = cognito.admin_get_device(
        UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key
    )["Device"]
    attributes = {a["Name"]: a["Value"] for a in got["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "not_remembered"


def test_confirming_a_device_twice_raises_device_key_exists(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    with pytest.raises(ClientError) as caught:
        confirm(cognito, result)

    assert error_of(caught)[0] == "DeviceKeyExistsException"
    assert device.key == result["NewDeviceMetadata"]["DeviceKey"]


def test_confirming_an_unknown_device_raises_resource_not_found(
    cognito: Any, tracked: Setup
) -> None:
    result = srp_sign_in(cognito, tracked)["AuthenticationResult"]
    unknown = {**result, "NewDeviceMetadata": {**result["NewDeviceMetadata"]}}
    unknown["NewDeviceMetadata"]["DeviceKey"] = UNKNOWN_KEY

    with pytest.raises(ClientError) as caught:
        confirm(cognito, unknown)

    assert error_of(caught) == NO_DEVICE


def test_confirming_another_users_device_raises_resource_not_found(
    cognito: Any, tracked: Setup
) -> None:
    theirs = srp_sign_in(cognito, tracked)["AuthenticationResult"]
    other = Setup(tracked.pool_id, tracked.client_id, add_user(cognito, tracked.pool_id))
    mine = srp_sign_in(cognito, other)["AuthenticationResult"]

    with pytest.raises(ClientError) as caught:
        confirm(cognito, {**mine, "NewDeviceMetadata": theirs["NewDeviceMetadata"]})

    assert error_of(caught) == NO_DEVICE


def test_confirm_device_with_an_invalid_access_token_raises_not_authorized(
    cognito: Any, tracked: Setup
) -> None:
    result = srp_sign_in(cognito, tracked)["AuthenticationResult"]

    with pytest.raises(ClientError) as caught:
        confirm(cognito, {**result, "AccessToken": "not.a.token"})

    assert error_of(caught)[0] == "NotAuthorizedException"


def test_get_device_describes_the_device(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    got = cognito.get_device(AccessToken=result["AccessToken"], DeviceKey=device.key)["Device"]

    attributes = {a["Name"]: a["Value"] for a in got["DeviceAttributes"]}
    assert got["DeviceKey"] == device.key
    assert attributes["device_status"] == "valid"
    assert attributes["device_name"] == "test-device"
    assert attributes["last_ip_used"] == "127.0.0.1"
    assert attributes["dev:device_owner"] == f"{tracked.username}.{tracked.pool_id}"
    assert attributes["dev:device_arn"].endswith(f"/device/{device.key}")
    assert got["DeviceLastModifiedDate"] >= got["DeviceCreateDate"]
    assert got["DeviceLastAuthenticatedDate"] >= got["DeviceCreateDate"]


@pytest.mark.parametrize("operation", ["get_device", "update_device_status", "forget_device"])
def test_device_operations_on_an_unknown_device_raise_resource_not_found(
    cognito: Any, tracked: Setup, operation: str
) -> None:
    _, result = remembered_device(cognito, tracked)
    extra = {"DeviceRememberedStatus": "remembered"} if operation == "update_device_status" else {}

    with pytest.raises(ClientError) as caught:
        getattr(cognito, operation)(
            AccessToken=result["AccessToken"], DeviceKey=UNKNOWN_KEY, **extra
        )

    assert error_of(caught) == NO_DEVICE


@pytest.mark.parametrize(
    "operation", ["admin_get_device", "admin_update_device_status", "admin_forget_device"]
)
def test_admin_device_operations_on_another_users_device_raise_resource_not_found(
    cognito: Any, tracked: Setup, operation: str
) -> None:
    device, _ = remembered_device(cognito, tracked)
    other = add_user(cognito, tracked.pool_id)
    extra = {"DeviceRememberedStatus": "remembered"} if "update" in operation else {}

    with pytest.raises(ClientError) as caught:
        getattr(cognito, operation)(
            UserPoolId=tracked.pool_id, Username=other, DeviceKey=device.key, **extra
        )

    assert error_of(caught) == NO_DEVICE


def test_admin_get_device_of_an_unknown_user_raises_user_not_found(
    cognito: Any, tracked: Setup
) -> None:
    device, _ = remembered_device(cognito, tracked)

    with pytest.raises(ClientError) as caught:
        cognito.admin_get_device(
            UserPoolId=tracked.pool_id, Username="nobody", DeviceKey=device.key
        )

    assert error_of(caught)[0] == "UserNotFoundException"


def test_list_devices_pages_through_the_users_confirmed_devices(
    cognito: Any, tracked: Setup
) -> None:
    first, _ = remembered_device(cognito, tracked)
    second, result = remembered_device(cognito, tracked)
    srp_sign_in(cognito, tracked)  # a third device key, never confirmed

    page = cognito.list_devices(AccessToken=result["AccessToken"], Limit=1)
    rest = cognito.list_devices(
        AccessToken=result["AccessToken"], Limit=1, PaginationToken=page["PaginationToken"]
    )

    keys = [d["DeviceKey"] for d in page["Devices"] + rest["Devices"]]
    assert keys == sorted([first.key, second.key])
    assert "PaginationToken" not in rest


def test_admin_list_devices_lists_the_users_devices(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)

    listed = cognito.admin_list_devices(UserPoolId=tracked.pool_id, Username=tracked.username)

    assert [d["DeviceKey"] for d in listed["Devices"]] == [device.key]


def test_list_devices_with_an_invalid_access_token_raises_not_authorized(cognito: Any) -> None:
    with pytest.raises(ClientError) as caught:
        cognito.list_devices(AccessToken="not.a.token")

    assert error_of(caught)[0] == "NotAuthorizedException"


def test_update_device_status_sets_the_remembered_status(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    cognito.update_device_status(
        AccessToken=result["AccessToken"],
        DeviceKey=device.key,
        DeviceRememberedStatus="not_remembered",
    )

    got = cognito.get_device(AccessToken=result["AccessToken"], DeviceKey=device.key)["Device"]
    attributes = {a["Name"]: a["Value"] for a in got["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "not_remembered"


def test_admin_update_device_status_sets_the_remembered_status(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = device_pool(cognito, make_pool, **ON_PROMPT)
    device, _ = remembered_device(cognito, setup)

    cognito.admin_update_device_status(
        UserPoolId=setup.pool_id,
        Username=setup.username,
        DeviceKey=device.key,
        DeviceRememberedStatus="remembered",
    )

    got = cognito.admin_get_device(
        UserPoolId=setup.pool_id, Username=setup.username, DeviceKey=device.key
    )["Device"]
    attributes = {a["Name"]: a["Value"] for a in got["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "remembered"


def test_forget_device_removes_it(cognito: Any, tracked: Setup) -> None:
    device, result = remembered_device(cognito, tracked)

    cognito.forget_device(AccessToken=result["AccessToken"], DeviceKey=device.key)

    listed = cognito.list_devices(AccessToken=result["AccessToken"])["Devices"]
    assert listed == []


def test_admin_forget_device_removes_it(cognito: Any, tracked: Setup) -> None:
    device, _ = remembered_device(cognito, tracked)

    cognito.admin_forget_device(
        UserPoolId=tracked.pool_id, Username=tracked.username, DeviceKey=device.key
    )

    with pytest.raises(ClientError) as caught:
        cognito.admin_get_device(
            UserPoolId=tracked.pool_id, Username=tracked.username, DeviceKey=device.key
        )
    assert error_of(caught) == NO_DEVICE
