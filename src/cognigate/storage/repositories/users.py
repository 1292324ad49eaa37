"""Repositories for users (with their attribute index and aliases) and groups."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Select, delete, false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.model import Group, PasswordRecord, User, UserStatus
from cognigate.identity.ports import DuplicateKey, UserFilter
from cognigate.storage.orm.identity import (
    GroupMemberRow,
    GroupRow,
    UserAliasRow,
    UserAttributeRow,
    UserRow,
)

#: ListUsers filters on these read columns of the user row rather than attributes
_COLUMN_FILTERS = {"username": "username", "cognito:user_status": "status", "status": "enabled"}


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateKey(str(error.orig)) from error


def _user(row: UserRow) -> User:
    password = None
    if row.password_salt and row.password_verifier and row.password_set_at is not None:
        password = PasswordRecord(row.password_salt, row.password_verifier, row.password_set_at)
    return User(
        pool_id=row.pool_id,
        username=row.username,
        sub=row.sub,
        status=UserStatus(row.status),
        enabled=row.enabled,
        created=row.created,
        modified=row.modified,
        attributes=tuple((str(k), str(v)) for k, v in row.attributes),
        password=password,
        state=dict(row.state),
        pk=row.pk,
    )


def _fill(row: UserRow, user: User) -> None:
    row.username = user.username
    row.sub = user.sub
    row.status = user.status.value
    row.enabled = user.enabled
    row.modified = user.modified
    row.attributes = [[k, v] for k, v in user.attributes]
    row.password_salt = user.password.salt if user.password else None
    row.password_verifier = user.password.verifier if user.password else None
    row.password_set_at = user.password.set_at if user.password else None
    row.state = dict(user.state)


class SqlUserRepository:
    """Users of a session; ``lock=True`` (write transactions) reads them ``FOR UPDATE``.

    The lock makes read-modify-write steps on one user (failed-attempt counters, one-time codes,
    status changes) serialise across instances on PostgreSQL; SQLite's write transactions are
    already exclusive, and SQLAlchemy renders no ``FOR UPDATE`` there.
    """

    def __init__(self, session: Session, *, lock: bool = False) -> None:
        self._s = session
        self._lock = lock

    def _one(self, query: Select[UserRow]) -> UserRow | None:
        return self._s.scalar(query.with_for_update(of=UserRow) if self._lock else query)

    def add(self, user: User, username_key: str) -> User:
        row = UserRow(pool_id=user.pool_id, username_key=username_key, created=user.created)
        _fill(row, user)
        self._s.add(row)
        _flush(self._s)
        self._index(row.pk, user)
        return _user(row)

    def _index(self, pk: int, user: User) -> None:
        self._s.execute(delete(UserAttributeRow).where(UserAttributeRow.user_pk == pk))
        self._s.add_all(
            UserAttributeRow(user_pk=pk, pool_id=user.pool_id, name=name, value=value)
            for name, value in user.attributes
        )
        _flush(self._s)

    def get(self, pool_id: str, username_key: str) -> User | None:
        row = self._one(
            select(UserRow).where(UserRow.pool_id == pool_id, UserRow.username_key == username_key)
        )
        return _user(row) if row else None

    def get_by_sub(self, pool_id: str, sub: str) -> User | None:
        row = self._one(select(UserRow).where(UserRow.pool_id == pool_id, UserRow.sub == sub))
        return _user(row) if row else None

    def get_by_pk(self, pk: int) -> User | None:
        row = self._s.get(UserRow, pk, with_for_update=self._lock)
        return _user(row) if row else None

    def get_by_alias(self, pool_id: str, kind: str, key: str) -> User | None:
        row = self._one(
            select(UserRow)
            .join(UserAliasRow, UserAliasRow.user_pk == UserRow.pk)
            .where(
                UserAliasRow.pool_id == pool_id, UserAliasRow.kind == kind, UserAliasRow.key == key
            )
        )
        return _user(row) if row else None

    def save(self, user: User, aliases: dict[str, str]) -> None:
        if user.pk is None:
            raise ValueError("save needs a stored user")
        row = self._s.get(UserRow, user.pk)
        if row is None:
            raise KeyError(user.username)
        _fill(row, user)
        self._index(user.pk, user)
        self._s.execute(delete(UserAliasRow).where(UserAliasRow.user_pk == user.pk))
        self._s.add_all(
            UserAliasRow(pool_id=user.pool_id, kind=kind, key=key, user_pk=user.pk)
            for kind, key in aliases.items()
        )
        _flush(self._s)

    def delete(self, user: User) -> None:
        self._s.execute(delete(UserRow).where(UserRow.pk == user.pk))

    def list(
        self, pool_id: str, limit: int, after: str | None, where: UserFilter | None
    ) -> list[User]:
        query = select(UserRow).where(UserRow.pool_id == pool_id)
        if where is not None:
            query = _filtered(query, pool_id, where)
        if after is not None:
            query = query.where(UserRow.username_key > after)
        query = query.order_by(UserRow.username_key).limit(limit)
        return [_user(row) for row in self._s.scalars(query)]

    def count(self, pool_id: str) -> int:
        return int(
            self._s.scalar(
                select(func.count()).select_from(UserRow).where(UserRow.pool_id == pool_id)
            )
            or 0
        )


def _match(column: Any, value: str, prefix: bool) -> Any:
    if not prefix:
        return column == value
    # Not LIKE (case-insensitive on SQLite) and not a range (its end depends on the database
    # collation on PostgreSQL): compare the leading characters, exactly, on every dialect.
    return func.substr(column, 1, len(value)) == value


def _filtered(query: Select[UserRow], pool_id: str, where: UserFilter) -> Select[UserRow]:
    column_name = _COLUMN_FILTERS.get(where.attribute)
    if column_name == "enabled":
        # AWS parity: ``status`` is case-sensitive: "Enabled" or "Disabled", nothing else
        flag = {"Enabled": True, "Disabled": False}.get(where.value)
        if where.prefix:
            return query
        return query.where(UserRow.enabled == flag) if flag is not None else query.where(false())
    if column_name is not None:
        return query.where(_match(getattr(UserRow, column_name), where.value, where.prefix))
    matching = select(UserAttributeRow.user_pk).where(
        UserAttributeRow.pool_id == pool_id,
        UserAttributeRow.name == where.attribute,
        _match(UserAttributeRow.value, where.value, where.prefix),
    )
    return query.where(UserRow.pk.in_(matching))


def _group(row: GroupRow) -> Group:
    return Group(
        pool_id=row.pool_id,
        name=row.name,
        created=row.created,
        modified=row.modified,
        description=row.description,
        role_arn=row.role_arn,
        precedence=row.precedence,
    )


class SqlGroupRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, group: Group) -> None:
        self._s.add(
            GroupRow(
                pool_id=group.pool_id,
                name=group.name,
                description=group.description,
                role_arn=group.role_arn,
                precedence=group.precedence,
                created=group.created,
                modified=group.modified,
            )
        )
        _flush(self._s)

    def get(self, pool_id: str, name: str) -> Group | None:
        row = self._s.get(GroupRow, (pool_id, name))
        return _group(row) if row else None

    def list(self, pool_id: str, limit: int, after: str | None) -> list[Group]:
        query = select(GroupRow).where(GroupRow.pool_id == pool_id)
        if after is not None:
            query = query.where(GroupRow.name > after)
        return [_group(r) for r in self._s.scalars(query.order_by(GroupRow.name).limit(limit))]

    def save(self, group: Group) -> None:
        row = self._s.get(GroupRow, (group.pool_id, group.name))
        if row is None:
            raise KeyError(group.name)
        row.description = group.description
        row.role_arn = group.role_arn
        row.precedence = group.precedence
        row.modified = group.modified
        _flush(self._s)

    def delete(self, pool_id: str, name: str) -> None:
        self._s.execute(
            delete(GroupMemberRow).where(
                GroupMemberRow.pool_id == pool_id, GroupMemberRow.group_name == name
            )
        )
        self._s.execute(delete(GroupRow).where(GroupRow.pool_id == pool_id, GroupRow.name == name))

    def add_member(self, pool_id: str, name: str, user: User) -> None:
        if user.pk is None:
            return
        existing = self._s.get(GroupMemberRow, (pool_id, name, user.pk))
        if existing is not None:
            return
        self._s.add(GroupMemberRow(pool_id=pool_id, group_name=name, user_pk=user.pk))
        _flush(self._s)

    def remove_member(self, pool_id: str, name: str, user: User) -> None:
        self._s.execute(
            delete(GroupMemberRow).where(
                GroupMemberRow.pool_id == pool_id,
                GroupMemberRow.group_name == name,
                GroupMemberRow.user_pk == user.pk,
            )
        )

    def groups_of(self, user: User) -> builtins.list[Group]:
        query = (
            select(GroupRow)
            .join(
                GroupMemberRow,
                (GroupMemberRow.pool_id == GroupRow.pool_id)
                & (GroupMemberRow.group_name == GroupRow.name),
            )
            .where(GroupMemberRow.user_pk == user.pk)
        )
        groups = [_group(r) for r in self._s.scalars(query)]
        big = 2**31
        return sorted(
            groups, key=lambda g: (g.precedence if g.precedence is not None else big, g.name)
        )

    def members(
        self, pool_id: str, name: str, limit: int, after: str | None
    ) -> builtins.list[User]:
        query = (
            select(UserRow)
            .join(GroupMemberRow, GroupMemberRow.user_pk == UserRow.pk)
            .where(GroupMemberRow.pool_id == pool_id, GroupMemberRow.group_name == name)
        )
        if after is not None:
            query = query.where(UserRow.username_key > after)
        return [
            _user(r) for r in self._s.scalars(query.order_by(UserRow.username_key).limit(limit))
        ]
