"""ImportRestApi / PutRestApi / GetExport with OpenAPI 3 and API Gateway extensions."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of

POOL_ARN = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Example01"


def petstore(title: str) -> dict[str, Any]:
    """A small OpenAPI 3 document: a Cognito authorizer, MOCK and HTTP_PROXY integrations."""
    return {
        "openapi": "3.0.1",
        "info": {"title": title, "version": "1.0", "description": "pets"},
        "paths": {
            "/mock": {
                "get": {
                    "operationId": "getMock",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                            },
                        }
                    },
                    "security": [{"lab-authorizer": []}],
                    "x-amazon-apigateway-integration": {
                        "type": "mock",
                        "requestTemplates": {"application/json": '{"statusCode": 200}'},
                        "passthroughBehavior": "when_no_match",
                        "responses": {
                            "default": {
                                "statusCode": "200",
                                "responseTemplates": {"application/json": '{"ok": true}'},
                            }
                        },
                    },
                }
            },
            "/pets/{petId}": {
                "get": {
                    "parameters": [
                        {
                            "name": "petId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {"200": {"description": "ok"}},
                    "security": [{"lab-authorizer": ["email"]}],
                    "x-amazon-apigateway-integration": {
                        "type": "http_proxy",
                        "httpMethod": "GET",
                        "uri": "https://example.com/pets/{petId}",
                        "requestParameters": {
                            "integration.request.path.petId": "method.request.path.petId"
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
            "securitySchemes": {
                "lab-authorizer": {
                    "type": "apiKey",
                    "name": "auth-token",
                    "in": "header",
                    "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": {
                        "type": "cognito_user_pools",
                        "providerARNs": [POOL_ARN],
                    },
                }
            },
        },
    }


def _import(apigateway: Any, doc: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = apigateway.import_rest_api(body=json.dumps(doc).encode())
    return api


def shape_of(apigateway: Any, api_id: str) -> dict[str, Any]:
    """The API's definition without generated ids, for comparing two imports."""
    authorizers = apigateway.get_authorizers(restApiId=api_id)["items"]
    names = {a["id"]: a["name"] for a in authorizers}
    resources = apigateway.get_resources(restApiId=api_id, embed=["methods"])["items"]
    methods: dict[str, Any] = {}
    for resource in resources:
        for verb, wire in (resource.get("resourceMethods") or {}).items():
            method = dict(wire)
            method["authorizerId"] = names.get(method.get("authorizerId", ""))
            method.get("methodIntegration", {}).pop("cacheNamespace", None)
            methods[f"{verb} {resource['path']}"] = method
    models = {
        m["name"]: json.loads(m["schema"]) for m in apigateway.get_models(restApiId=api_id)["items"]
    }
    for schema in models.values():
        schema.pop("$schema", None)
    return {
        "methods": methods,
        "authorizers": [{k: v for k, v in a.items() if k != "id"} for a in authorizers],
        "models": models,
        "paths": sorted(r["path"] for r in resources),
    }


def test_import_builds_resources_methods_and_authorizer(apigateway: Any) -> None:
    api = _import(apigateway, petstore("imported"))

    shape = shape_of(apigateway, api["id"])

    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (api["name"], api["version"], api["description"]) == ("imported", "1.0", "pets")
    assert shape["paths"] == ["/", "/mock", "/pets", "/pets/{petId}"]
    assert shape["authorizers"] == [
        {
            "name": "lab-authorizer",
            "type": "COGNITO_USER_POOLS",
            "providerARNs": [POOL_ARN],
            "authType": "cognito_user_pools",
            "identitySource": "method.request.header.auth-token",
        }
    ]
    mock = shape["methods"]["GET /mock"]
    assert (mock["authorizationType"], mock["authorizerId"]) == (
        "COGNITO_USER_POOLS",
        "lab-authorizer",
    )
    assert mock["operationName"] == "getMock"
    assert mock["methodResponses"]["200"]["responseModels"] == {"application/json": "Pet"}
    assert mock["methodIntegration"]["type"] == "MOCK"
    assert mock["methodIntegration"]["integrationResponses"]["200"]["responseTemplates"] == {
        "application/json": '{"ok": true}'
    }
    pet = shape["methods"]["GET /pets/{petId}"]
    assert pet["authorizationScopes"] == ["email"]
    assert pet["requestParameters"] == {"method.request.path.petId": True}
    assert pet["methodIntegration"]["type"] == "HTTP_PROXY"
    assert pet["methodIntegration"]["uri"] == "https://example.com/pets/{petId}"
    apigateway.delete_rest_api(restApiId=api["id"])


