"""Resource servers: Create/Describe/List/Update/DeleteResourceServer and their custom scopes."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of

API = "https://api.example.com"
SCOPES = [
    {"ScopeName": "read", "ScopeDescription": "Read access"},
    {"ScopeName": "write", "ScopeDescription": "Write access"},
]


def _create(cognito: Any, pool_id: str, identifier: str = API, **params: Any) -> dict[str, Any]:
    params.setdefault("Name", "Example API")
    params.setdefault("Scopes", SCOPES)
    server: dict[str, Any] = cognito.create_resource_server(
        UserPoolId=pool_id, Identifier=identifier, **params
    )["ResourceServer"]
    return server


def test_create_resource_server_is_described_as_given(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    described = cognito.describe_resource_server(UserPoolId=pool_id, Identifier=API)
    assert described["ResourceServer"] == {
        "UserPoolId": pool_id,
        "Identifier": API,
        "Name": "Example API",
        "Scopes": SCOPES,
    }


def test_create_resource_server_without_scopes_has_empty_scopes(cognito: Any, pool_id: str) -> None:
    server = cognito.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="O")
    assert server["ResourceServer"].get("Scopes", []) == []


def test_duplicate_identifier_is_rejected(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, Name="Again")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    described = cognito.describe_resource_server(UserPoolId=pool_id, Identifier=API)
    assert described["ResourceServer"]["Name"] == "Example API"


def test_duplicate_scope_names_are_rejected(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, Scopes=[SCOPES[0], SCOPES[0]])
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_resource_server_in_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, "us-east-1_NoSuchPoo")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_describe_unknown_resource_server_raises_resource_not_found(
    cognito: Any, pool_id: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.describe_resource_server(UserPoolId=pool_id, Identifier=API)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_list_resource_servers_pages_through_every_server(cognito: Any, pool_id: str) -> None:
    identifiers = {f"{API}/{i}" for i in range(3)}
    for identifier in identifiers:
        _create(cognito, pool_id, identifier)
    seen: list[str] = []
    kwargs: dict[str, Any] = {"UserPoolId": pool_id, "MaxResults": 2}
    while True:
        page = cognito.list_resource_servers(**kwargs)
        assert len(page["ResourceServers"]) <= 2
        seen.extend(s["Identifier"] for s in page["ResourceServers"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert sorted(seen) == sorted(identifiers)


def test_update_resource_server_replaces_name_and_scopes(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    new_scopes = [{"ScopeName": "admin", "ScopeDescription": "Everything"}]
    cognito.update_resource_server(
        UserPoolId=pool_id, Identifier=API, Name="Renamed", Scopes=new_scopes
    )
    described = cognito.describe_resource_server(UserPoolId=pool_id, Identifier=API)
    assert described["ResourceServer"]["Name"] == "Renamed"
    assert described["ResourceServer"]["Scopes"] == new_scopes


def test_delete_resource_server_removes_it(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    cognito.delete_resource_server(UserPoolId=pool_id, Identifier=API)
    listed = cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=10)
    assert listed["ResourceServers"] == []


def test_client_may_be_allowed_a_custom_scope(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="machine",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=[f"{API}/read"],
    )["UserPoolClient"]
    assert client["AllowedOAuthScopes"] == [f"{API}/read"]
    assert client["AllowedOAuthFlows"] == ["client_credentials"]


def test_client_may_not_be_allowed_a_scope_the_server_lacks(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="machine",
            GenerateSecret=True,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthScopes=[f"{API}/delete"],
        )
    assert error_of(excinfo)[0] == "ScopeDoesNotExistException"
