"""API Gateway's VTL dialect: empty missing values, Java-style maps, hyphenated #set names."""

from __future__ import annotations

import pytest

from cognigate.gateway.vtl import InputVariable, render


def _render(template: str, body: str = "", context: dict[str, object] | None = None) -> str:
    return render(
        template,
        input_=InputVariable(body, {"path": {"id": "p1"}, "querystring": {"q": "1"}}),
        context=context if context is not None else {"authorizer": {}},
        stage_variables={},
    )


@pytest.mark.parametrize(
    "template",
    [
        "\"$input.path('$.missing')\"",
        '"$context.authorizer.claims.sub"',
        '"$nothing"',
        '"${nothing}"',
        '"$stageVariables.unset"',
    ],
)
def test_a_reference_without_a_value_renders_empty(template: str) -> None:
    assert _render(template, '{"a": 1}') == '""'


def test_references_inside_directives_and_comments_still_work() -> None:
    template = "#set($x = $input.path('$.a'))#if($x == 1)one#end## $gone\n$x"

    assert _render(template, '{"a": 1}') == "one1"


def test_an_escaped_reference_renders_as_its_text() -> None:
    assert _render("\\$input.body") == "$input.body"


def test_input_params_renders_as_a_java_map() -> None:
    assert _render("$input.params()") == "{path={id=p1}, querystring={q=1}, header={}}"


def test_a_hyphenated_header_override_is_set() -> None:
    context: dict[str, object] = {"responseOverride": {"header": {}, "status": ""}}

    rendered = _render(
        "#set($context.responseOverride.header.X-Custom-Name = \"c$input.params('q')\")ok",
        context=context,
    )

    assert rendered == "ok"
    assert context["responseOverride"] == {"header": {"X-Custom-Name": "c1"}, "status": ""}
