"""Base class of every AWS error raised by domain code.

Only the protocol layer turns these into wire responses
(https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html).
"""

from __future__ import annotations

from typing import ClassVar


class AwsError(Exception):
    """An error with an AWS error code; ``code`` defaults to the class name."""

    code: ClassVar[str] = ""
    status_code: ClassVar[int] = 400
    sender_fault: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            cls.code = cls.__name__

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InternalError(AwsError):
    """An unexpected failure; rendered as the service's internal-error shape."""

    status_code = 500
    sender_fault = False
