"""A remembered-device client over boto3, as amazon-cognito-identity-js behaves: user SRP with
DEVICE_KEY, ConfirmDevice with a device verifier, then DEVICE_SRP_AUTH and
DEVICE_PASSWORD_VERIFIER (pycognito's SRP maths)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from pycognito.aws_srp import AWSSRP, generate_hash_device

from cognigate.identity import srp
from tests.e2e.cognito_idp.conftest import PoolFactory

PASSWORD = "Correct-Horse-9!"
FLOWS = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}


@dataclass(frozen=True)
class Setup:
    """A pool with device tracking, an app client and one confirmed user."""

    pool_id: str
    client_id: str
    username: str


@dataclass(frozen=True)
class Device:
    """What a client keeps of a confirmed device: its keys and its random password."""

    key: str
    group_key: str
    password: str


def device_pool(cognito: Any, make_pool: PoolFactory, **device_config: bool) -> Setup:
    """``device_config`` is the DeviceConfiguration (none given: tracking off)."""
    extra = {"DeviceConfiguration": device_config} if device_config else {}
    pool_id = str(make_pool(SmsConfiguration=SMS_CONFIG, **extra)["Id"])
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    return Setup(pool_id, str(client_id), add_user(cognito, pool_id))


def add_user(cognito: Any, pool_id: str) -> str:
    username = "user" + secrets.token_hex(3)
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550100"}],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )
    return username


def require_mfa(cognito: Any, pool_id: str) -> None:
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        MfaConfiguration="ON",
        SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIG},
    )


def srp_sign_in(
    cognito: Any, setup: Setup, device: Device | None = None, username: str | None = None
) -> dict[str, Any]:
    """USER_SRP_AUTH then PASSWORD_VERIFIER (with DEVICE_KEY when a device is given)."""
    name = username or setup.username
    srp = AWSSRP(name, PASSWORD, setup.pool_id, setup.client_id, client=object())
    params = srp.get_auth_params()
    if device is not None:
        params["DEVICE_KEY"] = device.key
    first = cognito.initiate_auth(
        ClientId=setup.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    proof = srp.process_challenge(first["ChallengeParameters"], params)
    if device is not None:
        proof["DEVICE_KEY"] = device.key
    response: dict[str, Any] = cognito.respond_to_auth_challenge(
        ClientId=setup.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=proof
    )
    return response


def confirm(cognito: Any, result: dict[str, Any], name: str = "test-device") -> tuple[Device, bool]:
    """ConfirmDevice for the NewDeviceMetadata of a sign-in; (device, UserConfirmationNecessary)."""
    metadata = result["NewDeviceMetadata"]
    password, config = generate_hash_device(metadata["DeviceGroupKey"], metadata["DeviceKey"])
    answer = cognito.confirm_device(
        AccessToken=result["AccessToken"],
        DeviceKey=metadata["DeviceKey"],
        DeviceSecretVerifierConfig=config,
        DeviceName=name,
    )
    device = Device(metadata["DeviceKey"], metadata["DeviceGroupKey"], password)
    return device, bool(answer["UserConfirmationNecessary"])


def _timestamp() -> str:
    """TIMESTAMP of now: the server under test runs on wall-clock time."""
    return srp.format_timestamp(time.time())  # noqa: TID251 - the real server's clock


def prove_device(
    cognito: Any, setup: Setup, challenge: dict[str, Any], device: Device
) -> dict[str, Any]:
    """Answer DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER as the device."""
    request = device_verifier_request(cognito, setup, challenge, device)
    response: dict[str, Any] = cognito.respond_to_auth_challenge(**request)
    return response


def device_verifier_request(
    cognito: Any, setup: Setup, challenge: dict[str, Any], device: Device
) -> dict[str, Any]:
    """Answer DEVICE_SRP_AUTH; the RespondToAuthChallenge request of DEVICE_PASSWORD_VERIFIER."""
    srp = AWSSRP(setup.username, PASSWORD, setup.pool_id, setup.client_id, client=object())
    second = cognito.respond_to_auth_challenge(
        ClientId=setup.client_id,
        ChallengeName="DEVICE_SRP_AUTH",
        Session=challenge["Session"],
        ChallengeResponses={
            "USERNAME": setup.username,
            "DEVICE_KEY": device.key,
            "SRP_A": format(srp.large_a_value, "x"),
        },
    )
    parameters = second["ChallengeParameters"]
    key = srp.get_device_authentication_key(
        device.group_key,
        device.key,
        device.password,
        int(parameters["SRP_B"], 16),
        parameters["SALT"],
    )
    timestamp = _timestamp()
    message = (
        device.group_key.encode()
        + device.key.encode()
        + base64.b64decode(parameters["SECRET_BLOCK"])
        + timestamp.encode()
    )
    signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    return {
        "ClientId": setup.client_id,
        "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
        "Session": second["Session"],
        "ChallengeResponses": {
            "USERNAME": setup.username,
            "DEVICE_KEY": device.key,
            "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"],
            "PASSWORD_CLAIM_SIGNATURE": signature,
            "TIMESTAMP": timestamp,
        },
    }


def remembered_device(cognito: Any, setup: Setup) -> tuple[Device, dict[str, Any]]:
    """Sign in, confirm the new device; the device and the sign-in's AuthenticationResult."""
    result = srp_sign_in(cognito, setup)["AuthenticationResult"]
    device, _ = confirm(cognito, result)
    return device, result


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded
