"""Sign-up, confirmation and password reset through the hosted pages (codes from the outbox)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.e2e.oauth.conftest import NEW_PASSWORD, TIMEOUT, HostedPool, form_of, sign_in

CODE_REDIRECT = "http://localhost:8000/callback"
PASSWORD_CHANGED = "Your password has been changed."


def _latest_code(hosted: HostedPool, username: str) -> str:
    answer = httpx.get(
        timeout=TIMEOUT,
        url=f"{hosted.server.url}/_cognigate/outbox",
        params={"userPoolId": hosted.pool_id, "username": username},
    )
    codes = [m["code"] for m in answer.json()["messages"] if m.get("code")]
    assert codes, answer.text
    return str(codes[0])


def _submit(browser: httpx.Client, page: httpx.Response, **fields: str) -> httpx.Response:
    action, csrf = form_of(page)
    return browser.post(action, data={"_csrf": csrf, **fields})


def _url(hosted: HostedPool, page: str, **params: str) -> str:
    client_id = hosted.client("code")["ClientId"]
    return hosted.authorize_url(client_id, page=page, redirect_uri=CODE_REDIRECT, **params)


def _sign_up(browser: httpx.Client, hosted: HostedPool, username: str) -> httpx.Response:
    """Sign up through the page; the confirmation page it leads to."""
    signup = browser.get(_url(hosted, "signup", state="s-1"))
    assert 'name="requiredAttributes[email]"' in signup.text
    posted = _submit(
        browser, signup, username=username, password=NEW_PASSWORD,
        **{"requiredAttributes[email]": f"{username}@example.com"},
    )  # fmt: skip
    assert posted.status_code == 302, posted.text
    return browser.get(posted.headers["location"])


def test_confirming_a_sign_up_returns_to_the_app_signed_in(
    hosted: HostedPool, unique_name: Any
) -> None:
    username = unique_name("newbie")
    with httpx.Client(timeout=TIMEOUT, base_url=hosted.server.url) as browser:
        confirm = _sign_up(browser, hosted, username)

        confirmed = _submit(
            browser, confirm, username=username, code=_latest_code(hosted, username)
        )
        again = browser.get(_url(hosted, "login"))

    assert confirmed.status_code == 302, confirmed.text
    location = urlsplit(confirmed.headers["location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == CODE_REDIRECT
    assert query["state"] == ["s-1"]
    assert list(query) == ["code", "state"]
    assert again.status_code == 302  # the sign-in started a single sign-on session
    assert again.headers["location"].startswith(CODE_REDIRECT + "?code=")


def test_confirming_in_another_browser_leads_to_the_sign_in_page(
    hosted: HostedPool, unique_name: Any
) -> None:
    username = unique_name("elsewhere")
    with httpx.Client(timeout=TIMEOUT, base_url=hosted.server.url) as browser:
        _sign_up(browser, hosted, username)
    with httpx.Client(timeout=TIMEOUT, base_url=hosted.server.url) as other:
        confirm = other.get(_url(hosted, "confirm", username=username))

        confirmed = _submit(other, confirm, username=username, code=_latest_code(hosted, username))
        answer = sign_in(other, _url(hosted, "login"), username, NEW_PASSWORD)

    assert confirmed.status_code == 302, confirmed.text
    assert urlsplit(confirmed.headers["location"]).path == f"/auth/{hosted.domain}/login"
    assert answer.headers["location"].startswith(CODE_REDIRECT + "?code=")


def test_sign_up_with_weak_password_shows_the_policy_error(
    hosted: HostedPool, unique_name: Any
) -> None:
    username = unique_name("weak")
    with httpx.Client(timeout=TIMEOUT) as browser:
        signup = browser.get(_url(hosted, "signup"))
        posted = _submit(
            browser, signup, username=username, password="short",
            **{"requiredAttributes[email]": f"{username}@example.com"},
        )  # fmt: skip

    assert posted.status_code == 400
    assert "Password did not conform with policy" in posted.text


def test_forgot_password_then_reset_then_sign_in(hosted: HostedPool, unique_name: Any) -> None:
    username = hosted.user(unique_name("forgetful"), email="forgetful@example.com")
    hosted.cognito.admin_update_user_attributes(
        UserPoolId=hosted.pool_id, Username=username,
        UserAttributes=[{"Name": "email_verified", "Value": "true"}],
    )  # fmt: skip
    renewed = "Br4nd-New-Pass!"
    with httpx.Client(timeout=TIMEOUT, base_url=hosted.server.url) as browser:
        forgot = browser.get(_url(hosted, "forgotPassword"))
        asked = _submit(browser, forgot, username=username)
        assert asked.status_code == 302, asked.text
        reset_page = browser.get(asked.headers["location"])
        reset = _submit(
            browser, reset_page, username=username, code=_latest_code(hosted, username),
            password=renewed, confirmPassword=renewed,
        )  # fmt: skip
        assert reset.status_code == 302, reset.text
        login = browser.get(reset.headers["location"])
        reloaded = browser.get(reset.headers["location"])
        answer = sign_in(browser, _url(hosted, "login"), username, renewed)

    assert urlsplit(reset.headers["location"]).path == f"/auth/{hosted.domain}/login"
    assert PASSWORD_CHANGED in login.text
    assert 'role="status"' in login.text
    assert PASSWORD_CHANGED not in reloaded.text  # shown once
    assert answer.status_code == 302
    assert answer.headers["location"].startswith(CODE_REDIRECT + "?code=")


def test_unconfirmed_user_signing_in_is_sent_to_the_confirm_page(
    hosted: HostedPool, unique_name: Any
) -> None:
    client_id = hosted.client("lab")["ClientId"]
    username = unique_name("pending")
    hosted.cognito.sign_up(
        ClientId=client_id, Username=username, Password=NEW_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )  # fmt: skip
    url = hosted.authorize_url(client_id, page="login", response_type="token")

    with httpx.Client(timeout=TIMEOUT) as browser:
        answer = sign_in(browser, url, username, NEW_PASSWORD)

    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    assert location.path == f"/auth/{hosted.domain}/confirm"
    assert parse_qs(location.query)["username"] == [username]
