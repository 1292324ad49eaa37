"""The API Gateway control plane: one object per AWS noun, sharing one :class:`Scope`."""

from __future__ import annotations

from cognigate.apigw.api_keys import ApiKeys
from cognigate.apigw.authorizers import Authorizers
from cognigate.apigw.context import Scope
from cognigate.apigw.deployments import Deployments
from cognigate.apigw.documentation import Documentation
from cognigate.apigw.gateway_responses import GatewayResponses
from cognigate.apigw.integrations import Integrations
from cognigate.apigw.method_responses import MethodResponses
from cognigate.apigw.methods import Methods
from cognigate.apigw.models import Models
from cognigate.apigw.openapi_ops import OpenApi
from cognigate.apigw.resources import Resources
from cognigate.apigw.rest_apis import RestApis
from cognigate.apigw.stages import Stages
from cognigate.apigw.tags import Tags
from cognigate.apigw.usage_plans import UsagePlans


class ApiGatewayService:
    """Every control-plane operation, reachable from the AWS API, the console and tests."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.openapi = OpenApi(scope)
        self.rest_apis = RestApis(scope, importer=self.openapi.import_api)
        self.resources = Resources(scope)
        self.methods = Methods(scope)
        self.method_responses = MethodResponses(scope)
        self.integrations = Integrations(scope)
        self.authorizers = Authorizers(scope)
        self.models = Models(scope)
        self.gateway_responses = GatewayResponses(scope)
        self.deployments = Deployments(scope)
        self.stages = Stages(scope)
        self.api_keys = ApiKeys(scope)
        self.usage_plans = UsagePlans(scope)
        self.tags = Tags(scope)
        self.documentation = Documentation(scope)
