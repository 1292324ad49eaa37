"""Cognito error codes: one class per AWS error shape, named verbatim.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
"""

from __future__ import annotations

from cognigate.core.errors import AwsError


class AccessDeniedException(AwsError):
    """Cognito ``AccessDeniedException``."""


class AliasExistsException(AwsError):
    """Cognito ``AliasExistsException``."""


class CodeDeliveryFailureException(AwsError):
    """Cognito ``CodeDeliveryFailureException``."""


class CodeMismatchException(AwsError):
    """Cognito ``CodeMismatchException``."""


class ConcurrentModificationException(AwsError):
    """Cognito ``ConcurrentModificationException``."""


class DeviceKeyExistsException(AwsError):
    """Cognito ``DeviceKeyExistsException``."""


class DuplicateProviderException(AwsError):
    """Cognito ``DuplicateProviderException``."""


class EnableSoftwareTokenMFAException(AwsError):
    """Cognito ``EnableSoftwareTokenMFAException``."""


class ExpiredCodeException(AwsError):
    """Cognito ``ExpiredCodeException``."""


class FeatureUnavailableInTierException(AwsError):
    """Cognito ``FeatureUnavailableInTierException``."""


class ForbiddenException(AwsError):
    """Cognito ``ForbiddenException``."""


class GroupExistsException(AwsError):
    """Cognito ``GroupExistsException``."""


class InternalErrorException(AwsError):
    """Cognito ``InternalErrorException`` (server fault)."""

    status_code = 500
    sender_fault = False


class InternalServerException(AwsError):
    """Cognito ``InternalServerException`` (server fault)."""

    status_code = 500
    sender_fault = False


class InvalidEmailRoleAccessPolicyException(AwsError):
    """Cognito ``InvalidEmailRoleAccessPolicyException``."""


class InvalidLambdaResponseException(AwsError):
    """Cognito ``InvalidLambdaResponseException``."""


class InvalidOAuthFlowException(AwsError):
    """Cognito ``InvalidOAuthFlowException``."""


class InvalidParameterException(AwsError):
    """Cognito ``InvalidParameterException``."""


class InvalidPasswordException(AwsError):
    """Cognito ``InvalidPasswordException``."""


class InvalidSmsRoleAccessPolicyException(AwsError):
    """Cognito ``InvalidSmsRoleAccessPolicyException``."""


class InvalidSmsRoleTrustRelationshipException(AwsError):
    """Cognito ``InvalidSmsRoleTrustRelationshipException``."""


class InvalidUserPoolConfigurationException(AwsError):
    """Cognito ``InvalidUserPoolConfigurationException``."""


class LimitExceededException(AwsError):
    """Cognito ``LimitExceededException``."""


class MFAMethodNotFoundException(AwsError):
    """Cognito ``MFAMethodNotFoundException``."""


class ManagedLoginBrandingExistsException(AwsError):
    """Cognito ``ManagedLoginBrandingExistsException``."""


class NotAuthorizedException(AwsError):
    """Cognito ``NotAuthorizedException``."""


class PasswordHistoryPolicyViolationException(AwsError):
    """Cognito ``PasswordHistoryPolicyViolationException``."""


class PasswordResetRequiredException(AwsError):
    """Cognito ``PasswordResetRequiredException``."""


class PreconditionNotMetException(AwsError):
    """Cognito ``PreconditionNotMetException``."""


class RefreshTokenReuseException(AwsError):
    """Cognito ``RefreshTokenReuseException``."""


class ResourceNotFoundException(AwsError):
    """Cognito ``ResourceNotFoundException``."""


class ScopeDoesNotExistException(AwsError):
    """Cognito ``ScopeDoesNotExistException``."""


class SoftwareTokenMFANotFoundException(AwsError):
    """Cognito ``SoftwareTokenMFANotFoundException``."""


class TermsExistsException(AwsError):
    """Cognito ``TermsExistsException``."""


class TierChangeNotAllowedException(AwsError):
    """Cognito ``TierChangeNotAllowedException``."""


class TooManyFailedAttemptsException(AwsError):
    """Cognito ``TooManyFailedAttemptsException``."""


class TooManyRequestsException(AwsError):
    """Cognito ``TooManyRequestsException``."""


class UnauthorizedException(AwsError):
    """Cognito ``UnauthorizedException``."""


class UnexpectedLambdaException(AwsError):
    """Cognito ``UnexpectedLambdaException``."""


class UnsupportedIdentityProviderException(AwsError):
    """Cognito ``UnsupportedIdentityProviderException``."""


class UnsupportedOperationException(AwsError):
    """Cognito ``UnsupportedOperationException``."""


class UnsupportedTokenTypeException(AwsError):
    """Cognito ``UnsupportedTokenTypeException``."""


class UnsupportedUserStateException(AwsError):
    """Cognito ``UnsupportedUserStateException``."""


class UserImportInProgressException(AwsError):
    """Cognito ``UserImportInProgressException``."""


class UserLambdaValidationException(AwsError):
    """Cognito ``UserLambdaValidationException``."""


class UserNotConfirmedException(AwsError):
    """Cognito ``UserNotConfirmedException``."""


class UserNotFoundException(AwsError):
    """Cognito ``UserNotFoundException``."""


class UserPoolAddOnNotEnabledException(AwsError):
    """Cognito ``UserPoolAddOnNotEnabledException``."""


class UserPoolTaggingException(AwsError):
    """Cognito ``UserPoolTaggingException``."""


class UsernameExistsException(AwsError):
    """Cognito ``UsernameExistsException``."""


class WebAuthnChallengeNotFoundException(AwsError):
    """Cognito ``WebAuthnChallengeNotFoundException``."""


class WebAuthnClientMismatchException(AwsError):
    """Cognito ``WebAuthnClientMismatchException``."""


class WebAuthnConfigurationMissingException(AwsError):
    """Cognito ``WebAuthnConfigurationMissingException``."""


class WebAuthnCredentialNotSupportedException(AwsError):
    """Cognito ``WebAuthnCredentialNotSupportedException``."""


class WebAuthnNotEnabledException(AwsError):
    """Cognito ``WebAuthnNotEnabledException``."""


class WebAuthnOriginNotAllowedException(AwsError):
    """Cognito ``WebAuthnOriginNotAllowedException``."""


class WebAuthnRelyingPartyMismatchException(AwsError):
    """Cognito ``WebAuthnRelyingPartyMismatchException``."""
