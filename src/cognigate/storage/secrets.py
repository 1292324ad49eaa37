"""Installation-wide secrets kept in the database, so every instance shares them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.storage.orm.identity import InstanceSecretRow


def instance_secret(engine: Engine, name: str, make: Callable[[], bytes]) -> bytes:
    """The secret called ``name``, created with ``make()`` the first time anyone asks."""
    with Session(engine) as session:
        row = session.get(InstanceSecretRow, name)
        if row is not None:
            return row.value
    try:
        with Session(engine) as session, session.begin():
            session.add(InstanceSecretRow(name=name, value=make()))
    except IntegrityError:
        pass  # another instance won the race; read its value
    with Session(engine) as session:
        row = session.get(InstanceSecretRow, name)
        if row is None:
            raise RuntimeError(f"instance secret {name} vanished")
        return row.value
