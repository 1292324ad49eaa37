"""Why an invocation of a local function failed (the Lambda ``Invoke`` error shapes)."""

from __future__ import annotations


class FunctionInvocationError(Exception):
    """The function raised, could not be loaded, or returned what it may not.

    ``str(error)`` is the message Lambda reports (``errorMessage``); ``error_type`` is its
    ``errorType``: the exception's class name, or ``Runtime.*`` for failures of the runtime.
    """

    def __init__(self, function: str, message: str, error_type: str = "Exception") -> None:
        super().__init__(message)
        self.function = function
        self.message = message
        self.error_type = error_type


class FunctionNotFound(FunctionInvocationError):
    """No function of that name in the functions directory (Lambda: ResourceNotFoundException)."""

    def __init__(self, function: str, message: str) -> None:
        super().__init__(function, message, "ResourceNotFoundException")
