"""Refusals of the authorization and token endpoints: what is redirected, what never is."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.e2e.oauth.conftest import CALLBACK, NEW_PASSWORD, TIMEOUT, HostedPool, sign_in

CODE_REDIRECT = "http://localhost:8000/callback"


def _query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def _code(hosted: HostedPool, user: str, challenge: str | None = None) -> str:
    client = hosted.client("code")
    extra = {"code_challenge": challenge, "code_challenge_method": "S256"} if challenge else {}
    url = hosted.authorize_url(client["ClientId"], redirect_uri=CODE_REDIRECT, **extra)
    with httpx.Client(timeout=TIMEOUT) as browser:
        answer = sign_in(browser, url, user, NEW_PASSWORD)
    assert answer.status_code == 302, answer.text
    return _query(answer.headers["location"])["code"]


def _exchange(hosted: HostedPool, code: str, **form: str) -> httpx.Response:
    client = hosted.client("code")
    body = {"grant_type": "authorization_code", "code": code, "redirect_uri": CODE_REDIRECT,
            **form}  # fmt: skip
    return httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/token",
        data=body,
        auth=(client["ClientId"], client["ClientSecret"]),
    )


def test_unregistered_redirect_uri_goes_to_error_page_never_to_the_uri(hosted: HostedPool) -> None:
    client_id = hosted.client("lab")["ClientId"]
    url = hosted.authorize_url(
        client_id, response_type="token", redirect_uri="https://evil.example/cb", state="s1"
    )

    answer = httpx.get(timeout=TIMEOUT, url=url)
    page = httpx.get(timeout=TIMEOUT, url=str(answer.url.join(answer.headers["location"])))

    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(f"/auth/{hosted.domain}/error?error=redirect_mismatch")
    assert "evil.example" not in location
    assert page.status_code == 400
    assert "An error was encountered with the requested page." in page.text


def test_unknown_client_goes_to_error_page(hosted: HostedPool) -> None:
    answer = httpx.get(timeout=TIMEOUT, url=hosted.authorize_url("nosuchclient0000000000000"))

    assert answer.status_code == 302
    assert "/error?error=redirect_mismatch" in answer.headers["location"]


def test_response_type_not_allowed_is_redirected_as_unauthorized_client(
    hosted: HostedPool,
) -> None:
    client_id = hosted.client("lab")["ClientId"]  # implicit only
    url = hosted.authorize_url(client_id, response_type="code", state="xyz")

    answer = httpx.get(timeout=TIMEOUT, url=url)

    assert answer.status_code == 302
    assert answer.headers["location"].startswith(CALLBACK + "?")
    assert _query(answer.headers["location"]) == {
        "error": "unauthorized_client",
        "error_description": "Client is not allowed to use this response_type",
        "state": "xyz",
    }


def test_plain_pkce_method_is_redirected_as_invalid_request(hosted: HostedPool) -> None:
    client_id = hosted.client("code")["ClientId"]
    url = hosted.authorize_url(
        client_id, redirect_uri=CODE_REDIRECT, code_challenge="abc", code_challenge_method="plain"
    )

    answer = httpx.get(timeout=TIMEOUT, url=url)

    assert _query(answer.headers["location"])["error"] == "invalid_request"


def test_reused_code_is_invalid_grant_and_revokes_the_first_refresh_token(
    hosted: HostedPool, unique_name: Any
) -> None:
    user = hosted.user(unique_name("reuse"), email="reuse@example.com")
    code = _code(hosted, user)
    first = _exchange(hosted, code)
    assert first.status_code == 200, first.text

    second = _exchange(hosted, code)
    refresh = httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
        auth=(hosted.client("code")["ClientId"], hosted.client("code")["ClientSecret"]),
    )

    assert second.status_code == 400
    assert second.json()["error"] == "invalid_grant"
    assert refresh.json()["error"] == "invalid_grant"


def test_wrong_pkce_verifier_is_invalid_grant(hosted: HostedPool, unique_name: Any) -> None:
    user = hosted.user(unique_name("pkce"), email="pkce@example.com")
    _verifier, challenge = _pkce()
    code = _code(hosted, user, challenge)

    answer = _exchange(hosted, code, code_verifier=secrets.token_urlsafe(48))

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_right_pkce_verifier_gets_tokens(hosted: HostedPool, unique_name: Any) -> None:
    user = hosted.user(unique_name("pkceok"), email="pkceok@example.com")
    verifier, challenge = _pkce()
    code = _code(hosted, user, challenge)

    answer = _exchange(hosted, code, code_verifier=verifier)

    assert answer.status_code == 200
    assert list(answer.json()) == [
        "access_token", "id_token", "refresh_token", "token_type", "expires_in"
    ]  # fmt: skip
    assert answer.headers["cache-control"] == "no-store"


def test_wrong_client_secret_is_invalid_client(hosted: HostedPool, unique_name: Any) -> None:
    user = hosted.user(unique_name("secret"), email="secret@example.com")
    code = _code(hosted, user)
    client_id = hosted.client("code")["ClientId"]

    answer = httpx.post(timeout=TIMEOUT, url=
        f"{hosted.base}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CODE_REDIRECT,
              "client_id": client_id, "client_secret": "not-the-secret"},
    )  # fmt: skip

    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_client"}


def test_redirect_uri_differing_from_authorize_is_invalid_grant(
    hosted: HostedPool, unique_name: Any
) -> None:
    user = hosted.user(unique_name("redir"), email="redir@example.com")
    code = _code(hosted, user)

    answer = _exchange(hosted, code, redirect_uri=CALLBACK)

    assert answer.json()["error"] == "invalid_grant"


def test_unknown_grant_type_is_unsupported(hosted: HostedPool) -> None:
    client = hosted.client("code")

    answer = httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/token",
        data={"grant_type": "password", "username": "x", "password": "y"},
        auth=(client["ClientId"], client["ClientSecret"]),
    )

    assert answer.json()["error"] == "unsupported_grant_type"


def test_user_info_without_token_is_refused(hosted: HostedPool) -> None:
    answer = httpx.get(timeout=TIMEOUT, url=f"{hosted.base}/oauth2/userInfo")

    assert answer.status_code == 400
    assert answer.headers["www-authenticate"].startswith('error="invalid_request"')


def test_revoking_an_access_token_is_unsupported_token_type(hosted: HostedPool) -> None:
    client = hosted.client("code")

    answer = httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/revoke",
        data={"token": "a.b.c"},
        auth=(client["ClientId"], client["ClientSecret"]),
    )

    assert answer.json()["error"] == "unsupported_token_type"
