"""Data-plane errors: one class per gateway response type, rendered by gateway_responses.

https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
"""

from __future__ import annotations


class GatewayError(Exception):
    """Ends the request with the API's gateway response of ``response_type``."""

    response_type = "DEFAULT_5XX"
    error_type = "InternalServerErrorException"
    default_message: str | None = "Internal server error"
    message_key = "message"
    #: overrides the gateway response's status (AWS answers 502 for bad backends)
    status: int | None = None

    def __init__(
        self, message: str | None = None, *, log: str | None = None, validation_error: str = ""
    ) -> None:
        self.message = message if message is not None else self.default_message
        #: the execution-log line that explains the failure
        self.log = log
        #: ``$context.error.validationErrorString`` (request validation failures)
        self.validation_error = validation_error
        super().__init__(self.message or self.response_type)


class MissingAuthenticationToken(GatewayError):
    response_type = "MISSING_AUTHENTICATION_TOKEN"
    error_type = "MissingAuthenticationTokenException"
    default_message = "Missing Authentication Token"


class Unauthorized(GatewayError):
    response_type = "UNAUTHORIZED"
    error_type = "UnauthorizedException"
    default_message = "Unauthorized"


class AccessDenied(GatewayError):
    response_type = "ACCESS_DENIED"
    error_type = "AccessDeniedException"
    default_message = "User is not authorized to access this resource"
    # AWS parity: Lambda-authorizer denials carry a capital-M "Message".
    message_key = "Message"


class AuthorizerConfigurationError(GatewayError):
    response_type = "AUTHORIZER_CONFIGURATION_ERROR"
    error_type = "AuthorizerConfigurationException"
    default_message = None


class ApiConfigurationError(GatewayError):
    response_type = "API_CONFIGURATION_ERROR"
    error_type = "InternalServerErrorException"
    default_message = "Internal server error"


class IntegrationFailure(GatewayError):
    """A backend that cannot be reached or answers nonsense: AWS sends 502 for these."""

    response_type = "DEFAULT_5XX"
    error_type = "InternalServerErrorException"
    default_message = "Internal server error"
    status: int | None = 502


class IntegrationTimeout(GatewayError):
    response_type = "INTEGRATION_TIMEOUT"
    error_type = "InternalServerErrorException"
    default_message = "Endpoint request timed out"


class InvalidApiKey(GatewayError):
    response_type = "INVALID_API_KEY"
    error_type = "ForbiddenException"
    default_message = "Forbidden"


class Throttled(GatewayError):
    response_type = "THROTTLED"
    error_type = "TooManyRequestsException"
    default_message = "Too Many Requests"


class QuotaExceeded(GatewayError):
    response_type = "QUOTA_EXCEEDED"
    error_type = "LimitExceededException"
    default_message = "Limit Exceeded"


class BadRequestParameters(GatewayError):
    response_type = "BAD_REQUEST_PARAMETERS"
    error_type = "BadRequestException"
    default_message = "Invalid request parameters"


class BadRequestBody(GatewayError):
    response_type = "BAD_REQUEST_BODY"
    error_type = "BadRequestException"
    default_message = "Invalid request body"


class UnsupportedMediaType(GatewayError):
    response_type = "UNSUPPORTED_MEDIA_TYPE"
    error_type = "UnsupportedMediaTypeException"
    default_message = "Unsupported Media Type"
