"""OAuth 2.0 error responses of the hosted UI endpoints (RFC 6749 §4.1.2.1, §5.2; RFC 7009).

https://www.rfc-editor.org/rfc/rfc6749#section-5.2
"""

from __future__ import annotations


class OAuthError(Exception):
    """An RFC 6749 error: ``error`` is the wire code, ``description`` the optional text."""

    error = "invalid_request"
    status_code = 400

    def __init__(self, description: str | None = None) -> None:
        super().__init__(description or self.error)
        self.description = description


class InvalidRequest(OAuthError):
    error = "invalid_request"


class InvalidClient(OAuthError):
    error = "invalid_client"


class InvalidGrant(OAuthError):
    error = "invalid_grant"


class UnauthorizedClient(OAuthError):
    error = "unauthorized_client"


class UnsupportedGrantType(OAuthError):
    error = "unsupported_grant_type"


class UnsupportedResponseType(OAuthError):
    error = "unsupported_response_type"


class InvalidScope(OAuthError):
    error = "invalid_scope"


class UnsupportedTokenType(OAuthError):
    error = "unsupported_token_type"


class InvalidToken(OAuthError):
    """userInfo: the bearer token is not (or no longer) good (RFC 6750 §3.1)."""

    error = "invalid_token"
    status_code = 401


class RedirectMismatch(Exception):
    """The request cannot be sent back to the client: unknown domain, client or redirect_uri.

    AWS parity: the browser goes to ``/error?error=redirect_mismatch&client_id=...``.
    """

    def __init__(self, client_id: str, detail: str) -> None:
        super().__init__(detail)
        self.client_id = client_id
