"""``GET /confirmUser``: the link of a CONFIRM_WITH_LINK sign-up email confirms the user.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.service import IdentityService
from cognigate.oauth.hosted_ui.pages import error_page, notice_page

#: the page a confirmed user sees (AWS's hosted confirmation page wording)
CONFIRMED = "Your registration has been confirmed!"


async def confirm_user(request: Request, identity: IdentityService) -> Response:
    """Confirm the user the link names; AWS's error text (e.g. a second click) otherwise."""
    query = request.query_params
    client_id = query.get("client_id", "")
    username = query.get("user_name", "")
    code = query.get("confirmation_code", "")
    if not (client_id and username and code):
        return error_page(request)
    try:
        await run_in_threadpool(
            identity.confirmation.confirm_by_link,
            request.path_params["domain"],
            client_id,
            username,
            code,
        )
    except AwsError as error:
        return error_page(request, error.message)
    return notice_page(request, "confirm_user.html", CONFIRMED)
