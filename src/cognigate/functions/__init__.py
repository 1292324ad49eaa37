"""Local "Lambda" functions for ``--functions DIR``: Cognito triggers, Lambda authorizers and
AWS_PROXY integrations run Python handlers from a directory (see DESIGN.md §1)."""

from cognigate.functions.context import LambdaContext
from cognigate.functions.errors import FunctionInvocationError, FunctionNotFound
from cognigate.functions.names import FunctionReference, function_arn, parse_reference
from cognigate.functions.runtime import FunctionRuntime

__all__ = [
    "FunctionInvocationError",
    "FunctionNotFound",
    "FunctionReference",
    "FunctionRuntime",
    "LambdaContext",
    "function_arn",
    "parse_reference",
]
