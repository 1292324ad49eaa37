"""SetUICustomization / GetUICustomization through boto3, and the hosted UI applying them."""

from __future__ import annotations

import io

import httpx
import pytest
import segno
from botocore.exceptions import ClientError

from tests.e2e.oauth.conftest import TIMEOUT, HostedPool

CSS = ".background-customizable { background-color: #faf0e6; }"


def _png() -> bytes:
    buffer = io.BytesIO()
    segno.make("cognigate").save(buffer, kind="png", scale=2)
    return buffer.getvalue()


def test_pool_customization_round_trips_and_reaches_the_sign_in_page(hosted: HostedPool) -> None:
    client_id = hosted.client("lab")["ClientId"]
    logo = _png()

    hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, CSS=CSS, ImageFile=logo)
    got = hosted.cognito.get_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id)
    page = httpx.get(
        timeout=TIMEOUT, url=hosted.authorize_url(client_id, page="login", response_type="token")
    )

    custom = got["UICustomization"]
    assert custom["CSS"] == CSS
    assert custom["ClientId"] == "ALL"
    assert custom["ImageUrl"].startswith(f"{hosted.base}/ui/logo")
    assert f'href="/auth/{hosted.domain}/ui/custom.css?client_id={client_id}"' in page.text
    css = httpx.get(
        timeout=TIMEOUT, url=f"{hosted.base}/ui/custom.css", params={"client_id": client_id}
    )
    image = httpx.get(timeout=TIMEOUT, url=custom["ImageUrl"])
    assert css.text == CSS
    assert css.headers["content-type"].startswith("text/css")
    assert image.content == logo
    assert image.headers["content-type"] == "image/png"


def test_client_customization_overrides_the_pool_one(hosted: HostedPool) -> None:
    client_id = hosted.client("code")["ClientId"]
    hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, CSS=CSS)

    hosted.cognito.set_ui_customization(
        UserPoolId=hosted.pool_id, ClientId=client_id, CSS=".label-customizable { color: red; }"
    )
    got = hosted.cognito.get_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id)

    assert got["UICustomization"]["ClientId"] == client_id
    assert got["UICustomization"]["CSS"] == ".label-customizable { color: red; }"


def test_image_that_is_not_png_or_jpeg_is_refused(hosted: HostedPool) -> None:
    with pytest.raises(ClientError) as excinfo:
        hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, ImageFile=b"GIF89a....")

    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"


@pytest.mark.parametrize(
    "css",
    [
        "body { color: red; }",
        ".label-customizable, h1 { color: red; }",
        ".label-customizable .logo-customizable { color: red; }",
        ".customizable { color: red; }",
        "@import url(https://example.com/x.css);",
        "@media (max-width: 10px) { .label-customizable { color: red; } }",
        ".label-customizable { background: url(javascript:alert(1)); }",
        ".label-customizable { color: red; ",
    ],
)
def test_css_outside_the_customizable_classes_is_refused_and_not_stored(
    hosted: HostedPool, css: str
) -> None:
    client_id = hosted.client("code:css-refused")["ClientId"]
    hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id, CSS=CSS)

    with pytest.raises(ClientError) as excinfo:
        hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id, CSS=css)

    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"
    got = hosted.cognito.get_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id)
    assert got["UICustomization"]["CSS"] == CSS


def test_css_using_every_documented_class_is_accepted(hosted: HostedPool) -> None:
    client_id = hosted.client("code:css-all")["ClientId"]
    css = "\n".join(f"{selector} {{ color: #123456; }} /* {selector} */" for selector in (
        ".background-customizable", ".banner-customizable", ".errorMessage-customizable",
        ".idpButton-customizable", ".idpButton-customizable:hover",
        ".idpDescription-customizable", ".inputField-customizable",
        ".inputField-customizable:focus", ".label-customizable", ".legalText-customizable",
        ".logo-customizable", ".passwordCheck-valid-customizable",
        ".passwordCheck-notValid-customizable", ".redirect-customizable",
        ".socialButton-customizable", ".submitButton-customizable",
        ".submitButton-customizable:hover", ".textDescription-customizable",
    ))  # fmt: skip

    hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id, CSS=css)

    got = hosted.cognito.get_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id)
    assert got["UICustomization"]["CSS"] == css


def test_css_only_update_replaces_the_logo_as_well(hosted: HostedPool) -> None:
    # AWS documents that CSS and logo cannot be set separately: each call sets both.
    client_id = hosted.client("code:css-only")["ClientId"]
    hosted.cognito.set_ui_customization(
        UserPoolId=hosted.pool_id, ClientId=client_id, CSS=CSS, ImageFile=_png()
    )

    hosted.cognito.set_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id, CSS=CSS)

    got = hosted.cognito.get_ui_customization(UserPoolId=hosted.pool_id, ClientId=client_id)
    page = httpx.get(timeout=TIMEOUT, url=hosted.authorize_url(client_id, page="login"))
    assert "ImageUrl" not in got["UICustomization"]
    assert "logo-customizable" not in page.text
