"""OpenAPI documents to definitions and back, without a server."""

from __future__ import annotations

import pytest

from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.openapi_export import ExportOptions, export_document
from cognigate.apigw.openapi_import import definition_from_document

DOC = {
    "swagger": "2.0",
    "info": {"title": "swag", "version": "2"},
    "paths": {
        "/items": {
            "post": {
                "consumes": ["application/json"],
                "parameters": [
                    {"in": "body", "name": "Item", "schema": {"$ref": "#/definitions/Item"}},
                    {"in": "header", "name": "x-id", "required": True, "type": "string"},
                ],
                "responses": {"201": {"description": "created"}},
                "x-amazon-apigateway-integration": {"type": "mock"},
            }
        }
    },
    "definitions": {"Item": {"type": "object"}},
}


def test_swagger_body_parameter_becomes_a_request_model() -> None:
    definition = definition_from_document(DOC, 1.0)

    method = next(r for r in definition.resources.values() if r.path == "/items").method("POST")

    assert method is not None
    assert method.request_models == {"application/json": "Item"}
    assert method.request_parameters == {"method.request.header.x-id": True}
    assert set(definition.models) == {"Empty", "Item"}


@pytest.mark.parametrize("doc", ["text", {"openapi": "3.0.1"}, {"swagger": "1.2", "info": {}}])
def test_documents_that_are_not_openapi_are_rejected(doc: object) -> None:
    with pytest.raises(BadRequestException) as raised:
        definition_from_document(doc, 1.0)

    assert raised.value.message == "Invalid OpenAPI input."


def test_export_then_import_keeps_paths_and_methods() -> None:
    definition = definition_from_document(DOC, 1.0)
    options = ExportOptions(v3=True, integrations=True, authorizers=True, stage="dev", region="r")

    again = definition_from_document(export_document(definition, options), 2.0)

    assert sorted(r.path for r in again.resources.values()) == ["/", "/items"]
    method = next(r for r in again.resources.values() if r.path == "/items").method("POST")
    assert method is not None
    assert method.request_models == {"application/json": "Item"}


def test_validators_and_gateway_responses_survive_export_and_import() -> None:
    doc = {
        **DOC,
        "x-amazon-apigateway-request-validators": {
            "all": {"validateRequestBody": True, "validateRequestParameters": True}
        },
        "x-amazon-apigateway-request-validator": "all",
        "x-amazon-apigateway-gateway-responses": {
            "UNAUTHORIZED": {"statusCode": "401", "responseTemplates": {"application/json": "{}"}}
        },
    }
    definition = definition_from_document(doc, 1.0)
    options = ExportOptions(v3=False, integrations=True, authorizers=True, stage="dev", region="r")

    again = definition_from_document(export_document(definition, options), 2.0)

    validators = list(again.request_validators.values())
    assert [(v.name, v.validate_request_body) for v in validators] == [("all", True)]
    method = next(r for r in again.resources.values() if r.path == "/items").method("POST")
    assert method is not None
    assert method.request_validator_id == validators[0].id
    assert again.gateway_responses["UNAUTHORIZED"].status_code == "401"
