"""Two pools on one server: pool B is an OIDC provider of pool A (provider ``PoolB``).

B has a domain, a confidential code-grant client whose callback is A's
``/oauth2/idpresponse``, and users; A has a domain, the provider and a client supporting it.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
from botocore.exceptions import ClientError

from tests.e2e.oauth.conftest import CALLBACK, CODE_CLIENT, NEW_PASSWORD, TIMEOUT, form_of
from tests.support import Server

PROVIDER = "PoolB"


@dataclass
class Federation:
    server: Server
    cognito: Any
    pool_a: str
    domain_a: str
    client_a: dict[str, Any]
    pool_b: str
    domain_b: str

    @property
    def base_a(self) -> str:
        return f"{self.server.url}/auth/{self.domain_a}"

    def authorize_url(self, **params: str) -> str:
        query = {"client_id": self.client_a["ClientId"], "response_type": "code",
                 "scope": "openid email profile", "redirect_uri": CALLBACK,
                 "identity_provider": PROVIDER, **params}  # fmt: skip
        return str(httpx.URL(f"{self.base_a}/oauth2/authorize", params=query))

    def user_b(self, username: str, email: str) -> str:
        """A confirmed user of pool B; its ``sub``."""
        created = self.cognito.admin_create_user(
            UserPoolId=self.pool_b, Username=username, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email}],
        )  # fmt: skip
        self.cognito.admin_set_user_password(
            UserPoolId=self.pool_b, Username=username, Password=NEW_PASSWORD, Permanent=True
        )
        attributes = {a["Name"]: a["Value"] for a in created["User"]["Attributes"]}
        return str(attributes["sub"])

    def redeem(self, code: str) -> dict[str, Any]:
        """A's tokens for a code issued to A's client."""
        answer = httpx.post(
            f"{self.base_a}/oauth2/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK},
            auth=(self.client_a["ClientId"], self.client_a["ClientSecret"]),
            timeout=TIMEOUT,
        )
        answer.raise_for_status()
        body: dict[str, Any] = answer.json()
        return body


def build(server: Server) -> Iterator[Federation]:
    cognito = server.client("cognito-idp", region="us-west-2")
    suffix = f"{secrets.randbelow(10**9):09d}"
    pool_b = cognito.create_user_pool(PoolName="idp-pool")["UserPool"]["Id"]
    pool_a = cognito.create_user_pool(PoolName="app-pool")["UserPool"]["Id"]
    domain_a, domain_b = f"fedapp{suffix}", f"fedidp{suffix}"
    cognito.create_user_pool_domain(Domain=domain_b, UserPoolId=pool_b)
    cognito.create_user_pool_domain(Domain=domain_a, UserPoolId=pool_a)
    idp_client = cognito.create_user_pool_client(
        UserPoolId=pool_b, **{**CODE_CLIENT,
                              "CallbackURLs": [f"{server.url}/auth/{domain_a}/oauth2/idpresponse"]},
    )["UserPoolClient"]  # fmt: skip
    cognito.create_identity_provider(
        UserPoolId=pool_a, ProviderName=PROVIDER, ProviderType="OIDC",
        ProviderDetails={"client_id": idp_client["ClientId"],
                         "client_secret": idp_client["ClientSecret"],
                         "authorize_scopes": "openid email profile",
                         "oidc_issuer": f"{server.url}/{pool_b}",
                         "attributes_request_method": "GET"},
        AttributeMapping={"email": "email"},
    )  # fmt: skip
    client_a = cognito.create_user_pool_client(
        UserPoolId=pool_a, **{**CODE_CLIENT, "SupportedIdentityProviders": ["COGNITO", PROVIDER]}
    )["UserPoolClient"]
    yield Federation(server, cognito, pool_a, domain_a, client_a, pool_b, domain_b)
    for pool, domain in ((pool_a, domain_a), (pool_b, domain_b)):
        with contextlib.suppress(ClientError):
            cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool)
        with contextlib.suppress(ClientError):
            cognito.delete_user_pool(UserPoolId=pool)


def follow(http: httpx.Client, response: httpx.Response, stop: str = CALLBACK) -> httpx.Response:
    """Follow redirects until one points at ``stop`` (which is not fetched)."""
    for _ in range(10):
        location = response.headers.get("location")
        if response.status_code not in (302, 303) or location is None:
            return response
        if location.startswith(stop):
            return response
        response = http.get(str(response.url.join(location)))
    raise AssertionError("too many redirects")


def sign_in_at_b(
    http: httpx.Client, start: str, username: str, stop: str = CALLBACK
) -> httpx.Response:
    """From A's authorize URL through B's sign-in form: the answer that leaves for ``stop``
    (the app's callback, or A's ``/oauth2/idpresponse``)."""
    page = follow(http, http.get(start))
    action, csrf = form_of(page)
    form = {"_csrf": csrf, "username": username, "password": NEW_PASSWORD}
    return follow(http, http.post(action, data=form), stop)


def idp_callback(fed: Federation, http: httpx.Client, username: str) -> str:
    """The URL B sends the browser back to (A's idpresponse with a genuine code and state)."""
    answer = sign_in_at_b(http, fed.authorize_url(), username, f"{fed.base_a}/oauth2/idpresponse")
    return str(answer.headers["location"])


def query_of(response: httpx.Response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def claims_of(token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return decoded
