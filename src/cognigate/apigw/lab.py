"""The lab's pre-created "Mock API" (``cognigate serve --lab``), provisioned idempotently.

REST API "Mock API", resource ``/mock``, ``GET`` (authorization NONE) with a MOCK integration
answering 200 ``{"confidential": "Secure, Me!!"}``, deployed to stage ``dev``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cognigate.apigw.context import Scope, replace_method
from cognigate.apigw.deployments import NewDeployment, deploy
from cognigate.apigw.integrations import completed
from cognigate.apigw.model import Integration, IntegrationResponse, Method, MethodResponse
from cognigate.apigw.resources import add_resource
from cognigate.apigw.rest_apis import NewRestApi, new_definition

logger = logging.getLogger(__name__)

LAB_API_NAME = "Mock API"
LAB_STAGE = "dev"
LAB_BODY = '{"confidential": "Secure, Me!!"}'


@dataclass(frozen=True, slots=True)
class LabApi:
    """Where the lab API lives."""

    api_id: str
    stage: str
    created: bool


def _mock_get(resource_id: str) -> Method:
    integration = Integration(
        type="MOCK",
        request_templates={"application/json": '{"statusCode": 200}'},
        integration_responses={
            "200": IntegrationResponse(
                status_code="200",
                selection_pattern="",
                response_templates={"application/json": LAB_BODY},
            )
        },
    )
    return Method(
        http_method="GET",
        authorization_type="NONE",
        api_key_required=False,
        method_responses={
            "200": MethodResponse(status_code="200", response_models={"application/json": "Empty"})
        },
        method_integration=completed(integration, resource_id),
    )


def ensure_lab_api(scope: Scope) -> LabApi:
    """Create the Mock API unless an API of that name exists (then leave it untouched)."""
    with scope.uow(write=True) as uow:
        for definition in uow.apis.all():
            if definition.api.name == LAB_API_NAME:
                return LabApi(definition.api.id, LAB_STAGE, created=False)
        definition = new_definition(NewRestApi(name=LAB_API_NAME), scope.now())
        definition, mock = add_resource(definition, definition.api.root_resource_id, "mock")
        definition = replace_method(definition, mock.id, _mock_get(mock.id))
        uow.apis.save(definition)
        deploy(uow, scope, definition.api.id, NewDeployment(stage_name=LAB_STAGE))
    logger.info("lab: created %r as %s", LAB_API_NAME, definition.api.id)
    return LabApi(definition.api.id, LAB_STAGE, created=True)
