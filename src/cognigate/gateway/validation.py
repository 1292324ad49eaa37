"""Request validation: required method-request parameters and the body against its model.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
"""

from __future__ import annotations

import json

import jsonschema

from cognigate.apigw.model import Method
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import BadRequestBody, BadRequestParameters
from cognigate.gateway.integrations.mapping import media_type
from cognigate.gateway.parameters import evaluate
from cognigate.gateway.runtime import Runtime

#: AWS parity: missing parameters are listed headers first, then path, then query string
_ORDER = {"header": 0, "multivalueheader": 0, "path": 1, "querystring": 2}


def _missing_parameters(inv: Invocation, method: Method) -> list[str]:
    missing = []
    for name, required in (method.request_parameters or {}).items():
        if required and not evaluate(name, inv):
            missing.append(name)
    missing.sort(key=lambda name: _ORDER.get(name.split(".")[2], 3))
    return [name.split(".", 3)[-1] for name in missing]


def _body_error(inv: Invocation, method: Method) -> str | None:
    model_name = (method.request_models or {}).get(media_type(inv.request.header("content-type")))
    model = next((m for m in inv.api.models.values() if m.name == model_name), None)
    if model is None or not model.schema:
        return None
    try:
        document = json.loads(inv.request.text or "null")
        jsonschema.validate(document, json.loads(model.schema))
    except ValueError:
        return "Invalid request body"
    except jsonschema.ValidationError as exc:
        return f"[{exc.message}]"
    return None


async def validate_step(inv: Invocation, _: Runtime) -> None:
    """:raises BadRequestParameters, BadRequestBody: per the method's request validator."""
    method = inv.match.method if inv.match else None
    if method is None:
        return
    validator = inv.api.request_validators.get(method.request_validator_id or "")
    if validator is None:
        return
    if validator.validate_request_parameters:
        missing = _missing_parameters(inv, method)
        if missing:
            message = f"Missing required request parameters: [{', '.join(missing)}]"
            raise BadRequestParameters(message, log=message, validation_error=message)
    if validator.validate_request_body:
        problem = _body_error(inv, method)
        if problem is not None:
            log = f"Request body does not match model schema: {problem}"
            # AWS parity: the client sees only "Invalid request body"; the detail goes to
            # $context.error.validationErrorString and the execution log.
            raise BadRequestBody(log=log, validation_error=problem)
