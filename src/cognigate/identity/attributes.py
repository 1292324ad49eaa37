"""User attributes: schema checks, merging, sign-in aliases and ListUsers filters.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-manage-user-accounts.html
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.model import SchemaAttribute, User, UserPool
from cognigate.identity.ports import UserFilter
from cognigate.identity.schema import standard_schema

Pairs = tuple[tuple[str, str], ...]

#: the flag that says an email/phone value was verified
VERIFIED_FLAG = {"email": "email_verified", "phone_number": "phone_number_verified"}
_SCHEMA_PREFIX = "Attributes did not conform to the schema: "
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")
#: ``attr = "value"`` or ``attr ^= "value"``; quotes inside the value are escaped with ``\``
_FILTER = re.compile(r'^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$')
#: attributes ListUsers can search on
FILTERABLE = frozenset(
    {
        "username",
        "email",
        "phone_number",
        "name",
        "given_name",
        "family_name",
        "preferred_username",
        "cognito:user_status",
        "status",
        "sub",
    }
)


def looks_like_email(value: str) -> bool:
    return _EMAIL.match(value) is not None


def looks_like_phone(value: str) -> bool:
    return _PHONE.match(value) is not None


def schema_map(pool: UserPool) -> dict[str, SchemaAttribute]:
    """The pool's schema by attribute name (the standard schema if none is stored)."""
    return {a.name: a for a in (pool.config.schema or standard_schema())}


def username_key(pool: UserPool, username: str) -> str:
    """The username as matched: lower-cased in case-insensitive pools."""
    return username.lower() if pool.matches_case_insensitively else username


def _number_problem(attribute: SchemaAttribute, value: str) -> str | None:
    """NumberAttributeConstraints: an integer within MinValue..MaxValue when they are set."""
    name = attribute.name
    if not re.fullmatch(r"-?[0-9]+", value):
        return f"{name}: Number must be an integer."
    # AWS parity: the bounds are enforced; the wording follows the String length messages
    # (AWS's exact text for a number out of range is not documented).
    number = int(value)
    high, low = _bound(attribute.max_value), _bound(attribute.min_value)
    if high is not None and number > high:
        return f"{name}: Number must be no greater than {attribute.max_value}."
    if low is not None and number < low:
        return f"{name}: Number must be no less than {attribute.min_value}."
    return None


