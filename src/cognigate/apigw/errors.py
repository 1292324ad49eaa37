"""API Gateway error codes: one class per error shape of the botocore ``apigateway`` model.

https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html
"""

from __future__ import annotations

from cognigate.core.errors import AwsError

__all__ = [
    "BadRequestException",
    "ConflictException",
    "LimitExceededException",
    "NotFoundException",
    "ServiceUnavailableException",
    "TooManyRequestsException",
    "UnauthorizedException",
]


class BadRequestException(AwsError):
    status_code = 400


class ConflictException(AwsError):
    status_code = 409


class LimitExceededException(AwsError):
    status_code = 429


class NotFoundException(AwsError):
    status_code = 404


class ServiceUnavailableException(AwsError):
    status_code = 503
    sender_fault = False


class TooManyRequestsException(AwsError):
    status_code = 429


class UnauthorizedException(AwsError):
    status_code = 401
