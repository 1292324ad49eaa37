"""What an InitiateAuth / RespondToAuthChallenge call answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.core.errors import AwsError
from cognigate.identity.auth.issuance import Grant
from cognigate.identity.auth.signed_in import SignedIn


@dataclass(frozen=True, slots=True)
class AuthResult:
    """A challenge (name, session, parameters), a grant of tokens, or a finished sign-in whose
    tokens are issued after the unit of work has committed (``signed_in``)."""

    challenge: str | None = None
    session: str | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)
    grant: Grant | None = None
    #: an error to raise once the unit of work has committed (failed-attempt counters)
    failure: AwsError | None = None
    #: the sign-in succeeded: PostAuthentication and the tokens follow, outside its transaction
    signed_in: SignedIn | None = None
    #: SELECT_CHALLENGE's AvailableChallenges
    available: tuple[str, ...] = ()
    #: the failure leaves the challenge open: the same Session may be answered again
    retry: bool = False
