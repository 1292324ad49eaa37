"""``cognigate serve --init FILE``: provision pools, clients, users and APIs from a YAML/JSON file.

Every Cognito entry is an AWS request (``CreateUserPool``, ``CreateUserPoolClient``,
``AdminCreateUser`` members) sent through the same JSON 1.1 endpoint boto3 uses, so it is
validated exactly like an API call. Provisioning is idempotent: pools are matched by
``PoolName``, clients by ``ClientName``, users by ``Username``, domains by name and APIs by
title. API documents may say ``${pools.<PoolName>.arn}`` / ``.id`` and
``${clients.<PoolName>.<ClientName>.id}``.

```yaml
user_pools:
  - PoolName: cognito-lab-pool          # + any CreateUserPool member
    Domain: lab240679
    Clients: [{ClientName: lab-api-client, GenerateSecret: false}]
    Users: [{Username: CognitoUser, Password: "Passw0rd!", Permanent: true}]
apis:
  - openapi: petstore.yaml              # or `document:` inline; path relative to FILE
    stage: dev
```
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from cognigate.apigw.provision import ensure_api_from_document
from cognigate.apigw.service import ApiGatewayService
from cognigate.core.errors import AwsError
from cognigate.protocol.http import HttpRequest
from cognigate.protocol.json11 import Json11Endpoint

logger = logging.getLogger(__name__)

_TARGET = "AWSCognitoIdentityProviderService."
_POOL_EXTRAS = ("Domain", "Clients", "Users")
_USER_EXTRAS = ("Password", "Permanent")


class InitFileError(Exception):
    """The file cannot be read or one of its requests failed."""


class _Cognito:
    """Sends Cognito requests through the JSON 1.1 endpoint."""

    def __init__(self, endpoint: Json11Endpoint) -> None:
        self._endpoint = endpoint

    def call(self, operation: str, params: Mapping[str, Any], ok: tuple[str, ...] = ()) -> Any:
        request = HttpRequest(
            method="POST",
            path="/",
            headers={
                "x-amz-target": _TARGET + operation,
                "content-type": "application/x-amz-json-1.1",
            },
            body=json.dumps(params).encode(),
        )
        response = self._endpoint.handle(request)
        body = json.loads(response.body or b"{}")
        if response.status == 200:
            return body
        if str(body.get("__type", "")) in ok:
            return None
        raise InitFileError(f"{operation}: {body.get('__type')}: {body.get('message')}")


def _pool(cognito: _Cognito, spec: Mapping[str, Any]) -> dict[str, Any]:
    name = spec["PoolName"]
    listed = cognito.call("ListUserPools", {"MaxResults": 60})
    for pool in listed.get("UserPools", []):
        if pool["Name"] == name:
            found = cognito.call("DescribeUserPool", {"UserPoolId": pool["Id"]})
            return dict(found["UserPool"])
    create = {k: v for k, v in spec.items() if k not in _POOL_EXTRAS}
    logger.info("init: creating user pool %s", name)
    return dict(cognito.call("CreateUserPool", create)["UserPool"])


def _clients(cognito: _Cognito, pool_id: str, specs: list[Mapping[str, Any]]) -> dict[str, str]:
    listed = cognito.call("ListUserPoolClients", {"UserPoolId": pool_id, "MaxResults": 60})
    ids = {c["ClientName"]: c["ClientId"] for c in listed.get("UserPoolClients", [])}
    for spec in specs:
        if spec["ClientName"] not in ids:
            created = cognito.call("CreateUserPoolClient", {**spec, "UserPoolId": pool_id})
            ids[spec["ClientName"]] = created["UserPoolClient"]["ClientId"]
    return ids


def _users(cognito: _Cognito, pool_id: str, specs: list[Mapping[str, Any]]) -> None:
    for spec in specs:
        key = {"UserPoolId": pool_id, "Username": spec["Username"]}
        if cognito.call("AdminGetUser", key, ok=("UserNotFoundException",)) is not None:
            continue
        create = {k: v for k, v in spec.items() if k not in _USER_EXTRAS}
        create.setdefault("MessageAction", "SUPPRESS")
        cognito.call("AdminCreateUser", {**create, "UserPoolId": pool_id})
        if spec.get("Password"):
            cognito.call(
                "AdminSetUserPassword",
                {**key, "Password": spec["Password"], "Permanent": bool(spec.get("Permanent"))},
            )


def _domain(cognito: _Cognito, pool: Mapping[str, Any], domain: str | None) -> None:
    if not domain or pool.get("Domain"):
        return
    cognito.call("CreateUserPoolDomain", {"UserPoolId": pool["Id"], "Domain": domain})


def _substitute(text: str, names: Mapping[str, str]) -> str:
    for key, value in names.items():
        text = text.replace("${" + key + "}", value)
    return text


def _document(entry: Mapping[str, Any], base: Path, names: Mapping[str, str]) -> Any:
    if "document" in entry:
        raw = json.dumps(entry["document"])
    else:
        raw = (base / str(entry["openapi"])).read_text(encoding="utf-8")
    return yaml.safe_load(_substitute(raw, names))


def provision(path: Path, cognito: Json11Endpoint, apigateway: ApiGatewayService) -> None:
    """Create what the file declares and does not exist yet. :raises InitFileError:"""
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise InitFileError(f"{path}: {error}") from error
    client = _Cognito(cognito)
    names: dict[str, str] = {}
    for entry in spec.get("user_pools") or []:
        pool = _pool(client, entry)
        _domain(client, pool, entry.get("Domain"))
        names[f"pools.{pool['Name']}.id"] = pool["Id"]
        names[f"pools.{pool['Name']}.arn"] = pool["Arn"]
        for client_name, client_id in _clients(
            client, pool["Id"], entry.get("Clients") or []
        ).items():
            names[f"clients.{pool['Name']}.{client_name}.id"] = client_id
        _users(client, pool["Id"], entry.get("Users") or [])
    for entry in spec.get("apis") or []:
        document = _document(entry, path.parent, names)
        try:
            done = ensure_api_from_document(apigateway.scope, document, entry.get("stage"))
        except AwsError as error:
            raise InitFileError(f"API {entry.get('openapi', '(inline)')}: {error}") from error
        logger.info("init: API %r is %s", done.name, done.api_id)
