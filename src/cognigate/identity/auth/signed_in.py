"""A sign-in that has proven everything it must: what finishing it needs once the sign-in's
own transaction has committed (PostAuthentication, PreTokenGeneration, then the tokens).

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.identity.model import AppClient, Group, User, UserPool


@dataclass(frozen=True, slots=True)
class NewDevice:
    """NewDeviceMetadata: the device key issued to a sign-in that named no device."""

    device_key: str
    device_group_key: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The user, pool and client of a successful sign-in, as its transaction left them."""

    pool: UserPool
    client: AppClient
    user: User
    #: the user's groups when the sign-in committed (PreTokenGeneration's groupConfiguration)
    groups: tuple[Group, ...]
    auth_time: float
    #: PreTokenGeneration's ``triggerSource`` (``TokenGeneration_*``)
    source: str
    metadata: Mapping[str, str] = field(default_factory=dict)
    #: the device the tokens are bound to (``device_key`` claim), with device tracking on
    device_key: str | None = None
    #: a device key issued by this sign-in (answered as NewDeviceMetadata)
    new_device: NewDevice | None = None