@pytest.mark.parametrize("accepts", ["application/json", "application/yaml"])
def test_export_and_reimport_gives_the_same_api(apigateway: Any, accepts: str) -> None:
    first = _import(apigateway, petstore("round-trip"))
    apigateway.create_deployment(restApiId=first["id"], stageName="dev")

    exported = apigateway.get_export(
        restApiId=first["id"],
        stageName="dev",
        exportType="oas30",
        parameters={"extensions": "apigateway"},
        accepts=accepts,
    )
    text = exported["body"].read()
    doc = yaml.safe_load(text) if "yaml" in accepts else json.loads(text)
    second = apigateway.import_rest_api(body=text)

    assert doc["openapi"] == "3.0.1"
    assert doc["info"]["title"] == "round-trip"
    assert "x-amazon-apigateway-integration" in doc["paths"]["/mock"]["get"]
    assert shape_of(apigateway, second["id"]) == shape_of(apigateway, first["id"])
    for api in (first, second):
        apigateway.delete_rest_api(restApiId=api["id"])


def test_export_without_extensions_has_no_integrations(apigateway: Any) -> None:
    api = _import(apigateway, petstore("plain"))
    apigateway.create_deployment(restApiId=api["id"], stageName="dev")

    exported = apigateway.get_export(restApiId=api["id"], stageName="dev", exportType="swagger")

    doc = json.loads(exported["body"].read())
    assert doc["swagger"] == "2.0"
    assert doc["basePath"] == "/dev"
    assert "x-amazon-apigateway-integration" not in json.dumps(doc)
    apigateway.delete_rest_api(restApiId=api["id"])


def test_put_rest_api_overwrite_replaces_the_definition(apigateway: Any) -> None:
    api = _import(apigateway, petstore("put"))
    smaller = petstore("put")
    del smaller["paths"]["/pets/{petId}"]

    apigateway.put_rest_api(restApiId=api["id"], mode="overwrite", body=json.dumps(smaller))

    assert shape_of(apigateway, api["id"])["paths"] == ["/", "/mock"]
    apigateway.delete_rest_api(restApiId=api["id"])


@pytest.mark.parametrize("body", [b"not: [valid", b'{"hello": "world"}', b"[1, 2]"])
def test_invalid_openapi_is_rejected_and_creates_nothing(apigateway: Any, body: bytes) -> None:
    before = len(apigateway.get_rest_apis(limit=500)["items"])

    with pytest.raises(ClientError) as raised:
        apigateway.import_rest_api(body=body)

    assert error_of(raised) == (400, "BadRequestException", "Invalid OpenAPI input.")
    assert len(apigateway.get_rest_apis(limit=500)["items"]) == before


@pytest.mark.parametrize(
    ("mode", "paths"),
    [
        ("ignore", ["/", "/items"]),
        ("prepend", ["/", "/base", "/base/v1", "/base/v1/items"]),
        ("split", ["/", "/v1", "/v1/items"]),
    ],
)
def test_import_base_path_modes(apigateway: Any, mode: str, paths: list[str]) -> None:
    doc = {
        "swagger": "2.0",
        "info": {"title": f"base-{mode}", "version": "1"},
        "basePath": "/base/v1",
        "paths": {"/items": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }

    api = apigateway.import_rest_api(body=json.dumps(doc), parameters={"basepath": mode})

    found = [r["path"] for r in apigateway.get_resources(restApiId=api["id"])["items"]]
    assert sorted(found) == paths
    apigateway.delete_rest_api(restApiId=api["id"])
