"""Factory fixtures for the Cognito control-plane tests: unique pools that clean up."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support import unique

PoolFactory = Callable[..., dict[str, Any]]


@pytest.fixture
def make_pool(cognito: Any) -> Iterator[PoolFactory]:
    """``make_pool(**CreateUserPool members)`` -> the created ``UserPool``; deleted afterwards."""
    created: list[str] = []

    def factory(**params: Any) -> dict[str, Any]:
        params.setdefault("PoolName", unique("pool"))
        pool: dict[str, Any] = cognito.create_user_pool(**params)["UserPool"]
        created.append(pool["Id"])
        return pool

    yield factory
    for pool_id in created:
        with contextlib.suppress(ClientError):
            cognito.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
        with contextlib.suppress(ClientError):
            domain = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("Domain")
            if domain:
                cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        with contextlib.suppress(ClientError):
            cognito.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture
def pool_id(make_pool: PoolFactory) -> str:
    """A fresh pool with all defaults."""
    return str(make_pool()["Id"])


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    """(code, message) of a boto3 ``ClientError``."""
    error = excinfo.value.response["Error"]
    return str(error["Code"]), str(error.get("Message", ""))
