"""User-pool domains: Create/Describe/Update/DeleteUserPoolDomain."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of


def _prefix() -> str:
    # hex digits cannot spell a reserved word (aws, amazon, cognito)
    return f"d{secrets.token_hex(6)}"


def _description(cognito: Any, domain: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    return result


def test_create_domain_is_described_as_active_for_the_pool(cognito: Any, pool_id: str) -> None:
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    description = _description(cognito, domain)
    assert description["UserPoolId"] == pool_id
    assert description["Domain"] == domain
    assert description["Status"] == "ACTIVE"


def test_create_domain_answers_with_classic_managed_login_version(
    cognito: Any, pool_id: str
) -> None:
    response = cognito.create_user_pool_domain(Domain=_prefix(), UserPoolId=pool_id)
    assert response.get("ManagedLoginVersion", 1) == 1
    assert "CloudFrontDomain" not in response


def test_describe_user_pool_reports_the_domain(cognito: Any, pool_id: str) -> None:
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"] == domain


def test_taken_prefix_is_rejected_and_stays_with_its_pool(
    cognito: Any, make_pool: PoolFactory
) -> None:
    first, second = make_pool()["Id"], make_pool()["Id"]
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=first)
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_domain(Domain=domain, UserPoolId=second)
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert _description(cognito, domain)["UserPoolId"] == first
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=second)["UserPool"]


@pytest.mark.parametrize("word", ["aws", "amazon", "cognito"])
def test_prefix_with_reserved_word_is_rejected(cognito: Any, pool_id: str, word: str) -> None:
    domain = f"my{word}{secrets.token_hex(3)}"
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Domain cannot contain reserved word: {word}",
    )
    assert _description(cognito, domain) == {}


@pytest.mark.parametrize("domain", ["UPPER", "-leading", "trailing-", "under_score"])
def test_prefix_not_matching_the_model_pattern_is_rejected(
    cognito: Any, pool_id: str, domain: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "failed to satisfy constraint" in message


def test_second_domain_for_a_pool_is_rejected(cognito: Any, pool_id: str) -> None:
    first, second = _prefix(), _prefix()
    cognito.create_user_pool_domain(Domain=first, UserPoolId=pool_id)
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_domain(Domain=second, UserPoolId=pool_id)
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert _description(cognito, second) == {}


def test_domain_for_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    domain = _prefix()
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_domain(Domain=domain, UserPoolId="us-east-1_NoSuchPoo")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert _description(cognito, domain) == {}


def test_describe_unknown_domain_returns_an_empty_description(cognito: Any) -> None:
    assert _description(cognito, _prefix()) == {}


def test_delete_domain_frees_the_prefix(cognito: Any, make_pool: PoolFactory) -> None:
    first, second = make_pool()["Id"], make_pool()["Id"]
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=first)
    cognito.delete_user_pool_domain(Domain=domain, UserPoolId=first)
    assert _description(cognito, domain) == {}
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=first)["UserPool"]
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=second)
    assert _description(cognito, domain)["UserPoolId"] == second


def test_delete_domain_of_another_pool_is_rejected(cognito: Any, make_pool: PoolFactory) -> None:
    owner, other = make_pool()["Id"], make_pool()["Id"]
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=owner)
    with pytest.raises(ClientError) as excinfo:
        cognito.delete_user_pool_domain(Domain=domain, UserPoolId=other)
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert _description(cognito, domain)["UserPoolId"] == owner


def test_update_domain_sets_managed_login_version(cognito: Any, pool_id: str) -> None:
    domain = _prefix()
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    response = cognito.update_user_pool_domain(
        Domain=domain, UserPoolId=pool_id, ManagedLoginVersion=2
    )
    assert response["ManagedLoginVersion"] == 2
    assert _description(cognito, domain)["ManagedLoginVersion"] == 2
