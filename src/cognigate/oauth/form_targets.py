"""The origins a hosted-UI form submission may legitimately end up at, for the pages' CSP
``form-action`` (which governs every redirect that follows a submission, not only its target).

A sign-in form redirects to the client's callback; the client's logout URLs and the authorize
endpoints of the pool's OIDC providers are the other places a hosted page sends the browser.
When the callback is another pool's ``/oauth2/idpresponse`` on this server (pool federation),
that pool goes on to its own clients' callbacks, so their origins are allowed too.
https://www.w3.org/TR/CSP3/#directive-form-action
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from cognigate.core.errors import AwsError
from cognigate.identity.model import AppClient, IdentityProvider
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.service import IdentityService
from cognigate.oauth.http import origin_of

_PATH_FORM = re.compile(r"^/auth/([^/]+)/oauth2/idpresponse$")
_HOST_SUFFIX = ".auth.localhost"
_PAGE = 60


def form_targets(identity: IdentityService, auth: AuthorizationRequest) -> tuple[str, ...]:
    """Every origin a form on this request's pages may redirect to (``'self'`` aside)."""
    urls = list(_client_urls(auth.client))
    for url in list(urls):
        domain = _own_idp_response(identity, url)
        if domain is not None:
            urls.extend(_federating_clients_urls(identity, domain, auth.client.id))
    urls.extend(_provider_authorize_urls(identity, auth))
    return tuple(dict.fromkeys(origin_of(url) for url in urls if url))


def _client_urls(client: AppClient) -> Iterator[str]:
    yield from client.config.callback_urls or ()
    yield from client.config.logout_urls or ()


def _own_idp_response(identity: IdentityService, url: str) -> str | None:
    """The domain whose ``/oauth2/idpresponse`` this URL is, if it is one of ours."""
    parts = urlsplit(url)
    match = _PATH_FORM.match(parts.path)
    if match and url == identity.federation.callback_url(match.group(1)):
        domain: str | None = match.group(1)
    elif parts.path == "/oauth2/idpresponse" and (parts.hostname or "").endswith(_HOST_SUFFIX):
        domain = (parts.hostname or "").removesuffix(_HOST_SUFFIX)
    else:
        domain = None
    return domain if domain and identity.oauth.pool_id_of(domain) else None


def _federating_clients_urls(
    identity: IdentityService, domain: str, provider_client_id: str
) -> Iterator[str]:
    """Callback and logout URLs of the clients of ``domain``'s pool that sign in through an
    OIDC provider using ``provider_client_id``."""
    pool_id = identity.oauth.pool_id_of(domain)
    if pool_id is None:
        return
    names = {
        p.name for p in _providers(identity, pool_id)
        if p.type == "OIDC" and p.details.get("client_id") == provider_client_id
    }  # fmt: skip
    for client in _clients(identity, pool_id):
        if names & set(client.config.supported_identity_providers or ()):
            yield from _client_urls(client)


def _provider_authorize_urls(
    identity: IdentityService, auth: AuthorizationRequest
) -> Iterator[str]:
    for name in auth.providers:
        try:
            provider = identity.identity_providers.describe(auth.pool.id, name)
        except AwsError:
            continue
        if provider.type == "OIDC" and provider.details.get("authorize_url"):
            yield provider.details["authorize_url"]


def _providers(identity: IdentityService, pool_id: str) -> Iterable[IdentityProvider]:
    token: str | None = None
    while True:
        page = identity.identity_providers.list(pool_id, _PAGE, token)
        yield from page.items
        if page.next_token is None:
            return
        token = page.next_token


def _clients(identity: IdentityService, pool_id: str) -> Iterable[AppClient]:
    token: str | None = None
    while True:
        page = identity.clients.list(pool_id, _PAGE, token)
        yield from page.items
        if page.next_token is None:
            return
        token = page.next_token
