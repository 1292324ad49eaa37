"""The AWS JSON 1.1 protocol edge: ``POST /`` dispatched on ``X-Amz-Target``.

https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from cognigate.core.errors import AwsError
from cognigate.core.ids import request_id as new_request_id
from cognigate.protocol.errors import JSON11_CONTENT_TYPE, json11_error, json11_from_exception
from cognigate.protocol.http import CallContext, HttpRequest, HttpResponse, Wire
from cognigate.protocol.sigv4 import signed_region
from cognigate.protocol.spec import ServiceSpec
from cognigate.protocol.validate import TypeMismatch, validate_input, validation_message

logger = logging.getLogger(__name__)

Handler = Callable[[Wire, CallContext], Wire]

MAX_BODY_BYTES = 1024 * 1024


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


class Json11Endpoint:
    """Parses, validates and dispatches one JSON 1.1 service's calls to its handlers."""

    def __init__(
        self,
        spec: ServiceSpec,
        handlers: Mapping[str, Handler],
        *,
        default_region: str,
        validation_error_code: str,
        internal_error_code: str,
    ) -> None:
        self._spec = spec
        self._handlers = dict(handlers)
        self._region = default_region
        self._validation_code = validation_error_code
        self._internal_code = internal_error_code
        self._prefix = spec.target_prefix + "."

    def operations(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one call; never raises."""
        rid = new_request_id()
        target = request.headers.get("x-amz-target", "")
        operation = target[len(self._prefix) :] if target.startswith(self._prefix) else ""
        handler = self._handlers.get(operation)
        if handler is None or not self._spec.has_operation(operation):
            return json11_error("UnknownOperationException", None, 400, rid)
        if len(request.body) > MAX_BODY_BYTES:
            # Deviation: AWS's front end answers an oversized body before the service sees it.
            return json11_error(
                "RequestEntityTooLargeException", "Request entity too large", 413, rid
            )
        try:
            params = json.loads(request.body) if request.body.strip() else {}
        except (ValueError, UnicodeDecodeError, RecursionError):
            return json11_error("SerializationException", None, 400, rid)
        op_model = self._spec.operation(operation)
        try:
            errors = validate_input(op_model.input_shape, params)
        except TypeMismatch as mismatch:
            return json11_error("SerializationException", mismatch.message, 400, rid)
        if errors:
            return json11_error(self._validation_code, validation_message(errors), 400, rid)
        context = CallContext(
            request_id=rid,
            region=signed_region(request.headers) or self._region,
            operation=operation,
            client_ip=request.client_ip,
            user_agent=request.headers.get("user-agent", ""),
        )
        return self._invoke(handler, params, context)

    def _invoke(self, handler: Handler, params: Wire, context: CallContext) -> HttpResponse:
        rid = context.request_id
        try:
            result = handler(params, context)
        except AwsError as error:
            logger.info("%s %s -> %s", rid, context.operation, error.code)
            if error.status_code >= 500:
                return json11_error(self._internal_code, error.message, error.status_code, rid)
            return json11_from_exception(error, rid)
        except Exception:
            logger.exception("%s %s failed", rid, context.operation)
            return json11_error(self._internal_code, "Internal server error.", 500, rid)
        body = json.dumps(result, default=_default, separators=(",", ":")).encode()
        headers = [("content-type", JSON11_CONTENT_TYPE), ("x-amzn-requestid", rid)]
        return HttpResponse(200, body, headers)
