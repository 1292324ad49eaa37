"""Groups of a user pool and their members.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cognigate.identity.attributes import username_key
from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.errors import GroupExistsException, ResourceNotFoundException
from cognigate.identity.model import Group, Page, User, UserPool
from cognigate.identity.ports import DuplicateKey, IdentityStore
from cognigate.identity.user_store import require_user

MAX_LIMIT = 60


@dataclass(frozen=True, slots=True)
class NewGroup:
    pool_id: str
    name: str
    description: str | None = None
    role_arn: str | None = None
    precedence: int | None = None


@dataclass(frozen=True, slots=True)
class GroupChanges:
    """An UpdateGroup request: members left out of the request keep their value."""

    pool_id: str
    name: str
    description: str | None = None
    role_arn: str | None = None
    precedence: int | None = None
    given: frozenset[str] = frozenset()


def _require_group(store: IdentityStore, pool_id: str, name: str) -> Group:
    group = store.groups.get(pool_id, name)
    if group is None:
        raise ResourceNotFoundException("Group not found.")
    return group


def _limit(limit: int | None) -> int:
    return max(1, min(limit or MAX_LIMIT, MAX_LIMIT))


def _offset_token(token: str | None) -> int:
    raw = decode_token(token)
    return int(raw) if raw is not None and raw.isdigit() else 0


class GroupOperations:
    """CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup and memberships."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def create_group(self, request: NewGroup) -> Group:
        """:raises ResourceNotFoundException: unknown pool.
        :raises GroupExistsException: "A group with the name X already exists."
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, request.pool_id)
            now = self._deps.clock.now()
            group = Group(
                pool_id=pool.id,
                name=request.name,
                created=now,
                modified=now,
                description=request.description,
                role_arn=request.role_arn,
                precedence=request.precedence,
            )
            exists = GroupExistsException(f"A group with the name {request.name} already exists.")
            if store.groups.get(pool.id, request.name) is not None:
                raise exists
            try:
                store.groups.add(group)
            except DuplicateKey as error:
                raise exists from error
            return group

    def get_group(self, pool_id: str, name: str) -> Group:
        """:raises ResourceNotFoundException: unknown pool, or "Group not found."."""
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            return _require_group(store, pool_id, name)

    def list_groups(self, pool_id: str, limit: int | None, token: str | None) -> Page[Group]:
        """Groups ordered by name. :raises ResourceNotFoundException: unknown pool."""
        size = _limit(limit)
        after = decode_token(token)
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            groups = store.groups.list(pool_id, size + 1, after)
        if len(groups) <= size:
            return Page(items=tuple(groups))
        return Page(items=tuple(groups[:size]), next_token=encode_token(groups[size - 1].name))

    def update_group(self, changes: GroupChanges) -> Group:
        """Change the members given; :raises ResourceNotFoundException: pool or group."""
        with self._deps.uow(write=True) as store:
            require_pool(store, changes.pool_id)
            group = _require_group(store, changes.pool_id, changes.name)
            values = {
                key: getattr(changes, key)
                for key in ("description", "role_arn", "precedence")
                if key in changes.given
            }
            group = replace(group, modified=self._deps.clock.now(), **values)
            store.groups.save(group)
            return group

    def delete_group(self, pool_id: str, name: str) -> None:
        """:raises ResourceNotFoundException: unknown pool, or "Group not found."."""
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            _require_group(store, pool_id, name)
            store.groups.delete(pool_id, name)

    def admin_add_user_to_group(self, pool_id: str, username: str, name: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            _require_group(store, pool_id, name)
            store.groups.add_member(pool_id, name, user)

    def admin_remove_user_from_group(self, pool_id: str, username: str, name: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            _require_group(store, pool_id, name)
            store.groups.remove_member(pool_id, name, user)

    def admin_list_groups_for_user(
        self, pool_id: str, username: str, limit: int | None, token: str | None
    ) -> Page[Group]:
        """The user's groups by precedence, then name.

        :raises ResourceNotFoundException, UserNotFoundException:
        """
        size = _limit(limit)
        start = _offset_token(token)
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
            groups = store.groups.groups_of(require_user(store, pool, username))
        page = groups[start : start + size]
        more = start + size < len(groups)
        return Page(items=tuple(page), next_token=encode_token(str(start + size)) if more else None)

    def list_users_in_group(
        self, pool_id: str, name: str, limit: int | None, token: str | None
    ) -> Page[User]:
        """Members ordered by username. :raises ResourceNotFoundException: pool or group."""
        size = _limit(limit)
        after = decode_token(token)
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
            _require_group(store, pool_id, name)
            users = store.groups.members(pool_id, name, size + 1, after)
        return _user_page(pool, users, size)

    def groups_of(self, pool_id: str, username: str) -> list[Group]:
        """Every group of the user (for token claims), by precedence then name."""
        with self._deps.uow(write=False) as store:
            pool = require_pool(store, pool_id)
            return store.groups.groups_of(require_user(store, pool, username))


def _user_page(pool: UserPool, users: list[User], size: int) -> Page[User]:
    if len(users) <= size:
        return Page(items=tuple(users))
    token = encode_token(username_key(pool, users[size - 1].username))
    return Page(items=tuple(users[:size]), next_token=token)
