"""CSP ``form-action`` across pool federation: pool B's sign-in form may lead, through A's
``/oauth2/idpresponse``, to A's app, and A answers that browser with AWS's 302."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.e2e.oauth.conftest import CALLBACK, TIMEOUT
from tests.e2e.oauth.federation_support import Federation, build, follow, idp_callback
from tests.support import Server


@pytest.fixture(scope="module")
def fed(server: Server) -> Iterator[Federation]:
    yield from build(server)


def _form_action(response: httpx.Response) -> list[str]:
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    return directives["form-action"].split()


def test_provider_pool_sign_in_page_allows_the_federating_app_origins(fed: Federation) -> None:
    with httpx.Client(timeout=TIMEOUT) as http:
        page_b = follow(http, http.get(fed.authorize_url()))

    assert f"/auth/{fed.domain_b}/login" in str(page_b.url)
    own = fed.server.url.rstrip("/")  # B's client returns to A's idpresponse on this server
    assert _form_action(page_b) == ["'self'", own, "http://localhost:8000", "https://example.com"]


def test_idp_response_answers_a_browser_with_a_redirect_to_the_app(
    fed: Federation, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("nav")
    fed.user_b(name, "nav@example.com")
    with httpx.Client(timeout=TIMEOUT) as http:
        back_at_a = idp_callback(fed, http, name)

        answer = http.get(back_at_a, headers={"sec-fetch-mode": "navigate"})

    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(CALLBACK + "?code=")
