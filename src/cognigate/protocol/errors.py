"""Turns errors into AWS wire responses (JSON 1.1 and REST-JSON)."""

from __future__ import annotations

import json

from cognigate.core.errors import AwsError
from cognigate.protocol.http import HttpResponse

JSON11_CONTENT_TYPE = "application/x-amz-json-1.1"


def json11_error(code: str, message: str | None, status: int, request_id: str) -> HttpResponse:
    """An AWS JSON 1.1 error: ``__type`` + ``message`` body, ``x-amzn-ErrorType`` header."""
    body: dict[str, str] = {"__type": code}
    if message is not None:
        body["message"] = message
    headers = [
        ("content-type", JSON11_CONTENT_TYPE),
        ("x-amzn-requestid", request_id),
        ("x-amzn-errortype", f"{code}:"),
    ]
    if message:
        headers.append(("x-amzn-errormessage", _header_safe(message)))
    return HttpResponse(status, json.dumps(body).encode(), headers)


def json11_from_exception(error: AwsError, request_id: str) -> HttpResponse:
    return json11_error(error.code, error.message, error.status_code, request_id)


def restjson_error(code: str, message: str | None, status: int, request_id: str) -> HttpResponse:
    """An AWS REST-JSON error: ``x-amzn-ErrorType`` header and a ``message`` body."""
    headers = [
        ("content-type", "application/json"),
        ("x-amzn-requestid", request_id),
        ("x-amzn-errortype", code),
    ]
    return HttpResponse(status, json.dumps({"message": message}).encode(), headers)


def _header_safe(text: str) -> str:
    return text.encode("ascii", "replace").decode().replace("\r", " ").replace("\n", " ")
