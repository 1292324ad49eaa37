"""Fixtures for the hosted UI and OAuth tests: the lab's pool, domain and app clients."""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.support import Server

REGION = "us-west-2"
LAB_PASSWORD = "Lab-Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd!"
CALLBACK = "https://example.com/callback"
#: generous: the test machine may be busy (RSA key generation on first use, shared CPUs)
TIMEOUT = 30.0

LAB_POOL: dict[str, Any] = {
    "PoolName": "cognito-lab-pool",
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
            "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7,
        }
    },
    "AliasAttributes": ["preferred_username"],
    "AutoVerifiedAttributes": ["email"],
    "UsernameConfiguration": {"CaseSensitive": False},
    "MfaConfiguration": "OFF",
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
    "Schema": [{"Name": "email", "AttributeDataType": "String", "Mutable": True, "Required": True}],
}  # fmt: skip

LAB_CLIENT: dict[str, Any] = {
    "ClientName": "lab-api-client",
    "GenerateSecret": False,
    "RefreshTokenValidity": 30, "AccessTokenValidity": 60, "IdTokenValidity": 60,
    "TokenValidityUnits": {"RefreshToken": "days", "AccessToken": "minutes", "IdToken": "minutes"},
    "ExplicitAuthFlows": ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": [CALLBACK],
    "AllowedOAuthFlows": ["implicit"],
    "AllowedOAuthScopes": ["email", "openid", "phone"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "AuthSessionValidity": 3,
}  # fmt: skip

#: a confidential authorization-code client (what an OIDC web application registers)
CODE_CLIENT: dict[str, Any] = {
    "ClientName": "web-app",
    "GenerateSecret": True,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["http://localhost:8000/callback", CALLBACK],
    "LogoutURLs": ["http://localhost:8000/bye"],
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "PreventUserExistenceErrors": "ENABLED",
}


@dataclass
class HostedPool:
    """A pool with a domain, reachable at ``base`` (the path form of the hosted UI)."""

    server: Server
    cognito: Any
    pool_id: str
    domain: str
    clients: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.server.url}/auth/{self.domain}"

    @property
    def issuer(self) -> str:
        return f"{self.server.url}/{self.pool_id}"

    def client(self, name: str, **overrides: Any) -> dict[str, Any]:
        """Create (once) an app client from a template plus overrides; its description."""
        if name not in self.clients:
            template = {"lab": LAB_CLIENT, "code": CODE_CLIENT}[name.split(":", maxsplit=1)[0]]
            created = self.cognito.create_user_pool_client(
                UserPoolId=self.pool_id, **{**template, **overrides}
            )
            self.clients[name] = created["UserPoolClient"]
        return self.clients[name]

    def user(self, username: str, *, password: str = NEW_PASSWORD, email: str | None = None,
             temporary: bool = False) -> str:  # fmt: skip
        """An admin-created user; CONFIRMED with ``password`` unless ``temporary``."""
        attributes = [{"Name": "email", "Value": email}] if email else []
        self.cognito.admin_create_user(
            UserPoolId=self.pool_id, Username=username, MessageAction="SUPPRESS",
            TemporaryPassword=LAB_PASSWORD, UserAttributes=attributes,
        )  # fmt: skip
        if not temporary:
            self.cognito.admin_set_user_password(
                UserPoolId=self.pool_id, Username=username, Password=password, Permanent=True
            )
        return username

    def authorize_url(self, client_id: str, page: str = "oauth2/authorize", **params: str) -> str:
        query = {"client_id": client_id, "response_type": "code", "scope": "openid email",
                 "redirect_uri": CALLBACK, **params}  # fmt: skip
        return f"{self.base}/{page}?{urlencode(query)}"


@pytest.fixture(scope="module")
def hosted(server: Server) -> Iterator[HostedPool]:
    """The lab's pool (Task 1) with a unique domain; deleted afterwards."""
    cognito = server.client("cognito-idp", region=REGION)
    pool_id = cognito.create_user_pool(**LAB_POOL)["UserPool"]["Id"]
    domain = f"lab{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    yield HostedPool(server, cognito, pool_id, domain)
    with contextlib.suppress(ClientError):
        cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    with contextlib.suppress(ClientError):
        cognito.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture(scope="module")
def mfa_pool(server: Server) -> Iterator[tuple[Any, str, str, str]]:
    """(cognito, pool id, domain, client id) of a pool requiring TOTP MFA."""
    cognito = server.client("cognito-idp", region=REGION)
    pool_id = cognito.create_user_pool(PoolName="mfa-pool")["UserPool"]["Id"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    domain = f"mfa{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    client = cognito.create_user_pool_client(UserPoolId=pool_id, **CODE_CLIENT)
    yield cognito, pool_id, domain, client["UserPoolClient"]["ClientId"]
    with contextlib.suppress(ClientError):
        cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
        cognito.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture
def unique_name() -> Callable[[str], str]:
    return lambda prefix: f"{prefix}{secrets.token_hex(4)}"


_CSRF = re.compile(r'name="_csrf" value="([^"]+)"')
_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


def form_of(page: httpx.Response) -> tuple[str, str]:
    """(absolute action URL, _csrf value) of the first form on a hosted page."""
    csrf = _CSRF.search(page.text)
    action = _ACTION.search(page.text)
    if csrf is None or action is None:
        raise AssertionError(f"no form on the page: {page.status_code} {page.text[:500]}")
    target = action.group(1).replace("&amp;", "&")
    return str(page.url.join(target)), csrf.group(1)


def sign_in(http: httpx.Client, url: str, username: str, password: str) -> httpx.Response:
    """Open ``url`` (authorize or login), submit the sign-in form; the response to the POST."""
    page = http.get(url, follow_redirects=True)
    action, csrf = form_of(page)
    form = {"_csrf": csrf, "username": username, "password": password,
            "cognitoAsfData": "", "signInSubmitButton": "Sign in"}  # fmt: skip
    return http.post(action, data=form)
