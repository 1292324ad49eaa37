"""The control plane on real SQLite storage (temp file): idempotent provisioning, snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.apigw.context import Scope
from cognigate.apigw.deployments import NewDeployment
from cognigate.apigw.documentation_model import DocumentationPartLocation
from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.lab import LAB_API_NAME, ensure_lab_api
from cognigate.apigw.model import Authorizer, Method
from cognigate.apigw.patch import PatchOp
from cognigate.apigw.provision import ensure_api_from_document
from cognigate.apigw.rest_apis import NewRestApi
from cognigate.apigw.service import ApiGatewayService
from cognigate.core.clock import FixedClock
from cognigate.identity.service import IdentityService
from cognigate.providers.apigateway.user_pools import IdentityUserPools
from cognigate.storage import migrate
from cognigate.storage.engine import database_url, make_engine
from cognigate.storage.uow import SqlIdentityUnitOfWork
from cognigate.storage.uow_apigw import SqlApigwUnitOfWork


@pytest.fixture
def service(tmp_path: Path) -> ApiGatewayService:
    engine = make_engine(database_url(None, tmp_path))
    migrate.upgrade(engine)
    clock = FixedClock()
    identity = IdentityService.create(
        uow=SqlIdentityUnitOfWork(engine),
        clock=clock,
        account_id="000000000000",
        default_region="us-east-1",
    )
    scope = Scope(
        uow=SqlApigwUnitOfWork(engine, clock),
        clock=clock,
        account_id="000000000000",
        region="us-east-1",
        pools=IdentityUserPools(identity),
    )
    return ApiGatewayService(scope)


def test_lab_provisioning_twice_creates_one_api(service: ApiGatewayService) -> None:
    first = ensure_lab_api(service.scope)
    second = ensure_lab_api(service.scope)

    names = [a.name for a in service.rest_apis.list().items]
    assert (first.created, second.created) == (True, False)
    assert first.api_id == second.api_id
    assert names.count(LAB_API_NAME) == 1
    assert service.stages.get(first.api_id, "dev").deployment_id


def test_document_provisioning_is_idempotent_by_title(service: ApiGatewayService) -> None:
    doc = {
        "openapi": "3.0.1",
        "info": {"title": "declared", "version": "1"},
        "paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}},
    }

    first = ensure_api_from_document(service.scope, doc, stage="dev")
    second = ensure_api_from_document(service.scope, doc, stage="dev")

    assert (first.created, second.created) == (True, False)
    assert service.stages.get(first.api_id, "dev").deployment_id


def test_snapshot_does_not_see_later_changes(service: ApiGatewayService) -> None:
    lab = ensure_lab_api(service.scope)
    deployment_id = service.stages.get(lab.api_id, "dev").deployment_id
    root = service.rest_apis.get(lab.api_id).root_resource_id

    service.methods.put(lab.api_id, root, Method(http_method="POST"))
    service.deployments.create(lab.api_id, NewDeployment(description="later"))

    snapshot = service.deployments.snapshot(lab.api_id, deployment_id)
    assert snapshot.resources[root].resource_methods is None


def test_authorizer_for_an_unknown_pool_is_rejected(service: ApiGatewayService) -> None:
    lab = ensure_lab_api(service.scope)
    authorizer = Authorizer(
        id="",
        name="a",
        type="COGNITO_USER_POOLS",
        provider_arns=("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Nope",),
        identity_source="method.request.header.auth-token",
    )

    with pytest.raises(BadRequestException):
        service.authorizers.create(lab.api_id, authorizer)

    assert service.authorizers.list(lab.api_id).items == []


def test_rest_apis_import_api_takes_a_json_body(service: ApiGatewayService) -> None:
    body = b'{"openapi": "3.0.1", "info": {"title": "from-console", "version": "1"}, "paths": {}}'

    api = service.rest_apis.import_api(body, {})

    assert service.rest_apis.get(api.id).name == "from-console"
    with pytest.raises(BadRequestException):
        service.rest_apis.import_api(b"not json", {})


def test_a_documentation_version_keeps_the_parts_as_they_were(service: ApiGatewayService) -> None:
    api_id = service.rest_apis.create(NewRestApi(name="documented")).id
    docs = service.documentation
    part = docs.create_part(api_id, DocumentationPartLocation(type="API"), '{"v": 1}')
    docs.create_version(api_id, "1.0")

    docs.update_part(api_id, part.id, [PatchOp("replace", "/properties", '{"v": 2}')])

    assert [p.properties for p in docs.version_parts(api_id, "1.0")] == ['{"v": 1}']


def test_deleting_an_api_deletes_its_documentation(service: ApiGatewayService) -> None:
    api_id = service.rest_apis.create(NewRestApi(name="documented")).id
    service.documentation.create_part(api_id, DocumentationPartLocation(type="API"), "{}")
    service.documentation.create_version(api_id, "1.0")

    service.rest_apis.delete(api_id)

    with service.scope.uow(write=False) as uow:
        assert (uow.documentation.parts(api_id), uow.documentation.versions(api_id)) == ([], [])
