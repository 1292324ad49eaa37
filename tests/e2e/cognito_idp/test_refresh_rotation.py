"""GetTokensFromRefreshToken with RefreshTokenRotation: a new refresh token each time, the old
one refused at once or after RetryGracePeriodSeconds, and one token never rotated twice even
when clients race (row locks on PostgreSQL, exclusive writers on SQLite)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import unique

PASSWORD = "Rotate-Me-1!"


def signed_in(cognito: Any, make_pool: PoolFactory, rotation: dict[str, Any]) -> tuple[str, str]:
    """(client id, refresh token) of a fresh user on a client with the given rotation settings."""
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=unique("rotating"),
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        RefreshTokenRotation=rotation,
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="rita", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="rita", Password=PASSWORD, Permanent=True
    )
    result = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "rita", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    return client_id, result["RefreshToken"]


def rotate(cognito: Any, client_id: str, token: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.get_tokens_from_refresh_token(
        ClientId=client_id, RefreshToken=token
    )["AuthenticationResult"]
    return result


def test_rotation_returns_a_new_refresh_token_and_retires_the_old(
    cognito: Any, make_pool: PoolFactory
) -> None:
    client_id, first = signed_in(cognito, make_pool, {"Feature": "ENABLED"})

    result = rotate(cognito, client_id, first)

    assert result["RefreshToken"]
    assert result["RefreshToken"] != first
    assert result["AccessToken"]
    assert result["IdToken"]
    with pytest.raises(ClientError) as excinfo:
        rotate(cognito, client_id, first)
    assert error_of(excinfo)[0] == "NotAuthorizedException"
    assert rotate(cognito, client_id, result["RefreshToken"])["RefreshToken"]


def test_without_rotation_the_refresh_token_stays_and_none_is_returned(
    cognito: Any, make_pool: PoolFactory
) -> None:
    client_id, token = signed_in(cognito, make_pool, {"Feature": "DISABLED"})

    result = rotate(cognito, client_id, token)

    assert "RefreshToken" not in result
    assert rotate(cognito, client_id, token)["AccessToken"]


def test_grace_period_keeps_the_old_token_working_for_retries_then_ends_it(
    cognito: Any, make_pool: PoolFactory
) -> None:
    client_id, first = signed_in(
        cognito, make_pool, {"Feature": "ENABLED", "RetryGracePeriodSeconds": 2}
    )

    rotate(cognito, client_id, first)
    assert rotate(cognito, client_id, first)["RefreshToken"]  # a retry within the grace period

    time.sleep(2.5)
    with pytest.raises(ClientError) as excinfo:
        rotate(cognito, client_id, first)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_racing_clients_rotate_one_token_only_once(cognito: Any, make_pool: PoolFactory) -> None:
    client_id, token = signed_in(cognito, make_pool, {"Feature": "ENABLED"})

    def attempt(_: int) -> str:
        try:
            return str(rotate(cognito, client_id, token)["RefreshToken"])
        except ClientError as error:
            return str(error.response["Error"]["Code"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(8)))

    issued = [o for o in outcomes if o != "NotAuthorizedException"]
    assert len(issued) == 1, outcomes


def test_racing_wrong_passwords_are_all_counted(cognito: Any, make_pool: PoolFactory) -> None:
    """Failed-attempt counting is a read-modify-write of the user: parallel guesses must not
    overwrite each other's count, or a guesser could go past the lockout by racing."""
    client_id, _ = signed_in(cognito, make_pool, {"Feature": "DISABLED"})

    def guess(n: int) -> str:
        try:
            cognito.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "rita", "PASSWORD": f"Wrong-guess-{n}"},
            )
        except ClientError as error:
            return str(error.response["Error"]["Message"])
        return "signed in"

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(guess, range(12)))

    with pytest.raises(ClientError) as excinfo:
        cognito.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "rita", "PASSWORD": PASSWORD},
        )
    assert error_of(excinfo) == ("NotAuthorizedException", "Password attempts exceeded")