def _bound(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _value_problem(attribute: SchemaAttribute, value: str) -> str | None:
    name = attribute.name
    if attribute.data_type == "Boolean" and value.lower() not in ("true", "false"):
        return f"{name}: Attribute value must be either true or false."
    if attribute.data_type == "Number":
        return _number_problem(attribute, value)
    if attribute.max_length is not None and len(value) > int(attribute.max_length):
        return f"{name}: String must be no longer than {attribute.max_length} characters."
    if attribute.min_length is not None and 0 < len(value) < int(attribute.min_length):
        return f"{name}: String must be at least {attribute.min_length} characters."
    return None


def check_attributes(pool: UserPool, pairs: Iterable[tuple[str, str]], *, creating: bool) -> Pairs:
    """The attributes, normalised (booleans lower-cased), if the schema allows writing them.

    Immutable attributes may be given only when the user is created.

    :raises InvalidParameterException: unknown attribute, ``sub``, immutable attribute on update,
        bad value, malformed email or phone number.
    """
    schema = schema_map(pool)
    problems: list[str] = []
    result: list[tuple[str, str]] = []
    for name, value in pairs:
        attribute = schema.get(name)
        if attribute is None:
            problems.append(f"{name}: Attribute does not exist in the schema.")
        elif name == "sub" or (not creating and not attribute.mutable):
            problems.append(f"{name}: Attribute cannot be updated.")
        else:
            problem = _value_problem(attribute, value)
            if problem is not None:
                problems.append(problem)
            if attribute.data_type == "Boolean":
                result.append((name, value.lower()))
                continue
        result.append((name, value))
    if problems:
        raise InvalidParameterException(_SCHEMA_PREFIX + "\n".join(problems) + "\n")
    _check_formats(result)
    return tuple(result)


def _check_formats(pairs: Iterable[tuple[str, str]]) -> None:
    for name, value in pairs:
        if name == "email" and value and not looks_like_email(value):
            raise InvalidParameterException("Invalid email address format.")
        if name == "phone_number" and value and not looks_like_phone(value):
            raise InvalidParameterException("Invalid phone number format.")


def check_deletable(pool: UserPool, names: Iterable[str]) -> None:
    """Whether these attributes may be removed from a user.

    :raises InvalidParameterException: unknown, immutable or required attribute, or ``sub``.
    """
    schema = schema_map(pool)
    problems: list[str] = []
    for name in names:
        attribute = schema.get(name)
        if attribute is None:
            problems.append(f"{name}: Attribute does not exist in the schema.")
        elif name == "sub" or not attribute.mutable:
            problems.append(f"{name}: Attribute cannot be updated.")
        elif attribute.required:
            problems.append(f"{name}: The attribute is required")
    if problems:
        raise InvalidParameterException(_SCHEMA_PREFIX + "\n".join(problems) + "\n")


def merge(existing: Pairs, updates: Iterable[tuple[str, str]]) -> Pairs:
    """``existing`` with values replaced in place and new attributes appended, in order."""
    values = dict(existing)
    order = [name for name, _ in existing]
    for name, value in updates:
        if name not in values:
            order.append(name)
        values[name] = value
    return tuple((name, values[name]) for name in order)


def without(existing: Pairs, names: Iterable[str]) -> Pairs:
    gone = set(names)
    return tuple((name, value) for name, value in existing if name not in gone)


def alias_key(pool: UserPool, kind: str, value: str) -> str:
    """How an alias value is matched: emails and preferred usernames follow the pool's case rule."""
    return value if kind == "phone_number" else username_key(pool, value)


def alias_keys(pool: UserPool, attributes: Mapping[str, str]) -> dict[str, str]:
    """The sign-in aliases these attributes give, keyed by kind.

    Username attributes (email/phone used as the sign-in name) always count; alias attributes
    count for email and phone only while verified, for ``preferred_username`` always.
    """
    aliases: dict[str, str] = {}
    for kind in pool.config.username_attributes:
        if attributes.get(kind):
            aliases[kind] = alias_key(pool, kind, attributes[kind])
    for kind in pool.config.alias_attributes:
        value = attributes.get(kind)
        flag = VERIFIED_FLAG.get(kind)
        if value and (flag is None or attributes.get(flag) == "true"):
            aliases[kind] = alias_key(pool, kind, value)
    return aliases


def parse_filter(text: str | None) -> UserFilter | None:
    """A ListUsers ``Filter`` expression, or ``None`` for no filter.

    :raises InvalidParameterException: "Error while parsing filter." as AWS words it.
    """
    if text is None or not text.strip():
        return None
    match = _FILTER.match(text)
    if match is None or match.group(1) not in FILTERABLE:
        raise InvalidParameterException("Error while parsing filter.")
    name, operator, raw = match.groups()
    value = re.sub(r"\\(.)", r"\1", raw)
    if name == "cognito:user_status":
        # AWS parity: the status search is case-insensitive.
        value = value.upper()
    return UserFilter(attribute=name, value=value, prefix=operator == "^=")


def _keep_until_verified(pool: UserPool) -> frozenset[str]:
    settings = pool.config.extras.get("UserAttributeUpdateSettings")
    names = (
        settings.get("AttributesRequireVerificationBeforeUpdate")
        if isinstance(settings, Mapping)
        else None
    )
    return frozenset(str(n) for n in names) if isinstance(names, list) else frozenset()


def split_pending(pool: UserPool, user: User, changes: dict[str, str]) -> dict[str, str]:
    """Apply Cognito's email/phone change rules to ``changes``; returns values awaiting a code.

    A new value either replaces the old one at once (and is unverified unless the same call
    marks it verified) or, when the pool keeps verified values until the new one is verified,
    is held back as pending.
    """
    keep = _keep_until_verified(pool)
    pending: dict[str, str] = {}
    for name, flag in VERIFIED_FLAG.items():
        value = changes.get(name)
        if value is None or value == user.attribute(name) or changes.get(flag) == "true":
            continue
        if name in keep and user.attribute(flag) == "true":
            pending[name] = changes.pop(name)
            continue
        changes.setdefault(flag, "false")
        if name in pool.config.auto_verified_attributes:
            pending[name] = value
    return pending
