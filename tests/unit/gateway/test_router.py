"""Route matching: literal before {param} before {proxy+}, ANY, trailing slashes, decoding."""

from __future__ import annotations

import pytest

from cognigate.apigw.model import ApiDefinition, Method, Resource, RestApi
from cognigate.gateway.router import Router


def _definition(routes: dict[str, list[str]]) -> ApiDefinition:
    resources = {}
    for index, (path, verbs) in enumerate(routes.items()):
        methods = {verb: Method(http_method=verb) for verb in verbs}
        resources[f"r{index}"] = Resource(id=f"r{index}", path=path, resource_methods=methods)
    api = RestApi(id="api", name="api", created_date=0.0, root_resource_id="r0")
    return ApiDefinition(api=api, resources=resources)


ROUTER = Router(
    _definition(
        {
            "/": ["GET"],
            "/pets": ["GET", "POST"],
            "/pets/special": ["GET"],
            "/pets/{petId}": ["GET"],
            "/pets/{petId}/toys": ["ANY"],
            "/files/{proxy+}": ["GET"],
            "/{proxy+}": ["ANY"],
        }
    )
)


@pytest.mark.parametrize(
    ("path", "method", "resource_path", "params"),
    [
        ("/", "GET", "/", {}),
        ("/pets", "POST", "/pets", {}),
        ("/pets/", "GET", "/pets", {}),
        ("/pets/special", "GET", "/pets/special", {}),
        ("/pets/42", "GET", "/pets/{petId}", {"petId": "42"}),
        ("/pets/a%20b", "GET", "/pets/{petId}", {"petId": "a b"}),
        ("/pets/42/toys", "DELETE", "/pets/{petId}/toys", {"petId": "42"}),
        ("/files/a/b/c.txt", "GET", "/files/{proxy+}", {"proxy": "a/b/c.txt"}),
        ("/other/deep/path", "PUT", "/{proxy+}", {"proxy": "other/deep/path"}),
        ("/pets/42", "DELETE", "/{proxy+}", {"proxy": "pets/42"}),
    ],
)
def test_match_picks_the_most_specific_resource_with_the_method(
    path: str, method: str, resource_path: str, params: dict[str, str]
) -> None:
    found = ROUTER.match(path, method)

    assert found is not None
    assert (found.resource.path, found.path_parameters) == (resource_path, params)


def test_match_is_case_sensitive_and_none_without_a_route() -> None:
    router = Router(_definition({"/": [], "/mock": ["GET"]}))

    assert router.match("/Mock", "GET") is None
    assert router.match("/mock", "POST") is None
    assert router.match("/", "GET") is None


@pytest.mark.parametrize(
    ("path", "decoded", "raw"),
    [
        ("/pets/a%2Bb", {"petId": "a+b"}, {"petId": "a%2Bb"}),
        ("/files/x//y/", {"proxy": "x//y"}, {"proxy": "x//y"}),
        ("/files/a/b%20c", {"proxy": "a/b c"}, {"proxy": "a/b%20c"}),
    ],
)
def test_match_keeps_the_raw_path_parameters_beside_the_decoded_ones(
    path: str, decoded: dict[str, str], raw: dict[str, str]
) -> None:
    found = ROUTER.match(path, "GET")

    assert found is not None
    assert (found.path_parameters, found.raw_path_parameters) == (decoded, raw)
