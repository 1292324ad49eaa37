"""The device operations: ConfirmDevice, GetDevice, ListDevices, UpdateDeviceStatus and
ForgetDevice, each with its Admin twin (by pool and username instead of an access token).

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from cognigate.identity.account import signed_in
from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.device_tracking import NO_DEVICE, remembered_on_prompt, require_device
from cognigate.identity.errors import (
    DeviceKeyExistsException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from cognigate.identity.model import Device, Page, User, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.user_store import require_user

MAX_LIST_LIMIT = 60
REMEMBERED = "remembered"
NOT_REMEMBERED = "not_remembered"


@dataclass(frozen=True, slots=True)
class DeviceVerifier:
    """ConfirmDevice's DeviceSecretVerifierConfig: base64 salt and SRP verifier."""

    salt: str
    password_verifier: str


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    """A device as GetDevice/ListDevices describe it (DeviceType)."""

    key: str
    attributes: tuple[tuple[str, str], ...]
    created: float
    modified: float
    last_authenticated: float


@dataclass(frozen=True, slots=True)
class _Owner:
    """The unit of work, pool and user a device call is about."""

    store: IdentityStore
    pool: UserPool
    user: User


def _hex(value: str) -> str:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidParameterException("Invalid device secret verifier config.") from error
    if not raw or not any(raw):
        raise InvalidParameterException("Invalid device secret verifier config.")
    return raw.hex()


def _record(deps: Deps, owner: _Owner, device: Device) -> DeviceRecord:
    device_owner = f"{owner.user.username}.{owner.pool.id}"
    arn = (
        f"arn:aws:cognito-idp:{owner.pool.region}:{deps.account_id}:owner/{device_owner}"
        f"/device/{device.key}"
    )
    attributes = [("device_status", "valid")]
    if device.name:
        attributes.append(("device_name", device.name))
    attributes += [("dev:device_arn", arn), ("dev:device_owner", device_owner)]
    if device.last_ip:
        attributes.append(("last_ip_used", device.last_ip))
    status = REMEMBERED if device.remembered else NOT_REMEMBERED
    attributes.append(("dev:device_remembered_status", status))
    return DeviceRecord(
        key=device.key,
        attributes=tuple(attributes),
        created=device.created,
        modified=device.modified,
        last_authenticated=device.last_authenticated or device.created,
    )


def _confirmed(owner: _Owner, key: str) -> Device:
    """A confirmed device of the owner; unconfirmed keys are not devices yet."""
    device = require_device(owner.store, owner.pool, owner.user, key)
    if not device.confirmed:
        raise ResourceNotFoundException(NO_DEVICE)
    return device


