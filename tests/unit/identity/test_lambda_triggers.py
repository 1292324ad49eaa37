"""PreTokenGeneration answers (V1 and V2) turned into groups and claim overrides."""

from __future__ import annotations

from typing import Any

from cognigate.identity.auth.lambda_triggers import TOKEN_REFRESH, customise_tokens
from cognigate.identity.model import Group, PoolConfig, UserPool
from cognigate.identity.tokens import ClaimOverrides
from tests.unit.identity.test_custom_message import FUNCTION, USER, FakeFunctions, deps

ROLE = "arn:aws:iam::123456789012:role/"
GROUPS = (
    Group("us-east-1_Abc", "staff", 0.0, 0.0, role_arn=ROLE + "staff", precedence=5),
    Group("us-east-1_Abc", "admins", 0.0, 0.0, role_arn=ROLE + "admins", precedence=1),
)


def pool(**lambda_config: Any) -> UserPool:
    return UserPool("us-east-1_Abc", "p", "arn", 0.0, 0.0, PoolConfig(lambda_config=lambda_config))


def run(functions: FakeFunctions, tokens_pool: UserPool, scope: str = "openid") -> Any:
    return customise_tokens(
        deps(functions),
        tokens_pool,
        USER,
        GROUPS,
        client_id="c1",
        source=TOKEN_REFRESH,
        scope=scope,
    )


def test_without_the_trigger_groups_pass_through() -> None:
    functions = FakeFunctions()

    result = run(functions, pool())

    assert result.groups == ("staff", "admins")
    assert (result.id_overrides, result.access_overrides) == (None, None)
    assert functions.events == []


def test_v1_event_offers_groups_and_roles_by_precedence() -> None:
    functions = FakeFunctions()

    run(functions, pool(PreTokenGeneration=FUNCTION))

    event = functions.events[0]
    assert (event["version"], event["triggerSource"]) == ("1", TOKEN_REFRESH)
    request = event["request"]
    assert isinstance(request, dict)
    assert request["groupConfiguration"] == {
        "groupsToOverride": ["staff", "admins"],
        "iamRolesToOverride": [ROLE + "admins", ROLE + "staff"],
        "preferredRole": ROLE + "admins",
    }


def test_v1_answer_overrides_id_claims_groups_and_roles() -> None:
    details = {
        "claimsToAddOrOverride": {"tier": "gold"},
        "claimsToSuppress": ["email"],
        "groupOverrideDetails": {"groupsToOverride": ["vip"], "preferredRole": ROLE + "vip"},
    }
    functions = FakeFunctions({"claimsOverrideDetails": details})

    result = run(functions, pool(PreTokenGeneration=FUNCTION))

    assert result.groups == ("vip",)
    assert result.id_overrides == ClaimOverrides(
        {"tier": "gold", "cognito:preferred_role": ROLE + "vip"}, frozenset({"email"})
    )
    assert result.access_overrides is None


def test_v2_answer_customises_access_token_claims_and_scopes() -> None:
    access = {
        "claimsToAddOrOverride": {"tenant": "t1"},
        "scopesToAdd": ["orders/read"],
        "scopesToSuppress": ["openid"],
    }
    functions = FakeFunctions({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": access}})
    config = {"LambdaArn": FUNCTION, "LambdaVersion": "V2_0"}

    result = run(functions, pool(PreTokenGenerationConfig=config), scope="openid email")

    assert functions.events[0]["version"] == "2"
    assert result.access_overrides == ClaimOverrides(
        {"tenant": "t1", "scope": "email orders/read"}, frozenset()
    )
    assert result.groups == ("staff", "admins")
