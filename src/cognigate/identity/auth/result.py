"""What an InitiateAuth / RespondToAuthChallenge call answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.core.errors import AwsError
from cognigate.identity.auth.issuance import Grant


@dataclass(frozen=True, slots=True)
class AuthResult:
    """Either a challenge (name, session, parameters) or a grant of tokens."""

    challenge: str | None = None
    session: str | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)
    grant: Grant | None = None
    #: an error to raise once the unit of work has committed (failed-attempt counters)
    failure: AwsError | None = None
