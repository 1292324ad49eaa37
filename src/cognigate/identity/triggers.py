"""Cognito Lambda triggers: the port to the local function runtime and the event envelope.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Protocol

from cognigate.identity.errors import UnexpectedLambdaException, UserLambdaValidationException
from cognigate.identity.model import UserPool

Event = dict[str, object]

#: LambdaConfig member -> the name AWS uses in error messages
TRIGGER_NAMES = {
    "PreSignUp": "PreSignUp",
    "CustomMessage": "CustomMessage",
    "PostConfirmation": "PostConfirmation",
    "PreAuthentication": "PreAuthentication",
    "PostAuthentication": "PostAuthentication",
    "DefineAuthChallenge": "DefineAuthChallenge",
    "CreateAuthChallenge": "CreateAuthChallenge",
    "VerifyAuthChallengeResponse": "VerifyAuthChallengeResponse",
    "PreTokenGeneration": "PreTokenGeneration",
    "UserMigration": "UserMigration",
}


class FunctionError(Exception):
    """The function raised, or returned something that is not a JSON object."""


class FunctionInvoker(Protocol):
    """Runs a local "Lambda" function by ARN or name (the ``--functions DIR`` runtime)."""

    def invoke(self, function: str, event: Event) -> Event:
        """The function's result for ``event``.

        :raises FunctionError: the handler failed or is missing.
        """
        ...


def trigger_function(pool: UserPool, trigger: str) -> str | None:
    """The function configured for ``trigger`` (e.g. ``PreSignUp``), if any."""
    config = pool.config.lambda_config
    if trigger == "PreTokenGeneration":
        versioned = config.get("PreTokenGenerationConfig")
        if isinstance(versioned, Mapping) and isinstance(versioned.get("LambdaArn"), str):
            return str(versioned["LambdaArn"])
    value = config.get(trigger)
    return value if isinstance(value, str) and value else None


def envelope(
    pool: UserPool,
    *,
    trigger_source: str,
    username: str,
    client_id: str | None,
    request: Mapping[str, object],
) -> Event:
    """The event fields every Cognito trigger receives."""
    return {
        "version": "1",
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id or ""},
        "triggerSource": trigger_source,
        "request": copy.deepcopy(dict(request)),
        "response": {},
    }


def run_trigger(
    invoker: FunctionInvoker | None, pool: UserPool, trigger: str, event: Event
) -> Event | None:
    """Invoke the pool's ``trigger`` with ``event``; ``None`` when none is configured.

    :raises UserLambdaValidationException: the function failed (AWS: "<Trigger> failed with
        error <message>.").
    :raises UnexpectedLambdaException: no function runtime, or the function is missing.
    """
    function = trigger_function(pool, trigger)
    if function is None:
        return None
    if invoker is None:
        raise UnexpectedLambdaException(
            f"{TRIGGER_NAMES.get(trigger, trigger)} invocation failed: no function runtime "
            "is configured (start cognigate with --functions DIR)."
        )
    try:
        return invoker.invoke(function, event)
    except FunctionError as error:
        raise UserLambdaValidationException(
            f"{TRIGGER_NAMES.get(trigger, trigger)} failed with error {error}."
        ) from error