class DeviceOperations:
    """Remembered devices of a user, by access token or as an administrator."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    @contextmanager
    def _token_owner(self, access_token: str | None, *, write: bool) -> Iterator[_Owner]:
        with signed_in(self._deps, access_token or "", write=write) as session:
            yield _Owner(session.store, session.caller.pool, session.user)

    @contextmanager
    def _admin_owner(self, pool_id: str, username: str, *, write: bool) -> Iterator[_Owner]:
        with self._deps.uow(write=write) as store:
            pool = require_pool(store, pool_id)
            yield _Owner(store, pool, require_user(store, pool, username))

    def confirm_device(
        self,
        access_token: str,
        device_key: str,
        verifier: DeviceVerifier | None,
        *,
        device_name: str | None = None,
        client_ip: str = "",
    ) -> bool:
        """Store the device's SRP verifier; answers UserConfirmationNecessary.

        The device is remembered at once unless DeviceOnlyRememberedOnUserPrompt is set
        (then UpdateDeviceStatus decides, and the answer is true).

        :raises NotAuthorizedException: invalid, expired or revoked access token.
        :raises ResourceNotFoundException: "Device does not exist." (unknown or another user's).
        :raises DeviceKeyExistsException: the device was confirmed already.
        :raises InvalidParameterException: missing or undecodable DeviceSecretVerifierConfig.
        """
        if verifier is None:
            raise InvalidParameterException("DeviceSecretVerifierConfig is required.")
        salt, verifier_hex = _hex(verifier.salt), _hex(verifier.password_verifier)
        with self._token_owner(access_token, write=True) as owner:
            device = require_device(owner.store, owner.pool, owner.user, device_key)
            if device.confirmed:
                raise DeviceKeyExistsException("Device key already exists.")
            on_prompt = remembered_on_prompt(owner.pool)
            owner.store.devices.save(
                replace(
                    device,
                    name=device_name or None,
                    salt=salt,
                    verifier=verifier_hex,
                    remembered=not on_prompt,
                    modified=self._deps.clock.now(),
                    last_ip=client_ip or device.last_ip,
                )
            )
            return on_prompt

    def get_device(self, access_token: str | None, device_key: str) -> DeviceRecord:
        """:raises NotAuthorizedException, ResourceNotFoundException:"""
        with self._token_owner(access_token, write=False) as owner:
            return _record(self._deps, owner, _confirmed(owner, device_key))

    def admin_get_device(self, pool_id: str, username: str, device_key: str) -> DeviceRecord:
        """:raises ResourceNotFoundException: unknown pool or device.
        :raises UserNotFoundException:"""
        with self._admin_owner(pool_id, username, write=False) as owner:
            return _record(self._deps, owner, _confirmed(owner, device_key))

    def list_devices(
        self, access_token: str, limit: int | None, token: str | None
    ) -> Page[DeviceRecord]:
        """One page of the caller's confirmed devices, by device key.

        :raises NotAuthorizedException: bad access token.
        :raises InvalidParameterException: malformed pagination token.
        """
        with self._token_owner(access_token, write=False) as owner:
            return self._page(owner, limit, token)

    def admin_list_devices(
        self, pool_id: str, username: str, limit: int | None, token: str | None
    ) -> Page[DeviceRecord]:
        """:raises ResourceNotFoundException, UserNotFoundException, InvalidParameterException:"""
        with self._admin_owner(pool_id, username, write=False) as owner:
            return self._page(owner, limit, token)

    def _page(self, owner: _Owner, limit: int | None, token: str | None) -> Page[DeviceRecord]:
        after = decode_token(token)
        size = max(1, min(limit or MAX_LIST_LIMIT, MAX_LIST_LIMIT))
        if owner.user.pk is None:
            return Page(items=())
        devices = owner.store.devices.list(owner.user.pk, size + 1, after)
        next_token = encode_token(devices[size - 1].key) if len(devices) > size else None
        items = tuple(_record(self._deps, owner, d) for d in devices[:size])
        return Page(items=items, next_token=next_token)

    def update_device_status(self, access_token: str, device_key: str, status: str | None) -> None:
        """Mark the caller's device remembered or not_remembered.

        :raises NotAuthorizedException, ResourceNotFoundException:
        """
        with self._token_owner(access_token, write=True) as owner:
            self._set_status(owner, device_key, status)

    def admin_update_device_status(
        self, pool_id: str, username: str, device_key: str, status: str | None
    ) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._admin_owner(pool_id, username, write=True) as owner:
            self._set_status(owner, device_key, status)

    def _set_status(self, owner: _Owner, device_key: str, status: str | None) -> None:
        device = _confirmed(owner, device_key)
        remembered = device.remembered if status is None else status == REMEMBERED
        now = self._deps.clock.now()
        owner.store.devices.save(replace(device, remembered=remembered, modified=now))

    def forget_device(self, access_token: str | None, device_key: str) -> None:
        """Stop tracking the caller's device: its refresh tokens stop working.

        :raises NotAuthorizedException, ResourceNotFoundException:
        """
        with self._token_owner(access_token, write=True) as owner:
            self._forget(owner, device_key)

    def admin_forget_device(self, pool_id: str, username: str, device_key: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._admin_owner(pool_id, username, write=True) as owner:
            self._forget(owner, device_key)

    @staticmethod
    def _forget(owner: _Owner, device_key: str) -> None:
        device = require_device(owner.store, owner.pool, owner.user, device_key)
        owner.store.devices.delete(owner.pool.id, device.key)


__all__ = ["DeviceOperations", "DeviceRecord", "DeviceVerifier"]
