"""Device tracking of a user pool (``DeviceConfiguration``): issuing device keys and the rules
that say when a device is remembered and when it replaces the MFA step.

Any member of DeviceConfiguration turns tracking on; a sign-in that names no device gets a new
device key (``NewDeviceMetadata``) in the format ``<region>_<uuid>``.
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from cognigate.core.ids import new_uuid
from cognigate.identity.errors import ResourceNotFoundException
from cognigate.identity.model import Device, User, UserPool
from cognigate.identity.ports import IdentityStore

NO_DEVICE = "Device does not exist."
_GROUP_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def configuration(pool: UserPool) -> Mapping[str, object]:
    """The pool's DeviceConfiguration members ({} when tracking is off)."""
    raw = pool.config.extras.get("DeviceConfiguration")
    if not isinstance(raw, Mapping):
        return {}
    return {name: value for name, value in raw.items() if value is not None}


def tracking_enabled(pool: UserPool) -> bool:
    """Whether the pool tracks devices: any DeviceConfiguration member is set."""
    return bool(configuration(pool))


def remembered_on_prompt(pool: UserPool) -> bool:
    """DeviceOnlyRememberedOnUserPrompt: ConfirmDevice does not remember the device by itself."""
    return configuration(pool).get("DeviceOnlyRememberedOnUserPrompt") is True


def replaces_mfa(pool: UserPool) -> bool:
    """ChallengeRequiredOnNewDevice: remembered devices sign in without the MFA step."""
    return configuration(pool).get("ChallengeRequiredOnNewDevice") is True


def _group_key() -> str:
    return "-" + "".join(secrets.choice(_GROUP_KEY_ALPHABET) for _ in range(9))


def issue_device(store: IdentityStore, pool: UserPool, user: User, now: float) -> Device:
    """Record a new, unconfirmed device key for the user (NewDeviceMetadata)."""
    if user.pk is None:
        raise ValueError("a device belongs to a stored user")
    device = Device(
        key=f"{pool.region}_{new_uuid()}",
        pool_id=pool.id,
        user_pk=user.pk,
        group_key=_group_key(),
        created=now,
        modified=now,
    )
    store.devices.add(device)
    return device


def require_device(store: IdentityStore, pool: UserPool, user: User, key: str) -> Device:
    """The user's device with this key.

    :raises ResourceNotFoundException: "Device does not exist." (unknown, or another user's).
    """
    device = store.devices.get(pool.id, key)
    if device is None or device.user_pk != user.pk:
        raise ResourceNotFoundException(NO_DEVICE)
    return device


def skips_mfa(pool: UserPool, device: Device | None) -> bool:
    """A confirmed, remembered device replaces MFA when ChallengeRequiredOnNewDevice is set."""
    return (
        device is not None
        and device.confirmed
        and device.remembered
        and tracking_enabled(pool)
        and replaces_mfa(pool)
    )
