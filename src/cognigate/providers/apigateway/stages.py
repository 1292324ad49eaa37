"""Handlers of the Deployment and Stage operations."""

from __future__ import annotations

from cognigate.apigw.deployments import NewDeployment, api_summary
from cognigate.apigw.service import ApiGatewayService
from cognigate.apigw.stage_model import Stage
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table

OPERATIONS = (
    "CreateDeployment",
    "GetDeployment",
    "GetDeployments",
    "UpdateDeployment",
    "DeleteDeployment",
    "FlushStageCache",
    "CreateStage",
    "GetStage",
    "GetStages",
    "UpdateStage",
    "DeleteStage",
)


class StageHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._deployments = service.deployments
        self._stages = service.stages

    def create_deployment(self, params: Wire, _: CallContext) -> Wire:
        spec = inp(NewDeployment, params)
        return out(self._deployments.create(params["restApiId"], spec))

    def get_deployment(self, params: Wire, _: CallContext) -> Wire:
        api_id, deployment_id = params["restApiId"], params["deploymentId"]
        wire = out(self._deployments.get(api_id, deployment_id))
        if "apisummary" in [e.lower() for e in params.get("embed") or []]:
            summary = api_summary(self._deployments.snapshot(api_id, deployment_id))
            wire["apiSummary"] = {
                path: {
                    verb: {"authorizationType": auth, "apiKeyRequired": key}
                    for verb, (auth, key) in verbs.items()
                }
                for path, verbs in summary.items()
            }
        return wire

    def get_deployments(self, params: Wire, _: CallContext) -> Wire:
        found = self._deployments.list(
            params["restApiId"], params.get("position"), params.get("limit")
        )
        return listing(found)

    def update_deployment(self, params: Wire, _: CallContext) -> Wire:
        found = self._deployments.update(
            params["restApiId"], params["deploymentId"], patch_ops(params)
        )
        return out(found)

    def delete_deployment(self, params: Wire, _: CallContext) -> None:
        self._deployments.delete(params["restApiId"], params["deploymentId"])

    def create_stage(self, params: Wire, _: CallContext) -> Wire:
        stage = inp(Stage, params, createdDate=0.0, lastUpdatedDate=0.0)
        return out(self._stages.create(params["restApiId"], stage))

    def get_stage(self, params: Wire, _: CallContext) -> Wire:
        return out(self._stages.get(params["restApiId"], params["stageName"]))

    def get_stages(self, params: Wire, _: CallContext) -> Wire:
        found = self._stages.list(params["restApiId"], params.get("deploymentId"))
        return {"item": [out(stage) for stage in found]}

    def update_stage(self, params: Wire, _: CallContext) -> Wire:
        found = self._stages.update(params["restApiId"], params["stageName"], patch_ops(params))
        return out(found)

    def delete_stage(self, params: Wire, _: CallContext) -> None:
        self._stages.delete(params["restApiId"], params["stageName"])

    def flush_stage_cache(self, params: Wire, _: CallContext) -> None:
        # Deviation: there is no response cache to flush; the stage must exist.
        self._stages.get(params["restApiId"], params["stageName"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(StageHandlers(service), OPERATIONS)
