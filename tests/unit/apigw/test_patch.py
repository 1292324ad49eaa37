"""Patch operations applied to documents, with AWS's error texts."""

from __future__ import annotations

import pytest

from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, Style, apply, rule, segments

TABLE = PatchTable(
    (
        rule("/name"),
        rule("/enabled", kind=Kind.BOOL),
        rule("/variables/*", "add", "replace", "remove"),
        rule("/scopes", "add", "remove", kind=Kind.LIST_ITEM),
    )
)


def test_segments_unescape_slashes() -> None:
    assert segments("/requestModels/application~1json") == ["requestModels", "application/json"]


def test_replace_converts_the_string_value() -> None:
    doc = apply({"enabled": False}, [PatchOp("replace", "/enabled", "true")], TABLE)

    assert doc == {"enabled": True}


def test_map_entries_are_added_and_removed() -> None:
    doc = apply(
        {"variables": {"a": "1"}},
        [PatchOp("add", "/variables/b", "2"), PatchOp("remove", "/variables/a")],
        TABLE,
    )

    assert doc == {"variables": {"b": "2"}}


def test_list_items_are_added_once_and_removed() -> None:
    doc = apply(
        {},
        [
            PatchOp("add", "/scopes", "email"),
            PatchOp("add", "/scopes", "email"),
            PatchOp("add", "/scopes", "openid"),
            PatchOp("remove", "/scopes", "email"),
        ],
        TABLE,
    )

    assert doc == {"scopes": ["openid"]}


def test_apply_leaves_the_input_untouched() -> None:
    original: dict[str, object] = {"variables": {"a": "1"}}

    apply(original, [PatchOp("remove", "/variables/a")], TABLE)

    assert original == {"variables": {"a": "1"}}


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (PatchOp("replace", "/wrongPath", "x"), "Invalid patch path /wrongPath"),
        (PatchOp("replace", None, "x"), "Invalid patch path null"),
        (PatchOp("replace", "/variables/a/b", "x"), "Invalid patch path /variables/a/b"),
        (
            PatchOp("add", "/name", "x"),
            "Invalid patch operation specified. Must be one of: [replace]",
        ),
    ],
)
def test_short_style_errors(op: PatchOp, message: str) -> None:
    with pytest.raises(BadRequestException) as raised:
        apply({}, [op], TABLE)

    assert raised.value.message == message


def test_long_style_errors_list_the_replaceable_paths() -> None:
    table = PatchTable((rule("/parentId"), rule("/pathPart")), style=Style.LONG)

    with pytest.raises(BadRequestException) as wrong_path:
        apply({}, [PatchOp("replace", "/invalid", "x")], table)
    with pytest.raises(BadRequestException) as wrong_op:
        apply({}, [PatchOp("add", "/pathPart", "x")], table)

    assert wrong_path.value.message == (
        "Invalid patch path  '/invalid' specified for op 'replace'. "
        "Must be one of: [/parentId, /pathPart]"
    )
    assert wrong_op.value.message == (
        "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"
    )
