"""The user-pool schema: Cognito's standard attributes, overrides and custom attributes.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.model import SchemaAttribute

MAX_CUSTOM_ATTRIBUTES = 50

_STRING_ATTRIBUTES = (
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
)


def _string(name: str, *, low: str = "0", high: str = "2048") -> SchemaAttribute:
    return SchemaAttribute(name=name, min_length=low, max_length=high)


def standard_schema() -> tuple[SchemaAttribute, ...]:
    """Every standard attribute, in the order DescribeUserPool lists them."""
    return (
        SchemaAttribute(
            name="sub", mutable=False, required=True, min_length="1", max_length="2048"
        ),
        *(_string(n) for n in _STRING_ATTRIBUTES),
        SchemaAttribute(name="email_verified", data_type="Boolean"),
        _string("gender"),
        _string("birthdate", low="10", high="10"),
        _string("zoneinfo"),
        _string("locale"),
        _string("phone_number"),
        SchemaAttribute(name="phone_number_verified", data_type="Boolean"),
        _string("address"),
        SchemaAttribute(name="updated_at", data_type="Number", min_value="0"),
        _string("identities"),
    )


STANDARD_NAMES = frozenset(a.name for a in standard_schema())
#: known to the pool (federated users carry it) but not listed by Create/DescribeUserPool
_UNLISTED = frozenset({"identities"})


def listed(schema: Iterable[SchemaAttribute]) -> tuple[SchemaAttribute, ...]:
    """The attributes ``SchemaAttributes`` shows: AWS's 20 standard ones and the custom ones."""
    return tuple(a for a in schema if a.name not in _UNLISTED)


def _custom_name(name: str) -> str:
    return name if name.startswith(("custom:", "dev:")) else f"custom:{name}"


def _custom(given: SchemaAttribute) -> SchemaAttribute:
    if given.required:
        raise InvalidParameterException("Required custom attributes are not supported currently.")
    if len(given.name.removeprefix("custom:")) > 20:
        raise InvalidParameterException(
            f"Custom attribute name {given.name} exceeds the maximum length of 20."
        )
    name = "dev:custom:" + given.name if given.developer_only else _custom_name(given.name)
    if given.data_type == "String":
        return replace(
            given,
            name=name,
            min_length=given.min_length or ("0" if given.max_length is None else given.min_length),
            max_length=given.max_length,
        )
    return replace(given, name=name)


def _override(standard: SchemaAttribute, given: SchemaAttribute) -> SchemaAttribute:
    if standard.name == "sub":
        raise InvalidParameterException("sub attribute cannot be modified.")
    if given.data_type != standard.data_type:
        raise InvalidParameterException(
            f"You can not change AttributeDataType or set developerOnlyAttribute for "
            f"standard schema attribute {standard.name}"
        )
    return replace(
        standard,
        mutable=given.mutable,
        required=given.required,
        min_length=given.min_length or standard.min_length,
        max_length=given.max_length or standard.max_length,
        min_value=given.min_value or standard.min_value,
        max_value=given.max_value or standard.max_value,
    )


def build_schema(given: Iterable[SchemaAttribute]) -> tuple[SchemaAttribute, ...]:
    """The standard schema with the request's overrides applied and custom attributes added.

    :raises InvalidParameterException: duplicate names, required custom attributes, too many.
    """
    by_name = {a.name: a for a in standard_schema()}
    customs: list[SchemaAttribute] = []
    seen: set[str] = set()
    for attribute in given:
        if attribute.name in seen:
            raise InvalidParameterException(f"Duplicate attribute names: {attribute.name}")
        seen.add(attribute.name)
        if attribute.name in by_name:
            by_name[attribute.name] = _override(by_name[attribute.name], attribute)
        else:
            customs.append(_custom(attribute))
    return add_custom(tuple(by_name.values()), customs)


def add_custom(
    schema: tuple[SchemaAttribute, ...], attributes: Iterable[SchemaAttribute]
) -> tuple[SchemaAttribute, ...]:
    """The schema with new custom attributes appended (AddCustomAttributes).

    :raises InvalidParameterException: existing name, required custom attribute, limit.
    """
    existing = {a.name for a in schema}
    added: list[SchemaAttribute] = []
    for attribute in attributes:
        custom = attribute if attribute.name.startswith(("custom:", "dev:")) else _custom(attribute)
        if custom.name in existing:
            raise InvalidParameterException(f"Existing attribute already has name {custom.name}.")
        existing.add(custom.name)
        added.append(custom)
    result = (*schema, *added)
    if sum(1 for a in result if a.is_custom) > MAX_CUSTOM_ATTRIBUTES:
        raise InvalidParameterException(
            f"Exceeded the maximum number of custom attributes ({MAX_CUSTOM_ATTRIBUTES})."
        )
    return result
