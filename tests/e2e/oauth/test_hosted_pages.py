"""Hosted pages over plain HTTP: CSRF, escaping, headers, single sign-on, logout, Host form."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.e2e.oauth.conftest import (
    CALLBACK,
    LAB_PASSWORD,
    NEW_PASSWORD,
    TIMEOUT,
    HostedPool,
    form_of,
    sign_in,
)

CODE_REDIRECT = "http://localhost:8000/callback"


def _login_url(hosted: HostedPool) -> str:
    client_id = hosted.client("lab")["ClientId"]
    return hosted.authorize_url(client_id, page="login", response_type="token", scope="openid")


def test_sign_in_page_has_security_headers_and_csrf_cookie(hosted: HostedPool) -> None:
    page = httpx.get(timeout=TIMEOUT, url=_login_url(hosted))

    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("XSRF-TOKEN=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_sign_in_form_uses_cognito_field_names(hosted: HostedPool) -> None:
    page = httpx.get(timeout=TIMEOUT, url=_login_url(hosted))

    for fragment in ('name="_csrf"', 'id="signInFormUsername"', 'name="username"',
                     'id="signInFormPassword"', 'name="password"', 'name="signInSubmitButton"',
                     '<label for="signInFormUsername"'):  # fmt: skip
        assert fragment in page.text


def test_form_post_without_csrf_token_is_rejected(hosted: HostedPool) -> None:
    with httpx.Client(timeout=TIMEOUT) as browser:
        page = browser.get(_login_url(hosted))
        action, _csrf = form_of(page)
        answer = browser.post(action, data={"username": "x", "password": "y"})

    assert answer.status_code == 403
    assert "An error was encountered" in answer.text


def test_csrf_token_from_another_browser_is_rejected(hosted: HostedPool) -> None:
    with httpx.Client(timeout=TIMEOUT) as other:
        _, stolen = form_of(other.get(_login_url(hosted)))
    with httpx.Client(timeout=TIMEOUT) as browser:
        action, _ = form_of(browser.get(_login_url(hosted)))
        answer = browser.post(action, data={"_csrf": stolen, "username": "x", "password": "y"})

    assert answer.status_code == 403


def test_username_with_script_tag_is_shown_escaped(hosted: HostedPool) -> None:
    with httpx.Client(timeout=TIMEOUT) as browser:
        answer = sign_in(browser, _login_url(hosted), "<script>alert(1)</script>", "Wrong-1a!")

    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert "Incorrect username or password." in answer.text


def test_second_authorize_within_the_session_skips_the_form(
    hosted: HostedPool, unique_name: Any
) -> None:
    user = hosted.user(unique_name("sso"), email="sso@example.com")
    client_id = hosted.client("code")["ClientId"]
    url = hosted.authorize_url(client_id, redirect_uri=CODE_REDIRECT, state="again")
    with httpx.Client(timeout=TIMEOUT) as browser:
        first = sign_in(browser, url, user, NEW_PASSWORD)
        second = browser.get(url)

    assert first.status_code == 302
    assert "HttpOnly" in first.headers["set-cookie"]
    assert second.status_code == 302
    query = parse_qs(urlsplit(second.headers["location"]).query)
    assert query["state"] == ["again"]
    assert "code" in query


def test_logout_to_registered_uri_ends_the_session(hosted: HostedPool, unique_name: Any) -> None:
    user = hosted.user(unique_name("bye"), email="bye@example.com")
    client_id = hosted.client("code")["ClientId"]
    url = hosted.authorize_url(client_id, redirect_uri=CODE_REDIRECT)
    with httpx.Client(timeout=TIMEOUT) as browser:
        sign_in(browser, url, user, NEW_PASSWORD)
        bye = browser.get(
            f"{hosted.base}/logout",
            params={"client_id": client_id, "logout_uri": "http://localhost:8000/bye"},
        )
        again = browser.get(url)

    assert bye.status_code == 302
    assert bye.headers["location"] == "http://localhost:8000/bye"
    assert again.status_code == 302
    assert "/login?" in again.headers["location"]


def test_logout_with_unregistered_logout_uri_shows_the_error_page(hosted: HostedPool) -> None:
    client_id = hosted.client("code")["ClientId"]

    answer = httpx.get(
        timeout=TIMEOUT,
        url=f"{hosted.base}/logout",
        params={"client_id": client_id, "logout_uri": "https://evil.example/"},
    )

    assert answer.status_code == 302
    assert "/error?error=redirect_mismatch" in answer.headers["location"]


def test_logout_with_redirect_uri_goes_back_to_sign_in(hosted: HostedPool) -> None:
    client_id = hosted.client("lab")["ClientId"]

    answer = httpx.get(
        timeout=TIMEOUT,
        url=f"{hosted.base}/logout",
        params={"client_id": client_id, "redirect_uri": CALLBACK, "response_type": "token"},
    )

    assert answer.status_code == 302
    assert answer.headers["location"].startswith(f"/auth/{hosted.domain}/login?client_id=")


@pytest.mark.parametrize("host", ["{d}.auth.localhost", "{d}.auth.us-west-2.amazoncognito.com"])
def test_hosted_ui_is_served_for_the_domain_host_name(hosted: HostedPool, host: str) -> None:
    client_id = hosted.client("lab")["ClientId"]
    name = host.format(d=hosted.domain)

    answer = httpx.get(
        timeout=TIMEOUT,
        url=f"{hosted.server.url}/oauth2/authorize",
        params={"client_id": client_id, "response_type": "token", "redirect_uri": CALLBACK},
        headers={"Host": f"{name}:{hosted.server.port}"},
    )

    assert answer.status_code == 302
    assert answer.headers["location"].startswith("/login?client_id=")


def test_claim_scope_without_openid_is_redirected_as_invalid_scope(hosted: HostedPool) -> None:
    client_id = hosted.client("lab")["ClientId"]
    url = hosted.authorize_url(client_id, response_type="token", scope="phone", state="st")

    answer = httpx.get(timeout=TIMEOUT, url=url)

    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == ["invalid_scope"]
    assert query["state"] == ["st"]


def test_prompt_login_asks_for_credentials_despite_the_session(
    hosted: HostedPool, unique_name: Any
) -> None:
    user = hosted.user(unique_name("prompt"), email="prompt@example.com")
    client_id = hosted.client("code")["ClientId"]
    url = hosted.authorize_url(client_id, redirect_uri=CODE_REDIRECT)
    with httpx.Client(timeout=TIMEOUT) as browser:
        sign_in(browser, url, user, NEW_PASSWORD)
        again = browser.get(url + "&prompt=login", follow_redirects=True)

    assert again.status_code == 200
    assert 'id="signInFormUsername"' in again.text


def test_cookies_are_secure_behind_an_https_proxy(hosted: HostedPool) -> None:
    page = httpx.get(
        timeout=TIMEOUT, url=_login_url(hosted), headers={"X-Forwarded-Proto": "https"}
    )

    assert "Secure" in page.headers["set-cookie"]


def test_change_password_page_carries_the_username(hosted: HostedPool, unique_name: Any) -> None:
    username = hosted.user(unique_name("first"), email="first@example.com", temporary=True)

    with httpx.Client(timeout=TIMEOUT) as browser:
        page = sign_in(browser, _login_url(hosted), username, LAB_PASSWORD)

    assert page.status_code == 200, page.text
    assert "Change Password" in page.text
    assert f'<input type="hidden" name="username" value="{username}">' in page.text


def test_form_action_allows_the_client_callback_and_logout_origins(hosted: HostedPool) -> None:
    client_id = hosted.client("code")["ClientId"]

    page = httpx.get(timeout=TIMEOUT, url=hosted.authorize_url(client_id, page="login"))

    directives = dict(
        d.strip().split(" ", 1) for d in page.headers["content-security-policy"].split(";")
    )
    assert directives["form-action"].split() == [
        "'self'", "http://localhost:8000", "https://example.com"
    ]  # fmt: skip
