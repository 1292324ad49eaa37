"""User pages: create user (console choices as AdminCreateUser), detail and actions."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError
from cognigate.identity.users import NewUser


def _create_request(page: Page, pool_id: str) -> NewUser:
    username = page.value("username")
    attributes: list[tuple[str, str]] = []
    email = page.value("email")
    # AWS parity: the console sends "Mark ... as verified" only with the address it marks
    # (the lab's user, created with the box ticked and no email, has no email_verified claim).
    if email:
        attributes.append(("email", email))
        if page.checked("email_verified"):
            attributes.append(("email_verified", "true"))
    phone = page.value("phone_number")
    if phone:
        attributes.append(("phone_number", phone))
        if page.checked("phone_verified"):
            attributes.append(("phone_number_verified", "true"))
    send = page.value("invitation", "none") != "none"
    password = page.value("password") if page.value("password_mode") == "set" else None
    return NewUser(
        pool_id=pool_id,
        username=username,
        attributes=tuple(attributes),
        temporary_password=password or None,
        message_action=None if send else "SUPPRESS",
        delivery_mediums=("EMAIL",) if page.value("invitation") == "email" else ("SMS",),
    )


def _create_members(request: NewUser) -> dict[str, Any]:
    """AdminCreateUser's wire-format members for the typed-in values of ``request``."""
    members: dict[str, Any] = {
        "UserPoolId": request.pool_id,
        "Username": request.username,
        "UserAttributes": [{"Name": name, "Value": value} for name, value in request.attributes],
    }
    if request.temporary_password is not None:
        members["TemporaryPassword"] = request.temporary_password
    return members


async def _pool_name(page: Page, pool_id: str) -> str:
    """The pool's name for the breadcrumbs. :raises ResourceNotFoundException:"""
    return str((await page.call(page.console.identity.pools.describe, pool_id)).pool.name)


async def user_create(page: Page) -> Response:
    pool_id = page.request.path_params["pool_id"]
    try:
        pool_name = await _pool_name(page, pool_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    if page.request.method == "GET":
        return page.render(
            "user_create.html", pool_id=pool_id, pool_name=pool_name, error=None, form={}
        )
    request = _create_request(page, pool_id)
    problem = page.invalid("cognito-idp", "AdminCreateUser", _create_members(request))
    if problem is None:
        try:
            user = await page.call(page.console.identity.users.admin_create_user, request)
        except AwsError as error:
            problem = error_text(error)
        else:
            return page.redirect(
                f"/console/pools/{pool_id}", tab="users", notice="user-created", name=user.username
            )
    return page.render(
        "user_create.html",
        status=400,
        pool_id=pool_id,
        pool_name=pool_name,
        error=problem,
        form=page.form,
    )


async def user_detail(page: Page) -> Response:
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    username = page.request.path_params["username"]
    try:
        pool_name = await _pool_name(page, pool_id)
        user = await page.call(identity.users.admin_get_user, pool_id, username)
        groups = await page.call(identity.groups.groups_of, pool_id, username)
        all_groups = (await page.call(identity.groups.list_groups, pool_id, 60, None)).items
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    return page.render(
        "user_detail.html",
        pool_id=pool_id,
        pool_name=pool_name,
        user=user,
        groups=groups,
        all_groups=all_groups,
    )


async def user_action(page: Page) -> Response:
    users = page.console.identity.users
    pool_id = page.request.path_params["pool_id"]
    username = page.request.path_params["username"]
    action = page.request.path_params["action"]
    back = f"/console/pools/{pool_id}/users/{username}"
    try:
        if action == "delete":
            await page.call(users.admin_delete_user, pool_id, username)
            return page.redirect(
                f"/console/pools/{pool_id}", tab="users", notice="user-deleted", name=username
            )
        if action == "enable":
            await page.call(users.admin_enable_user, pool_id, username)
        elif action == "disable":
            await page.call(users.admin_disable_user, pool_id, username)
        elif action == "reset-password":
            await page.call(users.admin_reset_user_password, pool_id, username)
        elif action == "add-to-group":
            await page.call(
                page.console.identity.groups.admin_add_user_to_group,
                pool_id,
                username,
                page.value("group"),
            )
        else:
            return page.finish(html_error("Unknown action.", 404))
    except AwsError as error:
        return page.redirect(back, notice="error", name=error_text(error))
    return page.redirect(back, notice=f"user-{action}", name=username)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/pools/{pool_id}/users/create", user_create, ["GET", "POST"]),
        ("/pools/{pool_id}/users/{username}", user_detail, ["GET"]),
        ("/pools/{pool_id}/users/{username}/{action}", user_action, ["POST"]),
    ]
