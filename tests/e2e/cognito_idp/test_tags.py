"""Tags on user pools: UserPoolTags, TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of


def _tags(cognito: Any, arn: str) -> dict[str, str]:
    tags: dict[str, str] = cognito.list_tags_for_resource(ResourceArn=arn)["Tags"]
    return tags


def test_pool_created_with_tags_lists_them(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UserPoolTags={"team": "identity", "env": "test"})
    assert _tags(cognito, pool["Arn"]) == {"team": "identity", "env": "test"}


def test_describe_user_pool_reports_user_pool_tags(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UserPoolTags={"team": "identity"})
    described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["UserPoolTags"] == {"team": "identity"}


def test_pool_without_tags_lists_none(cognito: Any, make_pool: PoolFactory) -> None:
    assert _tags(cognito, make_pool()["Arn"]) == {}


def test_tag_resource_adds_and_overwrites_tags(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UserPoolTags={"team": "identity"})
    cognito.tag_resource(ResourceArn=pool["Arn"], Tags={"team": "platform", "cost": "42"})
    assert _tags(cognito, pool["Arn"]) == {"team": "platform", "cost": "42"}


def test_untag_resource_removes_only_the_given_keys(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UserPoolTags={"team": "identity", "env": "test", "cost": "42"})
    cognito.untag_resource(ResourceArn=pool["Arn"], TagKeys=["env", "missing"])
    assert _tags(cognito, pool["Arn"]) == {"team": "identity", "cost": "42"}


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_NoSuchPoo",
        "arn:aws:cognito-idp:us-east-1:000000000000:something/else",
    ],
    ids=["unknown-pool", "not-a-pool"],
)
def test_tags_of_unknown_resource_raise_resource_not_found(cognito: Any, arn: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.list_tags_for_resource(ResourceArn=arn)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_tag_unknown_resource_raises_resource_not_found(cognito: Any) -> None:
    arn = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_NoSuchPoo"
    with pytest.raises(ClientError) as excinfo:
        cognito.tag_resource(ResourceArn=arn, Tags={"a": "b"})
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
