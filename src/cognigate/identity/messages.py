"""Messages Cognito would send by email or SMS, rendered from the pool's templates.

cognigate delivers nothing: every message goes to the outbox, in the same unit of work as the
user change that caused it.
https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-message-templates.html
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from cognigate.identity.model import OutboxMessage, User, UserPool

DEFAULT_INVITE_MESSAGE = "Your username is {username} and temporary password is {####}."
DEFAULT_INVITE_SUBJECT = "Your temporary password"
DEFAULT_CODE_MESSAGE = "Your verification code is {####}."
DEFAULT_CODE_SUBJECT = "Your verification code"

#: ``{##Verify Email##}``: the text of the confirmation link in a by-link email
_LINK_PLACEHOLDER = re.compile(r"\{##(.*?)##\}", re.DOTALL)

INVITATION = "invitation"
PASSWORD_RESET = "password_reset"
ATTRIBUTE_VERIFICATION = "attribute_verification"

#: delivery medium -> the attribute holding its destination
MEDIUM_ATTRIBUTE = {"EMAIL": "email", "SMS": "phone_number"}


@dataclass(frozen=True, slots=True)
class Template:
    email_subject: str
    email_message: str
    sms_message: str


def _text(values: Mapping[str, object] | None, key: str, default: str) -> str:
    value = values.get(key) if values else None
    return value if isinstance(value, str) and value else default


def invite_template(pool: UserPool) -> Template:
    """The pool's InviteMessageTemplate, with Cognito's defaults for what it leaves out."""
    given = pool.config.invite_message_template
    return Template(
        email_subject=_text(given, "EmailSubject", DEFAULT_INVITE_SUBJECT),
        email_message=_text(given, "EmailMessage", DEFAULT_INVITE_MESSAGE),
        sms_message=_text(given, "SMSMessage", DEFAULT_INVITE_MESSAGE),
    )


def code_template(pool: UserPool) -> Template:
    """The pool's VerificationMessageTemplate (codes), with Cognito's defaults."""
    raw = pool.config.extras.get("VerificationMessageTemplate")
    given = raw if isinstance(raw, Mapping) else None
    legacy_email = _text(pool.config.extras, "EmailVerificationMessage", DEFAULT_CODE_MESSAGE)
    legacy_subject = _text(pool.config.extras, "EmailVerificationSubject", DEFAULT_CODE_SUBJECT)
    legacy_sms = _text(pool.config.extras, "SmsVerificationMessage", DEFAULT_CODE_MESSAGE)
    return Template(
        email_subject=_text(given, "EmailSubject", legacy_subject),
        email_message=_text(given, "EmailMessage", legacy_email),
        sms_message=_text(given, "SmsMessage", legacy_sms),
    )


def link_template(pool: UserPool, by_link: Mapping[str, object]) -> Template:
    """The by-link verification email (``EmailMessageByLink``/``EmailSubjectByLink``); SMS
    keeps the code message."""
    code = code_template(pool)
    return Template(
        email_subject=_text(by_link, "EmailSubjectByLink", code.email_subject),
        email_message=_text(by_link, "EmailMessageByLink", code.email_message),
        sms_message=code.sms_message,
    )


def _render(text: str, username: str, code: str, link: str | None = None) -> str:
    text = text.replace("{username}", username).replace("{####}", code)
    if link is None:
        return text
    href = html.escape(link, quote=True)
    return _LINK_PLACEHOLDER.sub(lambda m: f'<a href="{href}">{m.group(1)}</a>', text)


@dataclass(frozen=True, slots=True)
class Delivery:
    """What to send: the kind of message, its template and the secret it carries."""

    kind: str
    template: Template
    code: str
    #: the confirmation link a ``{##...##}`` placeholder of the email becomes, if any
    link: str | None = None


#: the CustomMessage trigger hook: the template to send instead, or ``None`` to keep it
Customizer = Callable[[User, Delivery], Template | None]


def compose(
    user: User,
    delivery: Delivery,
    mediums: Iterable[str],
    now: float,
    customize: Customizer | None = None,
) -> list[OutboxMessage]:
    """One message per medium the user has a destination for (email / phone_number)."""
    if customize is not None:
        delivery = replace(delivery, template=customize(user, delivery) or delivery.template)
    messages: list[OutboxMessage] = []
    for medium in dict.fromkeys(mediums):
        destination = user.attribute(MEDIUM_ATTRIBUTE.get(medium, ""))
        if not destination:
            # Deviation: AWS's answer when no destination exists is unverified; we send nothing.
            continue
        template = delivery.template
        body = template.email_message if medium == "EMAIL" else template.sms_message
        subject = template.email_subject if medium == "EMAIL" else ""
        messages.append(
            OutboxMessage(
                pool_id=user.pool_id,
                username=user.username,
                kind=delivery.kind,
                medium=medium,
                destination=destination,
                subject=subject,
                body=_render(
                    body, user.username, delivery.code, delivery.link if medium == "EMAIL" else None
                ),
                created=now,
                code=delivery.code,
            )
        )
    return messages


def recovery_medium(pool: UserPool, user: User) -> str | None:
    """Where a password-reset code goes: the first verified medium in the recovery setting.

    Without ``AccountRecoverySetting`` the legacy rule applies: a verified phone is preferred
    over a verified email.
    """
    order = ["SMS", "EMAIL"]
    setting = pool.config.extras.get("AccountRecoverySetting")
    mechanisms = setting.get("RecoveryMechanisms") if isinstance(setting, Mapping) else None
    if isinstance(mechanisms, list) and mechanisms:
        ranked = sorted(
            (m for m in mechanisms if isinstance(m, Mapping)),
            key=lambda m: int(str(m.get("Priority", 0))),
        )
        names = {"verified_email": "EMAIL", "verified_phone_number": "SMS"}
        order = [names[str(m.get("Name"))] for m in ranked if str(m.get("Name")) in names]
    for medium in order:
        attribute = MEDIUM_ATTRIBUTE[medium]
        if user.attribute(attribute) and user.attribute(f"{attribute}_verified") == "true":
            return medium
    return None
