"""User pool pages: list, the create wizard, a pool's tabs, app clients and the domain."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from cognigate.console import wire, wizard
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.console.views import clients, pool_settings
from cognigate.core.errors import AwsError
from cognigate.identity.groups import NewGroup
from cognigate.identity.users import UserQuery


async def pool_list(page: Page) -> Response:
    result = await page.call(page.console.identity.pools.list, 60, None)
    return page.render("pools.html", pools=result.items)


def _step(page: Page) -> int:
    try:
        return max(1, min(len(wizard.STEPS), int(page.value("step") or "1")))
    except ValueError:
        return 1


async def pool_create(page: Page) -> Response:
    if page.request.method == "GET":
        return _wizard(page, dict(wizard.DEFAULTS), 1, None)
    state = wizard.state_from(page.form)
    step = _step(page)
    state = wizard.merge_step(state, step, page.form, page.form_lists)
    if "previous" in page.form:
        return _wizard(page, state, max(1, step - 1), None)
    problem = _check_step(state, step)
    if problem:
        return _wizard(page, state, step, problem)
    if step < len(wizard.STEPS):
        return _wizard(page, state, step + 1, None)
    return await _create(page, state)


def _check_step(state: dict[str, str], step: int) -> str | None:
    if step == 1 and not wizard.listed(state, "sign_in_options"):
        return "Select at least one Cognito user pool sign-in option."
    if step == 2 and state.get("mfa") != "none" and not wizard.listed(state, "mfa_methods"):
        return "Select at least one MFA method."
    return _check_app(state) if step == 5 else None


def _check_app(state: dict[str, str]) -> str | None:
    if not state.get("pool_name"):
        return "Enter a user pool name."
    if state.get("hosted_ui") and not state.get("domain_prefix"):
        return "Enter a Cognito domain prefix."
    if not state.get("client_name"):
        return "Enter an app client name."
    if state.get("hosted_ui") and not state.get("callback_url"):
        return "Enter an allowed callback URL."
    return None


def _wizard(page: Page, state: dict[str, str], step: int, error: str | None) -> Response:
    return page.render(
        "pool_wizard.html",
        status=400 if error else 200,
        state=state,
        step=step,
        steps=wizard.STEPS,
        error=error,
        listed=lambda n: wizard.listed(state, n),
        auth_flows=wizard.AUTH_FLOWS,
        scopes=wizard.SCOPES,
        requirable=wizard.STANDARD_REQUIRABLE,
    )


async def _create(page: Page, state: dict[str, str]) -> Response:
    identity = page.console.identity
    last = len(wizard.STEPS)
    name = state["pool_name"]
    prefix = state.get("domain_prefix", "") if state.get("hosted_ui") else ""
    if prefix and await page.call(identity.domains.describe, prefix) is not None:
        return _wizard(page, state, last, "Domain already exists.")
    try:
        config = wizard.pool_config(state)
    except ValueError:
        return _wizard(page, state, last, "Enter whole numbers for the password policy.")
    policy = {"PasswordPolicy": wire.password_policy(config.password_policy)}
    problem = page.invalid("cognito-idp", "CreateUserPool", {"PoolName": name, "Policies": policy})
    if problem is not None:
        return _wizard(page, state, last, problem)
    try:
        details = await page.call(
            identity.pools.create, name, config, {}, region=page.console.region
        )
    except AwsError as error:
        return _wizard(page, state, last, error_text(error))
    pool_id = details.pool.id
    change = wizard.mfa_change(state, page.console.account_id)
    if change is not None:
        await page.call(identity.mfa.set_pool_config, pool_id, change)
    problem = await _set_up(page, pool_id, prefix, wizard.client_choice(state))
    if problem is not None:
        await page.call(_undo, identity, pool_id, prefix)
        return _wizard(page, state, last, problem)
    return page.redirect(f"/console/pools/{pool_id}", notice="pool-created", name=name)


async def _set_up(page: Page, pool_id: str, prefix: str, choice: wizard.ClientChoice) -> str | None:
    """The new pool's domain and app client; what went wrong, if anything."""
    identity = page.console.identity
    client: dict[str, Any] = {"UserPoolId": pool_id, "ClientName": choice.name}
    if choice.config.callback_urls:
        client["CallbackURLs"] = list(choice.config.callback_urls)
    domain = {"UserPoolId": pool_id, "Domain": prefix}
    problem = (
        prefix and page.invalid("cognito-idp", "CreateUserPoolDomain", domain)
    ) or page.invalid("cognito-idp", "CreateUserPoolClient", client)
    if problem:
        return problem
    try:
        if prefix:
            await page.call(identity.domains.create, pool_id, prefix)
        await page.call(
            identity.clients.create,
            pool_id,
            choice.name,
            choice.config,
            generate_secret=choice.generate_secret,
        )
    except AwsError as error:
        return error_text(error)
    return None


