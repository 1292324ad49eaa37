"""Reads the credential scope of an AWS Signature Version 4 ``Authorization`` header.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
By default signatures are accepted without verification (any credentials work, as documented);
:class:`SigV4Verifier` is the optional strict mode that checks them against configured keys.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

from cognigate.protocol.http import HttpRequest


def credential_scope(headers: Mapping[str, str]) -> list[str]:
    """``[akid, date, region, service, 'aws4_request']`` or ``[]`` when unsigned."""
    auth = headers.get("authorization", "")
    if not auth.startswith("AWS4-"):
        return []
    marker = "Credential="
    start = auth.find(marker)
    if start < 0:
        return []
    credential = auth[start + len(marker) :].split(",", 1)[0].strip()
    parts = credential.split("/")
    return parts if len(parts) == 5 else []


def signed_region(headers: Mapping[str, str]) -> str:
    """The region a request was signed for, or ``""``."""
    scope = credential_scope(headers)
    return scope[2] if scope else ""


def signed_service(headers: Mapping[str, str]) -> str:
    """The service a request was signed for (``cognito-idp``, ``apigateway``), or ``""``."""
    scope = credential_scope(headers)
    return scope[3] if scope else ""


#: how far a request's ``X-Amz-Date`` may be from the server's clock (as AWS allows)
MAX_SKEW_SECONDS = 300.0
_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service documentation "
    "for details."
)
_UNKNOWN_KEY = "The security token included in the request is invalid."


@dataclass(frozen=True, slots=True)
class SignatureProblem:
    """Why a request's signature was refused: AWS's error code and message."""

    code: str
    message: str


class _Resigner(SigV4Auth):  # type: ignore[misc]
    """botocore's SigV4 signer, told which headers the client signed and when."""

    def __init__(self, credentials: Credentials, service: str, region: str, signed: list[str]):
        super().__init__(credentials, service, region)
        self._signed = signed

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        chosen = HTTPHeaders()
        for name in self._signed:
            chosen[name] = request.headers.get(name, "")
        return chosen


def _fields(auth: str) -> dict[str, str]:
    """``Credential``, ``SignedHeaders`` and ``Signature`` of an ``AWS4-HMAC-SHA256`` header."""
    _, _, rest = auth.partition(" ")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, _, value = part.strip().partition("=")
        fields[name] = value.strip()
    return fields


def _timestamp(value: str) -> float | None:
    try:
        stamp = datetime.strptime(value, SIGV4_TIMESTAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return stamp.timestamp()


@dataclass(frozen=True, slots=True)
class SigV4Verifier:
    """Strict mode: checks AWS Signature Version 4 against configured access keys.

    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
    The canonical request is rebuilt with botocore's own signer from what arrived: the raw
    (still percent-encoded) path, the query pairs, the headers the client listed in
    ``SignedHeaders`` and the body; then the signature is compared in constant time.
    """

    keys: Mapping[str, str]
    clock: Callable[[], float]

    def check(self, request: HttpRequest) -> SignatureProblem | None:
        """``None`` when ``request`` is signed by a configured key, else the problem."""
        auth = request.headers.get("authorization", "")
        if not auth:
            return SignatureProblem(
                "MissingAuthenticationTokenException", "Missing Authentication Token"
            )
        scope = credential_scope(request.headers)
        fields = _fields(auth)
        if not auth.startswith("AWS4-HMAC-SHA256 ") or not scope or "Signature" not in fields:
            return SignatureProblem(
                "IncompleteSignatureException",
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
                "parameters.",
            )
        secret = self.keys.get(scope[0])
        if secret is None:
            return SignatureProblem("UnrecognizedClientException", _UNKNOWN_KEY)
        return self._timing(request, scope) or self._signature(request, scope, secret, fields)

    def _timing(self, request: HttpRequest, scope: list[str]) -> SignatureProblem | None:
        """``X-Amz-Date`` must parse, match the scope's date and be within five minutes."""
        amz_date = request.headers.get("x-amz-date", "")
        signed_at = _timestamp(amz_date)
        if signed_at is None or not amz_date.startswith(scope[1]):
            return SignatureProblem("InvalidSignatureException", _MISMATCH)
        now = self.clock()
        if abs(now - signed_at) <= MAX_SKEW_SECONDS:
            return None
        relation = "earlier" if signed_at < now else "later"
        current = datetime.fromtimestamp(now, UTC).strftime(SIGV4_TIMESTAMP)
        return SignatureProblem(
            "InvalidSignatureException",
            f"Signature expired: {amz_date} is now {relation} than {current} (5 min.)",
        )

    @staticmethod
    def _signature(
        request: HttpRequest, scope: list[str], secret: str, fields: Mapping[str, str]
    ) -> SignatureProblem | None:
        declared = request.headers.get("x-amz-content-sha256")
        body_hash = hashlib.sha256(request.body).hexdigest()
        if declared and declared not in ("UNSIGNED-PAYLOAD", body_hash):
            return SignatureProblem("InvalidSignatureException", _MISMATCH)
        signed = [h for h in fields.get("SignedHeaders", "").split(";") if h]
        if "host" not in signed:
            return SignatureProblem("InvalidSignatureException", _MISMATCH)
        aws_request = AWSRequest(
            method=request.method,
            url=f"http://{request.headers.get('host', 'localhost')}{request.path}",
            headers={name: request.headers.get(name, "") for name in signed},
            data=request.body,
            params=list(request.query),
        )
        aws_request.context["timestamp"] = request.headers.get("x-amz-date", "")
        signer = _Resigner(Credentials(scope[0], secret), scope[3], scope[2], signed)
        canonical = signer.canonical_request(aws_request)
        expected = signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)
        if hmac.compare_digest(str(expected), fields["Signature"]):
            return None
        return SignatureProblem("InvalidSignatureException", _MISMATCH)


def parse_keys(spec: str) -> dict[str, str]:
    """``"AKID:SECRET,AKID2:SECRET2"`` -> ``{akid: secret}``.

    :raises ValueError: an entry without a ``:`` or with an empty part.
    """
    keys: dict[str, str] = {}
    for entry in filter(None, (e.strip() for e in spec.split(","))):
        akid, sep, secret = entry.partition(":")
        if not sep or not akid or not secret:
            raise ValueError(
                f"expected ACCESS_KEY_ID:SECRET_ACCESS_KEY, got {entry.split(':')[0]!r}"
            )
        keys[akid] = secret
    return keys
