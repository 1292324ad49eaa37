"""Domain dataclasses <-> JSON documents with AWS member names."""

from __future__ import annotations

from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.model import Authorizer, Integration, IntegrationResponse, Method


def test_to_doc_uses_aws_member_names_and_drops_none() -> None:
    authorizer = Authorizer(
        id="a1",
        name="n",
        type="COGNITO_USER_POOLS",
        provider_arns=("arn",),
        identity_source="method.request.header.auth-token",
    )

    assert to_doc(authorizer) == {
        "id": "a1",
        "name": "n",
        "type": "COGNITO_USER_POOLS",
        "providerARNs": ["arn"],
        "identitySource": "method.request.header.auth-token",
    }


def test_nested_documents_round_trip_and_keep_map_keys() -> None:
    method = Method(
        http_method="GET",
        request_parameters={"method.request.header.x-id": True},
        method_integration=Integration(
            type="MOCK",
            request_templates={"application/json": '{"statusCode": 200}'},
            integration_responses={"200": IntegrationResponse(status_code="200")},
        ),
    )

    doc = to_doc(method)

    assert doc["requestParameters"] == {"method.request.header.x-id": True}
    assert from_doc(Method, doc) == method


def test_from_doc_ignores_unknown_members() -> None:
    assert from_doc(IntegrationResponse, {"statusCode": "200", "restApiId": "x"}) == (
        IntegrationResponse(status_code="200")
    )
