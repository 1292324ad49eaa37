"""Strict mode for the AWS API edges: calls must carry a valid SigV4 signature of a configured
access key, except the operations AWS itself serves unsigned.

Cognito's public operations (``InitiateAuth``, ``SignUp``, ``GetUser``, ... — marked
``smithy.api#noAuth`` in the service model) are called by apps without AWS credentials and stay
open; every other Cognito operation and every API Gateway control-plane call is checked.
Refusals look like AWS's: JSON 1.1 errors with status 400, REST-JSON errors with status 403.
"""

from __future__ import annotations

from typing import Protocol

from cognigate.core.ids import request_id as new_request_id
from cognigate.protocol.errors import json11_error, restjson_error
from cognigate.protocol.http import HttpRequest, HttpResponse
from cognigate.protocol.sigv4 import SignatureProblem, SigV4Verifier
from cognigate.protocol.spec import ServiceSpec

NO_AUTH = "smithy.api#noAuth"


class Endpoint(Protocol):
    def handle(self, request: HttpRequest) -> HttpResponse: ...

    def operations(self) -> frozenset[str]: ...


def _unsigned_operations(spec: ServiceSpec) -> frozenset[str]:
    """The operations AWS accepts without a signature (``authtype: none``, or ``noAuth`` in
    the operation's ``auth`` list)."""
    unsigned = set()
    for name in spec.model.operation_names:
        operation = spec.operation(name)
        if operation.auth_type == "none" or NO_AUTH in (getattr(operation, "auth", None) or ()):
            unsigned.add(name)
    return frozenset(unsigned)


class SignedJson11(Endpoint):
    """A JSON 1.1 endpoint (Cognito) that refuses unsigned or badly signed calls."""

    def __init__(self, inner: Endpoint, spec: ServiceSpec, verifier: SigV4Verifier) -> None:
        self._inner = inner
        self._verifier = verifier
        self._prefix = spec.target_prefix + "."
        self._open = _unsigned_operations(spec)

    def operations(self) -> frozenset[str]:
        return self._inner.operations()

    def handle(self, request: HttpRequest) -> HttpResponse:
        target = request.headers.get("x-amz-target", "")
        operation = target[len(self._prefix) :] if target.startswith(self._prefix) else ""
        if operation not in self._open:
            problem = self._verifier.check(request)
            if problem is not None:
                return _json11_refusal(problem)
        return self._inner.handle(request)


class SignedRestJson(Endpoint):
    """A REST-JSON endpoint (API Gateway's control plane) that refuses unsigned calls."""

    def __init__(self, inner: Endpoint, verifier: SigV4Verifier) -> None:
        self._inner = inner
        self._verifier = verifier

    def operations(self) -> frozenset[str]:
        return self._inner.operations()

    def handle(self, request: HttpRequest) -> HttpResponse:
        problem = self._verifier.check(request)
        if problem is not None:
            return restjson_error(problem.code, problem.message, 403, new_request_id())
        return self._inner.handle(request)


def _json11_refusal(problem: SignatureProblem) -> HttpResponse:
    return json11_error(problem.code, problem.message, 400, new_request_id())
