"""Function references: plain names, Lambda ARNs (with qualifiers) and invocation URIs."""

from __future__ import annotations

import pytest

from cognigate.functions import FunctionNotFound, FunctionReference, function_arn, parse_reference

ARN = "arn:aws:lambda:eu-west-1:123456789012:function:my-fn"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("my-fn", FunctionReference("my-fn")),
        ("my-fn:live", FunctionReference("my-fn", "live")),
        (ARN, FunctionReference("my-fn", None, "eu-west-1", "123456789012")),
        (f"{ARN}:7", FunctionReference("my-fn", "7", "eu-west-1", "123456789012")),
        (f"{ARN}:$LATEST", FunctionReference("my-fn", "$LATEST", "eu-west-1", "123456789012")),
        ("123456789012:function:my-fn", FunctionReference("my-fn", None, None, "123456789012")),
        (
            f"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{ARN}/invocations",
            FunctionReference("my-fn", None, "eu-west-1", "123456789012"),
        ),
        (
            f"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{ARN}:prod/invocations",
            FunctionReference("my-fn", "prod", "eu-west-1", "123456789012"),
        ),
    ],
)
def test_parse_reference_finds_the_function_name(
    reference: str, expected: FunctionReference
) -> None:
    assert parse_reference(reference) == expected


@pytest.mark.parametrize(
    "reference",
    ["", "arn:aws:s3:::bucket", "has space", "arn:aws:lambda:us-east-1:12:function:x", "a/b"],
)
def test_parse_reference_rejects_what_is_not_a_function(reference: str) -> None:
    with pytest.raises(FunctionNotFound):
        parse_reference(reference)


def test_function_arn_appends_the_qualifier() -> None:
    arn = function_arn("f", region="us-east-1", account_id="000000000000", qualifier="live")

    assert arn == "arn:aws:lambda:us-east-1:000000000000:function:f:live"
