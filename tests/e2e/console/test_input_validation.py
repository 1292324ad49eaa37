"""Console forms refuse what AWS's input validation refuses, with the message boto3 gets for the
same value, and save nothing; the triggers tab offers the local functions by name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.e2e.console.forms import csrf_of, form_fields
from tests.support import Server, unique

ACCOUNT_ARN = "arn:aws:lambda:us-east-1:000000000000:function"


@pytest.fixture
def unchecked(server: Server) -> Any:
    """A Cognito client without botocore's client-side limits: the server's validation answers,
    as it does for SDKs that do not check (most of them)."""
    return boto3.client(
        "cognito-idp",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 1}, parameter_validation=False),
    )


@pytest.fixture
def pool_id(cognito: Any) -> str:
    created = cognito.create_user_pool(
        PoolName=unique("console-checks"),
        LambdaConfig={"PostConfirmation": f"{ACCOUNT_ARN}:welcome"},
    )
    return str(created["UserPool"]["Id"])


def _save(server: Server, pool_id: str, tab: str, **changes: str) -> httpx.Response:
    """Submit the tab's form as shown, with ``changes`` typed in; redirects followed."""
    page = f"/console/pools/{pool_id}?tab={tab}"
    action = f"/console/pools/{pool_id}/{tab}"
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=True) as client:
        shown = client.get(page).text
        fields = {**form_fields(shown, action), **changes}
        return client.post(action, data={**fields, "csrf": csrf_of(shown)})


def _api_error(call: Any, **params: Any) -> str:
    """``Code: message`` of the error the AWS API answers ``params`` with."""
    with pytest.raises(ClientError) as raised:
        call(**params)
    error = raised.value.response["Error"]
    return f"{error['Code']}: {error['Message']}"


@dataclass(frozen=True)
class Refused:
    """A tab, a change typed into it, and the UpdateUserPool members carrying the same value."""

    tab: str
    typed: dict[str, str]
    members: dict[str, Any]


REFUSED = [
    pytest.param(
        Refused(
            "sign-in",
            {"minimum_length": "3"},
            {"Policies": {"PasswordPolicy": {"MinimumLength": 3}}},
        ),
        id="password-minimum-length-3",
    ),
    pytest.param(
        Refused(
            "sign-in",
            {"temporary_days": "400"},
            {"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 400}}},
        ),
        id="temporary-password-400-days",
    ),
    pytest.param(
        Refused(
            "messaging",
            {"email_message": "Your code is ready"},
            {"VerificationMessageTemplate": {"EmailMessage": "Your code is ready"}},
        ),
        id="email-message-without-code",
    ),
    pytest.param(
        Refused(
            "messaging",
            {"invite_sms_message": "Hi!"},
            {"AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": "Hi!"}}},
        ),
        id="invitation-sms-too-short",
    ),
    pytest.param(
        Refused(
            "triggers",
            {"PreSignUp": "not a function!"},
            {"LambdaConfig": {"PreSignUp": f"{ACCOUNT_ARN}:not a function!"}},
        ),
        id="trigger-not-a-function-name",
    ),
]


@pytest.mark.parametrize("case", REFUSED)
def test_a_value_aws_refuses_shows_aws_validation_message(
    server: Server, unchecked: Any, pool_id: str, case: Refused
) -> None:
    expected = _api_error(unchecked.update_user_pool, UserPoolId=pool_id, **case.members)

    response = _save(server, pool_id, case.tab, **case.typed)

    assert response.status_code == 400
    assert expected in unescape(response.text)


@pytest.mark.parametrize("case", REFUSED)
def test_a_value_aws_refuses_changes_nothing(
    server: Server, cognito: Any, pool_id: str, case: Refused
) -> None:
    before = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]

    _save(server, pool_id, case.tab, **case.typed)

    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"] == before


def test_a_refused_form_shows_the_values_as_typed(server: Server, pool_id: str) -> None:
    response = _save(server, pool_id, "messaging", email_message="Your code is ready")

    assert ">Your code is ready</textarea>" in response.text


def test_a_user_name_aws_refuses_shows_its_message_and_creates_no_user(
    server: Server, cognito: Any, unchecked: Any, pool_id: str
) -> None:
    expected = _api_error(unchecked.admin_create_user, UserPoolId=pool_id, Username="two words")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        form = client.get(f"/console/pools/{pool_id}/users/create")
        response = client.post(
            f"/console/pools/{pool_id}/users/create",
            data={"csrf": csrf_of(form.text), "invitation": "none", "username": "two words"},
        )

    assert response.status_code == 400
    assert expected in unescape(response.text)
    assert cognito.list_users(UserPoolId=pool_id)["Users"] == []


def test_a_domain_prefix_aws_refuses_shows_its_message(
    server: Server, cognito: Any, unchecked: Any, pool_id: str
) -> None:
    expected = _api_error(unchecked.create_user_pool_domain, UserPoolId=pool_id, Domain="Not_Valid")
    page = f"/console/pools/{pool_id}?tab=app-integration"
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=True) as client:
        token = csrf_of(client.get(page).text)
        response = client.post(
            f"/console/pools/{pool_id}/domain", data={"csrf": token, "domain": "Not_Valid"}
        )

    assert expected in unescape(response.text)
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def test_a_pool_name_aws_refuses_stops_the_wizard_with_its_message(
    server: Server, cognito: Any, unchecked: Any
) -> None:
    name = unique("lab/pool")
    expected = _api_error(unchecked.create_user_pool, PoolName=name)
    state = {"s_sign_in_options": "username", "s_pool_name": name, "s_client_name": "app"}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_of(client.get("/console/pools/create").text)
        response = client.post(
            "/console/pools/create", data={"csrf": token, "step": "6", "s_hosted_ui": "", **state}
        )

    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert response.status_code == 400
    assert expected in unescape(response.text)
    assert name not in [p["Name"] for p in pools]


@pytest.fixture(scope="module")
def functions_server(
    db_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``cognigate serve --functions DIR`` with ``greet.py`` in DIR."""
    root = tmp_path_factory.mktemp("console-functions")
    functions = Path(root / "functions")
    functions.mkdir()
    (functions / "greet.py").write_text("def handler(event, context):\n    return event\n")
    server = Server(data_dir=root / "data", db=db_url, extra_args=["--functions", str(functions)])
    server.start()
    yield server
    server.stop()


def test_triggers_tab_offers_the_local_functions(functions_server: Server) -> None:
    cognito = functions_server.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=unique("console-functions"))["UserPool"]["Id"]

    page = httpx.get(f"{functions_server.url}/console/pools/{pool_id}?tab=triggers", timeout=30)

    assert '<option value="greet">' in page.text
    assert 'list="local-functions"' in page.text
