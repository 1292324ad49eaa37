"""Tags of API Gateway resources, addressed by ARN: TagResource, UntagResource, GetTags.

https://docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html
Supported: ``arn:aws:apigateway:{region}::/restapis/{id}``, ``…/restapis/{id}/stages/{name}``,
``…::/apikeys/{id}`` and ``…::/usageplans/{id}``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

from cognigate.apigw.api_keys import require_key
from cognigate.apigw.context import Scope, require_api
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.stages import require_stage

_ARN = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]*::(/.+)")
Edit = Callable[[Mapping[str, str]], Mapping[str, str]]


def _edit_api(
    uow: ApigwUnitOfWork, scope: Scope, parts: list[str], edit: Edit
) -> Mapping[str, str]:
    definition = require_api(uow, scope, parts[1])
    if len(parts) == 4 and parts[2] == "stages":
        stage = require_stage(uow, parts[1], parts[3])
        tags = edit(stage.tags or {})
        uow.stages.save(parts[1], dataclasses.replace(stage, tags=tags or None))
        return tags
    if len(parts) != 2:
        raise BadRequestException("Invalid ARN specified in the request")
    tags = edit(definition.api.tags or {})
    api = dataclasses.replace(definition.api, tags=tags or None)
    uow.apis.save(dataclasses.replace(definition, api=api))
    return tags


def _edit(uow: ApigwUnitOfWork, scope: Scope, arn: str, edit: Edit) -> Mapping[str, str]:
    match = _ARN.fullmatch(arn)
    if not match:
        raise BadRequestException(f"Invalid ARN. ARN is not well formed {arn}")
    parts = match.group(1).strip("/").split("/")
    if parts[0] == "restapis" and len(parts) >= 2:
        return _edit_api(uow, scope, parts, edit)
    if parts[0] == "apikeys" and len(parts) == 2:
        key = require_key(uow, parts[1])
        tags = edit(key.tags or {})
        uow.api_keys.save(dataclasses.replace(key, tags=tags or None))
        return tags
    if parts[0] == "usageplans" and len(parts) == 2:
        plan = uow.usage_plans.get(parts[1])
        if plan is None:
            raise NotFoundException("Invalid Usage Plan ID specified")
        tags = edit(plan.tags or {})
        uow.usage_plans.save(dataclasses.replace(plan, tags=tags or None))
        return tags
    raise BadRequestException("Invalid ARN specified in the request")


class Tags:
    """The tagging operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        with self._scope.uow(write=True) as uow:
            _edit(uow, self._scope, arn, lambda old: {**old, **tags})

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        with self._scope.uow(write=True) as uow:
            _edit(
                uow, self._scope, arn, lambda old: {k: v for k, v in old.items() if k not in keys}
            )

    def get(self, arn: str) -> Mapping[str, str]:
        with self._scope.uow(write=True) as uow:
            return _edit(uow, self._scope, arn, lambda old: old)
