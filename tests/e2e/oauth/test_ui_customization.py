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
