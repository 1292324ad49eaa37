"""The CustomMessage trigger hook: the function's texts replace the template; codes fill in."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from cognigate.core.clock import FixedClock
from cognigate.identity import messages
from cognigate.identity.context import Deps
from cognigate.identity.custom_message import custom_message
from cognigate.identity.errors import UserLambdaValidationException
from cognigate.identity.model import PoolConfig, User, UserPool, UserStatus
from cognigate.identity.triggers import Event, FunctionError

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:messages"


@dataclass
class FakeFunctions:
    """The Lambda edge: records events and answers with ``response`` (or fails)."""

    response: dict[str, object] = field(default_factory=dict)
    failure: str | None = None
    events: list[Event] = field(default_factory=list)

    def invoke(self, function: str, event: Event) -> Event:
        assert function == FUNCTION
        self.events.append(event)
        if self.failure is not None:
            raise FunctionError(self.failure)
        return {**event, "response": self.response}


def pool(with_trigger: bool = True) -> UserPool:
    config = PoolConfig(lambda_config={"CustomMessage": FUNCTION} if with_trigger else {})
    return UserPool("us-east-1_Abc", "p", "arn", 0.0, 0.0, config)


USER = User(
    pool_id="us-east-1_Abc",
    username="alice",
    sub="0000",
    status=UserStatus.CONFIRMED,
    enabled=True,
    created=0.0,
    modified=0.0,
    attributes=(("sub", "0000"), ("email", "alice@example.com")),
)


def deps(functions: FakeFunctions) -> Deps:
    return Deps(
        uow=None,  # type: ignore[arg-type]  # the hook never opens a unit of work
        clock=FixedClock(),
        account_id="1",
        default_region="us-east-1",
        functions=functions,
    )


def reset_code() -> messages.Delivery:
    template = messages.Template("Subject", "Code {####}", "SMS {####}")
    return messages.Delivery(messages.PASSWORD_RESET, template, "123456")


def test_function_texts_replace_the_template_and_the_code_is_filled_in() -> None:
    functions = FakeFunctions({"emailSubject": "Reset", "emailMessage": "Hi {username}: {####}"})
    hook = custom_message(deps(functions), pool(), client_id="c1")

    sent = messages.compose(USER, reset_code(), ("EMAIL",), 0.0, customize=hook)

    assert (sent[0].subject, sent[0].body) == ("Reset", "Hi alice: 123456")


def test_event_carries_the_trigger_source_and_code_parameter() -> None:
    functions = FakeFunctions()
    hook = custom_message(deps(functions), pool(), client_id="c1")

    messages.compose(USER, reset_code(), ("EMAIL",), 0.0, customize=hook)

    event = functions.events[0]
    assert event["triggerSource"] == "CustomMessage_ForgotPassword"
    request = event["request"]
    assert isinstance(request, dict)
    assert request["codeParameter"] == "{####}"
    assert request["userAttributes"] == {
        "sub": "0000",
        "email": "alice@example.com",
        "cognito:user_status": "CONFIRMED",
    }


def test_empty_answer_keeps_the_pool_template() -> None:
    hook = custom_message(deps(FakeFunctions()), pool())

    sent = messages.compose(USER, reset_code(), ("SMS",), 0.0, customize=hook)

    assert sent == []  # no phone number: nothing to send
    assert messages.compose(USER, reset_code(), ("EMAIL",), 0.0, customize=hook)[0].body == (
        "Code 123456"
    )


def test_pool_without_the_trigger_is_not_invoked() -> None:
    functions = FakeFunctions()

    messages.compose(
        USER, reset_code(), ("EMAIL",), 0.0, customize=custom_message(deps(functions), pool(False))
    )

    assert functions.events == []


def test_failing_function_raises_user_lambda_validation() -> None:
    hook = custom_message(deps(FakeFunctions(failure="bad template")), pool())

    with pytest.raises(UserLambdaValidationException, match="CustomMessage failed with error"):
        messages.compose(USER, reset_code(), ("EMAIL",), 0.0, customize=hook)
