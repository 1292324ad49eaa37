"""Reads the credential scope of an AWS Signature Version 4 ``Authorization`` header.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
Signatures are accepted without verification (any credentials work, as documented).
"""

from __future__ import annotations

from collections.abc import Mapping


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
