"""Sign-in through a third-party OIDC provider from the hosted UI: the redirect to the
provider's authorize URL, and ``/oauth2/idpresponse`` (code redemption, ID-token checks,
attribute mapping, the federated user), ending in the original authorization request.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html
OIDC Core §3.1 (authorization code flow).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from cognigate.identity.context import Deps
from cognigate.identity.federated_users import ExternalIdentity, FederatedUsers
from cognigate.identity.federation_state import FederationState, SealedRequest, StateInvalid
from cognigate.identity.federation_tokens import IdTokenInvalid, mapped_attributes, verify_id_token
from cognigate.identity.identity_providers import TOKEN_AUTH
from cognigate.identity.model import IdentityProvider, User
from cognigate.identity.oauth_grants import error_redirect
from cognigate.identity.oauth_requests import AuthorizationRequest, check_authorization
from cognigate.identity.oidc_client import (
    OidcClient,
    ProviderRefused,
    ProviderUnreachable,
    TokenRequest,
)

log = logging.getLogger(__name__)
UNAVAILABLE = "Login option is not available. Please try another one."


class FederationRefused(Exception):
    """The callback cannot complete; the message is safe to show on the error page."""


@dataclass(frozen=True, slots=True)
class FederationStart:
    """Where to send the browser, and the binding cookie it must bring back."""

    location: str
    binding: str


@dataclass(frozen=True, slots=True)
class FederationResult:
    """A finished callback: the user for the original request, or the client's error URL."""

    request: AuthorizationRequest
    user: User | None = None
    auth_time: float = 0.0
    error_location: str | None = None


class FederationOperations:
    """The hosted UI's federated sign-in."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._state = FederationState(deps.secret)
        self._users = FederatedUsers(deps)

    def callback_url(self, domain: str) -> str:
        """Our redirect URI at the provider (the path AWS uses on the pool domain)."""
        return f"{self._deps.issuer_base.rstrip('/')}/auth/{domain}/oauth2/idpresponse"

    def _provider(self, pool_id: str, name: str) -> IdentityProvider:
        with self._deps.uow(write=False) as store:
            provider = store.identity_providers.get(pool_id, name)
        if provider is None or provider.type != "OIDC":
            # Deviation: only OIDC providers are federated; SAML and social ones are stored
            raise FederationRefused(UNAVAILABLE)
        return provider

    def start(
        self, domain: str, request: AuthorizationRequest, query: Mapping[str, str]
    ) -> FederationStart:
        """The provider's authorize URL for a checked request naming an IdP.

        :raises FederationRefused: the provider is gone or not an OIDC provider.
        """
        if request.identity_provider is None:
            raise FederationRefused(UNAVAILABLE)
        provider = self._provider(request.pool.id, request.identity_provider)
        binding, nonce = self._state.new_binding(), secrets.token_urlsafe(24)
        sealed = SealedRequest(domain, provider.name, dict(query), nonce, binding,
                               self._deps.clock.now())  # fmt: skip
        details = provider.details
        params = {
            "response_type": "code", "client_id": details["client_id"],
            "redirect_uri": self.callback_url(domain), "scope": details["authorize_scopes"],
            "state": self._state.seal(sealed), "nonce": nonce,
        }  # fmt: skip
        url = details["authorize_url"]
        return FederationStart(f"{url}{'&' if '?' in url else '?'}{urlencode(params)}", binding)

    def finish(
        self, domain: str, params: Mapping[str, str], binding: str | None
    ) -> FederationResult:
        """``/oauth2/idpresponse``: the user of the original request, or the client's error.

        :raises FederationRefused: forged/expired/foreign state, or the provider's answer fails.
        :raises RedirectMismatch, RedirectableError: the original request is no longer valid.
        :raises NotAuthorizedException: the user is disabled.
        :raises UserLambdaValidationException: PreSignUp refused a new user.
        """
        now = self._deps.clock.now()
        try:
            sealed = self._state.open(params.get("state"), binding, now=now)
        except StateInvalid as error:
            log.info("federation callback refused: %s", error)
            raise FederationRefused("Invalid state.") from error
        if sealed.domain != domain:
            raise FederationRefused("Invalid state.")
        with self._deps.uow(write=False) as store:
            request = check_authorization(store, domain, sealed.query)
        if params.get("error"):
            location = error_redirect(request.redirect_uri, params["error"],
                                      params.get("error_description"), request.state)  # fmt: skip
            return FederationResult(request, error_location=location)
        provider = self._provider(request.pool.id, sealed.provider)
        claims = self._claims(domain, provider, params.get("code"), sealed.nonce)
        who = _identity(provider, claims)
        user = self._users.sign_in(request.pool.id, request.client.id, who)
        return FederationResult(request, user=user, auth_time=now)

    def _client(self) -> OidcClient:
        if self._deps.oidc is None:
            raise FederationRefused(UNAVAILABLE)
        return self._deps.oidc

    def _claims(self, domain: str, provider: IdentityProvider, code: str | None,
                nonce: str) -> dict[str, object]:  # fmt: skip
        """Redeem the code, check the ID token, add the userInfo claims."""
        if not code:
            raise FederationRefused("The identity provider did not return a code.")
        details, client = provider.details, self._client()
        exchange = TokenRequest(
            token_url=details["token_url"], code=code, redirect_uri=self.callback_url(domain),
            client_id=details["client_id"], client_secret=details.get("client_secret"),
            auth_method=details.get(TOKEN_AUTH, "client_secret_post"),
        )  # fmt: skip
        try:
            tokens = client.redeem(exchange)
            id_token = tokens.get("id_token")
            if not isinstance(id_token, str):
                raise FederationRefused("The identity provider did not return an ID token.")
            claims = verify_id_token(
                id_token, client.jwks(details["jwks_uri"]), issuer=details["oidc_issuer"],
                client_id=details["client_id"], nonce=nonce, now=self._deps.clock.now(),
            )  # fmt: skip
            return {**self._user_info(provider, tokens.get("access_token"), claims), **claims}
        except (ProviderRefused, ProviderUnreachable, IdTokenInvalid) as error:
            log.info("federation with %s failed: %s", provider.name, error)
            raise FederationRefused(f"Sign-in with {provider.name} failed.") from error

    def _user_info(self, provider: IdentityProvider, access_token: object,
                   claims: Mapping[str, object]) -> Mapping[str, object]:  # fmt: skip
        url = provider.details.get("attributes_url")
        if not url or not isinstance(access_token, str):
            return {}
        method = provider.details.get("attributes_request_method", "GET")
        info = self._client().user_info(url, access_token, method)
        if info.get("sub") != claims.get("sub"):
            raise IdTokenInvalid("userInfo is about another subject")
        return info


def _identity(provider: IdentityProvider, claims: Mapping[str, object]) -> ExternalIdentity:
    claim = provider.attribute_mapping.get("username", "sub")
    subject = claims.get(claim) or claims.get("sub")
    if not isinstance(subject, str | int) or subject == "":
        raise FederationRefused(f"Sign-in with {provider.name} failed.")
    pairs = mapped_attributes(provider.attribute_mapping, claims)
    return ExternalIdentity(provider, str(subject), pairs)
