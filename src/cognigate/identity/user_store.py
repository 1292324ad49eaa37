"""Finding and saving users inside a unit of work: usernames, aliases, passwords and codes.

Every user API accepts an alias value where it takes a ``Username``; ``find_user`` resolves it.
The administrative operations (and the few public ones whose ``Username`` says so) also take the
user's ``sub``.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from cognigate.core.ids import numeric_code
from cognigate.identity import attributes as attrs
from cognigate.identity import messages, srp
from cognigate.identity.errors import (
    AliasExistsException,
    UsernameExistsException,
    UserNotFoundException,
)
from cognigate.identity.model import PasswordRecord, User, UserPool
from cognigate.identity.ports import DuplicateKey, IdentityStore

#: ``user.state`` key of pending attribute verification codes: name -> hash, issue time, value
ATTRIBUTE_CODES = "attribute_codes"


def find_user(
    store: IdentityStore, pool: UserPool, username: str, *, by_sub: bool = False
) -> User | None:
    """The user whose username, or sign-in alias, is ``username``; ``None`` if none.

    With ``by_sub`` a value that is neither is then tried as the user's ``sub``: the
    ``Username`` of AdminGetUser and the other operations documented with "if username isn't an
    alias attribute in your user pool, this value must be the sub of a local user".
    """
    user = store.users.get(pool.id, attrs.username_key(pool, username))
    if user is not None:
        return user
    for kind in (*pool.config.username_attributes, *pool.config.alias_attributes):
        user = store.users.get_by_alias(pool.id, kind, attrs.alias_key(pool, kind, username))
        if user is not None:
            return user
    # AWS parity: InitiateAuth does not take the sub (measured); the operations above do.
    return store.users.get_by_sub(pool.id, username) if by_sub else None


def require_user(store: IdentityStore, pool: UserPool, username: str) -> User:
    """The user an administrative operation names by username, alias or ``sub``.

    :raises UserNotFoundException: "User does not exist.".
    """
    user = find_user(store, pool, username, by_sub=True)
    if user is None:
        raise UserNotFoundException("User does not exist.")
    return user


def password_record(pool: UserPool, username: str, password: str, now: float) -> PasswordRecord:
    """The SRP salt and verifier for ``password``; the password itself is not kept."""
    salt, verifier = srp.make_verifier(pool.id, username, password)
    return PasswordRecord(salt=salt, verifier=verifier, set_at=now)


def code_state(now: float, length: int = 6) -> tuple[str, dict[str, object]]:
    """A fresh one-time code and what is stored of it (its SHA-256 and the issue time)."""
    code = numeric_code(length)
    return code, {"sha256": hashlib.sha256(code.encode()).hexdigest(), "issued": now}


def _taken_message(kind: str) -> str:
    return f"An account with the given {kind} already exists."


def _release_alias(store: IdentityStore, pool: UserPool, holder: User, kind: str) -> None:
    """ForceAliasCreation: the previous holder keeps the value, unverified, without the alias."""
    flag = attrs.VERIFIED_FLAG[kind]
    holder = replace(holder, attributes=attrs.merge(holder.attributes, [(flag, "false")]))
    store.users.save(holder, attrs.alias_keys(pool, holder.attribute_map()))


def _claim_aliases(
    store: IdentityStore,
    pool: UserPool,
    user: User,
    aliases: dict[str, str],
    *,
    force: bool,
    creating: bool,
) -> None:
    for kind, key in aliases.items():
        holder = store.users.get_by_alias(pool.id, kind, key)
        if holder is None or holder.pk == user.pk:
            continue
        if creating and kind in pool.config.username_attributes:
            raise UsernameExistsException(_taken_message(kind))
        if not force or kind not in attrs.VERIFIED_FLAG or kind in pool.config.username_attributes:
            raise AliasExistsException(_taken_message(kind))
        _release_alias(store, pool, holder, kind)


def save_user(
    store: IdentityStore,
    pool: UserPool,
    user: User,
    *,
    force_alias: bool = False,
    creating: bool = False,
) -> User:
    """Store the user with the aliases its attributes give; returns it.

    :raises AliasExistsException: a verified alias belongs to another user (unless
        ``force_alias`` moves email/phone aliases over), or a username attribute value does
        on update.
    :raises UsernameExistsException: a username attribute value belongs to another user, when
        ``creating``.
    """
    aliases = attrs.alias_keys(pool, user.attribute_map())
    _claim_aliases(store, pool, user, aliases, force=force_alias, creating=creating)
    try:
        store.users.save(user, aliases)
    except DuplicateKey as error:
        # a concurrent writer claimed the alias between the check and the insert
        raise AliasExistsException(_taken_message(next(iter(aliases), "alias"))) from error
    return user


def forget_replaced_codes(
    user: User, applied: Mapping[str, str], pending: Mapping[str, str]
) -> User:
    """Drop pending verification codes for an email/phone just replaced without a new code."""
    codes = user.state.get(ATTRIBUTE_CODES)
    if not isinstance(codes, Mapping):
        return user
    kept = {n: r for n, r in codes.items() if n not in applied or n in pending}
    if len(kept) == len(codes):
        return user
    return replace(user, state={**user.state, ATTRIBUTE_CODES: kept})


def send_verification_codes(
    store: IdentityStore,
    pool: UserPool,
    user: User,
    pending: dict[str, str],
    now: float,
    *,
    customize: messages.Customizer | None = None,
) -> User:
    """Send a verification code for each new email/phone value; remember the code hashes.

    ``customize`` is the CustomMessage trigger hook, if the caller has one.
    """
    if not pending:
        return user
    state = dict(user.state)
    existing = state.get(ATTRIBUTE_CODES)
    codes: dict[str, object] = dict(existing) if isinstance(existing, Mapping) else {}
    template = messages.code_template(pool)
    for name, value in pending.items():
        code, record = code_state(now)
        codes[name] = {**record, "value": value}
        target = replace(user, attributes=attrs.merge(user.attributes, [(name, value)]))
        medium = "EMAIL" if name == "email" else "SMS"
        delivery = messages.Delivery(messages.ATTRIBUTE_VERIFICATION, template, code)
        for message in messages.compose(target, delivery, (medium,), now, customize):
            store.outbox.append(message)
    state[ATTRIBUTE_CODES] = codes
    return replace(user, state=state)
