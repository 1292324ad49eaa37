"""A pool's Lambda triggers, messaging and sign-in experience edited in the console land in
DescribeUserPool, and each form leaves the pool's other settings as they were."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.console.forms import csrf_of, form_fields
from tests.support import Server, unique

ACCOUNT_ARN = "arn:aws:lambda:us-east-1:000000000000:function"


@pytest.fixture
def pool_id(cognito: Any) -> str:
    created = cognito.create_user_pool(
        PoolName=unique("console-settings"),
        Policies={"PasswordPolicy": {"MinimumLength": 10}},
        LambdaConfig={"PostConfirmation": f"{ACCOUNT_ARN}:welcome"},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )
    return str(created["UserPool"]["Id"])


def _save(server: Server, pool_id: str, tab: str, **changes: str) -> httpx.Response:
    """Submit the tab's form as shown, with ``changes`` typed in; follow the redirect."""
    page = f"/console/pools/{pool_id}?tab={tab}"
    action = f"/console/pools/{pool_id}/{tab}"
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=True) as client:
        shown = client.get(page).text
        fields = {**form_fields(shown, action), **changes}
        for name in [k for k, v in changes.items() if v == "__unchecked__"]:
            fields.pop(name)
        return client.post(action, data={**fields, "csrf": csrf_of(shown)})


def _pool(cognito: Any, pool_id: str) -> Any:
    return cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def test_setting_a_trigger_by_function_name_stores_its_lambda_arn(
    server: Server, cognito: Any, pool_id: str
) -> None:
    response = _save(server, pool_id, "triggers", PreSignUp="check-signup")

    assert "has been updated" in response.text
    assert _pool(cognito, pool_id)["LambdaConfig"] == {
        "PreSignUp": f"{ACCOUNT_ARN}:check-signup",
        "PostConfirmation": f"{ACCOUNT_ARN}:welcome",
    }


def test_clearing_a_trigger_field_removes_the_trigger(
    server: Server, cognito: Any, pool_id: str
) -> None:
    _save(server, pool_id, "triggers", PostConfirmation="")

    assert _pool(cognito, pool_id)["LambdaConfig"] == {}


def test_saving_triggers_keeps_the_other_pool_settings(
    server: Server, cognito: Any, pool_id: str
) -> None:
    _save(server, pool_id, "triggers", UserMigration=f"{ACCOUNT_ARN}:migrate")

    pool = _pool(cognito, pool_id)
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True


def test_changing_pre_token_generation_updates_its_versioned_config(
    server: Server, cognito: Any
) -> None:
    first = f"{ACCOUNT_ARN}:tokens-v1"
    pool_id = cognito.create_user_pool(
        PoolName=unique("console-ptg"),
        LambdaConfig={
            "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": first},
        },
    )["UserPool"]["Id"]

    _save(server, pool_id, "triggers", PreTokenGeneration="tokens-v2")

    config = _pool(cognito, pool_id)["LambdaConfig"]
    assert config["PreTokenGenerationConfig"] == {
        "LambdaVersion": "V2_0",
        "LambdaArn": f"{ACCOUNT_ARN}:tokens-v2",
    }
    assert config["PreTokenGeneration"] == f"{ACCOUNT_ARN}:tokens-v2"


def test_message_templates_are_saved_in_verification_and_invitation_templates(
    server: Server, cognito: Any, pool_id: str
) -> None:
    _save(
        server,
        pool_id,
        "messaging",
        email_subject="Your lab code",
        email_message="Lab code: {####}",
        sms_message="Code {####}",
        invite_email_message="Hi {username}, your password is {####}",
    )

    pool = _pool(cognito, pool_id)
    template = pool["VerificationMessageTemplate"]
    assert template["EmailSubject"] == "Your lab code"
    assert template["EmailMessage"] == "Lab code: {####}"
    assert template["SmsMessage"] == "Code {####}"
    invite = pool["AdminCreateUserConfig"]["InviteMessageTemplate"]
    assert invite["EmailMessage"] == "Hi {username}, your password is {####}"
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True


def test_messaging_tab_shows_the_email_sending_account(server: Server, pool_id: str) -> None:
    html = httpx.get(f"{server.url}/console/pools/{pool_id}?tab=messaging", timeout=30).text

    assert "<code>COGNITO_DEFAULT</code>" in html


def test_sign_in_settings_are_saved(server: Server, cognito: Any, pool_id: str) -> None:
    # AWS parity: UpdateUserPool keeps MFA on only once SetUserPoolMfaConfig enabled a factor
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True}
    )
    _save(
        server,
        pool_id,
        "sign-in",
        minimum_length="12",
        require_symbols="__unchecked__",
        temporary_days="3",
        mfa="OPTIONAL",
        recovery="email",
        keep_email="on",
    )

    pool = _pool(cognito, pool_id)
    policy = pool["Policies"]["PasswordPolicy"]
    assert (policy["MinimumLength"], policy["RequireSymbols"]) == (12, False)
    assert policy["TemporaryPasswordValidityDays"] == 3
    assert pool["MfaConfiguration"] == "OPTIONAL"
    assert pool["AccountRecoverySetting"] == {
        "RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]
    }
    assert pool["UserAttributeUpdateSettings"] == {
        "AttributesRequireVerificationBeforeUpdate": ["email"]
    }
    assert pool["LambdaConfig"] == {"PostConfirmation": f"{ACCOUNT_ARN}:welcome"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minimum_length": "ten"}, "Password minimum length: enter a whole number."),
        ({"mfa": "SOMETIMES"}, "Choose an MFA enforcement: OFF, OPTIONAL, ON."),
    ],
)
def test_unreadable_sign_in_input_is_refused_and_changes_nothing(
    server: Server, cognito: Any, pool_id: str, changes: dict[str, str], message: str
) -> None:
    before = _pool(cognito, pool_id)
    typed = {"mfa": "ON", "temporary_days": "1", "minimum_length": "9", **changes}

    response = _save(server, pool_id, "sign-in", **typed)

    assert "banner-error" in response.text
    assert message in response.text
    after = _pool(cognito, pool_id)
    assert after["Policies"] == before["Policies"]
    assert after["MfaConfiguration"] == "OFF"
