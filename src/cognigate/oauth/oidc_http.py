"""The domain's ``OidcClient`` over HTTP (httpx): discovery, code redemption, JWKS, userInfo.

Calls block; the domain runs them on worker threads. Answers are bounded in size and time.
https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationRequest
"""

from __future__ import annotations

import logging

import httpx

from cognigate.identity.oidc_client import (
    JsonDocument,
    ProviderRefused,
    ProviderUnreachable,
    TokenRequest,
)

log = logging.getLogger(__name__)
TIMEOUT = 10.0
MAX_BYTES = 1 << 20


def _json(response: httpx.Response) -> JsonDocument:
    if len(response.content) > MAX_BYTES:
        raise ProviderUnreachable(f"{response.url}: answer too large")
    try:
        body = response.json()
    except ValueError as error:
        raise ProviderUnreachable(f"{response.url}: not JSON ({response.status_code})") from error
    if not isinstance(body, dict):
        raise ProviderUnreachable(f"{response.url}: not a JSON object")
    return body


class HttpOidcClient:
    """Implements ``identity.oidc_client.OidcClient`` with one pooled httpx client."""

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self._http = httpx.Client(timeout=TIMEOUT, transport=transport, follow_redirects=False)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> JsonDocument:
        try:
            response = self._http.get(url, headers=headers)
        except httpx.HTTPError as error:
            raise ProviderUnreachable(f"{url}: {error}") from error
        if response.status_code != 200:
            raise ProviderUnreachable(f"{url}: HTTP {response.status_code}")
        return _json(response)

    def discover(self, issuer: str) -> JsonDocument:
        return self._get(f"{issuer.rstrip('/')}/.well-known/openid-configuration")

    def jwks(self, uri: str) -> JsonDocument:
        return self._get(uri)

    def redeem(self, request: TokenRequest) -> JsonDocument:
        form = {"grant_type": "authorization_code", "code": request.code,
                "redirect_uri": request.redirect_uri, "client_id": request.client_id}  # fmt: skip
        auth: httpx.BasicAuth | None = None
        if request.client_secret is not None:
            if request.auth_method == "client_secret_basic":
                auth = httpx.BasicAuth(request.client_id, request.client_secret)
            else:
                form["client_secret"] = request.client_secret
        try:
            response = self._http.post(
                request.token_url, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT
            )
        except httpx.HTTPError as error:
            raise ProviderUnreachable(f"{request.token_url}: {error}") from error
        body = _json(response)
        if response.status_code != 200:
            error_code = body.get("error")
            description = body.get("error_description")
            raise ProviderRefused(
                str(error_code or f"HTTP {response.status_code}"),
                description if isinstance(description, str) else None,
            )
        return body

    def user_info(self, url: str, access_token: str, method: str) -> JsonDocument:
        headers = {"authorization": f"Bearer {access_token}"}
        if method.upper() != "POST":
            return self._get(url, headers)
        try:
            response = self._http.post(url, headers=headers)
        except httpx.HTTPError as error:
            raise ProviderUnreachable(f"{url}: {error}") from error
        if response.status_code != 200:
            raise ProviderUnreachable(f"{url}: HTTP {response.status_code}")
        return _json(response)
