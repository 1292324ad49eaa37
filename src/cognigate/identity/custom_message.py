"""The CustomMessage trigger: a function rewrites the email/SMS Cognito is about to send.

``custom_message(...)`` gives a ``messages.Customizer`` to pass to ``messages.compose``.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
"""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.identity import messages
from cognigate.identity.auth.lambda_triggers import response_of, user_attributes
from cognigate.identity.context import Deps
from cognigate.identity.model import User, UserPool
from cognigate.identity.triggers import envelope, run_trigger, trigger_function

CODE_PARAMETER = "{####}"
USERNAME_PARAMETER = "{username}"
LINK_PARAMETER = "{##Click Here##}"

#: outbox ``kind`` -> the trigger source AWS uses when nothing more specific is known
SOURCES = {
    messages.INVITATION: "CustomMessage_AdminCreateUser",
    messages.PASSWORD_RESET: "CustomMessage_ForgotPassword",
    messages.ATTRIBUTE_VERIFICATION: "CustomMessage_VerifyUserAttribute",
    "confirmation": "CustomMessage_SignUp",
    "mfa_code": "CustomMessage_Authentication",
}


def _text(response: Mapping[str, object], key: str, default: str) -> str:
    value = response.get(key)
    return value if isinstance(value, str) and value else default


def custom_message(
    deps: Deps,
    pool: UserPool,
    *,
    client_id: str | None = None,
    source: str | None = None,
    client_metadata: Mapping[str, str] | None = None,
) -> messages.Customizer:
    """The hook running the pool's CustomMessage trigger (``source``: e.g.
    ``CustomMessage_ResendCode``; by default derived from the message kind).

    :raises UserLambdaValidationException: the function failed.
    """

    def customize(user: User, delivery: messages.Delivery) -> messages.Template | None:
        trigger_source = source or SOURCES.get(delivery.kind)
        if trigger_source is None or trigger_function(pool, "CustomMessage") is None:
            return None
        request: dict[str, object] = {
            "userAttributes": user_attributes(user),
            "codeParameter": CODE_PARAMETER,
            "linkParameter": LINK_PARAMETER,
            "usernameParameter": (
                USERNAME_PARAMETER if trigger_source == "CustomMessage_AdminCreateUser" else None
            ),
            "clientMetadata": dict(client_metadata or {}),
        }
        event = envelope(
            pool,
            trigger_source=trigger_source,
            username=user.username,
            client_id=client_id,
            request=request,
        )
        answer = response_of(run_trigger(deps.functions, pool, "CustomMessage", event))
        template = delivery.template
        return messages.Template(
            email_subject=_text(answer, "emailSubject", template.email_subject),
            email_message=_text(answer, "emailMessage", template.email_message),
            sms_message=_text(answer, "smsMessage", template.sms_message),
        )

    return customize
