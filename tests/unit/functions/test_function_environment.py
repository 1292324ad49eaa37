"""The process variables that point local functions' boto3 clients at this server."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.app import function_environment
from cognigate.config import Settings

FUNCTIONS = Path("functions")
ENDPOINTS = {
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://127.0.0.1:4599",
    "AWS_ENDPOINT_URL_API_GATEWAY": "http://127.0.0.1:4599",
}


def settings(host: str = "127.0.0.1", public_url: str | None = None) -> Settings:
    return Settings(
        host=host, port=4599, region="eu-west-1", functions=FUNCTIONS, public_url=public_url
    )


def test_without_functions_nothing_is_set(tmp_path: Path) -> None:
    assert function_environment(Settings(), {}, tmp_path) == {}


def test_bare_environment_gets_endpoints_region_and_dummy_credentials(tmp_path: Path) -> None:
    added = function_environment(settings(), {}, tmp_path)

    assert added == {
        **ENDPOINTS,
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "cognigate",
        "AWS_SECRET_ACCESS_KEY": "cognigate",
    }


def test_endpoint_is_the_local_address_even_with_a_public_url(tmp_path: Path) -> None:
    added = function_environment(
        settings(host="0.0.0.0", public_url="https://id.example.com"),  # noqa: S104 - a setting
        {},
        tmp_path,
    )

    assert added["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] == "http://127.0.0.1:4599"


def test_variables_the_user_set_are_kept(tmp_path: Path) -> None:
    environ = {
        "AWS_ENDPOINT_URL_API_GATEWAY": "http://elsewhere:1234",
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_ACCESS_KEY_ID": "AKIDUSER",
        "AWS_SECRET_ACCESS_KEY": "user-secret",
    }

    added = function_environment(settings(), environ, tmp_path)

    assert added == {
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://127.0.0.1:4599",
    }


@pytest.mark.parametrize("configured", ["profile variable", "credentials file", "config file"])
def test_configured_credentials_get_no_dummy_ones(tmp_path: Path, configured: str) -> None:
    environ: dict[str, str] = {}
    if configured == "profile variable":
        environ["AWS_PROFILE"] = "dev"
    else:
        name = "credentials" if configured == "credentials file" else "config"
        (tmp_path / ".aws").mkdir()
        (tmp_path / ".aws" / name).write_text("[default]\n")

    added = function_environment(settings(), environ, tmp_path)

    assert "AWS_ACCESS_KEY_ID" not in added
    assert "AWS_SECRET_ACCESS_KEY" not in added
