"""SetUserSettings and AdminSetUserSettings (legacy SMS MFA options) end to end: boto3, and
amazon-cognito-identity-js's ``enableMFA()``/``disableMFA()`` followed by an SMS_MFA sign-in.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserSettings.html
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.test_mfa import PASSWORD, Setup, _setup, latest_code, respond, sign_in
from tests.e2e.cognito_idp.test_node_clients import JS_DIR, _node
from tests.support import Server

SMS_OPTION = {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}


def _admin_user(cognito: Any, setup: Setup) -> dict[str, Any]:
    user: dict[str, Any] = cognito.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)
    return user


def test_admin_set_user_settings_turns_sms_mfa_on_in_both_views(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)

    cognito.admin_set_user_settings(
        UserPoolId=setup.pool_id, Username=setup.username, MFAOptions=[SMS_OPTION]
    )

    user = _admin_user(cognito, setup)
    assert user["MFAOptions"] == [SMS_OPTION]
    assert user["UserMFASettingList"] == ["SMS_MFA"]


def test_empty_mfa_options_turn_sms_mfa_off(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)
    cognito.admin_set_user_settings(
        UserPoolId=setup.pool_id, Username=setup.username, MFAOptions=[SMS_OPTION]
    )

    cognito.admin_set_user_settings(
        UserPoolId=setup.pool_id, Username=setup.username, MFAOptions=[]
    )

    user = _admin_user(cognito, setup)
    assert "MFAOptions" not in user
    assert "UserMFASettingList" not in user
    assert "ChallengeName" not in sign_in(cognito, setup)


def test_sms_enabled_by_preference_shows_in_get_user_mfa_options(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]
    cognito.set_user_mfa_preference(
        AccessToken=token, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )

    user = cognito.get_user(AccessToken=token)

    assert user["MFAOptions"] == [SMS_OPTION]
    assert user["PreferredMfaSetting"] == "SMS_MFA"


def test_set_user_settings_leads_to_an_sms_mfa_sign_in(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]

    cognito.set_user_settings(AccessToken=token, MFAOptions=[SMS_OPTION])
    challenge = sign_in(cognito, setup)
    result = respond(
        cognito,
        setup,
        "SMS_MFA",
        challenge["Session"],
        SMS_MFA_CODE=latest_code(server, setup),
    )

    assert challenge["ChallengeName"] == "SMS_MFA"
    assert result["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize(
    "option",
    [
        {"DeliveryMedium": "EMAIL", "AttributeName": "email"},
        {"DeliveryMedium": "SMS", "AttributeName": "email"},
    ],
    ids=["email-medium", "other-attribute"],
)
def test_options_other_than_sms_to_phone_raise_invalid_parameter(
    cognito: Any, make_pool: PoolFactory, option: dict[str, str]
) -> None:
    setup = _setup(cognito, make_pool)

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_set_user_settings(
            UserPoolId=setup.pool_id, Username=setup.username, MFAOptions=[option]
        )

    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert "UserMFASettingList" not in _admin_user(cognito, setup)


def test_sms_option_for_a_user_without_phone_raises_invalid_parameter(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    cognito.admin_delete_user_attributes(
        UserPoolId=setup.pool_id, Username=setup.username, UserAttributeNames=["phone_number"]
    )

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_set_user_settings(
            UserPoolId=setup.pool_id, Username=setup.username, MFAOptions=[SMS_OPTION]
        )

    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_admin_set_user_settings_for_unknown_user_raises_user_not_found(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_set_user_settings(
            UserPoolId=setup.pool_id, Username="nobody-here", MFAOptions=[SMS_OPTION]
        )

    assert error_of(excinfo)[0] == "UserNotFoundException"


def test_enable_mfa_of_amazon_cognito_identity_js_gives_an_sms_mfa_sign_in(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    payload = {
        "endpoint": server.url,
        "userPoolId": setup.pool_id,
        "clientId": setup.client_id,
        "username": setup.username,
        "password": PASSWORD,
    }

    result = subprocess.run(
        [_node(), str(JS_DIR / "enable_mfa.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=JS_DIR,
        check=False,
    )

    assert result.returncode == 0, f"stdout: {result.stdout}\nstderr: {result.stderr}"
    assert json.loads(result.stdout) == {
        "firstChallenge": None,
        "secondChallenge": "SMS_MFA",
        "destination": "+*******0100",
        "signedInWithCode": True,
        "afterDisable": None,
    }
