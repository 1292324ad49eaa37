"""Checks of an authorization request (``/oauth2/authorize``, ``/login``, ``/logout``).

https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
RFC 6749 §4.1.1/§4.2.1, PKCE RFC 7636 §4.3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.oauth_errors import (
    InvalidRequest,
    InvalidScope,
    OAuthError,
    RedirectMismatch,
    UnauthorizedClient,
    UnsupportedResponseType,
)
from cognigate.identity.ports import IdentityStore

#: the OAuth query parameters every hosted page accepts and passes on, in Cognito's order
OAUTH_PARAMS = (
    "client_id", "response_type", "scope", "redirect_uri", "state", "code_challenge",
    "code_challenge_method", "nonce", "lang", "identity_provider", "idp_identifier", "prompt",
)  # fmt: skip
FLOW_OF_RESPONSE_TYPE = {"code": "code", "token": "implicit"}
OIDC_CLAIM_SCOPES = frozenset({"email", "phone", "profile"})


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """A checked request: who asks, where to answer, and what is granted."""

    pool: UserPool
    client: AppClient
    redirect_uri: str
    response_type: str
    scopes: tuple[str, ...]
    state: str | None = None
    nonce: str | None = None
    code_challenge: str | None = None
    #: the third-party IdP asked for (``identity_provider``/``idp_identifier``), if any
    identity_provider: str | None = None
    #: the client's third-party IdPs that exist in the pool (buttons on the sign-in page)
    providers: tuple[str, ...] = ()

    @property
    def scope(self) -> str:
        return " ".join(self.scopes)


class LoginOptionUnavailable(Exception):
    """AWS parity: an ``identity_provider``/``idp_identifier`` the client cannot use gets the
    hosted page "Login option is not available. Please try another one."."""


class RedirectableError(Exception):
    """An OAuth error that goes back to the (verified) redirect URI."""

    def __init__(self, error: OAuthError, redirect_uri: str, state: str | None) -> None:
        super().__init__(error.error)
        self.error = error
        self.redirect_uri = redirect_uri
        self.state = state


def resolve_client(
    store: IdentityStore, domain: str, client_id: str | None
) -> tuple[UserPool, AppClient]:
    """The pool behind the domain and its client.

    :raises RedirectMismatch: unknown domain, pool or client.
    """
    record = store.domains.get(domain)
    client = store.clients.get(record.pool_id, client_id) if record and client_id else None
    pool = store.pools.get(record.pool_id) if record else None
    if pool is None or client is None:
        raise RedirectMismatch(client_id or "", "unknown domain or client")
    return pool, client


def check_redirect_uri(client: AppClient, redirect_uri: str | None) -> str:
    """The redirect URI if it exactly matches a registered callback URL.

    :raises RedirectMismatch: missing or not registered.
    """
    if not redirect_uri or redirect_uri not in (client.config.callback_urls or ()):
        raise RedirectMismatch(client.id, "redirect_uri is not a registered callback URL")
    return redirect_uri


def granted_scopes(client: AppClient, requested: str | None) -> tuple[str, ...]:
    """Requested scopes the client may have (all allowed ones if none are requested).

    ``email``, ``phone`` and ``profile`` are dropped without ``openid``.

    :raises InvalidScope: nothing left to grant.
    """
    allowed = client.config.allowed_oauth_scopes or ()
    wanted = (requested or "").replace("+", " ").split()
    scopes = [s for s in allowed if s in wanted] if wanted else list(allowed)
    if "openid" not in scopes:
        scopes = [s for s in scopes if s not in OIDC_CLAIM_SCOPES]
    if not scopes:
        raise InvalidScope("Invalid scope requested")
    return tuple(scopes)


def _check_flow(client: AppClient, response_type: str | None) -> str:
    if not response_type:
        raise InvalidRequest("response_type is required")
    flow = FLOW_OF_RESPONSE_TYPE.get(response_type)
    if flow is None:
        raise UnsupportedResponseType("response_type must be code or token")
    config = client.config
    if not config.allowed_oauth_flows_user_pool_client or flow not in (
        config.allowed_oauth_flows or ()
    ):
        raise UnauthorizedClient("Client is not allowed to use this response_type")
    return response_type


def _usable_providers(store: IdentityStore, client: AppClient) -> tuple[str, ...]:
    """The client's SupportedIdentityProviders other than COGNITO that exist in the pool."""
    return tuple(
        name for name in client.config.supported_identity_providers or ()
        if name != "COGNITO" and store.identity_providers.get(client.pool_id, name) is not None
    )  # fmt: skip


def _chosen_provider(
    store: IdentityStore, client: AppClient, params: Mapping[str, str], usable: tuple[str, ...]
) -> str | None:
    """The third-party IdP the request names (``None`` for COGNITO or none).

    :raises LoginOptionUnavailable: a provider or identifier the client cannot use.
    """
    chosen = params.get("identity_provider")
    identifier = params.get("idp_identifier")
    if not chosen and identifier:
        found = store.identity_providers.by_identifier(client.pool_id, identifier)
        chosen = found.name if found is not None else None
        if chosen is None:
            raise LoginOptionUnavailable(identifier)
    if not chosen or chosen == "COGNITO":
        return None
    if chosen not in usable:
        raise LoginOptionUnavailable(chosen)
    return chosen


def _check_provider(client: AppClient, chosen: str | None, usable: tuple[str, ...]) -> None:
    providers = client.config.supported_identity_providers or ()
    if chosen is None and "COGNITO" not in providers and not usable:
        raise UnauthorizedClient("Client does not support the COGNITO identity provider")


def _check_pkce(params: Mapping[str, str]) -> str | None:
    challenge = params.get("code_challenge") or None
    method = params.get("code_challenge_method") or None
    if method is not None and method != "S256":
        raise InvalidRequest("code_challenge_method must be S256")
    if (challenge is None) != (method is None):
        raise InvalidRequest("code_challenge and code_challenge_method go together")
    return challenge


def check_authorization(
    store: IdentityStore, domain: str, params: Mapping[str, str]
) -> AuthorizationRequest:
    """Every check of an authorization request, in AWS's order.

    :raises RedirectMismatch: cannot be answered at the redirect URI (show the error page).
    :raises LoginOptionUnavailable: an IdP the client cannot use (show the error page).
    :raises RedirectableError: a bad request the client hears about at its redirect URI.
    """
    pool, client = resolve_client(store, domain, params.get("client_id"))
    redirect_uri = check_redirect_uri(client, params.get("redirect_uri"))
    state = params.get("state") or None
    usable = _usable_providers(store, client)
    try:
        response_type = _check_flow(client, params.get("response_type"))
        chosen = _chosen_provider(store, client, params, usable)
        _check_provider(client, chosen, usable)
        challenge = _check_pkce(params) if response_type == "code" else None
        scopes = granted_scopes(client, params.get("scope"))
    except OAuthError as error:
        raise RedirectableError(error, redirect_uri, state) from error
    return AuthorizationRequest(
        pool=pool,
        client=client,
        redirect_uri=redirect_uri,
        response_type=response_type,
        scopes=scopes,
        state=state,
        nonce=params.get("nonce") or None,
        code_challenge=challenge,
        identity_provider=chosen,
        providers=usable,
    )


def oauth_query(params: Mapping[str, str]) -> dict[str, str]:
    """The OAuth parameters of a request, to carry from page to page."""
    return {name: params[name] for name in OAUTH_PARAMS if params.get(name)}
