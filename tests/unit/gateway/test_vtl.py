"""Mapping templates: $input, $util, $context, $stageVariables and the lenient statusCode parse."""

from __future__ import annotations

import pytest

from cognigate.gateway.vtl import InputVariable, render
from cognigate.gateway.vtl.lenient_json import status_code
from cognigate.gateway.vtl.util import escape_javascript


def _render(template: str, body: str = "", **params: dict[str, str]) -> str:
    return render(
        template,
        input_=InputVariable(body, params),
        context={"stage": "dev", "authorizer": {"claims": {"cognito:username": "bob"}}},
        stage_variables={"env": "test"},
    )


def test_input_json_renders_the_selected_value_as_json() -> None:
    assert _render("$input.json('$.a.b')", '{"a": {"b": [1, "x"]}}') == '[1, "x"]'


def test_input_path_gives_an_object_templates_can_navigate() -> None:
    assert _render("$input.path('$.items')[1].name", '{"items": [{}, {"name": "n"}]}') == "n"


def test_input_body_is_the_raw_body() -> None:
    assert _render("$input.body", "raw text") == "raw text"


def test_input_params_searches_path_then_query_then_header() -> None:
    rendered = _render(
        "$input.params('id')|$input.params('q')|$input.params('X-H')",
        path={"id": "1"}, querystring={"q": "2"}, header={"x-h": "3"},
    )  # fmt: skip

    assert rendered == "1|2|3"


def test_context_claims_with_colons_and_stage_variables() -> None:
    rendered = _render("$context.authorizer.claims['cognito:username']/$stageVariables.env")

    assert rendered == "bob/test"


def test_util_functions() -> None:
    template = (
        "$util.urlEncode('a b&c')|$util.urlDecode('a+b%26c')|$util.base64Encode('hi')|"
        "$util.base64Decode('aGk=')|$util.parseJson('{\"k\": 5}').k"
    )

    assert _render(template) == "a+b%26c|a b&c|aGk=|hi|5"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("it's", "it\\'s"), ('say "hi"', 'say \\"hi\\"'), ("a/b\n", "a\\/b\\n"), ("é", "\\u00E9")],
)
def test_escape_javascript_matches_java(text: str, escaped: str) -> None:
    assert escape_javascript(text) == escaped


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ('{"statusCode": 200}', 200),
        ("{statusCode: 404}", 404),
        ("{'statusCode': 201}", 201),
        ('{"statusCode": "500"}', 500),
        ('{"other": 1}', None),
        ("not json", None),
    ],
)
def test_status_code_parse_is_lenient(text: str, status: int | None) -> None:
    assert status_code(text) == status
