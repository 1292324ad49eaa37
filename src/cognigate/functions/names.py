"""How a local function is named: plain name, Lambda ARN, or API Gateway integration URI.

https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html (``uri``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cognigate.functions.errors import FunctionNotFound

_NAME = r"[A-Za-z0-9_-]{1,64}"
_QUALIFIER = r"(?::(?P<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}))?"
_LAMBDA_ARN = re.compile(
    rf"arn:aws[a-z-]*:lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{{12}}):function:"
    rf"(?P<name>{_NAME}){_QUALIFIER}"
)
_PARTIAL_ARN = re.compile(rf"(?P<account>\d{{12}}):function:(?P<name>{_NAME}){_QUALIFIER}")
_PLAIN = re.compile(rf"(?P<name>{_NAME}){_QUALIFIER}")
_INVOCATION_URI = re.compile(
    r"arn:aws[a-z-]*:apigateway:(?P<region>[a-z0-9-]+):lambda:path/2015-03-31/functions/"
    r"(?P<arn>.+)/invocations"
)


@dataclass(frozen=True, slots=True)
class FunctionReference:
    """A parsed reference: the function's name, and what else the caller said about it."""

    name: str
    qualifier: str | None = None
    region: str | None = None
    account_id: str | None = None


def parse_reference(reference: str) -> FunctionReference:
    """The function a name, ARN (with optional alias/version) or invocation URI points at.

    :raises FunctionNotFound: the text is none of those forms.
    """
    text = reference.strip()
    uri = _INVOCATION_URI.fullmatch(text)
    if uri is not None:
        text = uri.group("arn")
    arn = _LAMBDA_ARN.fullmatch(text)
    if arn is not None:
        return FunctionReference(
            arn.group("name"), arn.group("qualifier"), arn.group("region"), arn.group("account")
        )
    for pattern in (_PARTIAL_ARN, _PLAIN):
        found = pattern.fullmatch(text)
        if found is not None:
            account = found.group("account") if pattern is _PARTIAL_ARN else None
            return FunctionReference(found.group("name"), found.group("qualifier"), None, account)
    raise FunctionNotFound(reference, f"Function not found: {reference}")


def function_arn(name: str, *, region: str, account_id: str, qualifier: str | None = None) -> str:
    """``arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]``."""
    arn = f"arn:aws:lambda:{region}:{account_id}:function:{name}"
    return f"{arn}:{qualifier}" if qualifier else arn
