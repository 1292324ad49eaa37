"""App clients: detail ("View Hosted UI"), Create app client and editing one's settings
through the domain call UpdateUserPoolClient uses (it replaces the whole configuration, so the
form starts from the client's current one).
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote, urlencode

from starlette.responses import Response

from cognigate.console import wire, wizard
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError
from cognigate.identity.model import AppClient, ClientConfig, Domain

GRANT_TYPES = (
    ("code", "Authorization code grant"),
    ("implicit", "Implicit grant"),
    ("client_credentials", "Client credentials"),
)
UNITS = ("minutes", "hours", "days")
#: form field -> (ClientConfig member, TokenValidityUnits key, label, default value, unit)
TOKENS = (
    ("refresh", "refresh_token_validity", "RefreshToken", "Refresh token expiration", 30, "days"),
    ("access", "access_token_validity", "AccessToken", "Access token expiration", 60, "minutes"),
    ("id", "id_token_validity", "IdToken", "ID token expiration", 60, "minutes"),
)
#: AWS's units when a validity is set without TokenValidityUnits
_DEFAULT_UNITS = {"RefreshToken": "days", "AccessToken": "hours", "IdToken": "hours"}


def hosted_ui_url(base_url: str, domain: Domain | None, client: AppClient) -> str | None:
    """The console's "View Hosted UI" link: the real hosted UI of the pool's domain."""
    config = client.config
    if domain is None or not config.callback_urls or not config.allowed_oauth_flows:
        return None
    response_type = "code" if "code" in config.allowed_oauth_flows else "token"
    query = urlencode(
        {
            "client_id": client.id,
            "response_type": response_type,
            "scope": " ".join(config.allowed_oauth_scopes or ()),
            "redirect_uri": config.callback_urls[0],
        },
        quote_via=quote,
    ).replace("%20", "+")
    return f"{base_url.rstrip('/')}/auth/{domain.domain}/login?{query}"


def form_values(name: str, config: ClientConfig) -> dict[str, Any]:
    """The edit form's fields for a client's current settings."""
    units = dict(config.token_validity_units or {})
    values: dict[str, Any] = {
        "client_name": name,
        "auth_flows": list(config.explicit_auth_flows or ()),
        "callback_urls": "\n".join(config.callback_urls or ()),
        "logout_urls": "\n".join(config.logout_urls or ()),
        "grant_types": list(config.allowed_oauth_flows or ()),
        "scopes": list(config.allowed_oauth_scopes or ()),
    }
    for field, member, key, _, default, unit in TOKENS:
        given = getattr(config, member)
        values[field] = str(given if given is not None else default)
        values[f"{field}_unit"] = units.get(key) or (_DEFAULT_UNITS[key] if given else unit)
    return values


def _lines(text: str) -> tuple[str, ...] | None:
    urls = tuple(u.strip() for u in text.replace(",", "\n").splitlines() if u.strip())
    return urls or None


def _validity(page: Page, field: str, label: str) -> int:
    try:
        return int(page.value(field))
    except ValueError:
        raise ValueError(f"{label}: enter a whole number.") from None


def config_from(page: Page, current: ClientConfig) -> ClientConfig:
    """``current`` with the form's settings (other settings kept as they are).

    :raises ValueError: a token expiration is not a whole number.
    """
    grants = tuple(page.values("grant_types"))
    units = {key: page.value(f"{field}_unit") for field, _, key, *_ in TOKENS}
    refresh, access, id_token = (_validity(page, field, label) for field, _, _, label, *_ in TOKENS)
    return replace(
        current,
        explicit_auth_flows=tuple(page.values("auth_flows")),
        callback_urls=_lines(page.value("callback_urls")),
        logout_urls=_lines(page.value("logout_urls")),
        allowed_oauth_flows=grants or None,
        allowed_oauth_scopes=tuple(page.values("scopes")) or None,
        allowed_oauth_flows_user_pool_client=bool(grants),
        supported_identity_providers=current.supported_identity_providers or ("COGNITO",),
        token_validity_units=units,
        refresh_token_validity=refresh,
        access_token_validity=access,
        id_token_validity=id_token,
    )


def _scopes(values: dict[str, Any]) -> list[str]:
    """The standard scopes and any custom one the client already has."""
    return [*wizard.SCOPES, *(s for s in values["scopes"] if s not in wizard.SCOPES)]


def _form(page: Page, pool_id: str, values: dict[str, Any], **extra: Any) -> Response:
    status = 400 if extra.get("error") else 200
    return page.render(
        "client_form.html",
        status=status,
        pool_id=pool_id,
        pool_name=extra.pop("pool_name"),
        values=values,
        auth_flows=wizard.AUTH_FLOWS,
        grant_types=GRANT_TYPES,
        scopes=_scopes(values),
        tokens=TOKENS,
        units=UNITS,
        **{"client": None, "error": None} | extra,
    )


def _typed(page: Page) -> dict[str, Any]:
    values: dict[str, Any] = {name: page.value(name) for name in ("client_name", "callback_urls")}
    values["logout_urls"] = page.value("logout_urls")
    for name in ("auth_flows", "grant_types", "scopes"):
        values[name] = page.values(name)
    for field, *_ in TOKENS:
        values[field] = page.value(field)
        values[f"{field}_unit"] = page.value(f"{field}_unit")
    values["secret"] = page.value("secret")
    return values


async def client_detail(page: Page) -> Response:
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    client_id = page.request.path_params["client_id"]
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
        client = await page.call(identity.clients.describe, pool_id, client_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    domain = await page.call(identity.domains.for_pool, pool_id)
    return page.render(
        "client_detail.html",
        client=client,
        pool_id=pool_id,
        pool_name=pool.name,
        domain=domain,
        hosted_ui=hosted_ui_url(page.console.base_url, domain, client),
    )


async def client_edit(page: Page) -> Response:
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    client_id = page.request.path_params["client_id"]
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
        client = await page.call(identity.clients.describe, pool_id, client_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    shown = {"pool_name": pool.name, "client": client}
    if page.request.method == "GET":
        return _form(page, pool_id, form_values(client.name, client.config), **shown)
    name = page.value("client_name")
    try:
        config = config_from(page, client.config)
    except ValueError as wrong:
        return _form(page, pool_id, _typed(page), error=str(wrong), **shown)
    members = {"UserPoolId": pool_id, "ClientId": client_id, "ClientName": name}
    refused = page.invalid("cognito-idp", "UpdateUserPoolClient", members | wire.client(config))
    if refused is None:
        try:
            await page.call(identity.clients.update, pool_id, client_id, config, name=name)
        except AwsError as failure:
            refused = error_text(failure)
    if refused is not None:
        return _form(page, pool_id, _typed(page), error=refused, **shown)
    back = f"/console/pools/{pool_id}/clients/{client_id}"
    return page.redirect(back, notice="client-updated", name=name)


async def client_create(page: Page) -> Response:
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    start = wizard.client_choice({**wizard.DEFAULTS, "hosted_ui": "on"}).config
    if page.request.method == "GET":
        values = form_values("", start) | {"secret": "none"}
        return _form(page, pool_id, values, pool_name=pool.name)
    name = page.value("client_name")
    generate = page.value("secret") == "generate"
    try:
        config = config_from(page, start)
    except ValueError as wrong:
        return _form(page, pool_id, _typed(page), error=str(wrong), pool_name=pool.name)
    members = {"UserPoolId": pool_id, "ClientName": name, "GenerateSecret": generate}
    refused = page.invalid("cognito-idp", "CreateUserPoolClient", members | wire.client(config))
    if refused is None:
        try:
            client = await page.call(
                identity.clients.create, pool_id, name, config, generate_secret=generate
            )
        except AwsError as failure:
            refused = error_text(failure)
        else:
            back = f"/console/pools/{pool_id}/clients/{client.id}"
            return page.redirect(back, notice="client-created", name=client.name)
    return _form(page, pool_id, _typed(page), error=refused, pool_name=pool.name)


def routes() -> list[tuple[str, Handler, list[str]]]:
    base = "/pools/{pool_id}/clients"
    return [
        (base + "/create", client_create, ["GET", "POST"]),
        (base + "/{client_id}", client_detail, ["GET"]),
        (base + "/{client_id}/edit", client_edit, ["GET", "POST"]),
    ]