def _undo(identity: Any, pool_id: str, prefix: str) -> None:
    """Remove a half-created pool (its domain first: a pool with a domain cannot be deleted)."""
    if prefix and identity.domains.for_pool(pool_id) is not None:
        identity.domains.delete(pool_id, prefix)
    identity.pools.delete(pool_id)


async def pool_detail(page: Page) -> Response:
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    tab = page.request.query_params.get("tab", "users")
    try:
        details = await page.call(identity.pools.describe, pool_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    values: dict[str, Any] = {}
    if tab == "users":
        values["users"] = (await page.call(identity.users.list_users, UserQuery(pool_id))).items
    elif tab == "groups":
        values["groups"] = (await page.call(identity.groups.list_groups, pool_id, 60, None)).items
    elif tab == "app-integration":
        values["clients"] = (await page.call(identity.clients.list, pool_id, 60, None)).items
    else:
        values = await page.call(pool_settings.tab_values, page, details.pool, tab)
    return pool_settings.render_pool(page, details, tab, values)


async def pool_delete(page: Page) -> Response:
    """Delete user pool, once the person typed the pool's name (as the AWS console asks)."""
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    if page.request.method == "GET":
        return _confirm_delete(page, pool)
    if page.value("confirm") != pool.name:
        return _confirm_delete(page, pool, "Enter the user pool name to confirm deletion.")
    try:
        await page.call(identity.pools.delete, pool_id)
    except AwsError as error:
        return _confirm_delete(page, pool, error_text(error))
    return page.redirect("/console/pools", notice="pool-deleted", name=pool.name)


def _confirm_delete(page: Page, pool: Any, error: str | None = None) -> Response:
    return page.render(
        "confirm_delete.html",
        status=400 if error else 200,
        pool=pool,
        kind="user pool",
        name=pool.name,
        action=f"/console/pools/{pool.id}/delete",
        error=error,
    )


async def domain_delete(page: Page) -> Response:
    """Delete the pool's Cognito domain (DeleteUserPoolDomain), once its name is typed."""
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    domain = await page.call(identity.domains.for_pool, pool_id)
    if domain is None:
        return _tab(page, pool_id, "app-integration", "error", "The user pool has no domain.")
    refused: str | None = None
    if page.request.method == "POST":
        if page.value("confirm") != domain.domain:
            refused = "Enter the domain name to confirm deletion."
        else:
            try:
                await page.call(identity.domains.delete, pool_id, domain.domain)
            except AwsError as failure:
                refused = error_text(failure)
            else:
                return _tab(page, pool_id, "app-integration", "domain-deleted", domain.domain)
    return page.render(
        "confirm_delete.html",
        status=400 if refused else 200,
        pool=pool,
        kind="Cognito domain",
        name=domain.domain,
        action=f"/console/pools/{pool_id}/domain/delete",
        error=refused,
    )


async def domain_create(page: Page) -> Response:
    pool_id = page.request.path_params["pool_id"]
    domain = page.value("domain")
    problem = page.invalid(
        "cognito-idp", "CreateUserPoolDomain", {"UserPoolId": pool_id, "Domain": domain}
    )
    if problem is not None:
        return _tab(page, pool_id, "app-integration", "error", problem)
    try:
        await page.call(page.console.identity.domains.create, pool_id, domain)
    except AwsError as error:
        return _tab(page, pool_id, "app-integration", "error", error_text(error))
    return _tab(page, pool_id, "app-integration", "domain-created", domain)


async def group_create(page: Page) -> Response:
    pool_id = page.request.path_params["pool_id"]
    name = page.value("group_name")
    params = {"UserPoolId": pool_id, "GroupName": name}
    if page.value("description"):
        params["Description"] = page.value("description")
    problem = page.invalid("cognito-idp", "CreateGroup", params)
    if problem is not None:
        return _tab(page, pool_id, "groups", "error", problem)
    try:
        await page.call(
            page.console.identity.groups.create_group,
            NewGroup(pool_id=pool_id, name=name, description=page.value("description") or None),
        )
    except AwsError as error:
        return _tab(page, pool_id, "groups", "error", error_text(error))
    return _tab(page, pool_id, "groups", "group-created", name)


def _tab(page: Page, pool_id: str, tab: str, notice: str, name: str) -> Response:
    return page.redirect(f"/console/pools/{pool_id}", tab=tab, notice=notice, name=name)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/pools", pool_list, ["GET"]),
        ("/pools/create", pool_create, ["GET", "POST"]),
        ("/pools/{pool_id}", pool_detail, ["GET"]),
        ("/pools/{pool_id}/delete", pool_delete, ["GET", "POST"]),
        ("/pools/{pool_id}/domain", domain_create, ["POST"]),
        ("/pools/{pool_id}/domain/delete", domain_delete, ["GET", "POST"]),
        ("/pools/{pool_id}/groups", group_create, ["POST"]),
        *clients.routes(),
        *pool_settings.routes(),
    ]
