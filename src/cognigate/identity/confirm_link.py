"""Sign-up confirmation by link (``DefaultEmailOption: CONFIRM_WITH_LINK``): the email carries a
link to the pool domain's ``confirmUser`` endpoint instead of a code to type back.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from cognigate.identity.model import UserPool
from cognigate.identity.ports import IdentityStore

LINK_OPTION = "CONFIRM_WITH_LINK"
#: Cognito's defaults, reported by DescribeUserPool for a pool confirming by link
DEFAULT_LINK_MESSAGE = (
    "Please click the link below to verify your email address. {##Verify Email##}"
)
DEFAULT_LINK_SUBJECT = "Your verification link"

#: code -> the confirmation URL that carries it
LinkBuilder = Callable[[str], str]


def confirms_by_link(pool: UserPool) -> bool:
    """Whether sign-up emails carry a confirmation link rather than a code."""
    template = pool.config.extras.get("VerificationMessageTemplate")
    return isinstance(template, Mapping) and template.get("DefaultEmailOption") == LINK_OPTION


def link_defaults(template: Mapping[str, object]) -> dict[str, object]:
    """A VerificationMessageTemplate with the by-link defaults filled in when it uses links."""
    if template.get("DefaultEmailOption") != LINK_OPTION:
        return dict(template)
    return {
        "EmailMessageByLink": DEFAULT_LINK_MESSAGE,
        "EmailSubjectByLink": DEFAULT_LINK_SUBJECT,
        **template,
    }


def link_builder(
    store: IdentityStore, pool: UserPool, *, base: str, client_id: str, username: str
) -> LinkBuilder | None:
    """How to build the ``confirmUser`` link of a sign-up code, or ``None`` for a code email.

    # Deviation: without a pool domain there is nowhere to link to; the code email is sent.
    """
    if not confirms_by_link(pool):
        return None
    domain = store.domains.for_pool(pool.id)
    if domain is None:
        return None
    endpoint = f"{base.rstrip('/')}/auth/{domain.domain}/confirmUser"

    def url(code: str) -> str:
        query = {"client_id": client_id, "user_name": username, "confirmation_code": code}
        return f"{endpoint}?{urlencode(query)}"

    return url
