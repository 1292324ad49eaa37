"""`cognigate serve --init FILE`: pools, clients, users and an OpenAPI API, idempotently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.support import Server

OPENAPI = {
    "openapi": "3.0.1",
    "info": {"title": "declared-api", "version": "1"},
    "paths": {
        "/hello": {
            "get": {
                "security": [{"pool-authorizer": []}],
                "responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {
                    "type": "mock",
                    "requestTemplates": {"application/json": '{"statusCode": 200}'},
                    "responses": {"default": {"statusCode": "200"}},
                },
            }
        }
    },
    "components": {
        "securitySchemes": {
            "pool-authorizer": {
                "type": "apiKey",
                "name": "Authorization",
                "in": "header",
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": {
                    "type": "cognito_user_pools",
                    "providerARNs": ["${pools.declared-pool.arn}"],
                },
            }
        }
    },
}
INIT = {
    "user_pools": [
        {
            "PoolName": "declared-pool",
            "Domain": "declared-domain",
            "Clients": [{"ClientName": "declared-client", "GenerateSecret": False}],
            "Users": [{"Username": "alice", "Password": "Passw0rd!x", "Permanent": True}],
        }
    ],
    "apis": [{"openapi": "api.json", "stage": "dev"}],
}


def _init_server(fresh_server: Server, tmp_path: Path) -> Server:
    (tmp_path / "api.json").write_text(json.dumps(OPENAPI))
    (tmp_path / "init.yaml").write_text(yaml.safe_dump(INIT))
    fresh_server.extra_args = ["--init", str(tmp_path / "init.yaml")]
    fresh_server.start(timeout=120)
    return fresh_server


def _state(server: Server) -> dict[str, Any]:
    cognito, apigateway = server.client("cognito-idp"), server.client("apigateway")
    pools = [
        p
        for p in cognito.list_user_pools(MaxResults=60)["UserPools"]
        if p["Name"] == "declared-pool"
    ]
    pool_id = pools[0]["Id"]
    apis = [a for a in apigateway.get_rest_apis()["items"] if a["name"] == "declared-api"]
    return {
        "pools": pools,
        "pool": cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"],
        "clients": cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)[
            "UserPoolClients"
        ],
        "user": cognito.admin_get_user(UserPoolId=pool_id, Username="alice"),
        "apis": apis,
        "authorizers": apigateway.get_authorizers(restApiId=apis[0]["id"])["items"],
        "stages": apigateway.get_stages(restApiId=apis[0]["id"])["item"],
    }


def test_init_file_provisions_pool_client_user_and_api(
    fresh_server: Server, tmp_path: Path
) -> None:
    server = _init_server(fresh_server, tmp_path)

    state = _state(server)

    assert len(state["pools"]) == 1
    assert state["pool"]["Domain"] == "declared-domain"
    assert [c["ClientName"] for c in state["clients"]] == ["declared-client"]
    assert state["user"]["UserStatus"] == "CONFIRMED"
    assert len(state["apis"]) == 1
    assert state["authorizers"][0]["providerARNs"] == [state["pool"]["Arn"]]
    assert [s["stageName"] for s in state["stages"]] == ["dev"]


def test_init_file_twice_does_not_duplicate(fresh_server: Server, tmp_path: Path) -> None:
    server = _init_server(fresh_server, tmp_path)
    before = _state(server)

    server.stop()
    server.start(timeout=120)
    after = _state(server)

    assert len(after["pools"]) == len(after["apis"]) == len(after["clients"]) == 1
    assert after["pool"]["Id"] == before["pool"]["Id"]
    assert after["apis"][0]["id"] == before["apis"][0]["id"]
