"""ID-token claims from groups' IAM roles (``cognito:roles``, ``cognito:preferred_role``) and the
OIDC ``address`` object."""

from __future__ import annotations

from typing import Any

import jwt

from tests.e2e.cognito_idp.self_service import PASSWORD, make_client, sign_in

ROLE = "arn:aws:iam::123456789012:role/"


def _member_of(cognito: Any, pool_id: str, groups: dict[str, tuple[int | None, str | None]]) -> str:
    """A confirmed user in the given groups (name -> (precedence, role)); returns the client."""
    client_id = str(make_client(cognito, pool_id)["ClientId"])
    cognito.admin_create_user(UserPoolId=pool_id, Username="member", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="member", Password=PASSWORD, Permanent=True
    )
    for name, (precedence, role) in groups.items():
        params: dict[str, Any] = {"UserPoolId": pool_id, "GroupName": name}
        if precedence is not None:
            params["Precedence"] = precedence
        if role is not None:
            params["RoleArn"] = ROLE + role
        cognito.create_group(**params)
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="member", GroupName=name)
    return client_id


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def test_id_token_lists_the_groups_roles_and_the_highest_precedence_role(
    cognito: Any, pool_id: str
) -> None:
    groups = {"zeta": (10, "Zeta"), "alpha": (2, "Alpha"), "noprec": (None, None)}
    client_id = _member_of(cognito, pool_id, groups)

    result = sign_in(cognito, client_id, "member")

    claims = _claims(result["IdToken"])
    assert claims["cognito:roles"] == [ROLE + "Alpha", ROLE + "Zeta"]
    assert claims["cognito:preferred_role"] == ROLE + "Alpha"
    access = _claims(result["AccessToken"])
    assert "cognito:roles" not in access
    assert "cognito:preferred_role" not in access


def test_equal_precedence_with_different_roles_gives_no_preferred_role(
    cognito: Any, pool_id: str
) -> None:
    client_id = _member_of(cognito, pool_id, {"a": (1, "A"), "b": (1, "B"), "c": (5, "C")})

    claims = _claims(sign_in(cognito, client_id, "member")["IdToken"])

    assert sorted(claims["cognito:roles"][:2]) == [ROLE + "A", ROLE + "B"]
    assert "cognito:preferred_role" not in claims


def test_equal_precedence_with_the_same_role_prefers_that_role(cognito: Any, pool_id: str) -> None:
    client_id = _member_of(cognito, pool_id, {"a": (1, "Same"), "b": (1, "Same")})

    claims = _claims(sign_in(cognito, client_id, "member")["IdToken"])

    assert claims["cognito:roles"] == [ROLE + "Same"]
    assert claims["cognito:preferred_role"] == ROLE + "Same"


def test_groups_without_roles_add_no_role_claims(cognito: Any, pool_id: str) -> None:
    client_id = _member_of(cognito, pool_id, {"plain": (1, None)})

    claims = _claims(sign_in(cognito, client_id, "member")["IdToken"])

    assert claims["cognito:groups"] == ["plain"]
    assert "cognito:roles" not in claims
    assert "cognito:preferred_role" not in claims


def test_address_claim_is_the_oidc_address_object(cognito: Any, pool_id: str) -> None:
    client_id = _member_of(cognito, pool_id, {})
    cognito.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username="member",
        UserAttributes=[{"Name": "address", "Value": "13 Main St"}],
    )

    claims = _claims(sign_in(cognito, client_id, "member")["IdToken"])

    assert claims["address"] == {"formatted": "13 Main St"}
