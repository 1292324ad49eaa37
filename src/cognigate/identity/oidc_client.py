"""The outbound side of OIDC federation, as the domain sees it: a small Protocol the ``oauth``
edge implements over HTTP (discovery, the token endpoint, JWKS and userInfo).

https://openid.net/specs/openid-connect-discovery-1_0.html ,
https://openid.net/specs/openid-connect-core-1_0.html#TokenEndpoint
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

JsonDocument = Mapping[str, object]


class ProviderUnreachable(Exception):
    """The provider did not answer, or not with JSON (network error, 5xx, HTML)."""


class ProviderRefused(Exception):
    """The provider answered with an OAuth error (e.g. ``invalid_grant``)."""

    def __init__(self, error: str, description: str | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class TokenRequest:
    """A code redemption at the provider's token endpoint."""

    token_url: str
    code: str
    redirect_uri: str
    client_id: str
    client_secret: str | None
    #: ``client_secret_post`` (form fields) or ``client_secret_basic`` (Authorization header)
    auth_method: str = "client_secret_post"


class OidcClient(Protocol):
    """What federation needs from a provider; every call may block on the network."""

    def discover(self, issuer: str) -> JsonDocument:
        """``<issuer>/.well-known/openid-configuration``.

        :raises ProviderUnreachable:
        """
        ...

    def redeem(self, request: TokenRequest) -> JsonDocument:
        """The token endpoint's JSON answer.

        :raises ProviderRefused: an OAuth error answer. :raises ProviderUnreachable:
        """
        ...

    def jwks(self, uri: str) -> JsonDocument:
        """The provider's JSON Web Key Set. :raises ProviderUnreachable:"""
        ...

    def user_info(self, url: str, access_token: str, method: str) -> JsonDocument:
        """The userInfo claims (``GET`` or ``POST`` with the bearer token).

        :raises ProviderUnreachable:
        """
        ...
