"""Repository of the devices tracked for users (implements ``identity.ports.DeviceRepository``)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.model import Device
from cognigate.identity.ports import DuplicateKey
from cognigate.storage.orm.devices import DeviceRow


def _device(row: DeviceRow) -> Device:
    return Device(
        key=row.device_key,
        pool_id=row.pool_id,
        user_pk=row.user_pk,
        group_key=row.group_key,
        created=row.created,
        modified=row.modified,
        name=row.name,
        salt=row.salt,
        verifier=row.verifier,
        remembered=row.remembered,
        last_authenticated=row.last_authenticated,
        last_ip=row.last_ip,
    )


def _fill(row: DeviceRow, device: Device) -> None:
    row.group_key = device.group_key
    row.name = device.name
    row.salt = device.salt
    row.verifier = device.verifier
    row.remembered = device.remembered
    row.modified = device.modified
    row.last_authenticated = device.last_authenticated
    row.last_ip = device.last_ip


class SqlDeviceRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, device: Device) -> None:
        row = DeviceRow(
            device_key=device.key,
            pool_id=device.pool_id,
            user_pk=device.user_pk,
            created=device.created,
        )
        _fill(row, device)
        self._s.add(row)
        try:
            self._s.flush()
        except IntegrityError as error:
            raise DuplicateKey(str(error.orig)) from error

    def get(self, pool_id: str, key: str) -> Device | None:
        row = self._s.get(DeviceRow, key)
        return _device(row) if row is not None and row.pool_id == pool_id else None

    def list(self, user_pk: int, limit: int, after: str | None) -> list[Device]:
        query = select(DeviceRow).where(
            DeviceRow.user_pk == user_pk, DeviceRow.verifier.is_not(None)
        )
        if after is not None:
            query = query.where(DeviceRow.device_key > after)
        rows = self._s.scalars(query.order_by(DeviceRow.device_key).limit(limit))
        return [_device(row) for row in rows]

    def save(self, device: Device) -> None:
        row = self._s.get(DeviceRow, device.key)
        if row is None:
            raise KeyError(device.key)
        _fill(row, device)
        self._s.flush()

    def delete(self, pool_id: str, key: str) -> None:
        self._s.execute(
            delete(DeviceRow).where(DeviceRow.pool_id == pool_id, DeviceRow.device_key == key)
        )
